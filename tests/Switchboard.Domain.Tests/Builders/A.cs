using System.Collections.Immutable;
using Switchboard.Contacts;
using Switchboard.Queues;
using Switchboard.Skills;

namespace Switchboard.Tests.Builders;

/// <summary>Entry point for builders whose noun takes "a".</summary>
public static class A
{
    /// <summary>A queue whose single stage asks nothing of agents but the customer's language.</summary>
    public static QueueBuilder Queue(string id) =>
        new(new QueueId(id), [new RoutingStage(TimeSpan.Zero, [])], new QueueDefinition(new QueueId(id), [new RoutingStage(TimeSpan.Zero, [])]));

    /// <summary>An English voice contact for the queue, of ordinary priority, needing nothing beyond its queue.</summary>
    public static ContactBuilder Contact(string queue) => new(new NewContact(Channel.Voice, new QueueId(queue), new Language("en")));
}

/// <summary>Builds a <see cref="QueueDefinition"/>; settings other than stages are taken from <see cref="Settings"/>.</summary>
public sealed record QueueBuilder(QueueId Id, ImmutableList<RoutingStage> Stages, QueueDefinition Settings)
{
    /// <summary>Adds a skill requirement to the first stage.</summary>
    public QueueBuilder Needing(string skill, int minimum = 1) =>
        this with { Stages = Stages.SetItem(0, Copy(Stages[0], [.. Stages[0].Skills, new SkillRequirement(skill, minimum)])) };

    /// <summary>Sets the first stage's minimum proficiency in the customer's language.</summary>
    public QueueBuilder NeedingLanguageAtLeast(int minimum) =>
        this with { Stages = Stages.SetItem(0, Stages[0] with { MinimumLanguageProficiency = new Proficiency(minimum) }) };

    /// <summary>Adds a later stage asking for these skills in the customer's language.</summary>
    public QueueBuilder ThenAfter(TimeSpan after, params SkillRequirement[] skills) =>
        this with { Stages = Stages.Add(new RoutingStage(after, skills)) };

    /// <summary>Adds a later stage asking for these skills and allowing an interpreter.</summary>
    public QueueBuilder ThenWithInterpreterAfter(TimeSpan after, params SkillRequirement[] skills) =>
        this with { Stages = Stages.Add(new RoutingStage(after, skills) { Language = LanguageRule.Interpreter }) };

    /// <summary>Adds a later stage that overflows to another queue's first-stage agents.</summary>
    public QueueBuilder ThenOverflowAfter(TimeSpan after, string queue) =>
        this with { Stages = Stages.Add(RoutingStage.Overflow(after, new QueueId(queue))) };

    public QueueBuilder Selecting(AgentSelection selection) => this with { Settings = Settings with { Selection = selection } };

    public QueueBuilder HoldingAtMost(int waiting) => this with { Settings = Settings with { MaximumWaiting = waiting } };

    public QueueBuilder OffersExpireAfter(TimeSpan timeout) => this with { Settings = Settings with { OfferTimeout = timeout } };

    public QueueBuilder WrapUpLimitedTo(TimeSpan? limit) => this with { Settings = Settings with { WrapUpLimit = limit } };

    public QueueBuilder OfferingCallbackAbove(TimeSpan threshold) => this with { Settings = Settings with { CallbackOfferThreshold = threshold } };

    public QueueBuilder ExpectingHandleTime(TimeSpan handleTime) => this with { Settings = Settings with { ExpectedHandleTime = handleTime } };

    public QueueBuilder ScheduledCallbacksAt(int priority) => this with { Settings = Settings with { ScheduledCallbackPriority = priority } };

    public QueueDefinition Build() => new(Id, Stages)
    {
        Selection = Settings.Selection,
        MaximumWaiting = Settings.MaximumWaiting,
        OfferTimeout = Settings.OfferTimeout,
        WrapUpLimit = Settings.WrapUpLimit,
        CallbackOfferThreshold = Settings.CallbackOfferThreshold,
        ExpectedHandleTime = Settings.ExpectedHandleTime,
        ScheduledCallbackPriority = Settings.ScheduledCallbackPriority,
    };

    private static RoutingStage Copy(RoutingStage stage, IReadOnlyList<SkillRequirement> skills) => new(stage.After, skills)
    {
        Language = stage.Language,
        MinimumLanguageProficiency = stage.MinimumLanguageProficiency,
        OverflowTo = stage.OverflowTo,
    };
}

/// <summary>Builds a <see cref="NewContact"/>.</summary>
public sealed record ContactBuilder(NewContact Contact)
{
    public ContactBuilder Speaking(string tag) => new(Contact with { CustomerLanguage = new Language(tag) });

    public ContactBuilder On(Channel channel) => new(Contact with { Channel = channel });

    public ContactBuilder WithPriority(int priority) => new(Contact with { Priority = priority });

    public ContactBuilder Needing(string skill, int minimum = 1) =>
        new(Contact with { RequiredSkills = [.. Contact.RequiredSkills, new SkillRequirement(skill, minimum)] });

    /// <summary>Kept for <paramref name="agent"/> for <paramref name="wait"/> from arrival.</summary>
    public ContactBuilder KeptFor(string agent, TimeSpan wait) =>
        new(Contact with { PreferredAgent = new AgentPreference(new Switchboard.Agents.AgentId(agent), wait) });

    public NewContact Build() => Contact;
}
