using Switchboard.Contacts;
using Switchboard.Kpis;
using Switchboard.Planning.Simulation;
using Switchboard.Routing;

namespace Switchboard.Benchmarks;

/// <summary>
/// The routing log of a generated centre for the KPI benchmarks: <c>queues</c> call types, each with its own queue, skill
/// and agent group, open around the clock with a daily peak. One simulated day is about 3,300 events per queue (with 100
/// queues, about 10 million events in 30 days).
/// </summary>
public static class KpiWorkload
{
    /// <summary>Where the month starts: March 2026, so the report crosses the change to summer time in Paris.</summary>
    public static readonly DateTimeOffset MonthStart = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The client's time zone the report's intervals follow.</summary>
    public static TimeZoneInfo Zone { get; } = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    private const int IntervalsPerDay = 96;
    private static readonly TimeSpan HandleTime = TimeSpan.FromMinutes(4);

    /// <summary>A day of the centre starting at <paramref name="start"/>.</summary>
    public static Scenario Day(int queueCount, DateTimeOffset start)
    {
        var queues = new List<QueueScenario>(queueCount);
        var groups = new List<AgentGroupScenario>(queueCount);
        for (var q = 0; q < queueCount; q++)
        {
            // Queues differ in size (0.6 to 1.4 times the mean), so rows differ; the mean is about 8.7 calls per interval.
            var scale = 1.3 * (0.6 + (0.8 * ((q * 37) % 100) / 100.0));
            var rates = new double[IntervalsPerDay];
            var peak = 0.0;
            for (var i = 0; i < IntervalsPerDay; i++)
            {
                // Quiet at night, busiest early afternoon.
                var hour = i / 4.0;
                rates[i] = scale * (1.5 + (10.5 * Math.Max(0, Math.Sin(Math.PI * (hour - 6) / 16))));
                peak = Math.Max(peak, rates[i]);
            }

            var skill = $"skill-{q:000}";
            queues.Add(new QueueScenario
            {
                Id = $"queue-{q:000}",
                Stages = [new StageScenario(TimeSpan.Zero, [new SkillLevel(skill, 1)])],
                ExpectedHandleTime = HandleTime,
                ArrivalsPerInterval = rates,
                Languages = [new LanguageShare("fr", 3), new LanguageShare("en", 1)],
                HandleTime = Distribution.LogNormal(HandleTime, TimeSpan.FromMinutes(2)),
                WrapUpTime = Distribution.Exponential(TimeSpan.FromSeconds(30)),
                Patience = Distribution.Exponential(TimeSpan.FromMinutes(2)),
            });

            // Staffed a little under the peak's offered load, so peaks queue and some callers abandon.
            var erlangs = peak * (HandleTime + TimeSpan.FromSeconds(30)) / TimeSpan.FromMinutes(15);
            groups.Add(new AgentGroupScenario
            {
                Name = $"team-{q:000}",
                Count = Math.Max(2, (int)Math.Round(erlangs * 0.95)),
                Skills = [new SkillLevel(skill, 3)],
                Languages = ["fr", "en"],
                ShiftStart = TimeSpan.Zero,
                ShiftEnd = TimeSpan.FromHours(25),
            });
        }

        return new Scenario
        {
            Name = $"kpi-{queueCount}-queues",
            Start = start,
            Duration = TimeSpan.FromDays(1),
            Queues = queues,
            AgentGroups = groups,
        };
    }

    /// <summary>
    /// Simulates day <paramref name="day"/> of the month and adds its events to <paramref name="events"/> (cleared
    /// first), with contact ids and sequence numbers moved past the previous days' so the month reads as one log.
    /// </summary>
    /// <returns>The contacts simulated.</returns>
    public static long SimulateDay(int queueCount, int day, List<RoutingEvent> events, ref long contactOffset, ref long sequenceOffset)
    {
        ArgumentNullException.ThrowIfNull(events);
        events.Clear();
        var contacts = contactOffset;
        var sequences = sequenceOffset;
        var lastContact = 0L;
        var lastSequence = 0L;
        void Keep(in RoutingEvent e)
        {
            lastContact = Math.Max(lastContact, e.Contact.Value);
            lastSequence = e.Sequence;
            events.Add(e.Contact.Value == 0
                ? e with { Sequence = e.Sequence + sequences }
                : e with { Sequence = e.Sequence + sequences, Contact = new ContactId(e.Contact.Value + contacts) });
        }

        var result = Simulator.Run(Day(queueCount, MonthStart.AddDays(day)), seed: day + 1, observer: Keep);
        contactOffset += lastContact;
        sequenceOffset += lastSequence;
        return result.Statistics.ContactsSimulated;
    }

    /// <summary>The benchmark's report: 15-minute intervals in Paris, by queue (or <paramref name="by"/>: by agent or without a
    /// breakdown, agents' time is counted too), default methods, over <paramref name="days"/> days.</summary>
    public static KpiReportRequest Request(int days, KpiBreakdown by = KpiBreakdown.Queue) =>
        new(MonthStart, MonthStart.AddDays(days), ReportInterval.FifteenMinutes, Zone, by, KpiMethodSet.Defaults);
}
