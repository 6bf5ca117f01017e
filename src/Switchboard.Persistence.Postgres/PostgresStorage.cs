using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Switchboard.Persistence.Postgres;

/// <summary>PostgreSQL, for production. Commits are synchronous (the server default, which the server never lowers),
/// so an acknowledged event is on disk.</summary>
public static class PostgresStorage
{
    public static DbContextOptionsBuilder UseSwitchboardPostgres(this DbContextOptionsBuilder options, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.UseNpgsql(connectionString, npgsql => npgsql.MigrationsAssembly(typeof(PostgresStorage).Assembly.GetName().Name));
    }
}

/// <summary>Lets <c>dotnet ef migrations add … --project src/Switchboard.Persistence.Postgres</c> build the model
/// (no connection is opened to add a migration).</summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<SwitchboardDb>
{
    public SwitchboardDb CreateDbContext(string[] args) =>
        new(Options("Host=localhost;Database=switchboard;Username=switchboard"));

    private static DbContextOptions<SwitchboardDb> Options(string connectionString)
    {
        var builder = new DbContextOptionsBuilder<SwitchboardDb>();
        builder.UseSwitchboardPostgres(connectionString);
        return builder.Options;
    }
}
