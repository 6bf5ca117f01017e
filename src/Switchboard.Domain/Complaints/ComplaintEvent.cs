using Switchboard.ServiceLevels;

namespace Switchboard.Complaints;

/// <summary>Where a complaint is in its handling (ISO 10002).</summary>
public enum ComplaintStatus
{
    Received = 1,
    Acknowledged = 2,
    UnderInvestigation = 3,
    ResponseProposed = 4,
    ResponseSent = 5,
    ClosedAccepted = 6,
    ClosedUnaccepted = 7,
}

/// <summary>
/// Something that happens to a complaint. Proposed to <see cref="Complaint.Decide"/>, which accepts it (and says what
/// it does to the service-level clock) or refuses it with a reason; a complaint is the fold of its accepted events.
/// </summary>
public abstract record ComplaintEvent
{
    ComplaintEvent(DateTimeOffset at) => At = at;

    public DateTimeOffset At { get; }

    /// <summary>The complaint is registered, from any channel or upgraded from a contact.</summary>
    public sealed record Received(DateTimeOffset At, ComplaintDetails Details) : ComplaintEvent(At);

    /// <summary>The acknowledgement went to the customer: which template, and the proof it was sent (a message id).</summary>
    public sealed record Acknowledged(DateTimeOffset At, string Template, string ProofOfSending) : ComplaintEvent(At);

    /// <summary>Someone owns the investigation and sends the customer a holding update at least this often.</summary>
    public sealed record InvestigationStarted(DateTimeOffset At, string Owner, TimeSpan HoldingUpdateEvery) : ComplaintEvent(At);

    /// <summary>An internal note on the investigation.</summary>
    public sealed record NoteAdded(DateTimeOffset At, string Author, string Text) : ComplaintEvent(At);

    /// <summary>The customer was told how the investigation is going.</summary>
    public sealed record HoldingUpdateSent(DateTimeOffset At) : ComplaintEvent(At);

    /// <summary>The investigation waits on the customer or a third party: the clocks pause.</summary>
    public sealed record WaitingOn(DateTimeOffset At, PauseReason Reason) : ComplaintEvent(At);

    /// <summary>What the investigation waited for arrived: the clocks run again.</summary>
    public sealed record WaitOver(DateTimeOffset At) : ComplaintEvent(At);

    /// <summary>The complaint moves up the contract's escalation ladder to a higher rung.</summary>
    public sealed record Escalated(DateTimeOffset At, EscalationLevel To) : ComplaintEvent(At);

    /// <summary>A final response is drafted for review.</summary>
    public sealed record ResponseProposed(DateTimeOffset At, FinalResponse Response) : ComplaintEvent(At);

    /// <summary>The final response went to the customer; it must be complete (<see cref="FinalResponse.Missing"/>).</summary>
    public sealed record ResponseSent(DateTimeOffset At, FinalResponse Response) : ComplaintEvent(At);

    /// <summary>Closed with the customer's acceptance, with the root cause found.</summary>
    public sealed record ClosedAccepted(DateTimeOffset At, string RootCause) : ComplaintEvent(At);

    /// <summary>Closed though the customer did not accept the response (they may go to the external body).</summary>
    public sealed record ClosedUnaccepted(DateTimeOffset At, string RootCause) : ComplaintEvent(At);

    /// <summary>A closed complaint is opened again.</summary>
    public sealed record Reopened(DateTimeOffset At, string Reason) : ComplaintEvent(At);
}

/// <summary>What <see cref="Complaint.Decide"/> answers.</summary>
public abstract record ComplaintDecision
{
    ComplaintDecision()
    {
    }

    /// <summary>The complaint after the event, and the events it drives on the complaint's service-level clock.</summary>
    public sealed record Accepted(Complaint Complaint, IReadOnlyList<ClockEvent> ClockEvents) : ComplaintDecision;

    /// <summary>The event cannot happen now, and why.</summary>
    public sealed record Refused(string Reason) : ComplaintDecision;
}
