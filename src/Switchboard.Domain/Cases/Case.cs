using System.Diagnostics.CodeAnalysis;
using Switchboard.ServiceLevels;

namespace Switchboard.Cases;

/// <summary>
/// One case as handled so far: a pure state machine folded from <see cref="CaseEvent"/>s. Open until an agent
/// replies, then pending the customer (the clock paused) until they write again; solved, then closed; a customer's
/// mail or an agent reopens a solved case; a duplicate closes by merging into another case. Each step drives the
/// case's service-level clock (<see cref="CaseTargets"/>): first response, next response and resolution.
/// </summary>
/// <remarks>
/// An answered case (no response owed) may wait on a third party: the clock pauses until an agent records the third
/// party's answer. A customer's mail meanwhile keeps the case waiting and the clock paused (only the agent knows whether
/// the third party has answered); the next response it owes starts counting when the wait ends, unless an agent answers
/// the customer first. Refusing the wait while a response is owed keeps it from stopping a response clock.
/// </remarks>
[SuppressMessage("Naming", "CA1716", Justification = "A case is the domain's word; the core has no Visual Basic callers.")]
public sealed record Case
{
    Case(CaseReference reference, DateTimeOffset receivedAt, ClockPolicy clock, CaseTargets targets)
    {
        Reference = reference;
        ReceivedAt = receivedAt;
        LastEventAt = receivedAt;
        ClockPolicy = clock;
        Targets = targets;
    }

    public CaseReference Reference { get; }

    public CaseStatus Status { get; private init; } = CaseStatus.Open;

    public DateTimeOffset ReceivedAt { get; }

    public DateTimeOffset LastEventAt { get; private init; }

    /// <summary>The targets the case's service-level clock runs against.</summary>
    public ClockPolicy ClockPolicy { get; }

    public CaseTargets Targets { get; }

    public string? Owner { get; private init; }

    /// <summary>Internal notes, oldest first.</summary>
    public IReadOnlyList<CaseEvent.NoteAdded> Notes { get; private init; } = [];

    /// <summary>The case this one was merged into as a duplicate, or null.</summary>
    public CaseReference? MergedInto { get; private init; }

    /// <summary>The duplicates merged into this case, in the order they were merged.</summary>
    public IReadOnlyList<CaseReference> Duplicates { get; private init; } = [];

    /// <summary>The references of complaints registered from this case.</summary>
    public IReadOnlyList<string> Complaints { get; private init; } = [];

    public int Reopens { get; private init; }

    /// <summary>The third party the case waits on and why, while <see cref="Status"/> is <see cref="CaseStatus.WaitingOnThirdParty"/>.</summary>
    public CaseEvent.WaitingOnThirdParty? WaitingOn { get; private init; }

    /// <summary>Where the first-response target stands, as the case's decisions left it.</summary>
    public TargetStatus FirstResponse { get; private init; } = TargetStatus.Running;

    /// <summary>Where the next-response target stands: started by a customer's message once the first is answered.</summary>
    public TargetStatus NextResponse { get; private init; } = TargetStatus.NotStarted;

    public TargetStatus Resolution { get; private init; } = TargetStatus.Running;

    /// <summary>Opens a case on the given targets, timed on the named business calendar (null: always open).</summary>
    public static CaseDecision.Accepted Receive(CaseEvent.Received received, CaseTargets targets, string? calendar)
    {
        ArgumentNullException.ThrowIfNull(received);
        ArgumentNullException.ThrowIfNull(targets);
        var opened = new Case(received.Reference, received.At, targets.ClockPolicy(calendar), targets);
        return new CaseDecision.Accepted(opened,
        [
            new ClockEvent.Started(received.At, targets.FirstResponse.Id),
            new ClockEvent.Started(received.At, targets.Resolution.Id),
        ]);
    }

    /// <summary>Whether an event may happen now: the case after it and its clock events, or why not.</summary>
    public CaseDecision Decide(CaseEvent proposed)
    {
        ArgumentNullException.ThrowIfNull(proposed);
        if (proposed.At < LastEventAt)
        {
            return Refuse("An event cannot come before the case's last one.");
        }

        var closed = Status == CaseStatus.Closed;
        return proposed switch
        {
            CaseEvent.Received => Refuse("The case is already received."),
            CaseEvent.NoteAdded e when string.IsNullOrWhiteSpace(e.Author) || string.IsNullOrWhiteSpace(e.Text) => Refuse("A note has an author and text."),
            CaseEvent.NoteAdded e => Accept(this with { Notes = [.. Notes, e] }, e.At, []),
            CaseEvent.ComplaintFiled e when string.IsNullOrWhiteSpace(e.Complaint) => Refuse("A filed complaint has its reference."),
            CaseEvent.ComplaintFiled e => Accept(this with { Complaints = [.. Complaints, e.Complaint] }, e.At, []),
            _ when closed => Refuse(MergedInto is { } target ? $"The case was merged into {target}." : "The case is closed."),
            CaseEvent.CustomerWrote e => CustomerWrote(e.At),
            CaseEvent.AgentReplied e => AgentReplied(e),
            CaseEvent.Assigned e when string.IsNullOrWhiteSpace(e.Owner) => Refuse("An owner is named."),
            CaseEvent.Assigned e when e.Owner == Owner => Refuse($"{e.Owner} already owns the case."),
            CaseEvent.Assigned e => Accept(this with { Owner = e.Owner }, e.At, []),
            CaseEvent.Solved when Status == CaseStatus.Solved => Refuse("The case is already solved."),
            CaseEvent.Solved e => Accept(Stopped() with { Status = CaseStatus.Solved }, e.At, StopClocks(e.At)),
            CaseEvent.Closed when Status != CaseStatus.Solved => Refuse("Only a solved case can be closed."),
            CaseEvent.Closed e => Accept(this with { Status = CaseStatus.Closed }, e.At, []),
            CaseEvent.Reopened when Status != CaseStatus.Solved => Refuse($"Only a solved case is reopened; this one is {Status}."),
            CaseEvent.Reopened e when string.IsNullOrWhiteSpace(e.Reason) => Refuse("A reopened case records why."),
            CaseEvent.Reopened e => Accept(this with { Status = CaseStatus.Open, Resolution = TargetStatus.Running, Reopens = Reopens + 1 }, e.At,
                [new ClockEvent.Reopened(e.At, Targets.Resolution.Id, ReopenRule.Resume)]),
            CaseEvent.WaitingOnThirdParty when WaitingOn is { } waiting => Refuse($"The case already waits on {waiting.Party}."),
            CaseEvent.WaitingOnThirdParty when Status == CaseStatus.Solved => Refuse("A solved case waits on no one; reopen it first."),
            CaseEvent.WaitingOnThirdParty when FirstResponse == TargetStatus.Running || NextResponse == TargetStatus.Running =>
                Refuse("The customer is owed a response: reply before waiting on a third party."),
            CaseEvent.WaitingOnThirdParty e when string.IsNullOrWhiteSpace(e.Party) || string.IsNullOrWhiteSpace(e.Reason) => Refuse("A third-party wait names who is asked and what."),
            CaseEvent.WaitingOnThirdParty e => WaitOnThirdParty(e),
            CaseEvent.ThirdPartyAnswered when WaitingOn is null => Refuse("The case is not waiting on a third party."),
            CaseEvent.ThirdPartyAnswered e => Accept(this with
            {
                Status = CaseStatus.Open,
                WaitingOn = null,
                NextResponse = NextResponse == TargetStatus.Paused ? TargetStatus.Running : NextResponse,
                Resolution = Resolution == TargetStatus.Paused ? TargetStatus.Running : Resolution,
            }, e.At, [new ClockEvent.Resumed(e.At)]),
            CaseEvent.MergedInto e when e.Target == Reference => Refuse("A case cannot be merged into itself."),
            CaseEvent.MergedInto e => Accept(Stopped() with { Status = CaseStatus.Closed, MergedInto = e.Target }, e.At, StopClocks(e.At)),
            CaseEvent.Merged e when e.Duplicate == Reference => Refuse("A case cannot take its own messages."),
            CaseEvent.Merged e when Duplicates.Contains(e.Duplicate) => Refuse($"{e.Duplicate} is already merged into this case."),
            CaseEvent.Merged e => Accept(this with { Duplicates = [.. Duplicates, e.Duplicate] }, e.At, []),
            _ => Refuse($"{proposed.GetType().Name} is not a case event."),
        };
    }

    // The customer wrote: a pending case runs again, a solved one reopens (resolution resumes), and once the first
    // response is answered, a next response is owed (started afresh each time an earlier one was met). A case waiting
    // on a third party keeps waiting: the next response is owed but paused with the rest of the clock.
    CaseDecision.Accepted CustomerWrote(DateTimeOffset at)
    {
        var clock = new List<ClockEvent>();
        var waiting = Status == CaseStatus.WaitingOnThirdParty;
        var next = waiting ? this : this with { Status = CaseStatus.Open };
        if (Status == CaseStatus.PendingCustomer)
        {
            clock.Add(new ClockEvent.Resumed(at));
            next = next with { Resolution = TargetStatus.Running };
        }

        if (Status == CaseStatus.Solved)
        {
            clock.Add(new ClockEvent.Reopened(at, Targets.Resolution.Id, ReopenRule.Resume));
            next = next with { Resolution = TargetStatus.Running, Reopens = Reopens + 1 };
        }

        if (FirstResponse == TargetStatus.Met && NextResponse is TargetStatus.NotStarted or TargetStatus.Met)
        {
            clock.Add(NextResponse == TargetStatus.NotStarted
                ? new ClockEvent.Started(at, Targets.NextResponse.Id)
                : new ClockEvent.Reopened(at, Targets.NextResponse.Id, ReopenRule.Restart));
            next = next with { NextResponse = waiting ? TargetStatus.Paused : TargetStatus.Running };
        }

        return Accept(next, at, clock);
    }

    // An answer meets the response owed and, on an open case, waits on the customer (the clock pauses). A reply to a
    // pending or solved case changes nothing on the clock: nothing was owed.
    CaseDecision.Accepted AgentReplied(CaseEvent.AgentReplied e)
    {
        var next = this with { Owner = Owner ?? (string.IsNullOrWhiteSpace(e.Agent) ? null : e.Agent) };
        if (Status == CaseStatus.WaitingOnThirdParty && NextResponse == TargetStatus.Paused)
        {
            // The customer asked meanwhile and is answered; the case still waits on the third party.
            return Accept(next with { NextResponse = TargetStatus.Met }, e.At, [new ClockEvent.Met(e.At, Targets.NextResponse.Id)]);
        }

        if (Status != CaseStatus.Open)
        {
            return Accept(next, e.At, []);
        }

        var clock = new List<ClockEvent>();
        if (FirstResponse == TargetStatus.Running)
        {
            clock.Add(new ClockEvent.Met(e.At, Targets.FirstResponse.Id));
        }

        if (NextResponse == TargetStatus.Running)
        {
            clock.Add(new ClockEvent.Met(e.At, Targets.NextResponse.Id));
        }

        clock.Add(new ClockEvent.Paused(e.At, PauseReason.WaitingOnCustomer));
        return Accept(next with
        {
            Status = CaseStatus.PendingCustomer,
            FirstResponse = TargetStatus.Met,
            NextResponse = NextResponse == TargetStatus.Running ? TargetStatus.Met : NextResponse,
            Resolution = TargetStatus.Paused,
        }, e.At, clock);
    }

    // Waiting on a third party pauses the clock; a clock already paused on the customer is resumed first, as the
    // clock holds one pause at a time and the reason has changed.
    CaseDecision.Accepted WaitOnThirdParty(CaseEvent.WaitingOnThirdParty e)
    {
        var clock = new List<ClockEvent>();
        if (Status == CaseStatus.PendingCustomer)
        {
            clock.Add(new ClockEvent.Resumed(e.At));
        }

        clock.Add(new ClockEvent.Paused(e.At, PauseReason.WaitingOnThirdParty));
        return Accept(this with
        {
            Status = CaseStatus.WaitingOnThirdParty,
            WaitingOn = e,
            Resolution = Resolution == TargetStatus.Running ? TargetStatus.Paused : Resolution,
        }, e.At, clock);
    }

    // Solving or merging away stops every target still counting; a paused clock is resumed first, so a later reopen
    // counts again rather than staying paused.
    List<ClockEvent> StopClocks(DateTimeOffset at)
    {
        var clock = new List<ClockEvent>();
        if (Status is CaseStatus.PendingCustomer or CaseStatus.WaitingOnThirdParty)
        {
            clock.Add(new ClockEvent.Resumed(at));
        }

        foreach (var (target, status) in new[] { (Targets.FirstResponse.Id, FirstResponse), (Targets.NextResponse.Id, NextResponse), (Targets.Resolution.Id, Resolution) })
        {
            if (status is TargetStatus.Running or TargetStatus.Paused)
            {
                clock.Add(new ClockEvent.Met(at, target));
            }
        }

        return clock;
    }

    Case Stopped() => this with
    {
        WaitingOn = null,
        FirstResponse = Stop(FirstResponse),
        NextResponse = Stop(NextResponse),
        Resolution = Stop(Resolution),
    };

    static TargetStatus Stop(TargetStatus status) => status is TargetStatus.Running or TargetStatus.Paused ? TargetStatus.Met : status;

    static CaseDecision.Accepted Accept(Case next, DateTimeOffset at, IReadOnlyList<ClockEvent> clockEvents) =>
        new(next with { LastEventAt = at }, clockEvents);

    static CaseDecision.Refused Refuse(string reason) => new(reason);
}
