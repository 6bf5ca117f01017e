using Switchboard.ServiceLevels;

namespace Switchboard.Complaints;

/// <summary>
/// One complaint as handled so far: a pure state machine folded from <see cref="ComplaintEvent"/>s. Received, then
/// acknowledged, investigated (an owner, notes, holding updates, waits on the customer), a response proposed and
/// sent, closed accepted or unaccepted, and perhaps reopened. Each step drives the complaint's service-level clock
/// (<see cref="ClockPolicy"/>): acknowledgement, final response and the current escalation rung.
/// </summary>
public sealed record Complaint
{
    Complaint(ComplaintDetails details, DateTimeOffset receivedAt, ClockPolicy clock, ComplaintProfile profile, IReadOnlyList<EscalationStep> ladder)
    {
        Details = details;
        ReceivedAt = receivedAt;
        LastEventAt = receivedAt;
        ClockPolicy = clock;
        Profile = profile;
        Ladder = ladder;
    }

    public ComplaintDetails Details { get; private init; }

    public ComplaintStatus Status { get; private init; } = ComplaintStatus.Received;

    public DateTimeOffset ReceivedAt { get; }

    public DateTimeOffset LastEventAt { get; private init; }

    /// <summary>The targets the complaint's service-level clock runs against.</summary>
    public ClockPolicy ClockPolicy { get; }

    public ComplaintProfile Profile { get; }

    public IReadOnlyList<EscalationStep> Ladder { get; }

    /// <summary>The rung of <see cref="Ladder"/> handling the complaint now (0: the first).</summary>
    public int Rung { get; private init; }

    public string? Owner { get; private init; }

    public TimeSpan? HoldingUpdateEvery { get; private init; }

    /// <summary>When the investigation started (or restarted on reopening).</summary>
    public DateTimeOffset? InvestigatingSince { get; private init; }

    public DateTimeOffset? LastHoldingUpdate { get; private init; }

    /// <summary>Why the investigation waits, or null.</summary>
    public PauseReason? WaitingOn { get; private init; }

    public IReadOnlyList<ComplaintEvent.NoteAdded> Notes { get; private init; } = [];

    public FinalResponse? Response { get; private init; }

    public string? RootCause { get; private init; }

    public int Reopens { get; private init; }

    /// <summary>When the next holding update is owed (calendar time from the last one, or from the investigation's
    /// start when later), or null when none is owed.</summary>
    public DateTimeOffset? HoldingUpdateDue =>
        Status is ComplaintStatus.UnderInvestigation or ComplaintStatus.ResponseProposed && HoldingUpdateEvery is { } every && InvestigatingSince is { } since
            ? (LastHoldingUpdate is { } last && last > since ? last : since) + every
            : null;

    /// <summary>
    /// Registers a complaint under a contract's complaint handling, timed on the named business calendar: starts the
    /// acknowledgement, final-response and first-rung clocks. Refused when the contract names no known profile or has
    /// no ladder.
    /// </summary>
    public static ComplaintDecision Receive(ComplaintEvent.Received received, ComplaintHandling handling, string? calendar)
    {
        ArgumentNullException.ThrowIfNull(received);
        ArgumentNullException.ThrowIfNull(handling);
        if (handling.ProfileInForce() is not { } profile)
        {
            return new ComplaintDecision.Refused($"The contract names the complaint profile '{handling.Profile}', which does not exist.");
        }

        if (handling.Ladder.Count == 0)
        {
            return new ComplaintDecision.Refused("The contract has no escalation ladder.");
        }

        if (string.IsNullOrWhiteSpace(received.Details.RemedySought))
        {
            return new ComplaintDecision.Refused("Record the remedy the customer seeks (\"not stated\" if none).");
        }

        var complaint = new Complaint(received.Details, received.At, handling.ClockPolicy(calendar), profile, [.. handling.Ladder]);
        return new ComplaintDecision.Accepted(complaint,
        [
            new ClockEvent.Started(received.At, profile.Acknowledgement.Id),
            new ClockEvent.Started(received.At, profile.FinalResponse.Id),
            new ClockEvent.Started(received.At, handling.Ladder[0].Target),
        ]);
    }

    /// <summary>Folds a complaint's stored events (the first one <see cref="ComplaintEvent.Received"/>).</summary>
    /// <exception cref="InvalidOperationException">An event is refused: the log is not one this machine wrote.</exception>
    public static Complaint Replay(IEnumerable<ComplaintEvent> events, ComplaintHandling handling, string? calendar)
    {
        ArgumentNullException.ThrowIfNull(events);
        Complaint? complaint = null;
        foreach (var e in events)
        {
            var decision = complaint is null
                ? e is ComplaintEvent.Received received ? Receive(received, handling, calendar) : new ComplaintDecision.Refused("A complaint starts with its receipt.")
                : complaint.Decide(e);
            complaint = decision switch
            {
                ComplaintDecision.Accepted accepted => accepted.Complaint,
                ComplaintDecision.Refused refused => throw new InvalidOperationException($"{e.GetType().Name} at {e.At:O}: {refused.Reason}"),
                _ => throw new InvalidOperationException(),
            };
        }

        return complaint ?? throw new InvalidOperationException("No events.");
    }

    /// <summary>Whether an event may happen now: the complaint after it and its clock events, or why not.</summary>
    public ComplaintDecision Decide(ComplaintEvent proposed)
    {
        ArgumentNullException.ThrowIfNull(proposed);
        if (proposed.At < LastEventAt)
        {
            return new ComplaintDecision.Refused("An event cannot come before the complaint's last one.");
        }

        var open = Status is ComplaintStatus.Received or ComplaintStatus.Acknowledged or ComplaintStatus.UnderInvestigation or ComplaintStatus.ResponseProposed;
        var investigating = Status is ComplaintStatus.UnderInvestigation or ComplaintStatus.ResponseProposed;
        var rung = Ladder[Rung].Target;
        var at = proposed.At;
        return proposed switch
        {
            ComplaintEvent.Received => Refuse("The complaint is already registered."),
            ComplaintEvent.Acknowledged when Status != ComplaintStatus.Received => Refuse($"Only a received complaint is acknowledged; this one is {Status}."),
            ComplaintEvent.Acknowledged e when string.IsNullOrWhiteSpace(e.Template) || string.IsNullOrWhiteSpace(e.ProofOfSending) =>
                Refuse("An acknowledgement names its template and carries proof that it was sent."),
            ComplaintEvent.Acknowledged => Accept(this with { Status = ComplaintStatus.Acknowledged }, at, new ClockEvent.Met(at, Profile.Acknowledgement.Id)),
            ComplaintEvent.InvestigationStarted when Status != ComplaintStatus.Acknowledged => Refuse($"An investigation starts once the complaint is acknowledged; this one is {Status}."),
            ComplaintEvent.InvestigationStarted e when string.IsNullOrWhiteSpace(e.Owner) || e.HoldingUpdateEvery <= TimeSpan.Zero =>
                Refuse("An investigation has an owner and a holding-update cadence longer than zero."),
            ComplaintEvent.InvestigationStarted e => Accept(this with { Status = ComplaintStatus.UnderInvestigation, Owner = e.Owner, HoldingUpdateEvery = e.HoldingUpdateEvery, InvestigatingSince = at }, at),
            ComplaintEvent.NoteAdded when !investigating => Refuse($"Notes belong to an investigation; this complaint is {Status}."),
            ComplaintEvent.NoteAdded e when string.IsNullOrWhiteSpace(e.Author) || string.IsNullOrWhiteSpace(e.Text) => Refuse("A note has an author and text."),
            ComplaintEvent.NoteAdded e => Accept(this with { Notes = [.. Notes, e] }, at),
            ComplaintEvent.HoldingUpdateSent when !investigating => Refuse($"Holding updates are sent during an investigation; this complaint is {Status}."),
            ComplaintEvent.HoldingUpdateSent => Accept(this with { LastHoldingUpdate = at }, at),
            ComplaintEvent.WaitingOn when Status != ComplaintStatus.UnderInvestigation => Refuse($"Only an investigation waits; this complaint is {Status}."),
            ComplaintEvent.WaitingOn when WaitingOn is not null => Refuse($"The investigation already waits ({WaitingOn})."),
            ComplaintEvent.WaitingOn e => Accept(this with { WaitingOn = e.Reason }, at, new ClockEvent.Paused(at, e.Reason)),
            ComplaintEvent.WaitOver when WaitingOn is null => Refuse("The investigation is not waiting."),
            ComplaintEvent.WaitOver => Accept(this with { WaitingOn = null }, at, new ClockEvent.Resumed(at)),
            ComplaintEvent.Escalated when !open => Refuse($"Only an open complaint is escalated; this one is {Status}."),
            ComplaintEvent.Escalated e when IndexOfRung(e.To) <= Rung => Refuse($"{e.To} is not a higher rung of the contract's escalation ladder than {Ladder[Rung].Level}."),
            ComplaintEvent.Escalated e => Accept(this with { Rung = IndexOfRung(e.To) }, at, new ClockEvent.Met(at, rung), new ClockEvent.Started(at, Ladder[IndexOfRung(e.To)].Target)),
            ComplaintEvent.ResponseProposed when Status != ComplaintStatus.UnderInvestigation => Refuse($"A response is proposed at the end of an investigation; this complaint is {Status}."),
            ComplaintEvent.ResponseProposed when WaitingOn is not null => Refuse($"The investigation still waits ({WaitingOn})."),
            ComplaintEvent.ResponseProposed e => Accept(this with { Status = ComplaintStatus.ResponseProposed, Response = e.Response }, at),
            ComplaintEvent.ResponseSent when Status != ComplaintStatus.ResponseProposed => Refuse($"A response is sent once proposed; this complaint is {Status}."),
            ComplaintEvent.ResponseSent e when e.Response.Missing() is { } missing => Refuse($"A final response must state {missing}."),
            ComplaintEvent.ResponseSent e => Accept(this with { Status = ComplaintStatus.ResponseSent, Response = e.Response }, at,
                new ClockEvent.Met(at, Profile.FinalResponse.Id), new ClockEvent.Met(at, rung)),
            ComplaintEvent.ClosedAccepted or ComplaintEvent.ClosedUnaccepted when Status != ComplaintStatus.ResponseSent => Refuse($"A complaint closes after its final response; this one is {Status}."),
            ComplaintEvent.ClosedAccepted e when string.IsNullOrWhiteSpace(e.RootCause) => Refuse("Closing records the root cause."),
            ComplaintEvent.ClosedAccepted e => Accept(this with { Status = ComplaintStatus.ClosedAccepted, RootCause = e.RootCause }, at),
            ComplaintEvent.ClosedUnaccepted e when string.IsNullOrWhiteSpace(e.RootCause) => Refuse("Closing records the root cause."),
            ComplaintEvent.ClosedUnaccepted e => Accept(this with { Status = ComplaintStatus.ClosedUnaccepted, RootCause = e.RootCause }, at),
            ComplaintEvent.Reopened when Status is not (ComplaintStatus.ClosedAccepted or ComplaintStatus.ClosedUnaccepted) => Refuse($"Only a closed complaint is reopened; this one is {Status}."),
            ComplaintEvent.Reopened e when string.IsNullOrWhiteSpace(e.Reason) => Refuse("A reopened complaint records why."),
            ComplaintEvent.Reopened => Accept(this with { Status = ComplaintStatus.UnderInvestigation, Reopens = Reopens + 1, RootCause = null, InvestigatingSince = at }, at,
                new ClockEvent.Reopened(at, Profile.FinalResponse.Id, Profile.OnReopen), new ClockEvent.Reopened(at, rung, Profile.OnReopen)),
            _ => Refuse($"{proposed.GetType().Name} is not a complaint event."),
        };
    }

    int IndexOfRung(EscalationLevel level)
    {
        for (var i = 0; i < Ladder.Count; i++)
        {
            if (Ladder[i].Level == level)
            {
                return i;
            }
        }

        return -1;
    }

    static ComplaintDecision.Accepted Accept(Complaint next, DateTimeOffset at, params ClockEvent[] clockEvents) =>
        new(next with { LastEventAt = at }, clockEvents);

    static ComplaintDecision.Refused Refuse(string reason) => new(reason);
}
