namespace Switchboard.ServiceLevels;

/// <summary>Where a target stands.</summary>
public enum TargetStatus
{
    NotStarted = 1,
    Running = 2,
    Paused = 3,
    Met = 4,
}

/// <summary>
/// One target of a clock read at an instant. <see cref="Elapsed"/> is in the target's own time (business or
/// calendar). <see cref="DueAt"/> is the instant the elapsed time reaches the limit: known while the target runs, and
/// kept once it has been reached; null while a target that has not reached its limit is paused, met or not started,
/// or when the calendar never opens long enough. A target is breached once an instant after its due instant has
/// been counted (a met target: it was met after it).
/// </summary>
public readonly record struct ClockReading(
    ClockTargetId Target,
    TargetStatus Status,
    TimeSpan Limit,
    TimeSpan Elapsed,
    DateTimeOffset? DueAt,
    int WarningsPassed,
    bool Breached)
{
    /// <summary>The time left before the limit, negative once exceeded.</summary>
    public TimeSpan Remaining => Limit - Elapsed;
}
