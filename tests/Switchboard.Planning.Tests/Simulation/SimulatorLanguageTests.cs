using Switchboard.Planning.Simulation;

namespace Switchboard.Tests.Simulation;

public class SimulatorLanguageTests
{
    [Fact]
    public void Run_NoAgentSpeaksTheCustomersLanguage_AnswersNobody()
    {
        var scenario = SpanishCustomers(agentLanguages: ["en"], new StageScenario(TimeSpan.Zero, [new SkillLevel("s", 1)]));

        var report = Simulator.Run(scenario, seed: 3).Report;

        Assert.True(report.Total.Offered > 0);
        Assert.Equal(0, report.Total.Answered);
    }

    [Fact]
    public void Run_InterpreterStage_AnswersOnlyOnceTheStageApplies()
    {
        var scenario = SpanishCustomers(
            agentLanguages: ["en"],
            new StageScenario(TimeSpan.Zero, [new SkillLevel("s", 1)]),
            new StageScenario(TimeSpan.FromSeconds(40), [new SkillLevel("s", 1)]) { Interpreter = true });

        var report = Simulator.Run(scenario, seed: 3).Report;

        Assert.Equal(report.Total.Offered, report.Total.Answered + report.Total.WaitingAtEnd);
        Assert.True(report.Total.Answered > 0);
        Assert.Equal(0, report.Total.AnsweredWithinThreshold);
        Assert.True(report.Total.AverageSpeedOfAnswer >= TimeSpan.FromSeconds(40));
    }

    [Theory]
    [InlineData(2, true)]
    [InlineData(3, false)]
    public void Run_MinimumLanguageProficiency_DecidesWhetherAgentsQualify(int minimum, bool answered)
    {
        var scenario = SpanishCustomers(
            agentLanguages: ["en", new LanguageLevel("es", 2)],
            new StageScenario(TimeSpan.Zero, [new SkillLevel("s", 1)]) { MinimumLanguageProficiency = minimum });

        var report = Simulator.Run(scenario, seed: 3).Report;

        Assert.Equal(answered, report.Total.Answered > 0);
    }

    private static Scenario SpanishCustomers(LanguageLevel[] agentLanguages, params StageScenario[] stages)
    {
        var scenario = TestScenarios.OneQueue(agents: 3, callsPerInterval: 10, hours: 1, handleTime: TimeSpan.FromMinutes(2));
        return scenario with
        {
            Queues = [scenario.Queues[0] with { Stages = stages, Languages = [new LanguageShare("es", 1)] }],
            AgentGroups = [scenario.AgentGroups[0] with { Languages = agentLanguages }],
        };
    }
}
