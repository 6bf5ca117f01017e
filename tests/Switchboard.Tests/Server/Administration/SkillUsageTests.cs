using Switchboard.Server.Administration;
using Switchboard.Server.Agents;
using Switchboard.Server.Queues;

namespace Switchboard.Tests.Server.Administration;

/// <summary>The skills page lists each name with where it is used, and flags orphans and likely typos.</summary>
public class SkillUsageTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Skills_NeededButHeldByNoOne_IsFlagged()
    {
        var uses = SkillUsage.Skills([Queue("billing", "billing", "french")], [Agent("ada", "billing")]);

        Assert.Null(uses.Single(u => u.Name == "billing").Warning);
        Assert.Equal("Needed by a queue, but no agent has it.", uses.Single(u => u.Name == "french").Warning);
    }

    [Fact]
    public void Skills_HeldButNeededByNoQueue_IsFlagged()
    {
        var uses = SkillUsage.Skills([Queue("billing", "billing")], [Agent("ada", "billing", "claims")]);

        Assert.Equal("No queue needs it.", uses.Single(u => u.Name == "claims").Warning);
        Assert.Equal(["ada (3)"], uses.Single(u => u.Name == "claims").Agents);
    }

    [Fact]
    public void Skills_SpelledTwoWaysInCase_BothNameTheOther()
    {
        var uses = SkillUsage.Skills([Queue("billing", "Billing")], [Agent("ada", "billing")]);

        Assert.Equal("Differs only in case from 'billing'.", uses.Single(u => u.Name == "Billing").Warning);
        Assert.Equal("Differs only in case from 'Billing'.", uses.Single(u => u.Name == "billing").Warning);
        Assert.Equal(["billing (stage 1, at least 2)"], uses.Single(u => u.Name == "Billing").Queues);
    }

    [Fact]
    public void Languages_ListEachTagWithItsSpeakers()
    {
        var uses = SkillUsage.Languages([Agent("ada", "billing"), Agent("bob", "billing")]);

        Assert.Equal(["ada (5)", "bob (5)"], uses.Single().Agents);
        Assert.Equal("en", uses.Single().Name);
    }

    private static QueuesApi.QueueView Queue(string id, params string[] skills) => new(
        id, "acme", "acme", id, new QueueSettings { Stages = [new StageSettings { Skills = [.. skills.Select(s => new SkillNeed(s, 2))] }] },
        true, null, At, At, 1);

    private static AgentsApi.AgentView Agent(string id, params string[] skills) => new(
        id, "acme", id, new AgentSettings { Skills = [.. skills.Select(s => new AgentSkillSettings(s, 3))], Languages = [new AgentLanguageSettings("en")] },
        null, At, At, 1);
}
