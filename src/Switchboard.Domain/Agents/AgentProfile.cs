using Switchboard.Skills;

namespace Switchboard.Agents;

/// <summary>What routing knows about an agent: skills, languages and how much they can hold at once.</summary>
public sealed record AgentProfile
{
    public AgentProfile(AgentId id, IReadOnlyList<AgentSkill> skills, IReadOnlyList<AgentLanguage> languages, ChannelCapacity? capacity = null)
    {
        ArgumentNullException.ThrowIfNull(skills);
        ArgumentNullException.ThrowIfNull(languages);
        var seen = new HashSet<Skill>();
        foreach (var skill in skills)
        {
            if (!seen.Add(skill.Skill))
            {
                throw new ArgumentException($"Agent {id} lists skill '{skill.Skill}' twice.", nameof(skills));
            }
        }

        Id = id;
        Skills = skills;
        Languages = languages;
        Capacity = capacity ?? ChannelCapacity.VoiceOnly;
    }

    public AgentId Id { get; }

    public IReadOnlyList<AgentSkill> Skills { get; }

    public IReadOnlyList<AgentLanguage> Languages { get; }

    public ChannelCapacity Capacity { get; }
}
