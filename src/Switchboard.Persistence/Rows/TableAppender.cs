using System.Data.Common;
using System.Runtime.CompilerServices;
using System.Text;

namespace Switchboard.Persistence.Rows;

/// <summary>
/// Writes many rows of one table inside the caller's transaction, without change tracking: the hot paths (the routing
/// writer's events and contact rows, chat messages) store hundreds of rows a second, where EF Core's per-entity cost
/// came to more than the database's. The SQL is the same on SQLite and PostgreSQL (snake_case names, <c>ON CONFLICT …
/// DO UPDATE</c>); how rows travel differs (<see cref="AppendStrategy"/>). Values are converted as the EF Core model
/// stores them (instants as UTC ticks, Guids as upper-case text on SQLite), so EF Core reads the rows back as its own.
/// </summary>
internal sealed class TableAppender<T>
{
    private readonly Column<T>[] columns;
    private readonly string rowSql;
    private readonly string arraySql;

    /// <summary>Each connection's prepared single-row statement (<see cref="AppendRowsAsync"/>); a closed and collected
    /// connection takes its entry with it.</summary>
    private readonly ConditionalWeakTable<DbConnection, DbCommand> prepared = [];

    /// <param name="table">The table's name.</param>
    /// <param name="columns">The columns written, in order.</param>
    /// <param name="upsert">For an upsert: the conflict key column and the columns a conflicting row updates; null: plain insert.</param>
    public TableAppender(string table, Column<T>[] columns, (string Key, string[] Updated)? upsert = null)
    {
        ArgumentNullException.ThrowIfNull(columns);
        this.columns = columns;
        rowSql = Insert(table, columns, columnArrays: false, upsert);
        arraySql = Insert(table, columns, columnArrays: true, upsert);
    }

    /// <summary>Appends <paramref name="rows"/> one prepared single-row statement at a time (SQLite).</summary>
    public async Task AppendRowsAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<T> rows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            return;
        }

        // The statement is kept for the connection's lifetime: the routing writer and the chat store hold one connection
        // for good, and preparing (parsing and planning) the statement again for every batch was a measurable part of a
        // small batch's cost. Closing the connection finalizes the statement; executing the command prepares it again.
        if (!prepared.TryGetValue(connection, out var command))
        {
            command = connection.CreateCommand();
            command.CommandText = rowSql;
            for (var c = 0; c < columns.Length; c++)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = "@" + columns[c].Name;
                command.Parameters.Add(parameter);
            }

            command.Transaction = transaction;
            await command.PrepareAsync(cancellationToken).ConfigureAwait(false);
            prepared.AddOrUpdate(connection, command);
        }

        command.Transaction = transaction;
        foreach (var row in rows)
        {
            for (var c = 0; c < columns.Length; c++)
            {
                command.Parameters[c].Value = columns[c].Value(row) ?? DBNull.Value;
            }

            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>One statement appending all of <paramref name="rows"/>, each column as one array parameter (PostgreSQL's
    /// <c>unnest</c>), to run in <paramref name="batch"/>.</summary>
    public DbBatchCommand ColumnCommand(DbBatch batch, IReadOnlyList<T> rows)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var command = batch.CreateBatchCommand();
        command.CommandText = arraySql;
        foreach (var column in columns)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@" + column.Name;
            parameter.Value = column.Array(rows);
            command.Parameters.Add(parameter);
        }

        return command;
    }

    /// <summary>Appends <paramref name="rows"/> as <paramref name="strategy"/> says, in one statement or one per row.</summary>
    public async Task AppendAsync(AppendStrategy strategy, DbConnection connection, DbTransaction transaction, IReadOnlyList<T> rows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(rows);
        if (strategy == AppendStrategy.PreparedRows)
        {
            await AppendRowsAsync(connection, transaction, rows, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (rows.Count == 0)
        {
            return;
        }

        await using var batch = connection.CreateBatch();
        batch.Transaction = transaction;
        batch.BatchCommands.Add(ColumnCommand(batch, rows));
        await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static string Insert(string table, Column<T>[] columns, bool columnArrays, (string Key, string[] Updated)? upsert)
    {
        var sql = new StringBuilder("INSERT INTO ").Append(table).Append(" (").AppendJoin(", ", columns.Select(c => c.Name)).Append(") ");
        sql.Append(columnArrays ? "SELECT * FROM unnest(" : "VALUES (").AppendJoin(", ", columns.Select(c => "@" + c.Name)).Append(')');
        if (upsert is { } conflict)
        {
            sql.Append(" ON CONFLICT (").Append(conflict.Key).Append(") DO UPDATE SET ").AppendJoin(", ", conflict.Updated.Select(c => c + " = excluded." + c));
        }

        return sql.ToString();
    }
}

/// <summary>
/// One column of a row type: its name, its value for one row (row by row), and its values for many rows as one typed
/// array (column arrays; the array's element type decides the database type, so nullable columns use nullable elements).
/// </summary>
internal sealed record Column<T>(string Name, Func<T, object?> Value, Func<IReadOnlyList<T>, Array> Array)
{
    public static Column<T> Text(string name, Func<T, string?> value) => new(name, row => value(row), rows => Collect(rows, value));

    public static Column<T> Int64(string name, Func<T, long> value) => new(name, row => value(row), rows => Collect(rows, value));

    public static Column<T> OptionalInt64(string name, Func<T, long?> value) => new(name, row => value(row), rows => Collect(rows, value));

    public static Column<T> Int32(string name, Func<T, int> value) => new(name, row => value(row), rows => Collect(rows, value));

    public static Column<T> Boolean(string name, Func<T, bool> value) => new(name, row => value(row), rows => Collect(rows, value));

    /// <summary>A Guid: bound as a native uuid in arrays (PostgreSQL), as upper-case text row by row (SQLite stores it so, as EF Core does).</summary>
    public static Column<T> Uuid(string name, Func<T, Guid?> value) =>
        new(name, row => value(row)?.ToString().ToUpperInvariant(), rows => Collect(rows, value));

    private static TValue[] Collect<TValue>(IReadOnlyList<T> rows, Func<T, TValue> value)
    {
        var values = new TValue[rows.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = value(rows[i]);
        }

        return values;
    }
}

/// <summary>How a <see cref="TableAppender{T}"/> sends rows.</summary>
public enum AppendStrategy
{
    /// <summary>
    /// SQLite: one prepared single-row statement executed per row. There is no round trip to save in-process, and SQLite
    /// looks a named parameter up by a linear scan, so binding one statement of thousands of parameters costs quadratic
    /// time (it was the largest single cost of the server under load; see bench/README.md).
    /// </summary>
    PreparedRows,

    /// <summary>
    /// PostgreSQL: each column travels as one array parameter and <c>unnest</c> turns the arrays back into rows, so a
    /// batch of any size is one constant statement per table, both in one round trip. (Multi-row VALUES statements with
    /// thousands of parameters had to be parsed and planned afresh for every batch size.)
    /// </summary>
    ColumnArrays,
}
