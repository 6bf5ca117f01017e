namespace Switchboard.Persistence;

/// <summary>
/// Whose data a <see cref="SwitchboardDb"/> may see. The model's query filters read it, so isolation between clients
/// holds in the data layer whatever a handler forgets.
/// </summary>
public sealed record DataScope
{
    private DataScope(string? client, bool staff)
    {
        Client = client;
        Staff = staff;
    }

    /// <summary>Every client's data: the centre's staff and the server's own background work.</summary>
    public static DataScope AllClients { get; } = new(null, staff: true);

    /// <summary>Nothing at all (an anonymous caller, or a user whose scope is unknown).</summary>
    public static DataScope Nothing { get; } = new("", staff: false);

    /// <summary>One client's data only, and none of the centre's internal records (agents, audit).</summary>
    public static DataScope OneClient(string client)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(client);
        return new(client, staff: false);
    }

    /// <summary>The one client visible, or null when all are.</summary>
    public string? Client { get; }

    /// <summary>Whether a row of <paramref name="client"/> is visible: the same rule as the model's query filters, for
    /// rows the server found without a query (its caches).</summary>
    public bool Includes(string client) => Client is null || string.Equals(Client, client, StringComparison.Ordinal);

    /// <summary>True when the centre's internal records (agents, audit, users) are visible.</summary>
    public bool Staff { get; }
}
