using Switchboard.Contacts;
using Switchboard.Kpis;
using Switchboard.Queues;
using Switchboard.Routing;
using Switchboard.Tests.Builders;

namespace Switchboard.Tests.Kpis;

/// <summary>
/// KPIs of a morning in one queue, driven through the real engine, against values worked out by hand:
/// C1 answered after 12 s (talk 300 s, wrap-up 60 s); C2 left after 3 s (a short abandon); C3 left after 40 s;
/// C4 answered after 30 s (talk 240 s, wrap-up 30 s); C5 swapped to a callback after 10 s, connected 132 s after arriving
/// (talk 120 s, wrap-up 30 s). Two agents handled them.
/// </summary>
public class KpiReportBuilderTests
{
    private static readonly DateTimeOffset Nine = At.Nine;

    [Fact]
    public void Build_DefaultMethods_GivesTheHandWorkedFigures()
    {
        var report = Report(Morning(), KpiMethodSet.Defaults);

        var figures = Single(report);
        Assert.Equal(5, figures[KpiCatalogue.Offered]);
        Assert.Equal(2, figures[KpiCatalogue.Answered]);
        Assert.Equal(2, figures[KpiCatalogue.Abandoned]);
        Assert.Equal(1, figures[KpiCatalogue.CallbacksRequested]);
        // Answered within 20 s (C1) over answered (2) plus abandons after 5 s (C3).
        Assert.Equal(1.0 / 3, figures[KpiCatalogue.ServiceLevel]!.Value, 9);
        Assert.Equal(21, figures[KpiCatalogue.AverageSpeedOfAnswer]);
        Assert.Equal(12, figures[KpiCatalogue.WaitP50]);
        Assert.Equal(30, figures[KpiCatalogue.WaitP90]);
        Assert.Equal(40, figures[KpiCatalogue.LongestWait]);
        Assert.Equal(0.4, figures[KpiCatalogue.AbandonmentRate]);
        Assert.Equal(21.5, figures[KpiCatalogue.AverageTimeToAbandon]);
        Assert.Equal((12 + 30 + 132) / 3.0, figures[KpiCatalogue.TimeToHuman]!.Value, 9);
        Assert.Equal((360 + 270 + 150) / 3.0, figures[KpiCatalogue.AverageHandleTime]!.Value, 9);
        Assert.Equal((300 + 240 + 120) / 3.0, figures[KpiCatalogue.AverageTalkTime]!.Value, 9);
        Assert.Equal(40, figures[KpiCatalogue.AverageWrapUpTime]);
        Assert.Equal(1.5, figures[KpiCatalogue.ContactsPerAgent]);
        Assert.Null(figures[KpiCatalogue.CallbackPromisesKept]);
    }

    [Theory]
    [InlineData(AbandonRule.AbandonsExcluded, CallbackRule.Excluded, 1, 2)]
    [InlineData(AbandonRule.LateAbandonsFail, CallbackRule.Excluded, 1, 3)]
    [InlineData(AbandonRule.ShortAbandonsSucceed, CallbackRule.Excluded, 2, 4)]
    [InlineData(AbandonRule.LateAbandonsFail, CallbackRule.AnsweredAtRequest, 2, 4)]
    [InlineData(AbandonRule.LateAbandonsFail, CallbackRule.AnsweredAtConnection, 1, 4)]
    [InlineData(AbandonRule.AbandonsExcluded, CallbackRule.AnsweredAtRequest, 2, 3)]
    public void Build_ServiceLevelVariants_CountAbandonsAndCallbacksAsTheMethodSays(AbandonRule abandons, CallbackRule callbacks, int within, int counted)
    {
        var method = new KpiMethod(KpiCatalogue.ServiceLevel, 2, new KpiParameters { Abandons = abandons, Callbacks = callbacks });

        var report = Report(Morning(), KpiMethodSet.Defaults.With(method));

        var figure = Figure(Assert.Single(report.Summary), KpiCatalogue.ServiceLevel);
        Assert.Equal((double)within / counted, figure.Value!.Value, 9);
        Assert.Equal(2, figure.MethodVersion);
    }

    [Fact]
    public void Build_LongerShortAbandonThreshold_TurnsTheLateAbandonIntoAShortOne()
    {
        var method = new KpiMethod(KpiCatalogue.ServiceLevel, 2, new KpiParameters { ShortAbandonThreshold = TimeSpan.FromSeconds(40) });

        var report = Report(Morning(), KpiMethodSet.Defaults.With(method));

        // C3 left at exactly 40 s: within the threshold, so only C1 of the two answered counts... over answered alone.
        Assert.Equal(0.5, Single(report)[KpiCatalogue.ServiceLevel]);
    }

    [Fact]
    public void Build_SameLogTwoVersions_GiveBothResultsAndLeaveTheLogUntouched()
    {
        var log = Morning();
        var before = log.ToArray();
        var version2 = KpiMethodSet.Defaults.With(new KpiMethod(KpiCatalogue.ServiceLevel, 2, new KpiParameters { AnswerThreshold = TimeSpan.FromSeconds(30) }));

        var first = Figure(Assert.Single(Report(log, KpiMethodSet.Defaults).Summary), KpiCatalogue.ServiceLevel);
        var second = Figure(Assert.Single(Report(log, version2).Summary), KpiCatalogue.ServiceLevel);

        Assert.Equal((1, Math.Round(1.0 / 3, 9)), (first.MethodVersion, Math.Round(first.Value!.Value, 9)));
        Assert.Equal((2, Math.Round(2.0 / 3, 9)), (second.MethodVersion, Math.Round(second.Value!.Value, 9)));
        Assert.Equal(before, log);
    }

    [Fact]
    public void Build_AbandonmentExcludingShortAbandons_LeavesThemOutOfBothSides()
    {
        var method = new KpiMethod(KpiCatalogue.AbandonmentRate, 2, new KpiParameters { ExcludeShortAbandons = true });

        var report = Report(Morning(), KpiMethodSet.Defaults.With(method));

        Assert.Equal(0.25, Single(report)[KpiCatalogue.AbandonmentRate]);
    }

    [Fact]
    public void Build_ByAgent_CountsOnlyWhatEachAgentAnsweredAndHandled()
    {
        var report = Report(Morning(), KpiMethodSet.Defaults, KpiBreakdown.Agent);

        var rows = report.Summary.ToDictionary(r => r.Key!, r => Figures(r));
        Assert.Equal(["a1", "a2"], rows.Keys.Order());
        Assert.Equal((1.0, 2.0, (360 + 150) / 2.0), (rows["a1"][KpiCatalogue.Answered]!.Value, rows["a1"][KpiCatalogue.ContactsPerAgent]!.Value, rows["a1"][KpiCatalogue.AverageHandleTime]!.Value));
        Assert.Equal((1.0, 1.0, 270.0), (rows["a2"][KpiCatalogue.Answered]!.Value, rows["a2"][KpiCatalogue.ContactsPerAgent]!.Value, rows["a2"][KpiCatalogue.AverageHandleTime]!.Value));
    }

    [Fact]
    public void Build_FifteenMinuteIntervals_PutsEachContactInTheIntervalItArrivedIn()
    {
        var log = Morning();
        var engine = Engine(log);
        var late = Take(log, engine.Enqueue(A.Contact("billing"), Nine.AddMinutes(20)), engine).Contact;
        Take(log, engine.Abandon(late, Nine.AddMinutes(21)), engine);

        var report = Build(log, new KpiReportRequest(Nine.AddHours(-1), Nine.AddHours(3), ReportInterval.FifteenMinutes, TimeZoneInfo.Utc, KpiBreakdown.None, KpiMethodSet.Defaults));

        Assert.Equal([(Nine, 5.0), (Nine.AddMinutes(15), 1.0)], report.Rows.Select(r => (r.Start, Figures(r)[KpiCatalogue.Offered]!.Value)));
        Assert.Equal(Nine.AddMinutes(30), report.Rows[1].End);
    }

    [Fact]
    public void Build_AnswerHoursAfterArrivalWithOtherIntervalsBetween_CountsInTheArrivalInterval()
    {
        var log = new List<RoutingEvent>();
        var engine = Centre.With(A.Queue("billing"));
        var patient = Take(log, engine.Enqueue(A.Contact("billing"), Nine), engine).Contact;
        for (var quarter = 1; quarter <= 8; quarter++)
        {
            var brief = Take(log, engine.Enqueue(A.Contact("billing"), Nine.AddMinutes(15 * quarter)), engine).Contact;
            Take(log, engine.Abandon(brief, Nine.AddMinutes(15 * quarter).AddSeconds(30)), engine);
        }

        Take(log, engine.SignIn(An.Agent("a1"), Nine.AddHours(2).AddMinutes(10)), engine);
        Take(log, engine.AcceptOfferOf(patient, Nine.AddHours(2).AddMinutes(10)), engine);

        var report = Build(log, new KpiReportRequest(Nine.AddHours(-1), Nine.AddHours(3), ReportInterval.FifteenMinutes, TimeZoneInfo.Utc, KpiBreakdown.None, KpiMethodSet.Defaults));

        Assert.Equal(9, report.Rows.Count);
        var first = Figures(report.Rows[0]);
        Assert.Equal((Nine, 1.0, 0.0, 130 * 60.0), (report.Rows[0].Start, first[KpiCatalogue.Answered]!.Value, first[KpiCatalogue.Abandoned]!.Value, first[KpiCatalogue.AverageSpeedOfAnswer]!.Value));
        Assert.All(report.Rows.Skip(1), row => Assert.Equal((0.0, 1.0), (Figures(row)[KpiCatalogue.Answered]!.Value, Figures(row)[KpiCatalogue.Abandoned]!.Value)));
    }

    [Fact]
    public void Build_PeriodStartsAfterSomeArrivals_CountsOnlyArrivalsInsideIt()
    {
        var report = Build(Morning(), new KpiReportRequest(Nine.AddMinutes(2), Nine.AddHours(1), ReportInterval.Day, TimeZoneInfo.Utc, KpiBreakdown.None, KpiMethodSet.Defaults));

        // C3, C4 and C5 arrived from 09:02.
        Assert.Equal(3, Single(report)[KpiCatalogue.Offered]);
    }

    [Fact]
    public void Build_TransferEachQueue_CountsTheContactInBothQueuesWithItsOwnWait()
    {
        var log = Transferred();

        var report = Report(log, KpiMethodSet.Defaults, KpiBreakdown.Queue);

        var rows = report.Summary.ToDictionary(r => r.Key!, r => Figures(r));
        Assert.Equal((1.0, 1.0, 10.0), (rows["billing"][KpiCatalogue.Offered]!.Value, rows["billing"][KpiCatalogue.Answered]!.Value, rows["billing"][KpiCatalogue.AverageSpeedOfAnswer]!.Value));
        Assert.Equal((1.0, 1.0, 45.0), (rows["sales"][KpiCatalogue.Offered]!.Value, rows["sales"][KpiCatalogue.Answered]!.Value, rows["sales"][KpiCatalogue.AverageSpeedOfAnswer]!.Value));
        // Billing's agent talked 120 s until the transfer; sales' agent 60 s, then 20 s of wrap-up.
        Assert.Equal((120.0, 80.0), (rows["billing"][KpiCatalogue.AverageHandleTime]!.Value, rows["sales"][KpiCatalogue.AverageHandleTime]!.Value));
        // The customer reached a person once, in their first queue.
        Assert.Equal((10.0, (double?)null), (rows["billing"][KpiCatalogue.TimeToHuman]!.Value, rows["sales"][KpiCatalogue.TimeToHuman]));
    }

    [Fact]
    public void Build_TransferFirstQueueOnly_CountsTheWaitOnlyInTheFirstQueueButTheHandlingInBoth()
    {
        var methods = KpiMethodSet.Defaults.With(new KpiMethod(KpiCatalogue.Offered, 2, new KpiParameters { Transfers = TransferRule.FirstQueueOnly }));

        var report = Report(Transferred(), methods, KpiBreakdown.Queue);

        var row = report.Summary.Single(r => r.Key == "sales");
        var sales = Figures(row);
        Assert.Equal((0.0, 0.0, 80.0), (sales[KpiCatalogue.Offered]!.Value, sales[KpiCatalogue.Answered]!.Value, sales[KpiCatalogue.AverageHandleTime]!.Value));
        Assert.Equal(2, Figure(row, KpiCatalogue.Offered).MethodVersion);
    }

    [Fact]
    public void Build_OverflowedContact_IsCountedInItsOwnQueue()
    {
        var engine = Centre.With(A.Queue("sales").Needing("sales"), A.Queue("billing").Needing("billing").ThenOverflowAfter(TimeSpan.FromSeconds(30), "sales"));
        var log = new List<RoutingEvent>();
        Take(log, engine.SignIn(An.Agent("s1").With("sales"), Nine), engine);
        var contact = Take(log, engine.Enqueue(A.Contact("billing"), Nine), engine).Contact;
        engine.AdvanceTo(Nine.AddSeconds(30));
        Take(log, engine.AcceptOfferOf(contact, Nine.AddSeconds(31)), engine);

        var report = Report(log, KpiMethodSet.Defaults, KpiBreakdown.Queue);

        Assert.Equal(["billing"], report.Summary.Select(r => r.Key));
        Assert.Equal(31, Figures(report.Summary[0])[KpiCatalogue.AverageSpeedOfAnswer]);
    }

    [Fact]
    public void Build_ScheduledCallbacks_KeptAndMissedPromises()
    {
        var engine = Centre.With(A.Queue("billing"));
        var log = new List<RoutingEvent>();
        var window = new CallbackWindow(Nine.AddMinutes(10), Nine.AddMinutes(20));
        var kept = Take(log, engine.ScheduleCallback(new CallbackBooking(A.Contact("billing").On(Channel.Callback).Build(), window), Nine), engine).Contact;
        Take(log, engine.ScheduleCallback(new CallbackBooking(A.Contact("billing").On(Channel.Callback).Build(), window), Nine), engine);
        Take(log, engine.SignIn(An.Agent("a1"), Nine.AddMinutes(12)), engine);
        Take(log, engine.AcceptOfferOf(kept, Nine.AddMinutes(12)), engine);
        engine.AdvanceTo(Nine.AddMinutes(25));
        Take(log, 0, engine);

        var figures = Single(Report(log, KpiMethodSet.Defaults));

        Assert.Equal(0.5, figures[KpiCatalogue.CallbackPromisesKept]);
        // Nobody waited on the line: scheduled callbacks are not offered contacts.
        Assert.Equal((0.0, (double?)null), (figures[KpiCatalogue.Offered]!.Value, figures[KpiCatalogue.ServiceLevel]));
    }

    [Fact]
    public void Build_FullQueue_CountsTurnedAwayNotOffered()
    {
        var engine = Centre.With(A.Queue("billing").HoldingAtMost(1));
        var log = new List<RoutingEvent>();
        Take(log, engine.Enqueue(A.Contact("billing"), Nine), engine);
        Take(log, engine.Enqueue(A.Contact("billing"), Nine.AddSeconds(5)), engine);

        var figures = Single(Report(log, KpiMethodSet.Defaults));

        Assert.Equal((1.0, 1.0), (figures[KpiCatalogue.Offered]!.Value, figures[KpiCatalogue.TurnedAway]!.Value));
    }

    [Fact]
    public void Build_Surveys_CountInTheirContactsArrivalCell()
    {
        var request = new KpiReportRequest(Nine.AddHours(-9), Nine.AddHours(15), ReportInterval.Day, TimeZoneInfo.Utc, KpiBreakdown.None, KpiMethodSet.Defaults);
        var builder = new KpiReportBuilder(request);
        foreach (var e in Morning())
        {
            builder.Apply(e);
        }

        var billing = new QueueId("billing");
        builder.ApplySurvey(new SurveyResponse { Invitation = new() { Queue = billing, ContactArrived = Nine }, Satisfaction = 5, Resolved = true, Recommend = 10, Effort = 2 });
        builder.ApplySurvey(new SurveyResponse { Invitation = new() { Queue = billing, ContactArrived = Nine.AddMinutes(3) }, Satisfaction = 3, Resolved = false, Recommend = 6, Effort = 4 });
        builder.ApplySurvey(new SurveyResponse { Invitation = new() { Queue = billing, ContactArrived = Nine.AddMinutes(4) }, Recommend = 9 });
        // Answered about a contact of the day before: not this period's.
        builder.ApplySurvey(new SurveyResponse { Invitation = new() { Queue = billing, ContactArrived = Nine.AddDays(-1) }, Satisfaction = 1 });
        // Four invited this period (one never answered), and one the day before.
        foreach (var arrived in new[] { Nine, Nine.AddMinutes(3), Nine.AddMinutes(4), Nine.AddMinutes(5), Nine.AddDays(-1) })
        {
            builder.ApplyInvitation(new SurveyInvitation { Queue = billing, ContactArrived = arrived });
        }

        var figures = Single(builder.Build());

        // Three customers reached an agent (C1, C4, C5), but the rate is over the four invited: three answered.
        Assert.Equal(0.75, figures[KpiCatalogue.SurveyResponseRate]);
        Assert.Equal(0.5, figures[KpiCatalogue.CustomerSatisfaction]);
        Assert.Equal(0.5, figures[KpiCatalogue.ResolvedBySurvey]);
        Assert.Equal(100.0 / 3, figures[KpiCatalogue.NetPromoterScore]!.Value, 9);
        Assert.Equal(3, figures[KpiCatalogue.CustomerEffort]);
    }

    [Fact]
    public void Build_CsatSatisfiedFromFive_OnlyTopBoxCounts()
    {
        var methods = KpiMethodSet.Defaults.With(new KpiMethod(KpiCatalogue.CustomerSatisfaction, 2, new KpiParameters { SatisfiedFrom = 5 }));
        var builder = new KpiReportBuilder(new KpiReportRequest(Nine.AddHours(-9), Nine.AddHours(15), ReportInterval.Day, TimeZoneInfo.Utc, KpiBreakdown.None, methods));

        builder.ApplySurvey(new SurveyResponse { Invitation = new() { Queue = new QueueId("billing"), ContactArrived = Nine }, Satisfaction = 5 });
        builder.ApplySurvey(new SurveyResponse { Invitation = new() { Queue = new QueueId("billing"), ContactArrived = Nine }, Satisfaction = 4 });

        Assert.Equal(0.5, Single(builder.Build())[KpiCatalogue.CustomerSatisfaction]);
    }

    [Fact]
    public void Build_AnswersWithoutInvitations_HaveNoResponseRate()
    {
        var builder = new KpiReportBuilder(new KpiReportRequest(Nine.AddHours(-9), Nine.AddHours(15), ReportInterval.Day, TimeZoneInfo.Utc, KpiBreakdown.None, KpiMethodSet.Defaults));

        builder.ApplySurvey(new SurveyResponse { Invitation = new() { Queue = new QueueId("billing"), ContactArrived = Nine }, Satisfaction = 5 });

        Assert.Null(Single(builder.Build())[KpiCatalogue.SurveyResponseRate]);
    }

    [Fact]
    public void Build_InvitationsByQueue_CountInTheirContactsQueue()
    {
        var builder = new KpiReportBuilder(new KpiReportRequest(Nine.AddHours(-9), Nine.AddHours(15), ReportInterval.Day, TimeZoneInfo.Utc, KpiBreakdown.Queue, KpiMethodSet.Defaults));

        builder.ApplyInvitation(new SurveyInvitation { Queue = new QueueId("billing"), ContactArrived = Nine });
        builder.ApplyInvitation(new SurveyInvitation { Queue = new QueueId("billing"), ContactArrived = Nine.AddHours(1) });
        builder.ApplyInvitation(new SurveyInvitation { Queue = new QueueId("sales"), ContactArrived = Nine });
        builder.ApplySurvey(new SurveyResponse { Invitation = new() { Queue = new QueueId("billing"), ContactArrived = Nine }, Satisfaction = 5 });

        var summary = builder.Build().Summary.ToDictionary(r => r.Key!, r => r.Figures.Single(f => f.Kpi == KpiCatalogue.SurveyResponseRate).Value);
        Assert.Equal(0.5, summary["billing"]);
        Assert.Equal(0.0, summary["sales"]);
    }

    [Fact]
    public void Build_EmptyLog_HasNoRows()
    {
        var report = Report([], KpiMethodSet.Defaults);

        Assert.Empty(report.Rows);
        Assert.Empty(report.Summary);
        Assert.Equal(KpiCatalogue.All.Count, report.Methods.Count);
    }

    [Fact]
    public void Csv_Report_HasAHeaderAndOneLinePerFigureWithItsMethodVersion()
    {
        var report = Report(Morning(), KpiMethodSet.Defaults);

        var lines = KpiReportCsv.Lines(report).ToList();

        Assert.Equal(KpiReportCsv.Header, lines[0]);
        Assert.Equal(1 + (2 * KpiCatalogue.All.Count), lines.Count);
        Assert.Contains("2026-11-30T00:00:00+00:00,2026-12-01T00:00:00+00:00,,service-level,1,0.3333333333333333,false", lines);
    }

    internal static List<RoutingEvent> Morning()
    {
        var engine = Centre.With(A.Queue("billing"));
        var log = new List<RoutingEvent>();
        var c1 = Take(log, engine.Enqueue(A.Contact("billing"), Nine), engine).Contact;
        Take(log, engine.SignIn(An.Agent("a1"), Nine.AddSeconds(10)), engine);
        Take(log, engine.AcceptOfferOf(c1, Nine.AddSeconds(12)), engine);
        var c2 = Take(log, engine.Enqueue(A.Contact("billing"), Nine.AddMinutes(1)), engine).Contact;
        Take(log, engine.Abandon(c2, Nine.AddMinutes(1).AddSeconds(3)), engine);
        var c3 = Take(log, engine.Enqueue(A.Contact("billing"), Nine.AddMinutes(2)), engine).Contact;
        Take(log, engine.Abandon(c3, Nine.AddMinutes(2).AddSeconds(40)), engine);
        var c4 = Take(log, engine.Enqueue(A.Contact("billing"), Nine.AddMinutes(3)), engine).Contact;
        Take(log, engine.SignIn(An.Agent("a2"), Nine.AddMinutes(3).AddSeconds(30)), engine);
        Take(log, engine.AcceptOfferOf(c4, Nine.AddMinutes(3).AddSeconds(30)), engine);
        var c5 = Take(log, engine.Enqueue(A.Contact("billing"), Nine.AddMinutes(4)), engine).Contact;
        Take(log, engine.RequestCallback(c5, Nine.AddMinutes(4).AddSeconds(10)), engine);
        Take(log, engine.Complete(c1, Nine.AddMinutes(5).AddSeconds(12)), engine);
        Take(log, engine.FinishWrapUp(c1, new Disposition("resolved"), Nine.AddMinutes(6).AddSeconds(12)), engine);
        Take(log, engine.AcceptOfferOf(c5, Nine.AddMinutes(6).AddSeconds(12)), engine);
        Take(log, engine.Complete(c4, Nine.AddMinutes(7).AddSeconds(30)), engine);
        Take(log, engine.FinishWrapUp(c4, new Disposition("resolved"), Nine.AddMinutes(8)), engine);
        Take(log, engine.Complete(c5, Nine.AddMinutes(8).AddSeconds(12)), engine);
        Take(log, engine.FinishWrapUp(c5, new Disposition("resolved"), Nine.AddMinutes(8).AddSeconds(42)), engine);
        return log;
    }

    // A billing call answered after 10 s, transferred to sales after 120 s of talk, answered there 45 s later, talked 60 s
    // and wrapped up in 20 s.
    private static List<RoutingEvent> Transferred()
    {
        var engine = Centre.With(A.Queue("billing").Needing("billing"), A.Queue("sales").Needing("sales"));
        var log = new List<RoutingEvent>();
        var contact = Take(log, engine.Enqueue(A.Contact("billing"), Nine), engine).Contact;
        Take(log, engine.SignIn(An.Agent("b1").With("billing"), Nine.AddSeconds(10)), engine);
        Take(log, engine.AcceptOfferOf(contact, Nine.AddSeconds(10)), engine);
        Take(log, engine.Transfer(contact, new QueueId("sales"), Nine.AddSeconds(130)), engine);
        Take(log, engine.SignIn(An.Agent("s1").With("sales"), Nine.AddSeconds(175)), engine);
        Take(log, engine.AcceptOfferOf(contact, Nine.AddSeconds(175)), engine);
        Take(log, engine.Complete(contact, Nine.AddSeconds(235)), engine);
        Take(log, engine.FinishWrapUp(contact, new Disposition("sold"), Nine.AddSeconds(255)), engine);
        return log;
    }

    // Continue a recorded log: a fresh engine replaying it.
    private static RoutingEngine Engine(List<RoutingEvent> log)
    {
        var engine = RoutingEngine.Replay(new RoutingOptions(), log);
        return engine;
    }

    private static T Take<T>(List<RoutingEvent> log, T result, RoutingEngine engine)
    {
        log.AddRange(engine.PendingEvents.ToArray());
        engine.ClearPendingEvents();
        return result;
    }

    private static KpiReport Report(List<RoutingEvent> log, KpiMethodSet methods, KpiBreakdown by = KpiBreakdown.None) =>
        Build(log, new KpiReportRequest(Nine.AddHours(-9), Nine.AddHours(15), ReportInterval.Day, TimeZoneInfo.Utc, by, methods));

    // The log is read to its last event: agents still signed in count until then (else their idle time adds rows).
    private static KpiReport Build(List<RoutingEvent> log, KpiReportRequest request)
    {
        var builder = new KpiReportBuilder(request with { AsOf = log.Count == 0 ? null : log[^1].At });
        foreach (var e in log)
        {
            builder.Apply(e);
        }

        return builder.Build();
    }

    private static Dictionary<KpiId, double?> Single(KpiReport report) => Figures(Assert.Single(report.Summary));

    private static Dictionary<KpiId, double?> Figures(KpiReportRow row) => row.Figures.ToDictionary(f => f.Kpi, f => f.Value);

    private static KpiFigure Figure(KpiReportRow row, KpiId kpi) => row.Figures.Single(f => f.Kpi == kpi);
}
