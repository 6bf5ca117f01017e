using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Switchboard.Persistence;
using Switchboard.Persistence.Chat;
using Switchboard.Persistence.Events;
using Switchboard.Persistence.Rows;
using Switchboard.Persistence.Postgres;
using Switchboard.Persistence.Sqlite;

namespace Switchboard.Server.Hosting;

/// <summary>Chooses the database provider and brings the schema up to date on start.</summary>
internal static class Storage
{
    public static IServiceCollection AddSwitchboardStorage(this IServiceCollection services, ServerSettings settings)
    {
        var (provider, connectionString) = Resolve(settings);
        services.AddDbContextFactory<SwitchboardDb>(options =>
        {
            if (provider == DatabaseProvider.Postgres)
            {
                options.UseSwitchboardPostgres(connectionString);
            }
            else
            {
                options.UseSwitchboardSqlite(connectionString);
            }
        });
        var strategy = provider == DatabaseProvider.Sqlite ? AppendStrategy.PreparedRows : AppendStrategy.ColumnArrays;
        services.AddSingleton(new EventAppender(strategy));
        services.AddSingleton(new ChatAppender(strategy));
        return services;
    }

    /// <summary>The provider and its connection string; for SQLite without one, a file in the data folder (created).</summary>
    public static (DatabaseProvider Provider, string ConnectionString) Resolve(ServerSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var database = settings.Database;
        if (database.Provider == DatabaseProvider.Postgres)
        {
            if (string.IsNullOrWhiteSpace(database.ConnectionString))
            {
                throw new InvalidOperationException(
                    "The PostgreSQL provider needs a connection string: set Switchboard__Database__ConnectionString (or --connection-string).");
            }

            return (DatabaseProvider.Postgres, database.ConnectionString);
        }

        if (!string.IsNullOrWhiteSpace(database.ConnectionString))
        {
            return (DatabaseProvider.Sqlite, database.ConnectionString);
        }

        Directory.CreateDirectory(settings.DataFolder);
        var file = Path.GetFullPath(Path.Combine(settings.DataFolder, "switchboard.db"));
        return (DatabaseProvider.Sqlite, new SqliteConnectionStringBuilder { DataSource = file, Pooling = true }.ToString());
    }

    /// <summary>Creates the database if needed and applies the provider's pending migrations.</summary>
    public static async Task MigrateAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var factory = services.GetRequiredService<IDbContextFactory<SwitchboardDb>>();
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await db.Database.MigrateAsync(cancellationToken).ConfigureAwait(false);
    }
}
