using Microsoft.Data.Sqlite;
using Switchboard.Persistence.Rows;

namespace Switchboard.Tests.Persistence;

/// <summary>
/// The row-by-row appender keeps each connection's prepared statement between batches; a statement finalized when its
/// connection closed must be prepared again, and two connections must never share one.
/// </summary>
public sealed class TableAppenderTests : IDisposable
{
    private sealed record Reading(string Meter, long Value);

    private static readonly TableAppender<Reading> Readings = new("readings",
        [Column<Reading>.Text("meter", r => r.Meter), Column<Reading>.Int64("value", r => r.Value)],
        ("meter", ["value"]));

    private readonly string folder = Directory.CreateTempSubdirectory("switchboard-appender-").FullName;

    private string ConnectionString => new SqliteConnectionStringBuilder { DataSource = Path.Combine(folder, "rows.db"), Pooling = false }.ToString();

    [Fact]
    public async Task AppendRows_AcrossBatchesAReopenedConnectionAndASecondOne_StoresEveryRow()
    {
        await using var first = await OpenAsync("CREATE TABLE readings (meter TEXT PRIMARY KEY, value INTEGER NOT NULL)");
        await using var second = await OpenAsync();

        await AppendAsync(first, new Reading("a", 1), new Reading("b", 2));
        await AppendAsync(first, new Reading("c", 3));
        await first.CloseAsync();
        await first.OpenAsync(TestContext.Current.CancellationToken);
        await AppendAsync(first, new Reading("a", 10), new Reading("d", 4));
        await AppendAsync(second, new Reading("e", 5));

        Assert.Equal("a=10 b=2 c=3 d=4 e=5", await ReadAllAsync(second));
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private async Task<SqliteConnection> OpenAsync(string? schema = null)
    {
        var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        if (schema is not null)
        {
            await using var create = new SqliteCommand(schema, connection);
            await create.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }

        return connection;
    }

    private static async Task AppendAsync(SqliteConnection connection, params Reading[] rows)
    {
        await using var transaction = await connection.BeginTransactionAsync(TestContext.Current.CancellationToken);
        await Readings.AppendRowsAsync(connection, transaction, rows, TestContext.Current.CancellationToken);
        await transaction.CommitAsync(TestContext.Current.CancellationToken);
    }

    private static async Task<string> ReadAllAsync(SqliteConnection connection)
    {
        await using var query = new SqliteCommand("SELECT meter, value FROM readings ORDER BY meter", connection);
        await using var reader = await query.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        var rows = new List<string>();
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            rows.Add($"{reader.GetString(0)}={reader.GetInt64(1)}");
        }

        return string.Join(' ', rows);
    }
}
