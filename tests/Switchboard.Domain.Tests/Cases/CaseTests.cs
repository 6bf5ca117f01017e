using CsCheck;
using Switchboard.Calendars;
using Switchboard.Cases;
using Switchboard.ServiceLevels;
using static Switchboard.Tests.Builders.Hours;

namespace Switchboard.Tests.Cases;

public class CaseTests
{
    static readonly DateTimeOffset Start = Utc("2026-11-30 09:00");

    static readonly CaseReference Self = new(7);

    static readonly CaseReference Other = new(8);

    static readonly CaseTargets Targets = new(
        new ServiceTarget(ClockTargetId.FirstResponse, TimeSpan.FromHours(4), Timekeeping.CalendarTime),
        new ServiceTarget(ClockTargetId.NextResponse, TimeSpan.FromHours(2), Timekeeping.CalendarTime),
        new ServiceTarget(ClockTargetId.Resolution, TimeSpan.FromHours(40), Timekeeping.CalendarTime));

    // Each event kind with sound content.
    static readonly Dictionary<string, Func<DateTimeOffset, CaseEvent>> Events = new()
    {
        ["Received"] = at => new CaseEvent.Received(at, Self),
        ["CustomerWrote"] = at => new CaseEvent.CustomerWrote(at),
        ["AgentReplied"] = at => new CaseEvent.AgentReplied(at, "ann"),
        ["Assigned"] = at => new CaseEvent.Assigned(at, "bob"),
        ["NoteAdded"] = at => new CaseEvent.NoteAdded(at, "ann", "Asked billing about the refund."),
        ["Solved"] = at => new CaseEvent.Solved(at),
        ["Closed"] = at => new CaseEvent.Closed(at),
        ["Reopened"] = at => new CaseEvent.Reopened(at, "The refund did not arrive."),
        ["MergedInto"] = at => new CaseEvent.MergedInto(at, Other),
        ["Merged"] = at => new CaseEvent.Merged(at, Other),
        ["ComplaintFiled"] = at => new CaseEvent.ComplaintFiled(at, "CMP-000001-B"),
        ["WaitingOnThirdParty"] = at => new CaseEvent.WaitingOnThirdParty(at, "the carrier", "Where parcel 815 is."),
        ["ThirdPartyAnswered"] = at => new CaseEvent.ThirdPartyAnswered(at),
    };

    // The events that lead to each state, after receipt.
    static readonly Dictionary<string, string[]> States = new()
    {
        ["Open"] = [],
        ["PendingCustomer"] = ["AgentReplied"],
        ["OpenAgain"] = ["AgentReplied", "CustomerWrote"],
        ["Solved"] = ["Solved"],
        ["Closed"] = ["Solved", "Closed"],
        ["MergedAway"] = ["MergedInto"],
        ["ReopenedByAgent"] = ["Solved", "Reopened"],
        ["WaitingOnThirdParty"] = ["AgentReplied", "WaitingOnThirdParty"],
        ["WaitingAndCustomerWrote"] = ["AgentReplied", "WaitingOnThirdParty", "CustomerWrote"],
        ["ThirdPartyAnswered"] = ["AgentReplied", "WaitingOnThirdParty", "ThirdPartyAnswered"],
    };

    // The whole transition table: which event each state allows. Every other pair is refused.
    static readonly Dictionary<string, string[]> Allowed = new()
    {
        // A response owed (first or next) refuses the third-party wait.
        ["Open"] = ["CustomerWrote", "AgentReplied", "Assigned", "NoteAdded", "Solved", "MergedInto", "Merged", "ComplaintFiled"],
        ["PendingCustomer"] = ["CustomerWrote", "AgentReplied", "Assigned", "NoteAdded", "Solved", "MergedInto", "Merged", "ComplaintFiled", "WaitingOnThirdParty"],
        ["OpenAgain"] = ["CustomerWrote", "AgentReplied", "Assigned", "NoteAdded", "Solved", "MergedInto", "Merged", "ComplaintFiled"],
        ["Solved"] = ["CustomerWrote", "AgentReplied", "Assigned", "NoteAdded", "Closed", "Reopened", "MergedInto", "Merged", "ComplaintFiled"],
        ["Closed"] = ["NoteAdded", "ComplaintFiled"],
        ["MergedAway"] = ["NoteAdded", "ComplaintFiled"],
        ["ReopenedByAgent"] = ["CustomerWrote", "AgentReplied", "Assigned", "NoteAdded", "Solved", "MergedInto", "Merged", "ComplaintFiled", "WaitingOnThirdParty"],
        ["WaitingOnThirdParty"] = ["CustomerWrote", "AgentReplied", "Assigned", "NoteAdded", "Solved", "MergedInto", "Merged", "ComplaintFiled", "ThirdPartyAnswered"],
        ["WaitingAndCustomerWrote"] = ["CustomerWrote", "AgentReplied", "Assigned", "NoteAdded", "Solved", "MergedInto", "Merged", "ComplaintFiled", "ThirdPartyAnswered"],
        ["ThirdPartyAnswered"] = ["CustomerWrote", "AgentReplied", "Assigned", "NoteAdded", "Solved", "MergedInto", "Merged", "ComplaintFiled", "WaitingOnThirdParty"],
    };

    public static TheoryData<string, string> Pairs()
    {
        var data = new TheoryData<string, string>();
        foreach (var state in States.Keys)
        {
            foreach (var kind in Events.Keys)
            {
                data.Add(state, kind);
            }
        }

        return data;
    }

    static (Case Case, ServiceClock Clock, DateTimeOffset At) Reach(string state)
    {
        var received = Case.Receive(new CaseEvent.Received(Start, Self), Targets, null);
        var clock = new ServiceClock(received.Case.ClockPolicy, new BusinessCalendars());
        Apply(clock, received.ClockEvents);
        var current = received.Case;
        var at = Start;
        foreach (var kind in States[state])
        {
            at = at.AddHours(1);
            var accepted = Assert.IsType<CaseDecision.Accepted>(current.Decide(Events[kind](at)));
            Apply(clock, accepted.ClockEvents);
            current = accepted.Case;
        }

        return (current, clock, at);
    }

    static void Apply(ServiceClock clock, IEnumerable<ClockEvent> events)
    {
        foreach (var e in events)
        {
            clock.Apply(e);
        }
    }

    static TargetStatus Status(ServiceClock clock, ClockTargetId target, DateTimeOffset at) => clock.Read(target, at).Status;

    [Theory]
    [MemberData(nameof(Pairs))]
    public void Decide_EveryStateAndEvent_FollowsTheTransitionTable(string state, string kind)
    {
        var (current, clock, at) = Reach(state);

        var decision = current.Decide(Events[kind](at.AddHours(1)));

        if (Allowed[state].Contains(kind))
        {
            // An accepted event's clock events are ones the clock can take in its state.
            Apply(clock, Assert.IsType<CaseDecision.Accepted>(decision).ClockEvents);
        }
        else
        {
            Assert.False(string.IsNullOrWhiteSpace(Assert.IsType<CaseDecision.Refused>(decision).Reason));
        }
    }

    [Theory]
    [InlineData("Open", "AgentReplied", CaseStatus.PendingCustomer)]
    [InlineData("PendingCustomer", "CustomerWrote", CaseStatus.Open)]
    [InlineData("PendingCustomer", "AgentReplied", CaseStatus.PendingCustomer)]
    [InlineData("Open", "CustomerWrote", CaseStatus.Open)]
    [InlineData("Solved", "CustomerWrote", CaseStatus.Open)]
    [InlineData("Solved", "Reopened", CaseStatus.Open)]
    [InlineData("Solved", "AgentReplied", CaseStatus.Solved)]
    [InlineData("Open", "Solved", CaseStatus.Solved)]
    [InlineData("PendingCustomer", "Solved", CaseStatus.Solved)]
    [InlineData("Solved", "Closed", CaseStatus.Closed)]
    [InlineData("PendingCustomer", "MergedInto", CaseStatus.Closed)]
    [InlineData("PendingCustomer", "WaitingOnThirdParty", CaseStatus.WaitingOnThirdParty)]
    [InlineData("ReopenedByAgent", "WaitingOnThirdParty", CaseStatus.WaitingOnThirdParty)]
    [InlineData("ThirdPartyAnswered", "WaitingOnThirdParty", CaseStatus.WaitingOnThirdParty)]
    [InlineData("WaitingOnThirdParty", "CustomerWrote", CaseStatus.WaitingOnThirdParty)]
    [InlineData("WaitingOnThirdParty", "AgentReplied", CaseStatus.WaitingOnThirdParty)]
    [InlineData("WaitingAndCustomerWrote", "AgentReplied", CaseStatus.WaitingOnThirdParty)]
    [InlineData("WaitingOnThirdParty", "ThirdPartyAnswered", CaseStatus.Open)]
    [InlineData("WaitingAndCustomerWrote", "ThirdPartyAnswered", CaseStatus.Open)]
    [InlineData("WaitingOnThirdParty", "Solved", CaseStatus.Solved)]
    [InlineData("WaitingAndCustomerWrote", "MergedInto", CaseStatus.Closed)]
    public void Decide_AllowedEvent_MovesTheStatus(string state, string kind, CaseStatus expected)
    {
        var (current, _, at) = Reach(state);

        var decision = current.Decide(Events[kind](at.AddHours(1)));

        Assert.Equal(expected, Assert.IsType<CaseDecision.Accepted>(decision).Case.Status);
    }

    [Theory]
    [InlineData("Open", "Closed", "Only a solved case can be closed.")]
    [InlineData("Solved", "Solved", "The case is already solved.")]
    [InlineData("Closed", "CustomerWrote", "The case is closed.")]
    [InlineData("MergedAway", "AgentReplied", "The case was merged into C-000008-J.")]
    [InlineData("Open", "Reopened", "Only a solved case is reopened; this one is Open.")]
    [InlineData("Open", "WaitingOnThirdParty", "The customer is owed a response: reply before waiting on a third party.")]
    [InlineData("OpenAgain", "WaitingOnThirdParty", "The customer is owed a response: reply before waiting on a third party.")]
    [InlineData("Solved", "WaitingOnThirdParty", "A solved case waits on no one; reopen it first.")]
    [InlineData("WaitingOnThirdParty", "WaitingOnThirdParty", "The case already waits on the carrier.")]
    [InlineData("PendingCustomer", "ThirdPartyAnswered", "The case is not waiting on a third party.")]
    [InlineData("Closed", "ThirdPartyAnswered", "The case is closed.")]
    public void Decide_RefusedEvent_SaysWhy(string state, string kind, string reason)
    {
        var (current, _, at) = Reach(state);

        var decision = current.Decide(Events[kind](at.AddHours(1)));

        Assert.Equal(new CaseDecision.Refused(reason), decision);
    }

    [Fact]
    public void Decide_BlankOwnerNoteOrEarlierInstant_IsRefused()
    {
        var (current, _, at) = Reach("Open");

        Assert.IsType<CaseDecision.Refused>(current.Decide(new CaseEvent.Assigned(at, " ")));
        Assert.IsType<CaseDecision.Refused>(current.Decide(new CaseEvent.NoteAdded(at, "ann", "")));
        Assert.IsType<CaseDecision.Refused>(current.Decide(new CaseEvent.MergedInto(at, Self)));
        Assert.IsType<CaseDecision.Refused>(current.Decide(new CaseEvent.CustomerWrote(at.AddSeconds(-1))));
        Assert.IsType<CaseDecision.Refused>(Reach("PendingCustomer").Case.Decide(new CaseEvent.WaitingOnThirdParty(at.AddHours(2), "the carrier", " ")));
    }

    [Fact]
    public void WaitingOnThirdParty_CustomerWritesMeanwhile_ClockStaysPausedUntilTheAgentResumes()
    {
        var (waiting, clock, at) = Reach("WaitingOnThirdParty");
        var steps = new CaseEvent[] { new CaseEvent.CustomerWrote(at.AddHours(3)), new CaseEvent.ThirdPartyAnswered(at.AddHours(10)) };
        var readings = new List<(CaseStatus, TargetStatus, TargetStatus, PauseReason?)>();
        var current = waiting;

        foreach (var step in steps)
        {
            var accepted = Assert.IsType<CaseDecision.Accepted>(current.Decide(step));
            Apply(clock, accepted.ClockEvents);
            current = accepted.Case;
            readings.Add((current.Status, Status(clock, ClockTargetId.Resolution, step.At), Status(clock, ClockTargetId.NextResponse, step.At), clock.PausedFor));
        }

        Assert.Equal(
            [(CaseStatus.WaitingOnThirdParty, TargetStatus.Paused, TargetStatus.Paused, PauseReason.WaitingOnThirdParty), (CaseStatus.Open, TargetStatus.Running, TargetStatus.Running, (PauseReason?)null)],
            readings);
        // Resolution counted the hour before the reply only; the next response counts from the resumption.
        Assert.Equal(TimeSpan.FromHours(1), clock.Read(ClockTargetId.Resolution, at.AddHours(10)).Elapsed);
        Assert.Equal(at.AddHours(12), clock.Read(ClockTargetId.NextResponse, at.AddHours(10)).DueAt);
        Assert.Null(current.WaitingOn);
        Assert.Equal("the carrier", waiting.WaitingOn?.Party);
    }

    [Fact]
    public void AgentReplied_MeetsFirstResponseAndPausesResolutionUntilTheCustomerWrites()
    {
        var (pending, clock, at) = Reach("PendingCustomer");
        var later = at.AddHours(10);

        var wrote = Assert.IsType<CaseDecision.Accepted>(pending.Decide(new CaseEvent.CustomerWrote(later)));
        Apply(clock, wrote.ClockEvents);

        Assert.Equal(TargetStatus.Met, Status(clock, ClockTargetId.FirstResponse, later));
        Assert.Equal(TimeSpan.FromHours(1), clock.Read(ClockTargetId.Resolution, later).Elapsed);
        Assert.Equal(TargetStatus.Running, Status(clock, ClockTargetId.NextResponse, later));
        Assert.Equal(later.AddHours(2), clock.Read(ClockTargetId.NextResponse, later).DueAt);
        Assert.Equal("ann", wrote.Case.Owner);
    }

    [Fact]
    public void CustomerWrites_NextResponseStartsAfreshEachTime()
    {
        var (open, clock, at) = Reach("OpenAgain");
        var steps = new CaseEvent[] { new CaseEvent.AgentReplied(at.AddHours(1), null), new CaseEvent.CustomerWrote(at.AddHours(5)) };
        var current = open;

        foreach (var step in steps)
        {
            var accepted = Assert.IsType<CaseDecision.Accepted>(current.Decide(step));
            Apply(clock, accepted.ClockEvents);
            current = accepted.Case;
        }

        Assert.Equal(TimeSpan.Zero, clock.Read(ClockTargetId.NextResponse, at.AddHours(5)).Elapsed);
        Assert.Equal(at.AddHours(7), clock.Read(ClockTargetId.NextResponse, at.AddHours(5)).DueAt);
    }

    [Fact]
    public void SolveThenReopen_ResolutionResumesFromTheTimeUsed()
    {
        var (solved, clock, at) = Reach("Solved");

        var reopened = Assert.IsType<CaseDecision.Accepted>(solved.Decide(new CaseEvent.Reopened(at.AddHours(24), "Not fixed.")));
        Apply(clock, reopened.ClockEvents);

        Assert.Equal(TargetStatus.Running, Status(clock, ClockTargetId.Resolution, at.AddHours(24)));
        Assert.Equal(TimeSpan.FromHours(1), clock.Read(ClockTargetId.Resolution, at.AddHours(24)).Elapsed);
        Assert.Equal(1, reopened.Case.Reopens);
    }

    [Fact]
    public void Decide_AnySequence_ClockTakesEveryDecisionAndNothingLeavesClosed()
    {
        var kinds = Events.Keys.Where(k => k != "Received").ToArray();
        Gen.Int[0, kinds.Length - 1].List[1, 40].Sample(picks =>
        {
            var received = Case.Receive(new CaseEvent.Received(Start, Self), Targets, null);
            var clock = new ServiceClock(received.Case.ClockPolicy, new BusinessCalendars());
            Apply(clock, received.ClockEvents);
            var current = received.Case;
            var at = Start;
            foreach (var pick in picks)
            {
                at = at.AddMinutes(30);
                var before = current.Status;
                if (current.Decide(Events[kinds[pick]](at)) is CaseDecision.Accepted accepted)
                {
                    Apply(clock, accepted.ClockEvents);
                    current = accepted.Case;
                }

                Assert.False(before == CaseStatus.Closed && current.Status != CaseStatus.Closed);
                Assert.Equal(
                    current.Status switch { CaseStatus.PendingCustomer => PauseReason.WaitingOnCustomer, CaseStatus.WaitingOnThirdParty => PauseReason.WaitingOnThirdParty, _ => (PauseReason?)null },
                    clock.PausedFor);
                Assert.Equal(current.Resolution, Status(clock, ClockTargetId.Resolution, at));
                Assert.Equal(current.NextResponse, Status(clock, ClockTargetId.NextResponse, at));
            }
        });
    }
}
