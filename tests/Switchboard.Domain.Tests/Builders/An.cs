using System.Collections.Immutable;
using Switchboard.Agents;

namespace Switchboard.Tests.Builders;

/// <summary>Entry point for builders whose noun takes "an".</summary>
public static class An
{
    /// <summary>An agent with no skills, speaking English unless told otherwise, with room for one call.</summary>
    public static AgentBuilder Agent(string id) => new(new AgentId(id), [], [], ChannelCapacity.VoiceOnly);
}

/// <summary>Builds an <see cref="AgentProfile"/>; each method returns a changed copy.</summary>
public sealed record AgentBuilder(AgentId Id, ImmutableList<AgentSkill> Skills, ImmutableList<AgentLanguage> Languages, ChannelCapacity Capacity)
{
    public AgentBuilder With(string skill, int proficiency = 3, DateTimeOffset? certifiedUntil = null) =>
        this with { Skills = Skills.Add(new AgentSkill(skill, proficiency, certifiedUntil)) };

    public AgentBuilder Speaking(string tag, int proficiency = 5) =>
        this with { Languages = Languages.Add(new AgentLanguage(tag, proficiency)) };

    public AgentBuilder Holding(ChannelCapacity capacity) => this with { Capacity = capacity };

    public AgentBuilder Chats(int chats, int voice = 0) => this with { Capacity = new ChannelCapacity(voice: voice, chat: chats) };

    public AgentProfile Build() =>
        new(Id, Skills, Languages.IsEmpty ? [new AgentLanguage("en")] : Languages, Capacity);
}
