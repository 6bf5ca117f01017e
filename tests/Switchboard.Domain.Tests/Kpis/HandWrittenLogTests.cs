using Switchboard.Agents;
using Switchboard.Contacts;
using Switchboard.Kpis;
using Switchboard.Queues;
using Switchboard.Routing;
using Switchboard.Skills;

namespace Switchboard.Tests.Kpis;

/// <summary>KPIs over logs written event by event: announced waits, midnight and daylight-saving days in the client's zone.</summary>
public class HandWrittenLogTests
{
    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
    private static readonly QueueId Billing = new("billing");
    private static readonly AgentId Ann = new("ann");

    [Fact]
    public void ExpectedWait_ErrorAndRange_FromTheEstimateAnnouncedAtArrival()
    {
        var nine = new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);
        var log = new List<RoutingEvent>();
        // Told 30 s (20-40), answered at 25 s: error 5 s, inside the range.
        Answered(log, 1, nine, TimeSpan.FromSeconds(25), Estimate(30, 20, 40));
        // Told 60 s (45-75), answered at 100 s: error 40 s, outside.
        Answered(log, 2, nine.AddMinutes(1), TimeSpan.FromSeconds(100), Estimate(60, 45, 75));
        // Told nothing (no agent signed in): not counted.
        Answered(log, 3, nine.AddMinutes(2), TimeSpan.FromSeconds(10), WaitEstimate.Unknown(1));

        var figures = Summary(log, nine.AddHours(-9), ReportInterval.Day, TimeZoneInfo.Utc);

        Assert.Equal(22.5, figures[KpiCatalogue.ExpectedWaitError]);
        Assert.Equal(0.5, figures[KpiCatalogue.ExpectedWaitWithinRange]);
    }

    [Fact]
    public void Day_ContactArrivingBeforeLocalMidnight_CountsInTheDayItArrived()
    {
        // 22:59:50 UTC on 30 November is 23:59:50 in Paris; answered 30 s later, on 1 December.
        var arrival = new DateTimeOffset(2026, 11, 30, 22, 59, 50, TimeSpan.Zero);
        var log = new List<RoutingEvent>();
        Answered(log, 1, arrival, TimeSpan.FromSeconds(30), null);
        Answered(log, 2, arrival.AddMinutes(1), TimeSpan.FromSeconds(5), null);

        var report = Build(log, new DateTimeOffset(2026, 11, 30, 0, 0, 0, TimeSpan.Zero), ReportInterval.Day, Paris);

        Assert.Equal(
            [(new DateTimeOffset(2026, 11, 30, 0, 0, 0, TimeSpan.FromHours(1)), 1.0, 30.0), (new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.FromHours(1)), 1.0, 5.0)],
            report.Rows.Select(r => (r.Start, Value(r, KpiCatalogue.Answered)!.Value, Value(r, KpiCatalogue.AverageSpeedOfAnswer)!.Value)));
    }

    [Fact]
    public void Hour_AutumnDay_TheRepeatedHourGivesTwoRows()
    {
        // One call at the start of every real hour of 25 October 2026 in Paris: 25 of them.
        var midnight = new DateTimeOffset(2026, 10, 25, 0, 0, 0, TimeSpan.FromHours(2));
        var log = new List<RoutingEvent>();
        for (var hour = 0; hour < 25; hour++)
        {
            Answered(log, hour + 1, midnight.AddHours(hour).AddMinutes(1), TimeSpan.FromSeconds(hour), null);
        }

        var report = Build(log, midnight, ReportInterval.Hour, Paris);

        Assert.Equal(25, report.Rows.Count);
        Assert.Equal(2, report.Rows.Count(r => r.Start.Hour == 2));
        Assert.All(report.Rows, r => Assert.Equal(1, Value(r, KpiCatalogue.Offered)));
        Assert.Equal(25, Value(Assert.Single(report.Summary), KpiCatalogue.Offered));
    }

    private static WaitEstimate Estimate(int expected, int low, int high) =>
        new(TimeSpan.FromSeconds(expected), TimeSpan.FromSeconds(low), TimeSpan.FromSeconds(high), 1, 2);

    private static void Answered(List<RoutingEvent> log, long id, DateTimeOffset arrival, TimeSpan wait, WaitEstimate? estimate)
    {
        var contact = new ContactId(id);
        log.Add(new RoutingEvent { Type = RoutingEventType.ContactQueued, At = arrival, Contact = contact, Queue = Billing, Detail = new NewContact(Channel.Voice, Billing, new Language("fr")), Estimate = estimate });
        log.Add(new RoutingEvent { Type = RoutingEventType.ContactOffered, At = arrival + wait, Contact = contact, Agent = Ann, Queue = Billing, Offer = new OfferId(id) });
        log.Add(new RoutingEvent { Type = RoutingEventType.OfferAccepted, At = arrival + wait, Contact = contact, Agent = Ann, Queue = Billing, Offer = new OfferId(id) });
    }

    private static KpiReport Build(List<RoutingEvent> log, DateTimeOffset from, ReportInterval interval, TimeZoneInfo zone)
    {
        // The log is read to its last event: Ann, who never finishes a contact, counts until then (else her time adds rows).
        var builder = new KpiReportBuilder(new KpiReportRequest(from, from.AddDays(2), interval, zone, KpiBreakdown.None, KpiMethodSet.Defaults) { AsOf = log.Max(e => e.At) });
        foreach (var e in log.OrderBy(e => e.At))
        {
            builder.Apply(e);
        }

        return builder.Build();
    }

    private static Dictionary<KpiId, double?> Summary(List<RoutingEvent> log, DateTimeOffset from, ReportInterval interval, TimeZoneInfo zone) =>
        Assert.Single(Build(log, from, interval, zone).Summary).Figures.ToDictionary(f => f.Kpi, f => f.Value);

    private static double? Value(KpiReportRow row, KpiId kpi) => row.Figures.Single(f => f.Kpi == kpi).Value;
}
