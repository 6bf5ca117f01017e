using Switchboard.Skills;

namespace Switchboard.Queues;

/// <summary>
/// One step of a queue's routing: which agents may take its contacts once they have waited <see cref="After"/>.
/// </summary>
/// <remarks>
/// Stages widen the choice: a contact that has waited long enough for stage 2 may go to an agent of stage 0, 1 or 2.
/// An overflow stage offers the contact to the agents of another queue's first stage; the contact stays in
/// (and is reported in) its own queue.
/// </remarks>
public sealed record RoutingStage
{
    public RoutingStage(TimeSpan after, IReadOnlyList<SkillRequirement> skills)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(after, TimeSpan.Zero);
        ArgumentNullException.ThrowIfNull(skills);
        After = after;
        Skills = skills;
    }

    /// <summary>How long a contact must have waited (since it entered the queue) before this stage applies.</summary>
    public TimeSpan After { get; }

    /// <summary>Skills the agent must hold with at least the given proficiency and a valid certification.</summary>
    public IReadOnlyList<SkillRequirement> Skills { get; }

    /// <summary>Whether agents must speak the customer's language. Default: they must.</summary>
    public LanguageRule Language { get; init; } = LanguageRule.CustomerLanguage;

    /// <summary>The minimum proficiency in the customer's language.</summary>
    public Proficiency MinimumLanguageProficiency { get; init; } = Proficiency.Any;

    /// <summary>When set, this stage offers the contact to the agents of this queue's first stage instead of <see cref="Skills"/>.</summary>
    public QueueId? OverflowTo { get; init; }

    public static RoutingStage Overflow(TimeSpan after, QueueId to) => new(after, []) { OverflowTo = to };
}
