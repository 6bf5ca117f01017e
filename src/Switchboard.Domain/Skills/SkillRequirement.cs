namespace Switchboard.Skills;

/// <summary>A skill an agent must hold, at or above a minimum proficiency, with a valid certification.</summary>
public readonly record struct SkillRequirement(Skill Skill, Proficiency Minimum)
{
    public SkillRequirement(string skill, int minimum = Proficiency.Lowest)
        : this(new Skill(skill), new Proficiency(minimum))
    {
    }

    public override string ToString() => $"{Skill}>={Minimum}";
}
