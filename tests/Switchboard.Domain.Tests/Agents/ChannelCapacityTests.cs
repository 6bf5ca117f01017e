using Switchboard.Agents;
using Switchboard.Contacts;

namespace Switchboard.Tests.Agents;

public class ChannelCapacityTests
{
    [Fact]
    public void VoiceOnly_HoldsOneCallAndNothingElse()
    {
        var capacity = ChannelCapacity.VoiceOnly;

        Assert.Equal(1, capacity.For(Channel.Voice));
        Assert.Equal(0, capacity.For(Channel.Chat));
        Assert.Equal(0, capacity.For(Channel.Email));
    }

    [Fact]
    public void For_Callback_UsesTheVoiceCapacity()
    {
        var capacity = new ChannelCapacity(voice: 1, chat: 3);

        Assert.Equal(capacity.For(Channel.Voice), capacity.For(Channel.Callback));
    }

    [Fact]
    public void For_EachChannel_ReadsItsOwnCapacity()
    {
        var capacity = new ChannelCapacity(voice: 0, chat: 2, email: 5, sms: 3, messaging: 4);

        Assert.Equal(0, capacity.For(Channel.Voice));
        Assert.Equal(2, capacity.For(Channel.Chat));
        Assert.Equal(5, capacity.For(Channel.Email));
        Assert.Equal(3, capacity.For(Channel.Sms));
        Assert.Equal(4, capacity.For(Channel.Messaging));
    }

    [Theory]
    [InlineData(2, 0)]
    [InlineData(-1, 0)]
    [InlineData(1, -1)]
    public void Constructor_VoiceAboveOneOrNegative_Throws(int voice, int chat)
    {
        Action build = () => _ = new ChannelCapacity(voice: voice, chat: chat);

        Assert.Throws<ArgumentOutOfRangeException>(build);
    }

    [Fact]
    public void ChannelRules_CallbackAndVoice_AreExclusive()
    {
        Assert.True(Channel.Voice.IsExclusive());
        Assert.True(Channel.Callback.IsExclusive());
        Assert.False(Channel.Chat.IsExclusive());
        Assert.Equal(Channel.Voice, Channel.Callback.CapacityChannel());
    }

    [Fact]
    public void AgentProfile_SkillListedTwice_Throws()
    {
        Action build = () => _ = new AgentProfile(new AgentId("a1"), [new AgentSkill("billing", 3), new AgentSkill("BILLING", 4)], [new AgentLanguage("en")]);

        Assert.Throws<ArgumentException>("skills", build);
    }

    [Fact]
    public void AgentProfile_NoCapacityGiven_HoldsOneCall()
    {
        var profile = new AgentProfile(new AgentId("a1"), [], [new AgentLanguage("en")]);

        Assert.Same(ChannelCapacity.VoiceOnly, profile.Capacity);
    }

    [Fact]
    public void AgentSkill_IsRoutableAt_UntilTheCertificationExpiresExclusive()
    {
        var expiry = new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);
        var skill = new AgentSkill("billing", 3, expiry);

        Assert.True(skill.IsRoutableAt(expiry.AddTicks(-1)));
        Assert.False(skill.IsRoutableAt(expiry));
        Assert.True(new AgentSkill("billing", 3).IsRoutableAt(DateTimeOffset.MaxValue));
    }
}
