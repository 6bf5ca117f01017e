using System.Globalization;
using Npgsql;

namespace Switchboard.Load;

/// <summary>
/// A fresh place for one run's data: a new data folder (SQLite's file lives there) and, for PostgreSQL, a new database
/// created for the run and dropped after it, so runs never see each other's events.
/// </summary>
internal sealed class LoadStorage : IAsyncDisposable
{
    private readonly LoadSettings settings;
    private readonly string? database;

    private LoadStorage(LoadSettings settings, string folder, string? database, string? connectionString)
    {
        this.settings = settings;
        this.database = database;
        Folder = folder;
        ConnectionString = connectionString;
    }

    public string Folder { get; }

    public string? ConnectionString { get; }

    /// <summary>The <c>serve</c> / <c>admin</c> options that point the server here.</summary>
    public IEnumerable<string> Arguments => ConnectionString is null
        ? ["--data", Folder]
        : ["--data", Folder, "--database", "postgres", "--connection-string", ConnectionString];

    public static async Task<LoadStorage> CreateAsync(LoadSettings settings)
    {
        var folder = Directory.CreateTempSubdirectory("switchboard-load-").FullName;
        if (!settings.IsPostgres)
        {
            return new LoadStorage(settings, folder, null, null);
        }

        var name = string.Create(CultureInfo.InvariantCulture, $"switchboard_load_{Environment.ProcessId}_{Environment.TickCount64 % 1_000_000}");
        await using (var admin = new NpgsqlConnection(settings.PostgresAdmin))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", admin);
            await create.ExecuteNonQueryAsync();
        }

        var connection = new NpgsqlConnectionStringBuilder(settings.PostgresAdmin) { Database = name }.ConnectionString;
        return new LoadStorage(settings, folder, name, connection);
    }

    /// <summary>Makes an administrator and an API token for them; returns the token's secret.</summary>
    public async Task<string> AdministratorTokenAsync()
    {
        const string Email = "load@switchboard.local";
        await ServerProcess.RunToEndAsync(settings, ["admin", "create-user", "--email", Email, "--password", "LoadGenerator2026", "--role", "administrator", .. Arguments],
            settings.Environment);
        var lines = await ServerProcess.RunToEndAsync(settings, ["admin", "create-token", "--email", Email, "--name", "load", .. Arguments], settings.Environment);
        return lines[^1];
    }

    public async ValueTask DisposeAsync()
    {
        if (database is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var admin = new NpgsqlConnection(settings.PostgresAdmin);
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }

        Directory.Delete(Folder, recursive: true);
    }
}
