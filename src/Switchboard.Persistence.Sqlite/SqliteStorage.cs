using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Switchboard.Persistence.Sqlite;

/// <summary>SQLite, the embedded default: one file, nothing to install.</summary>
public static class SqliteStorage
{
    /// <summary>Uses SQLite with this project's migrations, in write-ahead-log mode with full synchronous commits, so an
    /// acknowledged event survives a crash of the process or the machine.</summary>
    public static DbContextOptionsBuilder UseSwitchboardSqlite(this DbContextOptionsBuilder options, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options
            .UseSqlite(connectionString, sqlite => sqlite.MigrationsAssembly(typeof(SqliteStorage).Assembly.GetName().Name))
            .AddInterceptors(DurableConnection.Instance);
    }

    /// <summary>Sets the durability pragmas on every connection as it opens (synchronous is per connection; WAL sticks to
    /// the file, but setting it again is free).</summary>
    private sealed class DurableConnection : DbConnectionInterceptor
    {
        public static DurableConnection Instance { get; } = new();

        private const string Pragmas = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA busy_timeout=30000; PRAGMA foreign_keys=ON;";

        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Run(connection);

        public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            Run(connection);
            return Task.CompletedTask;
        }

        private static void Run(DbConnection connection)
        {
            using var command = connection.CreateCommand();
            command.CommandText = Pragmas;
            command.ExecuteNonQuery();
        }
    }
}

/// <summary>Lets <c>dotnet ef migrations add … --project src/Switchboard.Persistence.Sqlite</c> build the model.</summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<SwitchboardDb>
{
    public SwitchboardDb CreateDbContext(string[] args) =>
        new(Options("Data Source=design.db"));

    private static DbContextOptions<SwitchboardDb> Options(string connectionString)
    {
        var builder = new DbContextOptionsBuilder<SwitchboardDb>();
        builder.UseSwitchboardSqlite(connectionString);
        return builder.Options;
    }
}
