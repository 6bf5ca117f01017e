using Switchboard.Agents;
using Switchboard.Contacts;
using Switchboard.Queues;
using Switchboard.Routing;
using Switchboard.Skills;

namespace Switchboard.Kpis;

/// <summary>How a contact came to be in the queue of a <see cref="ContactLeg"/>.</summary>
public enum LegKind
{
    /// <summary>The customer arrived (or was turned away at arrival).</summary>
    Arrival = 1,

    /// <summary>An agent transferred the connected contact to this queue; the leg's wait starts at the transfer.</summary>
    Transfer = 2,

    /// <summary>A callback booked for a window: nobody waits on the line, so it never counts as a waiting contact.</summary>
    ScheduledCallback = 3,
}

/// <summary>How a leg's wait ended.</summary>
public enum LegOutcome
{
    /// <summary>Still waiting (or its callback still pending) where the log ends.</summary>
    Waiting = 0,

    /// <summary>An agent was connected while the customer waited.</summary>
    Answered = 1,

    /// <summary>The customer left (or cancelled) before anyone was connected.</summary>
    Abandoned = 2,

    /// <summary>The waiting customer swapped to a callback that kept their place; see <see cref="ContactLeg.CallbackConnected"/>.</summary>
    CallbackRequested = 3,

    /// <summary>The queue was full: the contact never entered it.</summary>
    TurnedAway = 4,
}

/// <summary>
/// One contact's stay in one queue, from entering it (arrival, transfer or callback booking) to leaving it, as the KPIs
/// count it. A contact transferred twice has three legs. An overflowed contact stays in (and is counted in) its own
/// queue, as the engine keeps it there.
/// </summary>
public readonly record struct ContactLeg
{
    public ContactId Contact { get; init; }

    public QueueId Queue { get; init; }

    /// <summary>The client the contact belongs to (from its attributes), or null when it has none.</summary>
    public string? Client { get; init; }

    public Channel Channel { get; init; }

    public Language Language { get; init; }

    public LegKind Kind { get; init; }

    /// <summary>When the contact entered the queue (UTC); the leg's wait starts here.</summary>
    public DateTimeOffset Entered { get; init; }

    /// <summary>When the contact first entered any queue: the start of the customer's whole journey.</summary>
    public DateTimeOffset FirstArrival { get; init; }

    public LegOutcome Outcome { get; init; }

    /// <summary>When the wait ended: the connection, the abandon, or the swap to a callback. Null while waiting.</summary>
    public DateTimeOffset? WaitEnded { get; init; }

    /// <summary>The agent connected in this leg, if any.</summary>
    public AgentId? Agent { get; init; }

    /// <summary>When an agent was connected in this leg (for a callback: when it was connected).</summary>
    public DateTimeOffset? Connected { get; init; }

    /// <summary>For a swapped callback: when the callback was connected, or null if it was cancelled or is pending.</summary>
    public DateTimeOffset? CallbackConnected { get; init; }

    /// <summary>For a scheduled callback: whether it was connected inside its window (null while undecided).</summary>
    public bool? PromiseKept { get; init; }

    /// <summary>The wait announced when the contact arrived (arrival legs only).</summary>
    public WaitEstimate? Estimate { get; init; }

    /// <summary>Connected time until the conversation ended or the contact was transferred on.</summary>
    public TimeSpan Talk { get; init; }

    /// <summary>Time from the end of the conversation to the contact's completion.</summary>
    public TimeSpan WrapUp { get; init; }

    /// <summary>Whether the handling by <see cref="Agent"/> is over (completed, or transferred on).</summary>
    public bool Handled { get; init; }

    /// <summary>The disposition recorded at completion, if any.</summary>
    public Disposition? Disposition { get; init; }

    /// <summary>How long the customer waited in this leg; zero while the wait has not ended.</summary>
    public TimeSpan Wait => WaitEnded is { } end ? end - Entered : TimeSpan.Zero;

    /// <summary>Talk plus wrap-up.</summary>
    public TimeSpan HandleTime => Talk + WrapUp;
}
