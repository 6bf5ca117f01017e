using Npgsql;

namespace Switchboard.Tests.Server;

/// <summary>
/// The databases server tests run on: SQLite always; PostgreSQL too when <c>SWITCHBOARD_TEST_POSTGRES</c> holds a
/// connection string to a database whose role may create databases (<c>.ci/run</c> sets it). Each test gets a
/// database of its own, dropped afterwards.
/// </summary>
public static class TestDatabase
{
    public const string Sqlite = "sqlite";
    public const string Postgres = "postgres";

    public static string? PostgresConnection => Environment.GetEnvironmentVariable("SWITCHBOARD_TEST_POSTGRES") is { Length: > 0 } value ? value : null;

    /// <summary>Theory data: the providers available here.</summary>
    public static TheoryData<string> Providers
    {
        get
        {
            var data = new TheoryData<string> { Sqlite };
            if (PostgresConnection is not null)
            {
                data.Add(Postgres);
            }

            return data;
        }
    }

    /// <summary>Creates a fresh, empty database; returns the settings that point the server at it and how to drop it.</summary>
    public static async Task<(string[] Settings, Func<Task> Drop)> CreateAsync(string provider, string folder)
    {
        if (provider == Sqlite)
        {
            return (["--Switchboard:DataFolder=" + folder], () => Task.CompletedTask);
        }

        var admin = PostgresConnection ?? throw new InvalidOperationException("SWITCHBOARD_TEST_POSTGRES is not set.");
        var name = "sb_test_" + Guid.NewGuid().ToString("N")[..16];
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync();
        }

        var target = new NpgsqlConnectionStringBuilder(admin) { Database = name }.ToString();
        return (["--Switchboard:DataFolder=" + folder, "--Switchboard:Database:Provider=Postgres", "--Switchboard:Database:ConnectionString=" + target], async () =>
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(admin);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
            // FORCE may not end an autovacuum worker that has just started on the new database unless the role holds
            // pg_signal_backend (.ci/run grants it); the worker finishes quickly, so try again a few times first.
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await drop.ExecuteNonQueryAsync();
                    return;
                }
                catch (PostgresException denied) when (denied.SqlState == PostgresErrorCodes.InsufficientPrivilege && attempt < 10)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt));
                }
            }
        });
    }

    /// <summary>The command line's options (<c>--data</c>, <c>--database</c>, <c>--connection-string</c>) for a test database's settings.</summary>
    public static string[] CommandLineOptions(string[] settings) => [.. settings.SelectMany(setting => setting.Split('=', 2) switch
    {
        ["--Switchboard:DataFolder", var value] => new[] { "--data", value },
        ["--Switchboard:Database:Provider", var value] => ["--database", value.ToLowerInvariant()],
        ["--Switchboard:Database:ConnectionString", var value] => ["--connection-string", value],
        _ => throw new InvalidOperationException("Unexpected setting " + setting),
    })];
}
