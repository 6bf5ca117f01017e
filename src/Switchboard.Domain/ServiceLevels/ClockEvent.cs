namespace Switchboard.ServiceLevels;

/// <summary>Why a clock stopped counting for a while.</summary>
public enum PauseReason
{
    WaitingOnCustomer = 1,
    WaitingOnThirdParty = 2,
}

/// <summary>What a reopened target does with the time it had used: carry on from it, or start again from zero.</summary>
public enum ReopenRule
{
    Resume = 1,
    Restart = 2,
}

/// <summary>
/// Something that happened to a service-level clock; a clock's state is the fold of its events
/// (<see cref="ServiceClock.Apply"/>). Events about a target the policy does not have change nothing.
/// </summary>
public abstract record ClockEvent
{
    ClockEvent(DateTimeOffset at) => At = at;

    /// <summary>When it happened.</summary>
    public DateTimeOffset At { get; }

    /// <summary>A target starts counting from zero.</summary>
    public sealed record Started(DateTimeOffset At, ClockTargetId Target) : ClockEvent(At);

    /// <summary>A target is met (or otherwise stopped): its elapsed time is final.</summary>
    public sealed record Met(DateTimeOffset At, ClockTargetId Target) : ClockEvent(At);

    /// <summary>Every running target stops counting while the centre waits on someone else.</summary>
    public sealed record Paused(DateTimeOffset At, PauseReason Reason) : ClockEvent(At);

    /// <summary>Every paused target counts again.</summary>
    public sealed record Resumed(DateTimeOffset At) : ClockEvent(At);

    /// <summary>A met target counts again, keeping or dropping the time it had used.</summary>
    public sealed record Reopened(DateTimeOffset At, ClockTargetId Target, ReopenRule Rule) : ClockEvent(At);

    /// <summary>
    /// The priority, queue or client changed, and with it the policy: elapsed times are kept and deadlines recomputed
    /// under the new targets and calendar. A target the new policy makes already exceeded is due at this instant.
    /// </summary>
    public sealed record PolicyChanged(DateTimeOffset At, ClockPolicy Policy) : ClockEvent(At);

    /// <summary>A pre-breach warning was raised (recorded so it is raised once).</summary>
    public sealed record Warned(DateTimeOffset At, ClockTargetId Target, double Fraction) : ClockEvent(At);

    /// <summary>A target was found breached at <see cref="ClockEvent.At"/>; it had been due at <paramref name="DueAt"/>.</summary>
    public sealed record Breached(DateTimeOffset At, ClockTargetId Target, DateTimeOffset DueAt) : ClockEvent(At);
}
