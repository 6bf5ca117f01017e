using Switchboard.Agents;
using Switchboard.Contacts;
using Switchboard.Tests.Builders;

namespace Switchboard.Tests.Routing;

/// <summary>How much an agent holds at once: per-channel capacity and voice exclusivity.</summary>
public class RoutingEngineCapacityTests
{
    [Fact]
    public void ChatCapacity_Reached_FurtherChatsWait()
    {
        var engine = Centre.With(A.Queue("chat"));
        var agent = engine.SignIn(An.Agent("a1").Chats(2));
        engine.Enqueue(A.Contact("chat").On(Channel.Chat), At.Nine);
        engine.Enqueue(A.Contact("chat").On(Channel.Chat), At.Nine);

        var third = engine.Enqueue(A.Contact("chat").On(Channel.Chat), At.Nine);

        Assert.Null(third.Offer);
        Assert.Equal(2, engine.FindAgent(agent)!.Contacts.Count);
    }

    [Fact]
    public void ChatCapacity_OffersAndConnectedBothCount()
    {
        var engine = Centre.With(A.Queue("chat"));
        engine.SignIn(An.Agent("a1").Chats(2));
        var connected = engine.Enqueue(A.Contact("chat").On(Channel.Chat), At.Nine).Contact;
        engine.AcceptOfferOf(connected, At.Nine);
        var offered = engine.Enqueue(A.Contact("chat").On(Channel.Chat), At.Nine);

        var third = engine.Enqueue(A.Contact("chat").On(Channel.Chat), At.Nine);

        Assert.NotNull(offered.Offer);
        Assert.Null(third.Offer);
    }

    [Fact]
    public void WrapUp_HoldsTheCapacity_NextCallWaits()
    {
        var engine = Centre.With(A.Queue("billing"));
        engine.SignIn(An.Agent("a1"));
        var first = engine.Enqueue(A.Contact("billing"), At.Nine).Contact;
        engine.AcceptOfferOf(first, At.Nine);
        engine.Complete(first, At.Nine.AddMinutes(1));

        var second = engine.Enqueue(A.Contact("billing"), At.Nine.AddMinutes(1));

        Assert.Null(second.Offer);
    }

    [Fact]
    public void Voice_AgentHoldingAChat_IsNotOfferedACall()
    {
        var engine = Centre.With(A.Queue("mixed"));
        engine.SignIn(An.Agent("a1").Chats(3, voice: 1));
        engine.Enqueue(A.Contact("mixed").On(Channel.Chat), At.Nine);

        var call = engine.Enqueue(A.Contact("mixed"), At.Nine);

        Assert.Null(call.Offer);
    }

    [Fact]
    public void Voice_AgentOnACall_IsNotOfferedAChat()
    {
        var engine = Centre.With(A.Queue("mixed"));
        engine.SignIn(An.Agent("a1").Chats(3, voice: 1));
        engine.Enqueue(A.Contact("mixed"), At.Nine);

        var chat = engine.Enqueue(A.Contact("mixed").On(Channel.Chat), At.Nine);

        Assert.Null(chat.Offer);
    }

    [Fact]
    public void Voice_AgentHoldingAnEmail_IsNotOfferedACall()
    {
        var engine = Centre.With(A.Queue("mixed"));
        engine.SignIn(An.Agent("a1").Holding(new ChannelCapacity(voice: 1, email: 5)));
        engine.Enqueue(A.Contact("mixed").On(Channel.Email), At.Nine);

        var call = engine.Enqueue(A.Contact("mixed"), At.Nine);

        Assert.Null(call.Offer);
    }

    [Fact]
    public void Voice_AgentWithoutVoiceCapacity_IsNotOfferedACall()
    {
        var engine = Centre.With(A.Queue("mixed"));
        engine.SignIn(An.Agent("a1").Chats(3));

        var call = engine.Enqueue(A.Contact("mixed"), At.Nine);

        Assert.Null(call.Offer);
    }

    [Fact]
    public void Email_CapacityZero_IsNotOffered()
    {
        var engine = Centre.With(A.Queue("mixed"));
        engine.SignIn(An.Agent("a1").Chats(3));

        var email = engine.Enqueue(A.Contact("mixed").On(Channel.Email), At.Nine);

        Assert.Null(email.Offer);
    }

    [Fact]
    public void ChatCapacity_ChatFinished_NextWaitingChatIsOffered()
    {
        var engine = Centre.With(A.Queue("chat").WrapUpLimitedTo(null));
        engine.SignIn(An.Agent("a1").Chats(1));
        var first = engine.Enqueue(A.Contact("chat").On(Channel.Chat), At.Nine).Contact;
        var second = engine.Enqueue(A.Contact("chat").On(Channel.Chat), At.Nine).Contact;
        engine.AcceptOfferOf(first, At.Nine);
        engine.Complete(first, At.Nine.AddMinutes(1));

        engine.FinishWrapUp(first, new Disposition("resolved"), At.Nine.AddMinutes(2));

        Assert.Equal(ContactState.Offered, engine.StateOf(second));
    }

    [Fact]
    public void ChatCapacity_OneChatAccepted_NextChatIsOfferedToTheSameAgent()
    {
        var engine = Centre.With(A.Queue("chat"));
        var agent = engine.SignIn(An.Agent("a1").Chats(2));
        var first = engine.Enqueue(A.Contact("chat").On(Channel.Chat), At.Nine).Contact;
        engine.AcceptOfferOf(first, At.Nine);

        var second = engine.Enqueue(A.Contact("chat").On(Channel.Chat), At.Nine.AddSeconds(10));

        Assert.Equal(agent, second.Offer?.Agent);
    }

    [Fact]
    public void ChatCapacity_OneChatInWrapUp_NextChatIsOfferedToTheSameAgent()
    {
        var engine = Centre.With(A.Queue("chat"));
        var agent = engine.SignIn(An.Agent("a1").Chats(2));
        var first = engine.Enqueue(A.Contact("chat").On(Channel.Chat), At.Nine).Contact;
        engine.AcceptOfferOf(first, At.Nine);
        engine.Complete(first, At.Nine.AddSeconds(5));

        var second = engine.Enqueue(A.Contact("chat").On(Channel.Chat), At.Nine.AddSeconds(10));

        Assert.Equal(agent, second.Offer?.Agent);
    }
}
