using Switchboard.Server.Agents;
using Switchboard.Server.Queues;

namespace Switchboard.Server.Administration;

/// <summary>
/// One skill or language name as written somewhere, and where: the queues (with stage) that need it and the agents who
/// have it. <see cref="Warning"/> names what looks wrong: a need no agent meets, a skill no queue uses, or a spelling
/// that differs from another only in case (a likely typo, since names are compared exactly when routing).
/// </summary>
public sealed record SkillUse(string Name, IReadOnlyList<string> Queues, IReadOnlyList<string> Agents, string? Warning);

/// <summary>The skills and languages in use, read from the queues and agents (there is no separate catalogue: a name
/// exists because a queue or an agent uses it, so this list is where typos and orphans show).</summary>
internal static class SkillUsage
{
    public static IReadOnlyList<SkillUse> Skills(IEnumerable<QueuesApi.QueueView> queues, IEnumerable<AgentsApi.AgentView> agents)
    {
        var needed = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var queue in queues)
        {
            for (var i = 0; i < queue.Settings.Stages.Count; i++)
            {
                foreach (var need in queue.Settings.Stages[i].Skills)
                {
                    Add(needed, need.Skill, $"{queue.Id} (stage {i + 1}, at least {need.Minimum})");
                }
            }
        }

        var held = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var agent in agents)
        {
            foreach (var skill in agent.Settings.Skills)
            {
                Add(held, skill.Skill, $"{agent.Id} ({skill.Proficiency})");
            }
        }

        return Combine(needed, held, (queueUses, agentUses) =>
            queueUses.Count > 0 && agentUses.Count == 0 ? "Needed by a queue, but no agent has it."
            : queueUses.Count == 0 ? "No queue needs it."
            : null);
    }

    public static IReadOnlyList<SkillUse> Languages(IEnumerable<AgentsApi.AgentView> agents)
    {
        var spoken = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var agent in agents)
        {
            foreach (var language in agent.Settings.Languages)
            {
                Add(spoken, language.Tag, $"{agent.Id} ({language.Proficiency})");
            }
        }

        return Combine([], spoken, (_, _) => null);
    }

    private static void Add(Dictionary<string, List<string>> uses, string name, string where)
    {
        if (!uses.TryGetValue(name, out var list))
        {
            uses[name] = list = [];
        }

        list.Add(where);
    }

    private static SkillUse[] Combine(
        Dictionary<string, List<string>> queueUses, Dictionary<string, List<string>> agentUses, Func<List<string>, List<string>, string?> warn)
    {
        var names = queueUses.Keys.Union(agentUses.Keys, StringComparer.Ordinal).Order(StringComparer.OrdinalIgnoreCase).ThenBy(n => n, StringComparer.Ordinal).ToArray();
        return [.. names.Select(name =>
        {
            var queues = queueUses.GetValueOrDefault(name) ?? [];
            var agents = agentUses.GetValueOrDefault(name) ?? [];
            var twin = names.FirstOrDefault(other => !string.Equals(other, name, StringComparison.Ordinal) && string.Equals(other, name, StringComparison.OrdinalIgnoreCase));
            var warning = twin is not null ? $"Differs only in case from '{twin}'." : warn(queues, agents);
            return new SkillUse(name, queues, agents, warning);
        })];
    }
}
