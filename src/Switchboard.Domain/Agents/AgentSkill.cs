using Switchboard.Skills;

namespace Switchboard.Agents;

/// <summary>A skill an agent holds.</summary>
/// <param name="Skill">The skill.</param>
/// <param name="Proficiency">How well the agent masters it.</param>
/// <param name="CertifiedUntil">When the agent's certification for the skill expires (UTC), if it needs one.
/// From that instant on the skill is unroutable until the agent is re-certified.</param>
public sealed record AgentSkill(Skill Skill, Proficiency Proficiency, DateTimeOffset? CertifiedUntil = null)
{
    public AgentSkill(string skill, int proficiency, DateTimeOffset? certifiedUntil = null)
        : this(new Skill(skill), new Proficiency(proficiency), certifiedUntil)
    {
    }

    /// <summary>True when the skill may be used for routing at <paramref name="now"/>.</summary>
    public bool IsRoutableAt(DateTimeOffset now) => CertifiedUntil is not { } until || now < until;
}

/// <summary>A language an agent speaks, and how well.</summary>
public sealed record AgentLanguage(Language Language, Proficiency Proficiency)
{
    public AgentLanguage(string tag, int proficiency = Proficiency.Highest)
        : this(new Language(tag), new Proficiency(proficiency))
    {
    }
}
