namespace Switchboard.Persistence.Events;

/// <summary>
/// A routing engine's whole state after the event <see cref="Sequence"/> of <see cref="Domain"/>'s log, so that a
/// restart replays only the events after it. Derived data: the log stays the truth, and a snapshot that cannot be
/// read is ignored (the domain then replays its whole log). The writer keeps the newest two per domain.
/// </summary>
public sealed class StoredSnapshot
{
    /// <summary>The routing domain whose engine was captured.</summary>
    public required string Domain { get; set; }

    /// <summary>The sequence number of the last event the state includes (every event up to it is stored).</summary>
    public long Sequence { get; set; }

    /// <summary>UTC instant the state was captured.</summary>
    public DateTimeOffset TakenAt { get; set; }

    /// <summary>The payload's format (see <see cref="EngineStates"/>); a reader ignores formats it does not know.</summary>
    public int Format { get; set; }

    /// <summary>The serialised state.</summary>
    public required byte[] Payload { get; set; }
}
