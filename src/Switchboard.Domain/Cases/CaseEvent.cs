using Switchboard.ServiceLevels;

namespace Switchboard.Cases;

/// <summary>
/// Something that happens to a case. Proposed to <see cref="Case.Decide"/>, which accepts it (and says what it does
/// to the case's service-level clock) or refuses it with a reason; a case is the fold of its accepted events.
/// </summary>
public abstract record CaseEvent
{
    CaseEvent(DateTimeOffset at) => At = at;

    public DateTimeOffset At { get; }

    /// <summary>The customer's first message made the case: its first-response and resolution clocks start.</summary>
    public sealed record Received(DateTimeOffset At, CaseReference Reference) : CaseEvent(At);

    /// <summary>The customer wrote again (a reply threaded into the case): the centre owes a next response.</summary>
    public sealed record CustomerWrote(DateTimeOffset At) : CaseEvent(At);

    /// <summary>An agent answered the customer; with no owner yet, the answering agent (if any) becomes it.</summary>
    public sealed record AgentReplied(DateTimeOffset At, string? Agent) : CaseEvent(At);

    /// <summary>An agent owns the case from now on.</summary>
    public sealed record Assigned(DateTimeOffset At, string Owner) : CaseEvent(At);

    /// <summary>An internal note: for the centre only, never mailed to the customer.</summary>
    public sealed record NoteAdded(DateTimeOffset At, string Author, string Text) : CaseEvent(At);

    /// <summary>The centre considers the case done: resolution is met.</summary>
    public sealed record Solved(DateTimeOffset At) : CaseEvent(At);

    /// <summary>Closed for good: nothing moves it again.</summary>
    public sealed record Closed(DateTimeOffset At) : CaseEvent(At);

    /// <summary>An agent opens a solved case again: resolution counts on from where it stopped.</summary>
    public sealed record Reopened(DateTimeOffset At, string Reason) : CaseEvent(At);

    /// <summary>This case duplicates <paramref name="Target"/>: it closes, and its messages are shown there.</summary>
    public sealed record MergedInto(DateTimeOffset At, CaseReference Target) : CaseEvent(At);

    /// <summary>This case took the messages of the duplicate <paramref name="Duplicate"/>.</summary>
    public sealed record Merged(DateTimeOffset At, CaseReference Duplicate) : CaseEvent(At);

    /// <summary>
    /// The centre asked a third party (<paramref name="Party"/>, e.g. "the carrier") and waits on its answer
    /// (<paramref name="Reason"/>, what was asked): the case's clock pauses.
    /// </summary>
    public sealed record WaitingOnThirdParty(DateTimeOffset At, string Party, string Reason) : CaseEvent(At);

    /// <summary>The third party answered (or the agent stops waiting): the case is open again and its clock counts on.</summary>
    public sealed record ThirdPartyAnswered(DateTimeOffset At) : CaseEvent(At);

    /// <summary>A complaint was registered from the case, under <paramref name="Complaint"/>'s reference.</summary>
    public sealed record ComplaintFiled(DateTimeOffset At, string Complaint) : CaseEvent(At);
}

/// <summary>What <see cref="Case.Decide"/> answers.</summary>
public abstract record CaseDecision
{
    CaseDecision()
    {
    }

    /// <summary>The case after the event, and the events it drives on the case's service-level clock.</summary>
    public sealed record Accepted(Case Case, IReadOnlyList<ClockEvent> ClockEvents) : CaseDecision;

    /// <summary>The event cannot happen now, and why.</summary>
    public sealed record Refused(string Reason) : CaseDecision;
}
