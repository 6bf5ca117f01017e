using Switchboard.Planning.Simulation;

namespace Switchboard.Tests.Simulation;

/// <summary>Small scenarios that several test classes build on.</summary>
internal static class TestScenarios
{
    private static readonly DateTimeOffset Midnight = new(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);

    /// <summary>One queue, one skill, one group of agents on shift all along; exponential handle times, no abandonment,
    /// no answer delay and no wrap-up (the Erlang C assumptions) unless a test changes them.</summary>
    public static Scenario OneQueue(int agents, double callsPerInterval, int hours, TimeSpan handleTime)
    {
        var intervals = hours * 4;
        var rates = new double[intervals];
        Array.Fill(rates, callsPerInterval);
        return new Scenario
        {
            Name = "one-queue",
            Start = Midnight,
            Duration = TimeSpan.FromHours(hours),
            Queues =
            [
                new QueueScenario
                {
                    Id = "q",
                    Stages = [new StageScenario(TimeSpan.Zero, [new SkillLevel("s", 1)])],
                    ExpectedHandleTime = handleTime,
                    ArrivalsPerInterval = rates,
                    Languages = [new LanguageShare("en", 1)],
                    HandleTime = Distribution.Exponential(handleTime),
                },
            ],
            AgentGroups =
            [
                new AgentGroupScenario
                {
                    Name = "agents",
                    Count = agents,
                    Skills = [new SkillLevel("s", 3)],
                    Languages = ["en"],
                    ShiftStart = TimeSpan.Zero,
                    ShiftEnd = TimeSpan.FromHours(hours + 1),
                    AnswerDelay = Distribution.Fixed(TimeSpan.Zero),
                },
            ],
        };
    }
}
