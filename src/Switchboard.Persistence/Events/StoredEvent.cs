namespace Switchboard.Persistence.Events;

/// <summary>
/// One routing event as stored: the append-only log every routing domain is rebuilt from, and the feed integrations
/// read. A row is never updated or deleted.
/// </summary>
/// <remarks>
/// <see cref="Id"/> orders all domains' events together (the cursor of the integration feed);
/// <see cref="Sequence"/> is the engine's own gap-free number within <see cref="Domain"/>, unique with it.
/// </remarks>
public sealed class StoredEvent
{
    public long Id { get; set; }

    /// <summary>The routing domain whose engine recorded the event.</summary>
    public required string Domain { get; set; }

    public long Sequence { get; set; }

    /// <summary>UTC instant of the state change.</summary>
    public DateTimeOffset At { get; set; }

    /// <summary><see cref="Routing.RoutingEventType"/>.</summary>
    public int Type { get; set; }

    /// <summary>The client the contact or queue belongs to; null for agent events (agents serve a whole domain).</summary>
    public string? Client { get; set; }

    /// <summary>The engine's contact number within the domain; 0 when the event concerns no contact.</summary>
    public long ContactNumber { get; set; }

    /// <summary>The contact's public id; null when the event concerns no contact.</summary>
    public Guid? Contact { get; set; }

    public string? Agent { get; set; }

    public long Offer { get; set; }

    public string? Queue { get; set; }

    public int Number { get; set; }

    public DateTimeOffset? Until { get; set; }

    /// <summary>The kind's payload and announced wait as JSON (see <see cref="EventPayloads"/>); null when the kind has none.</summary>
    public string? Payload { get; set; }
}
