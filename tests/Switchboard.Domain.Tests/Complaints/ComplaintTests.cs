using Switchboard.Calendars;
using Switchboard.Complaints;
using Switchboard.ServiceLevels;
using static Switchboard.Tests.Builders.Hours;

namespace Switchboard.Tests.Complaints;

public class ComplaintTests
{
    static readonly DateTimeOffset Start = Utc("2026-11-30 09:00");

    static readonly ComplaintDetails Details = new(new ComplaintReference(42), "acme", ComplaintCategory.CentreConduct, ComplaintSeverity.Medium, "An apology", VulnerableCustomer: false);

    static readonly FinalResponse Complete = new("Upheld", "The agent was rude", "An apology and £20", "Reply within 6 months to take it further", "Financial Ombudsman Service");

    // Each event kind with sound content, at an hour after the path that set the state up.
    static readonly Dictionary<string, Func<DateTimeOffset, ComplaintEvent>> Events = new()
    {
        ["Received"] = at => new ComplaintEvent.Received(at, Details),
        ["Acknowledged"] = at => new ComplaintEvent.Acknowledged(at, "ack-email-v2", "<msg-1@mail.example>"),
        ["InvestigationStarted"] = at => new ComplaintEvent.InvestigationStarted(at, "sam", TimeSpan.FromDays(7)),
        ["NoteAdded"] = at => new ComplaintEvent.NoteAdded(at, "sam", "Listened to the call."),
        ["HoldingUpdateSent"] = at => new ComplaintEvent.HoldingUpdateSent(at),
        ["WaitingOn"] = at => new ComplaintEvent.WaitingOn(at, PauseReason.WaitingOnCustomer),
        ["WaitOver"] = at => new ComplaintEvent.WaitOver(at),
        ["Escalated"] = at => new ComplaintEvent.Escalated(at, EscalationLevel.TeamLeader),
        ["ResponseProposed"] = at => new ComplaintEvent.ResponseProposed(at, Complete),
        ["ResponseSent"] = at => new ComplaintEvent.ResponseSent(at, Complete),
        ["ClosedAccepted"] = at => new ComplaintEvent.ClosedAccepted(at, "training"),
        ["ClosedUnaccepted"] = at => new ComplaintEvent.ClosedUnaccepted(at, "training"),
        ["Reopened"] = at => new ComplaintEvent.Reopened(at, "The customer found the apology lacking."),
    };

    // The events that lead to each state, after receipt.
    static readonly Dictionary<string, string[]> States = new()
    {
        ["Received"] = [],
        ["Acknowledged"] = ["Acknowledged"],
        ["UnderInvestigation"] = ["Acknowledged", "InvestigationStarted"],
        ["UnderInvestigationWaiting"] = ["Acknowledged", "InvestigationStarted", "WaitingOn"],
        ["ResponseProposed"] = ["Acknowledged", "InvestigationStarted", "ResponseProposed"],
        ["ResponseSent"] = ["Acknowledged", "InvestigationStarted", "ResponseProposed", "ResponseSent"],
        ["ClosedAccepted"] = ["Acknowledged", "InvestigationStarted", "ResponseProposed", "ResponseSent", "ClosedAccepted"],
        ["ClosedUnaccepted"] = ["Acknowledged", "InvestigationStarted", "ResponseProposed", "ResponseSent", "ClosedUnaccepted"],
        ["Reopened"] = ["Acknowledged", "InvestigationStarted", "ResponseProposed", "ResponseSent", "ClosedAccepted", "Reopened"],
    };

    // The whole transition table: which event each state allows. Every other pair is refused.
    static readonly Dictionary<string, string[]> Allowed = new()
    {
        ["Received"] = ["Acknowledged", "Escalated"],
        ["Acknowledged"] = ["InvestigationStarted", "Escalated"],
        ["UnderInvestigation"] = ["NoteAdded", "HoldingUpdateSent", "WaitingOn", "Escalated", "ResponseProposed"],
        ["UnderInvestigationWaiting"] = ["NoteAdded", "HoldingUpdateSent", "WaitOver", "Escalated"],
        ["ResponseProposed"] = ["NoteAdded", "HoldingUpdateSent", "Escalated", "ResponseSent"],
        ["ResponseSent"] = ["ClosedAccepted", "ClosedUnaccepted"],
        ["ClosedAccepted"] = ["Reopened"],
        ["ClosedUnaccepted"] = ["Reopened"],
        ["Reopened"] = ["NoteAdded", "HoldingUpdateSent", "WaitingOn", "Escalated", "ResponseProposed"],
    };

    public static TheoryData<string, string> EveryStateAndEvent()
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

    static BusinessCalendars Calendars()
    {
        var calendars = new BusinessCalendars();
        calendars.Add("acme", Weekdays("Europe/London", "09:00-17:00"));
        return calendars;
    }

    static ComplaintHandling Handling(ComplaintProfile? profile = null) => new() { Profile = (profile ?? ComplaintProfile.FifteenBusinessDays).Name };

    // Replays a path through Decide, applying each accepted clock event to a real clock as the host would.
    static (Complaint Complaint, ServiceClock Clock, DateTimeOffset At) Through(IEnumerable<string> path, ComplaintHandling? handling = null)
    {
        handling ??= Handling();
        var received = (ComplaintDecision.Accepted)Complaint.Receive(new ComplaintEvent.Received(Start, Details), handling, "acme");
        var complaint = received.Complaint;
        var clock = new ServiceClock(complaint.ClockPolicy, Calendars());
        received.ClockEvents.ToList().ForEach(clock.Apply);
        var at = Start;
        foreach (var kind in path)
        {
            at = at.AddHours(1);
            var accepted = Assert.IsType<ComplaintDecision.Accepted>(complaint.Decide(Events[kind](at)));
            complaint = accepted.Complaint;
            accepted.ClockEvents.ToList().ForEach(clock.Apply);
        }

        return (complaint, clock, at);
    }

    [Theory]
    [MemberData(nameof(EveryStateAndEvent))]
    public void Decide_EveryStateAndEvent_FollowsTheTransitionTable(string state, string kind)
    {
        var (complaint, clock, at) = Through(States[state]);

        var decision = complaint.Decide(Events[kind](at.AddHours(1)));

        if (Allowed[state].Contains(kind))
        {
            var accepted = Assert.IsType<ComplaintDecision.Accepted>(decision);
            foreach (var clockEvent in accepted.ClockEvents)
            {
                clock.Apply(clockEvent);
            }
        }
        else
        {
            var refused = Assert.IsType<ComplaintDecision.Refused>(decision);
            Assert.False(string.IsNullOrWhiteSpace(refused.Reason));
        }
    }

    [Fact]
    public void Decide_ResponseWithoutTheExternalBody_RefusedNamingWhatIsMissing()
    {
        var (complaint, _, at) = Through(States["ResponseProposed"]);

        var decision = complaint.Decide(new ComplaintEvent.ResponseSent(at, Complete with { ExternalBody = " " }));

        Assert.Equal(new ComplaintDecision.Refused("A final response must state the ombudsman or dispute-resolution body."), decision);
    }

    [Theory]
    [InlineData("", "<msg-1@mail.example>")]
    [InlineData("ack-email-v2", "")]
    public void Decide_AcknowledgementWithoutTemplateOrProof_Refused(string template, string proof)
    {
        var (complaint, _, at) = Through([]);

        Assert.IsType<ComplaintDecision.Refused>(complaint.Decide(new ComplaintEvent.Acknowledged(at, template, proof)));
    }

    [Fact]
    public void Decide_ClosingWithoutARootCause_Refused()
    {
        var (complaint, _, at) = Through(States["ResponseSent"]);

        Assert.IsType<ComplaintDecision.Refused>(complaint.Decide(new ComplaintEvent.ClosedAccepted(at, "")));
    }

    [Fact]
    public void Decide_EscalatingDownTheLadderOrAnEventBeforeTheLast_Refused()
    {
        var (complaint, _, at) = Through(["Escalated"]);

        Assert.IsType<ComplaintDecision.Refused>(complaint.Decide(new ComplaintEvent.Escalated(at, EscalationLevel.Agent)));
        Assert.IsType<ComplaintDecision.Refused>(complaint.Decide(new ComplaintEvent.Acknowledged(at.AddMinutes(-1), "t", "p")));
        Assert.IsType<ComplaintDecision.Accepted>(complaint.Decide(new ComplaintEvent.Escalated(at, EscalationLevel.Client)));
    }

    [Fact]
    public void Receive_UnknownProfile_Refused()
    {
        var decision = Complaint.Receive(new ComplaintEvent.Received(Start, Details), new ComplaintHandling { Profile = "nine-days" }, "acme");

        Assert.IsType<ComplaintDecision.Refused>(decision);
    }

    [Fact]
    public void Clocks_ReceivedFridayAcknowledgedMonday_AcknowledgementMetAndResolutionRunsInBusinessDays()
    {
        var complaint = (ComplaintDecision.Accepted)Complaint.Receive(new ComplaintEvent.Received(Utc("2026-12-04 16:00"), Details), Handling(), "acme");
        var clock = new ServiceClock(complaint.Complaint.ClockPolicy, Calendars());
        complaint.ClockEvents.ToList().ForEach(clock.Apply);

        var acknowledged = (ComplaintDecision.Accepted)complaint.Complaint.Decide(new ComplaintEvent.Acknowledged(Utc("2026-12-07 10:00"), "ack", "<m@x>"));
        acknowledged.ClockEvents.ToList().ForEach(clock.Apply);

        var ack = clock.Read(ClockTargetId.Acknowledgement, Utc("2026-12-08 10:00"));
        Assert.Equal(TargetStatus.Met, ack.Status);
        // Whole business dates: the last eight hours of Friday and the first ten of Monday, inside the one day allowed.
        Assert.Equal(TimeSpan.FromHours(18), ack.Elapsed);
        Assert.False(ack.Breached);
        // Fifteen business dates from Friday 16:00 (weekends not counted) end on Friday three weeks later at 16:00.
        Assert.Equal(Utc("2026-12-25 16:00"), clock.Read(ClockTargetId.Resolution, Utc("2026-12-08 10:00")).DueAt);
    }

    [Fact]
    public void Clocks_WaitingOnTheCustomer_PausesTheFinalResponseAndTheRung()
    {
        var (complaint, clock, at) = Through(States["UnderInvestigationWaiting"]);

        var later = at.AddDays(3);

        Assert.Equal(PauseReason.WaitingOnCustomer, complaint.WaitingOn);
        Assert.Equal(TargetStatus.Paused, clock.Read(ClockTargetId.Resolution, later).Status);
        Assert.Equal(TargetStatus.Paused, clock.Read(complaint.Ladder[0].Target, later).Status);
        Assert.Equal(TimeSpan.FromHours(3), clock.Read(ClockTargetId.Resolution, later).Elapsed);
    }

    [Theory]
    [InlineData("fifteen-business-days", 4)]
    [InlineData("ten-business-days", 0)]
    public void Clocks_Reopened_ResumesOrRestartsThePerProfile(string profile, int hoursKept)
    {
        var handling = new ComplaintHandling { Profile = profile };
        var (complaint, clock, at) = Through(States["Reopened"], handling);

        var reading = clock.Read(ClockTargetId.Resolution, at);

        Assert.Equal(ComplaintStatus.UnderInvestigation, complaint.Status);
        Assert.Equal(1, complaint.Reopens);
        Assert.Equal(TargetStatus.Running, reading.Status);
        Assert.Equal(TimeSpan.FromHours(hoursKept), reading.Elapsed);
    }

    [Fact]
    public void HoldingUpdateDue_FromTheInvestigationStartThenTheLastUpdate()
    {
        var (investigating, _, started) = Through(States["UnderInvestigation"]);
        var (updated, _, last) = Through([.. States["UnderInvestigation"], "HoldingUpdateSent"]);

        Assert.Equal(started.AddDays(7), investigating.HoldingUpdateDue);
        Assert.Equal(last.AddDays(7), updated.HoldingUpdateDue);
    }

    [Fact]
    public void Replay_TheAcceptedEvents_GivesTheSameComplaint()
    {
        var path = States["Reopened"];
        var (complaint, _, _) = Through(path);
        var at = Start;
        var events = new List<ComplaintEvent> { new ComplaintEvent.Received(Start, Details with { EarlierComplaint = null }) };
        events.AddRange(path.Select(kind => Events[kind](at = at.AddHours(1))));

        var replayed = Complaint.Replay(events, Handling(), "acme");

        Assert.Equal(
            (complaint.Status, complaint.Rung, complaint.Owner, complaint.Reopens, complaint.Response, complaint.RootCause, complaint.LastEventAt, complaint.InvestigatingSince, complaint.ClockPolicy),
            (replayed.Status, replayed.Rung, replayed.Owner, replayed.Reopens, replayed.Response, replayed.RootCause, replayed.LastEventAt, replayed.InvestigatingSince, replayed.ClockPolicy));
    }

    [Fact]
    public void Details_AComplaintAboutComplaintHandling_LinksTheEarlierOne()
    {
        var second = Details with { Reference = new ComplaintReference(43), EarlierComplaint = Details.Reference };

        var decision = Complaint.Receive(new ComplaintEvent.Received(Start, second), Handling(), "acme");

        var complaint = Assert.IsType<ComplaintDecision.Accepted>(decision).Complaint;
        Assert.Equal(new ComplaintReference(42), complaint.Details.EarlierComplaint);
    }
}
