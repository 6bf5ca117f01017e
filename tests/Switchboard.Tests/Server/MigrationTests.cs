using Microsoft.EntityFrameworkCore;
using Switchboard.Persistence;
using Switchboard.Persistence.Postgres;
using Switchboard.Persistence.Sqlite;

namespace Switchboard.Tests.Server;

/// <summary>Each provider's migrations describe the current model: a model change without a migration fails here.</summary>
public class MigrationTests
{
    [Fact]
    public void SqliteMigrations_HaveNoPendingModelChanges()
    {
        var options = new DbContextOptionsBuilder<SwitchboardDb>();
        options.UseSwitchboardSqlite("Data Source=:memory:");
        using var db = new SwitchboardDb(options.Options);

        Assert.False(db.Database.HasPendingModelChanges(), "Add a migration: dotnet ef migrations add NAME --project src/Switchboard.Persistence.Sqlite");
    }

    [Fact]
    public void PostgresMigrations_HaveNoPendingModelChanges()
    {
        var options = new DbContextOptionsBuilder<SwitchboardDb>();
        options.UseSwitchboardPostgres("Host=localhost;Database=none");
        using var db = new SwitchboardDb(options.Options);

        Assert.False(db.Database.HasPendingModelChanges(), "Add a migration: dotnet ef migrations add NAME --project src/Switchboard.Persistence.Postgres");
    }
}
