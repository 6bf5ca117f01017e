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

    public RetentionSettings Retention { get; set; } = new();

    public ReportSettings Reports { get; set; } = new();

    /// <summary>
    /// The absolute http(s) address customers reach the server at (<c>https://switchboard.example.com</c>, or with the
    /// path it is published under), from which links mailed to them are made; none by default, and then nothing that
    /// needs such a link is mailed.
    /// </summary>
    public string? PublicUrl { get; set; }

    /// <summary>Refuses settings the server cannot start with, naming the setting and what it takes.</summary>
    public void Validate()
    {
        if (PublicUrl is { } address
            && (!Uri.TryCreate(address, UriKind.Absolute, out var parsed) || (parsed.Scheme != Uri.UriSchemeHttps && parsed.Scheme != Uri.UriSchemeHttp)
                || !string.IsNullOrEmpty(parsed.Query) || !string.IsNullOrEmpty(parsed.Fragment)))
        {
            throw new InvalidOperationException(
                $"Switchboard:PublicUrl must be an absolute http or https address without query or fragment (https://switchboard.example.com), not '{address}'.");
        }
    }
}

/// <summary>When scheduled client reports are issued (section <c>Switchboard:Reports</c>).</summary>
internal sealed class ReportSettings
{
    /// <summary>
    /// How long after a reporting period ends (local midnight in the client's zone) its report is issued, so that contacts
    /// still being wrapped up at midnight are in it; 2 hours by default (<c>02:00:00</c>). A report is only ever issued
    /// once; a contact finished later still shows in the on-demand report.
    /// </summary>
    public TimeSpan IssueAfter { get; set; } = TimeSpan.FromHours(2);
}

/// <summary>How long personal data is kept once its purpose is served (section <c>Switchboard:Retention</c>).</summary>
internal sealed class RetentionSettings
{
    /// <summary>
    /// How long a scheduled callback's customer reference and phone number are kept after it finished (completed,
    /// abandoned, or its window ended); 30 days by default (<c>30.00:00:00</c>). Zero erases them at the next hourly sweep.
    /// </summary>
    public TimeSpan CallbackNumbers { get; set; } = TimeSpan.FromDays(30);
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
