namespace Switchboard.Persistence.Contacts;

/// <summary>
/// A contact's current state, projected from the routing events in the same transaction that stores them, so it is
/// never ahead of or behind the log. Kept after the engine forgets a finished contact.
/// </summary>
public sealed class ContactRecord
{
    /// <summary>The public id given to callers.</summary>
    public Guid Id { get; set; }

    public required string Domain { get; set; }

    /// <summary>The engine's contact number within the domain.</summary>
    public long Number { get; set; }

    public required string Client { get; set; }

    public required string Queue { get; set; }

    /// <summary><see cref="Switchboard.Contacts.Channel"/>.</summary>
    public int Channel { get; set; }

    public required string Language { get; set; }

    public int Priority { get; set; }

    /// <summary><see cref="Switchboard.Contacts.ContactState"/>; 0 for a contact refused at arrival (queue full).</summary>
    public int State { get; set; }

    public DateTimeOffset Arrived { get; set; }

    public DateTimeOffset Updated { get; set; }

    /// <summary>The agent who holds or last held it.</summary>
    public string? Agent { get; set; }

    public bool VulnerableCustomer { get; set; }

    public bool RepeatContact { get; set; }

    public string? Disposition { get; set; }

    public string? ContactReason { get; set; }

    /// <summary>For a scheduled callback: when its window opens (UTC); null for any other contact.</summary>
    public DateTimeOffset? CallbackFrom { get; set; }

    /// <summary>For a scheduled callback: when its window closes (UTC).</summary>
    public DateTimeOffset? CallbackUntil { get; set; }

    /// <summary>The key the creating request carried, so a retried request finds this contact instead of making another.</summary>
    public string? IdempotencyKey { get; set; }

    /// <summary>Bumped by every projected change: the ETag for optimistic concurrency.</summary>
    public int Version { get; set; }
}
