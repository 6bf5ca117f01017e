using CsCheck;
using Switchboard.Agents;
using Switchboard.Contacts;
using Switchboard.Kpis;
using Switchboard.Queues;
using Switchboard.Routing;
using Switchboard.Skills;

namespace Switchboard.Tests.Kpis;

/// <summary>
/// Agent time and occupancy over hand-written logs. The morning: Ann signs in at 09:30, is connected to C1 at 09:40,
/// ends the conversation at 10:10, finishes wrap-up at 10:20, takes a break from 10:30 to 10:45, and is available until
/// the report ends at 11:00. By hand: 09:00-10:00 idle 10 min, handling 20 min (2/3); 10:00-11:00 handling 10, wrap-up
/// 10, idle 25, break 15 (20/45 = 4/9); the period handling 30, wrap-up 10, idle 35 (40/75 = 8/15).
/// </summary>
public class AgentTimeTrackerTests
{
    private static readonly DateTimeOffset Nine = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);
    private static readonly QueueId Billing = new("billing");
    private static readonly AgentId Ann = new("ann");
    private static readonly AgentId Bob = new("bob");

    [Fact]
    public void Occupancy_AgentBusyAcrossTheHour_CountsInBothHoursAndLeavesTheBreakOut()
    {
        var report = Build(Morning(), KpiBreakdown.None);

        Assert.Equal([Nine, Nine.AddHours(1)], report.Rows.Select(r => r.Start));
        Assert.Equal(2.0 / 3, Occupancy(report.Rows[0])!.Value, 9);
        Assert.Equal(4.0 / 9, Occupancy(report.Rows[1])!.Value, 9);
        Assert.Equal(8.0 / 15, Occupancy(Assert.Single(report.Summary))!.Value, 9);
    }

    [Fact]
    public void Occupancy_EngineMorning_GivesTheHandWorkedShare()
    {
        // The engine's morning of KpiReportBuilderTests, read to its last event (09:08:42). a1: offered C1 on signing in
        // at 09:00:10, accepts at 09:00:12 (2 s idle), talks 300 s, wraps up 60 s, takes C5 at once for 120 s and 30 s.
        // a2: signs in and takes C4 at 09:03:30, talks 240 s, wraps up 30 s, idle from 09:08:00 (42 s).
        var log = KpiReportBuilderTests.Morning();
        var builder = new KpiReportBuilder(new KpiReportRequest(Nine.AddHours(-9), Nine.AddHours(15), ReportInterval.Day, TimeZoneInfo.Utc, KpiBreakdown.Agent, KpiMethodSet.Defaults) { AsOf = log[^1].At });
        foreach (var e in log)
        {
            builder.Apply(e);
        }

        var rows = builder.Build().Summary.ToDictionary(r => r.Key!, Occupancy);

        Assert.Equal(510.0 / 512, rows["a1"]!.Value, 9);
        Assert.Equal(270.0 / 312, rows["a2"]!.Value, 9);
    }

    [Fact]
    public void Occupancy_ByAgent_KeysTheFiguresByAgent()
    {
        var report = Build(Morning(), KpiBreakdown.Agent);

        var summary = Assert.Single(report.Summary);
        Assert.Equal("ann", summary.Key);
        Assert.Equal(8.0 / 15, Occupancy(summary)!.Value, 9);
    }

    [Theory]
    [InlineData(KpiBreakdown.Queue)]
    [InlineData(KpiBreakdown.Client)]
    [InlineData(KpiBreakdown.Channel)]
    public void Occupancy_BreakdownWithoutAgentTime_IsNotApplicable(KpiBreakdown by)
    {
        var report = Build(Morning(), by);

        Assert.All(report.Summary, row => Assert.Null(Occupancy(row)));
        Assert.NotEmpty(report.Summary);
    }

    [Fact]
    public void Occupancy_LogReadBeforeThePeriodEnds_CountsAgentTimeOnlyUntilThen()
    {
        // Read at 10:15: the period so far is idle 10 + handling 30 + wrap-up 5.
        var report = Build(Morning().Where(e => e.At <= Nine.AddMinutes(75)).ToList(), KpiBreakdown.None, asOf: Nine.AddMinutes(75));

        Assert.Equal(35.0 / 45, Occupancy(Assert.Single(report.Summary))!.Value, 9);
    }

    [Fact]
    public void Occupancy_NotRespondingAfterMissedOffers_IsLeftOutLikeABreak()
    {
        var log = new List<RoutingEvent>
        {
            Chose(Ann, Presence.Available, Nine),
            Chose(Ann, Presence.NotResponding, Nine.AddMinutes(10)),
            Chose(Ann, Presence.Available, Nine.AddMinutes(40)),
        };
        Connected(log, 1, Ann, Nine.AddMinutes(45), talk: TimeSpan.FromMinutes(15), wrapUp: TimeSpan.Zero);

        var report = Build(log, KpiBreakdown.None, to: Nine.AddHours(1));

        // Idle 10 + 5, handling 15; not responding 30 counts on neither side.
        Assert.Equal(0.5, Occupancy(Assert.Single(report.Summary))!.Value, 9);
    }

    [Fact]
    public void Apply_TwoChatsAtOnce_IsOneSpanOfHandling()
    {
        var log = new List<RoutingEvent> { Chose(Ann, Presence.Available, Nine) };
        Connected(log, 1, Ann, Nine.AddMinutes(10), talk: TimeSpan.FromMinutes(20), wrapUp: TimeSpan.Zero);
        Connected(log, 2, Ann, Nine.AddMinutes(15), talk: TimeSpan.FromMinutes(25), wrapUp: TimeSpan.Zero);
        var spans = Fold(log, Nine.AddHours(1));

        Assert.Equal(
            [
                (AgentActivity.Idle, Nine, Nine.AddMinutes(10)),
                (AgentActivity.Handling, Nine.AddMinutes(10), Nine.AddMinutes(40)),
                (AgentActivity.Idle, Nine.AddMinutes(40), Nine.AddHours(1)),
            ],
            spans.Of(Ann));
    }

    [Fact]
    public void Apply_AgentFirstSeenAcceptingAnOffer_CountsFromTheAcceptAsSignedIn()
    {
        var log = new List<RoutingEvent>();
        Connected(log, 1, Bob, Nine.AddMinutes(10), talk: TimeSpan.FromMinutes(5), wrapUp: TimeSpan.FromMinutes(5));
        var spans = Fold(log, Nine.AddMinutes(30));

        Assert.Equal(
            [
                (AgentActivity.Handling, Nine.AddMinutes(10), Nine.AddMinutes(15)),
                (AgentActivity.WrapUp, Nine.AddMinutes(15), Nine.AddMinutes(20)),
                (AgentActivity.Idle, Nine.AddMinutes(20), Nine.AddMinutes(30)),
            ],
            spans.Of(Bob));
    }

    [Fact]
    public void Build_AnyIntervalLength_GivesThePeriodTheSameOccupancy() =>
        // Agent time cut at interval boundaries loses and doubles nothing: the period's figure does not depend on the cuts.
        Gen.Select(Gen.Int[0, 2], Gen.Int[1, 90], Gen.Int[0, 20]).Array[1, 20].Sample(steps =>
        {
            var log = new List<RoutingEvent>();
            var at = Nine;
            for (var k = 0; k < steps.Length; k++)
            {
                var (kind, minutes, wrapUp) = steps[k];
                switch (kind)
                {
                    case 0:
                        log.Add(Chose(Ann, Presence.Available, at));
                        break;
                    case 1:
                        log.Add(Chose(Ann, Presence.Break, at));
                        break;
                    default:
                        Connected(log, k + 1, Ann, at, TimeSpan.FromMinutes(minutes), TimeSpan.FromMinutes(wrapUp));
                        break;
                }

                at = at.AddMinutes(minutes + wrapUp + 1);
            }

            var byQuarter = Occupancy(Assert.Single(Build(log, KpiBreakdown.None, Nine.AddDays(2), interval: ReportInterval.FifteenMinutes).Summary));
            var byDay = Occupancy(Assert.Single(Build(log, KpiBreakdown.None, Nine.AddDays(2), interval: ReportInterval.Day).Summary));
            return byQuarter is null ? byDay is null : byDay is { } day && Math.Abs(byQuarter.Value - day) < 1e-9;
        });

    /// <summary>The morning of the class summary.</summary>
    private static List<RoutingEvent> Morning()
    {
        var log = new List<RoutingEvent> { Chose(Ann, Presence.Available, Nine.AddMinutes(30)) };
        Connected(log, 1, Ann, Nine.AddMinutes(40), talk: TimeSpan.FromMinutes(30), wrapUp: TimeSpan.FromMinutes(10));
        log.Add(Chose(Ann, Presence.Break, Nine.AddMinutes(90)));
        log.Add(Chose(Ann, Presence.Available, Nine.AddMinutes(105)));
        return [.. log.OrderBy(e => e.At)];
    }

    private static RoutingEvent Chose(AgentId agent, Presence presence, DateTimeOffset at) =>
        new() { Type = RoutingEventType.AgentPresenceChanged, At = at, Agent = agent, Number = (int)presence };

    /// <summary>A contact arriving one minute before it is connected to the agent, talked and wrapped up as given.</summary>
    private static void Connected(List<RoutingEvent> log, long id, AgentId agent, DateTimeOffset connected, TimeSpan talk, TimeSpan wrapUp)
    {
        var contact = new ContactId(id);
        log.Add(new RoutingEvent { Type = RoutingEventType.ContactQueued, At = connected.AddMinutes(-1), Contact = contact, Queue = Billing, Detail = new NewContact(Channel.Chat, Billing, new Language("en")) });
        log.Add(new RoutingEvent { Type = RoutingEventType.ContactOffered, At = connected, Contact = contact, Agent = agent, Queue = Billing, Offer = new OfferId(id) });
        log.Add(new RoutingEvent { Type = RoutingEventType.OfferAccepted, At = connected, Contact = contact, Agent = agent, Queue = Billing, Offer = new OfferId(id) });
        log.Add(new RoutingEvent { Type = RoutingEventType.ConversationEnded, At = connected + talk, Contact = contact, Agent = agent, Queue = Billing });
        log.Add(new RoutingEvent { Type = RoutingEventType.ContactCompleted, At = connected + talk + wrapUp, Contact = contact, Agent = agent, Queue = Billing });
    }

    private static KpiReport Build(
        List<RoutingEvent> log, KpiBreakdown by, DateTimeOffset? to = null, DateTimeOffset? asOf = null, ReportInterval interval = ReportInterval.Hour)
    {
        var builder = new KpiReportBuilder(new KpiReportRequest(Nine, to ?? Nine.AddHours(2), interval, TimeZoneInfo.Utc, by, KpiMethodSet.Defaults) { AsOf = asOf });
        foreach (var e in log.OrderBy(e => e.At))
        {
            builder.Apply(e);
        }

        return builder.Build();
    }

    /// <summary>The agents' spans of a log read up to <paramref name="closedAt"/>.</summary>
    private static Spans Fold(List<RoutingEvent> log, DateTimeOffset closedAt)
    {
        var spans = new Spans();
        var tracker = new AgentTimeTracker(spans);
        foreach (var e in log.OrderBy(e => e.At))
        {
            tracker.Apply(e);
        }

        tracker.Close(closedAt);
        return spans;
    }

    private static double? Occupancy(KpiReportRow row) => row.Figures.Single(f => f.Kpi == KpiCatalogue.Occupancy).Value;

    private sealed class Spans : IAgentTimeObserver
    {
        private readonly List<(AgentId Agent, AgentActivity Activity, DateTimeOffset Start, DateTimeOffset Until)> all = [];

        public void OnAgentTime(AgentId agent, AgentActivity activity, DateTimeOffset start, DateTimeOffset until) => all.Add((agent, activity, start, until));

        public List<(AgentActivity, DateTimeOffset, DateTimeOffset)> Of(AgentId agent) =>
            all.Where(s => s.Agent == agent).Select(s => (s.Activity, s.Start, s.Until)).ToList();
    }
}
