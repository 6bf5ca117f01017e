using Switchboard.Routing;

namespace Switchboard.Server.Hosting;

/// <summary>The server's settings: section <c>Switchboard</c> of the configuration (appsettings, environment variables
/// such as <c>Switchboard__Database__Provider</c>, or command-line options).</summary>
internal sealed class ServerSettings
{
    /// <summary>Where the embedded database and other local files live; created on first start.</summary>
    public string DataFolder { get; set; } = "data";

    public DatabaseSettings Database { get; set; } = new();

    /// <summary>Routing rules for every domain (priority aging, missed offers, minimum wrap-up, ...).</summary>
    public RoutingOptions Routing { get; set; } = new();

    public SecuritySettings Security { get; set; } = new();
}

internal sealed class SecuritySettings
{
    /// <summary>
    /// Origins besides the server's own (<c>https://wallboard.example.com</c>) whose pages may open hubs and the event
    /// stream with the sign-in cookie; none by default.
    /// </summary>
    public IList<string> AllowedOrigins { get; } = [];
}

internal sealed class DatabaseSettings
{
    /// <summary><see cref="DatabaseProvider.Sqlite"/> (default) or <see cref="DatabaseProvider.Postgres"/>.</summary>
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>The connection string; for SQLite the default is a file in the data folder.</summary>
    public string? ConnectionString { get; set; }
}

internal enum DatabaseProvider
{
    Sqlite = 1,
    Postgres = 2,
}
