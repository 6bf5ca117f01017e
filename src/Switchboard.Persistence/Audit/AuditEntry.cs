namespace Switchboard.Persistence.Audit;

/// <summary>
/// One line of the audit trail: a read or change of personal data, or a change of permissions. Append-only, and
/// chained: <see cref="Hash"/> covers this row's fields and the previous row's hash, so editing or deleting a row
/// breaks the chain at that row.
/// </summary>
public sealed class AuditEntry
{
    /// <summary>Position in the chain, from 1, gap-free.</summary>
    public long Id { get; set; }

    public DateTimeOffset At { get; set; }

    /// <summary>The user id or token name that acted; "system" for the server itself.</summary>
    public required string Actor { get; set; }

    /// <summary>What was done, e.g. "contact.read", "user.roles.changed".</summary>
    public required string Action { get; set; }

    /// <summary>What it was done to, e.g. "contact/0193…".</summary>
    public required string Resource { get; set; }

    /// <summary>The client whose data it was, when it was one client's.</summary>
    public string? Client { get; set; }

    /// <summary>A short description of the change (never the personal data itself).</summary>
    public string? Detail { get; set; }

    /// <summary>Hex SHA-256 of the previous entry (64 zeros for the first).</summary>
    public required string PreviousHash { get; set; }

    /// <summary>Hex SHA-256 over <see cref="PreviousHash"/> and this entry's fields.</summary>
    public required string Hash { get; set; }
}
