using Switchboard.Contacts;
using Switchboard.Contracts;
using Switchboard.Planning.Simulation;
using Switchboard.Server.Agents;
using Switchboard.Server.Contracts;
using Switchboard.Server.Queues;

namespace Switchboard.Server.Demo;

/// <summary>
/// The demo client's centre: a London utility's billing and support lines (English and German), a support chat, and
/// 33 agents on early, middle and late shifts, open Monday to Saturday 08:00–20:00 London time. One definition feeds
/// both the simulator (<see cref="Day"/>) and the stored directory rows (<see cref="QueueSettingsOf"/>,
/// <see cref="AgentSettingsOf"/>), so the engine the server rebuilds from the log is configured as the stored rows say.
/// </summary>
internal static class DemoCentre
{
    public const string Client = "demo";

    public const string ClientName = "Demo Energy";

    public const string TimeZoneId = "Europe/London";

    /// <summary>Opening hours on a working day, London wall clock; Saturday closes at <see cref="SaturdayClose"/>; Sunday closed.</summary>
    public static readonly TimeOnly Open = new(8, 0);

    public static readonly TimeOnly Close = new(20, 0);

    public static readonly TimeOnly SaturdayClose = new(14, 0);

    /// <summary>Relative arrival intensity by half hour from 08:00 to 20:00 (24 values): a morning peak, a lunch dip, an
    /// afternoon shoulder and an evening tail.</summary>
    private static readonly double[] DayCurve =
    [
        0.55, 0.75, 0.90, 1.00, 1.00, 0.95, 0.85, 0.75, 0.70, 0.75, 0.85, 0.90,
        0.85, 0.80, 0.75, 0.65, 0.60, 0.55, 0.50, 0.45, 0.40, 0.35, 0.30, 0.25,
    ];

    private static readonly IReadOnlyList<DemoQueue> Queues =
    [
        new("demo-billing", "Billing (English)", Channel.Voice, 18, [new LanguageShare("en", 1)],
        [
            new StageScenario(TimeSpan.Zero, [new SkillLevel("billing", 3)]),
            new StageScenario(TimeSpan.FromSeconds(30), [new SkillLevel("billing", 1)]),
        ],
        TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(2.5), Patience: TimeSpan.FromMinutes(4), CallbackThreshold: TimeSpan.FromMinutes(4)),
        new("demo-billing-de", "Billing (German)", Channel.Voice, 3.5, [new LanguageShare("de", 1)],
        [
            new StageScenario(TimeSpan.Zero, [new SkillLevel("billing", 1)]),
            // After two minutes any billing agent may take it with an interpreter joining.
            new StageScenario(TimeSpan.FromMinutes(2), [new SkillLevel("billing", 1)]) { Interpreter = true },
        ],
        TimeSpan.FromMinutes(6), TimeSpan.FromMinutes(3), Patience: TimeSpan.FromMinutes(4), CallbackThreshold: null),
        new("demo-support", "Technical support", Channel.Voice, 13, [new LanguageShare("en", 0.85), new LanguageShare("de", 0.15)],
        [
            new StageScenario(TimeSpan.Zero, [new SkillLevel("support", 3)]),
            new StageScenario(TimeSpan.FromSeconds(45), [new SkillLevel("support", 1)]),
        ],
        TimeSpan.FromMinutes(7), TimeSpan.FromMinutes(4), Patience: TimeSpan.FromMinutes(5), CallbackThreshold: TimeSpan.FromMinutes(5)),
        new("demo-chat", "Support chat", Channel.Chat, 9, [new LanguageShare("en", 1)],
        [
            new StageScenario(TimeSpan.Zero, [new SkillLevel("support", 1)]),
        ],
        TimeSpan.FromMinutes(9), TimeSpan.FromMinutes(4), Patience: TimeSpan.FromMinutes(6), CallbackThreshold: null),
    ];

    private static readonly IReadOnlyList<DemoTeam> Teams =
    [
        new("demo-billing-early", 5, [new SkillLevel("billing", 4)], ["en"], new CapacitySettings(), new TimeOnly(7, 45), new TimeOnly(16, 0)),
        new("demo-billing-mid", 5, [new SkillLevel("billing", 3)], ["en"], new CapacitySettings(), new TimeOnly(10, 0), new TimeOnly(18, 0)),
        new("demo-billing-late", 3, [new SkillLevel("billing", 3)], ["en"], new CapacitySettings(), new TimeOnly(12, 30), new TimeOnly(20, 30)),
        new("demo-bilingual-early", 2, [new SkillLevel("billing", 4), new SkillLevel("support", 2)], ["en", "de"], new CapacitySettings(), new TimeOnly(7, 45), new TimeOnly(16, 0)),
        new("demo-bilingual-late", 2, [new SkillLevel("billing", 3), new SkillLevel("support", 3)], ["en", "de"], new CapacitySettings(), new TimeOnly(12, 30), new TimeOnly(20, 30)),
        new("demo-support-early", 4, [new SkillLevel("support", 4)], ["en"], new CapacitySettings(), new TimeOnly(7, 45), new TimeOnly(16, 0)),
        new("demo-support-mid", 4, [new SkillLevel("support", 3)], ["en"], new CapacitySettings(), new TimeOnly(10, 0), new TimeOnly(18, 0)),
        new("demo-support-late", 3, [new SkillLevel("support", 3)], ["en", "de"], new CapacitySettings(), new TimeOnly(12, 30), new TimeOnly(20, 30)),
        new("demo-chat-early", 3, [new SkillLevel("support", 2)], ["en"], new CapacitySettings(Voice: 0, Chat: 2), new TimeOnly(7, 45), new TimeOnly(16, 0)),
        new("demo-chat-late", 2, [new SkillLevel("support", 2)], ["en"], new CapacitySettings(Voice: 0, Chat: 2), new TimeOnly(12, 0), new TimeOnly(20, 30)),
    ];

    public static TimeZoneInfo Zone { get; } = TimeZoneInfo.FindSystemTimeZoneById(TimeZoneId);

    /// <summary>The queues' ids and display names, in the order the engine is given them.</summary>
    public static IEnumerable<(string Id, string Name)> QueueNames => Queues.Select(q => (q.Id, q.Name));

    /// <summary>The agents' ids (as the simulator names them) with their team.</summary>
    public static IEnumerable<(string Id, string Team)> AgentIds =>
        Teams.SelectMany(t => Enumerable.Range(1, t.Count).Select(i => (Id(t.Name, i), t.Name)));

    /// <summary>The queue's settings as an administrator would have entered them; their definition is the simulator's.</summary>
    public static QueueSettings QueueSettingsOf(string id)
    {
        var queue = Queues.Single(q => q.Id == id);
        return new QueueSettings
        {
            Stages = [.. queue.Stages.Select(s => new StageSettings
            {
                After = s.After,
                Skills = [.. s.Skills.Select(k => new SkillNeed(k.Skill, k.Proficiency))],
                Interpreter = s.Interpreter,
                OverflowTo = s.OverflowTo,
            })],
            ExpectedHandleTime = queue.HandleTime,
            CallbackOfferThreshold = queue.CallbackThreshold,
            ServiceLevelTarget = 0.8,
            ServiceLevelThreshold = TimeSpan.FromSeconds(20),
            AbandonmentLimit = 0.08,
            OpeningHours = OpeningHours(),
        };
    }

    public static AgentSettings AgentSettingsOf(string team)
    {
        var t = Teams.Single(t => t.Name == team);
        return new AgentSettings
        {
            Skills = [.. t.Skills.Select(s => new AgentSkillSettings(s.Skill, s.Proficiency))],
            Languages = [.. t.Languages.Select(l => new AgentLanguageSettings(l))],
            Capacity = t.Capacity,
        };
    }

    /// <summary>Whether the centre opens on a London date (Monday to Saturday).</summary>
    public static bool Opens(DateOnly date) => date.DayOfWeek != DayOfWeek.Sunday;

    /// <summary>
    /// One London working day as a scenario: it starts at UTC midnight of the date and lasts a day, arrivals come in
    /// opening hours and the last shift ends half an hour after closing, so every contact is finished and every agent
    /// signed off before the day ends. Times of day are London's, moved to UTC by the day's offset.
    /// </summary>
    public static Scenario Day(DateOnly date)
    {
        var start = new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var offset = Zone.GetUtcOffset(start.AddHours(12));
        var close = date.DayOfWeek == DayOfWeek.Saturday ? SaturdayClose : Close;
        // Mondays are busiest, Saturdays quieter (and shorter).
        var volume = date.DayOfWeek switch
        {
            DayOfWeek.Monday => 1.2,
            DayOfWeek.Saturday => 0.6,
            _ => 1.0,
        };
        var intervals = 96;
        var queues = Queues.Select(q =>
        {
            var rates = new double[intervals];
            for (var i = 0; i < intervals; i++)
            {
                var wall = TimeSpan.FromMinutes(15 * i) + offset;
                if (wall >= Open.ToTimeSpan() && wall < close.ToTimeSpan())
                {
                    rates[i] = Math.Round(q.PeakPerInterval * volume * DayCurve[(int)((wall - Open.ToTimeSpan()).TotalMinutes / 30)], 2);
                }
            }

            return new QueueScenario
            {
                Id = q.Id,
                Channel = q.Channel,
                Stages = q.Stages,
                ExpectedHandleTime = q.HandleTime,
                ServiceLevelTarget = 0.8,
                CallbackThreshold = q.CallbackThreshold,
                CallbackAcceptance = q.CallbackThreshold is null ? 0 : 0.4,
                ArrivalsPerInterval = rates,
                Languages = q.Languages,
                HandleTime = Distribution.LogNormal(q.HandleTime, q.HandleSpread),
                WrapUpTime = Distribution.LogNormal(TimeSpan.FromSeconds(40), TimeSpan.FromSeconds(20)),
                Patience = Distribution.Exponential(q.Patience),
            };
        }).ToList();
        var lastShiftEnd = close.AddMinutes(30).ToTimeSpan();
        var groups = Teams.Select(t => new AgentGroupScenario
        {
            Name = t.Name,
            Count = t.Count,
            Skills = t.Skills,
            Languages = [.. t.Languages.Select(l => new LanguageLevel(l))],
            Capacity = new AgentCapacity(t.Capacity.Voice, t.Capacity.Chat),
            ShiftStart = t.ShiftStart.ToTimeSpan() - offset,
            ShiftEnd = Min(t.ShiftEnd.ToTimeSpan(), lastShiftEnd) - offset,
            AnswerDelay = Distribution.LogNormal(TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(1.5)),
            RejectProbability = 0.01,
        }).ToList();
        return new Scenario { Name = "demo " + date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), Start = start, Duration = TimeSpan.FromDays(1), Queues = queues, AgentGroups = groups };
    }

    /// <summary>The share of handled contacts the contract's survey policy invites (before the per-customer cap).</summary>
    public const double SurveyShare = 0.5;

    /// <summary>The contract: targets the client agreed, monthly reporting, and the information it owes with lead times.</summary>
    public static ContractsApi.ContractSettings Contract(DateOnly from) => new()
    {
        TimeZone = TimeZoneId,
        Channels = [Channel.Voice, Channel.Chat],
        Languages = ["en", "de"],
        OpeningHours = OpeningHours(),
        Targets =
        [
            new("service-level", null, 0.8, from),
            new("average-speed-of-answer", null, 30, from),
            new("abandonment-rate", null, 0.05, from),
            new("customer-satisfaction", null, 0.65, from),
            new("net-promoter-score", null, 10, from),
        ],
        Reporting = ReportingCadence.Monthly,
        Surveys = new() { Share = SurveyShare, FrequencyCap = TimeSpan.FromDays(30), Questions = [SurveyQuestions.Recommend, SurveyQuestions.Effort] },
        Duties =
        [
            new(InformationKind.VolumeForecast, TimeSpan.FromDays(14)),
            new(InformationKind.ProductChange, TimeSpan.FromDays(7)),
            new(InformationKind.PriceChange, TimeSpan.FromDays(14)),
        ],
    };

    /// <summary>What the client told the centre during the month: when (days after the month's start), effective when, and what.
    /// The price change came late (9 days ahead of a 14-day lead time), so the report shows an obligation missed.</summary>
    public static IReadOnlyList<(TimeSpan Supplied, TimeSpan Effective, InformationKind Kind, string Summary)> Information { get; } =
    [
        (TimeSpan.FromDays(1), TimeSpan.FromDays(17), InformationKind.VolumeForecast, "Forecast for the second half of the month: 5% more billing calls after the bills go out."),
        (TimeSpan.FromDays(3), TimeSpan.FromDays(12), InformationKind.ProductChange, "New smart-meter tariff launches; support scripts updated."),
        (TimeSpan.FromDays(10), TimeSpan.FromDays(19), InformationKind.PriceChange, "Standing charge rises by 3p a day."),
    ];

    public static string Id(string team, int number) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{team}-{number:000}");

    private static OpeningHoursSettings OpeningHours() => new()
    {
        TimeZone = TimeZoneId,
        Weekly =
        [
            .. new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday }.Select(d => new WeeklyHours(d, Open, Close)),
            new WeeklyHours(DayOfWeek.Saturday, Open, SaturdayClose),
        ],
    };

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private sealed record DemoQueue(
        string Id, string Name, Channel Channel, double PeakPerInterval, IReadOnlyList<LanguageShare> Languages, IReadOnlyList<StageScenario> Stages,
        TimeSpan HandleTime, TimeSpan HandleSpread, TimeSpan Patience, TimeSpan? CallbackThreshold);

    private sealed record DemoTeam(
        string Name, int Count, IReadOnlyList<SkillLevel> Skills, IReadOnlyList<string> Languages, CapacitySettings Capacity, TimeOnly ShiftStart, TimeOnly ShiftEnd);
}
