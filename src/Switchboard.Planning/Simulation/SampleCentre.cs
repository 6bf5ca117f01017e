using Switchboard.Queues;

namespace Switchboard.Planning.Simulation;

/// <summary>
/// The built-in sample centre: one day (08:00–20:00 UTC) of three voice queues, English and Spanish customers,
/// and 51 agents in nine groups on early, late and mid shifts. The repository ships the same scenario as
/// <c>scenarios/sample-centre.json</c>, a starting point for your own.
/// </summary>
/// <remarks>
/// Routing is layered: the most proficient free agent first (experts before the rest), then anyone with the skill,
/// however junior, after 30–45 s, then overflow to sales agents after a few minutes. Arrivals follow a typical intraday curve: a morning ramp, a late-morning peak, a lunch dip,
/// a smaller afternoon peak and an evening tail.
/// </remarks>
public static class SampleCentre
{
    /// <summary>Relative arrival intensity by half hour from 08:00 to 20:00 (24 values; each covers two 15-minute intervals).</summary>
    private static readonly double[] DayCurve =
    [
        0.45, 0.65, 0.85, 0.95, 1.00, 1.00, 0.90, 0.80, 0.75, 0.80, 0.90, 0.95,
        0.90, 0.85, 0.80, 0.70, 0.65, 0.55, 0.50, 0.45, 0.40, 0.35, 0.30, 0.25,
    ];

    /// <summary>The sample scenario. Declared after the day curve because static initialisers run in order.</summary>
    public static Scenario Scenario { get; } = Build();

    private static Scenario Build()
    {
        var skill = static (string name, int proficiency) => new SkillLevel(name, proficiency);
        var mix = new LanguageShare[] { new("en", 0.85), new("es", 0.15) };
        var patience = Distribution.Exponential(TimeSpan.FromMinutes(3));
        var wrapUp = Distribution.LogNormal(TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(15));
        return new Scenario
        {
            Name = "sample-centre",
            Start = new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.Zero),
            Duration = TimeSpan.FromHours(12),
            Queues =
            [
                new QueueScenario
                {
                    Id = "sales",
                    Stages =
                    [
                        new StageScenario(TimeSpan.Zero, [skill("sales", 3)]),
                        new StageScenario(TimeSpan.FromSeconds(30), [skill("sales", 1)]),
                    ],
                    ExpectedHandleTime = TimeSpan.FromMinutes(6),
                    ServiceLevelTarget = 0.8,
                    ArrivalsPerInterval = Profile(16),
                    Languages = mix,
                    HandleTime = Distribution.Exponential(TimeSpan.FromMinutes(6)),
                    WrapUpTime = wrapUp,
                    Patience = patience,
                },
                new QueueScenario
                {
                    Id = "technical",
                    Stages =
                    [
                        new StageScenario(TimeSpan.Zero, [skill("technical", 3)]),
                        new StageScenario(TimeSpan.FromSeconds(45), [skill("technical", 1)]),
                        new StageScenario(TimeSpan.FromMinutes(5), [], OverflowTo: "sales"),
                    ],
                    Selection = AgentSelection.MostProficient,
                    ExpectedHandleTime = TimeSpan.FromMinutes(8),
                    ServiceLevelThreshold = TimeSpan.FromSeconds(30),
                    ServiceLevelTarget = 0.8,
                    ArrivalsPerInterval = Profile(22),
                    Languages = mix,
                    HandleTime = Distribution.LogNormal(TimeSpan.FromMinutes(8), TimeSpan.FromMinutes(5)),
                    WrapUpTime = wrapUp,
                    Patience = Distribution.Exponential(TimeSpan.FromMinutes(4)),
                    CallbackThreshold = TimeSpan.FromMinutes(5),
                    CallbackAcceptance = 0.4,
                },
                new QueueScenario
                {
                    Id = "billing",
                    Stages =
                    [
                        new StageScenario(TimeSpan.Zero, [skill("billing", 3)]),
                        new StageScenario(TimeSpan.FromSeconds(30), [skill("billing", 1)]),
                        new StageScenario(TimeSpan.FromMinutes(3), [], OverflowTo: "sales"),
                    ],
                    Selection = AgentSelection.MostProficient,
                    ExpectedHandleTime = TimeSpan.FromMinutes(5),
                    ServiceLevelTarget = 0.8,
                    ArrivalsPerInterval = Profile(30),
                    Languages = mix,
                    HandleTime = Distribution.LogNormal(TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(2.5)),
                    WrapUpTime = wrapUp,
                    Patience = patience,
                    CallbackThreshold = TimeSpan.FromMinutes(4),
                    CallbackAcceptance = 0.4,
                },
            ],
            AgentGroups =
            [
                Group("billing-experts", 5, [skill("billing", 5)], ["en", "es"], 8, 16),
                Group("billing-early", 7, [skill("billing", 3)], ["en"], 8, 16),
                Group("billing-late", 7, [skill("billing", 3)], ["en"], 12, 20),
                Group("technical-experts", 5, [skill("technical", 5)], ["en", "es"], 9, 17),
                Group("technical-early", 7, [skill("technical", 3)], ["en"], 8, 16),
                Group("technical-late", 7, [skill("technical", 3)], ["en"], 12, 20),
                Group("sales-early", 6, [skill("sales", 4), skill("billing", 1)], ["en", "es"], 8, 16),
                Group("sales-late", 4, [skill("sales", 3)], ["en", "es"], 12, 20),
                Group("generalists", 3, [skill("billing", 2), skill("technical", 2), skill("sales", 2)], ["en", "es"], 10, 18),
            ],
        };
    }

    /// <summary>Calls per 15-minute interval: the day curve scaled to <paramref name="peak"/>, to one decimal.</summary>
    private static double[] Profile(double peak)
    {
        var rates = new double[DayCurve.Length * 2];
        for (var i = 0; i < rates.Length; i++)
        {
            rates[i] = Math.Round(peak * DayCurve[i / 2], 1);
        }

        return rates;
    }

    private static AgentGroupScenario Group(string name, int count, SkillLevel[] skills, LanguageLevel[] languages, int shiftStartHour, int shiftEndHour) => new()
    {
        Name = name,
        Count = count,
        Skills = skills,
        Languages = languages,
        ShiftStart = TimeSpan.FromHours(shiftStartHour),
        ShiftEnd = TimeSpan.FromHours(shiftEndHour),
        AnswerDelay = Distribution.Fixed(TimeSpan.FromSeconds(2)),
    };
}
