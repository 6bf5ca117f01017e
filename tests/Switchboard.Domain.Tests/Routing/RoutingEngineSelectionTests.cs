using Switchboard.Agents;
using Switchboard.Contacts;
using Switchboard.Queues;
using Switchboard.Tests.Builders;

namespace Switchboard.Tests.Routing;

/// <summary>Which of several free, qualified agents a contact goes to.</summary>
public class RoutingEngineSelectionTests
{
    [Fact]
    public void LongestIdle_TwoFreeAgents_GoesToTheOneIdleLongest()
    {
        var engine = Centre.With(A.Queue("billing"));
        var idleLongest = engine.SignIn(An.Agent("b"), At.Eight);
        engine.SignIn(An.Agent("a"), At.Eight.AddMinutes(30));

        var outcome = engine.Enqueue(A.Contact("billing"), At.Nine);

        Assert.Equal(idleLongest, outcome.Offer?.Agent);
    }

    [Fact]
    public void LongestIdle_AgentJustFinishedWork_IdleSinceTheyBecameFree()
    {
        var engine = Centre.With(A.Queue("billing"));
        engine.SignIn(An.Agent("early"), At.Eight);
        var later = engine.SignIn(An.Agent("later"), At.Eight.AddMinutes(30));
        var first = engine.Enqueue(A.Contact("billing"), At.Nine).Contact;
        engine.AcceptOfferOf(first, At.Nine);
        engine.Complete(first, At.Nine.AddMinutes(5));
        engine.FinishWrapUp(first, Disposition.NotRecorded, At.Nine.AddMinutes(6));

        var outcome = engine.Enqueue(A.Contact("billing"), At.Nine.AddMinutes(10));

        Assert.Equal(later, outcome.Offer?.Agent);
    }

    [Fact]
    public void FindAgent_AfterFinishingAllWork_SinceIsWhenTheyBecameFree()
    {
        var engine = Centre.With(A.Queue("billing"));
        var agent = engine.SignIn(An.Agent("a1"), At.Eight);
        var first = engine.Enqueue(A.Contact("billing"), At.Nine).Contact;
        engine.AcceptOfferOf(first, At.Nine);
        engine.Complete(first, At.Nine.AddMinutes(5));

        engine.FinishWrapUp(first, Disposition.NotRecorded, At.Nine.AddMinutes(6));

        Assert.Equal(At.Nine.AddMinutes(6), engine.FindAgent(agent)!.Since);
    }

    [Fact]
    public void LongestIdle_EqualIdleSince_LowestAgentIdByOrdinalCompare()
    {
        var engine = Centre.With(A.Queue("billing"));
        engine.SignIn(An.Agent("a9"), At.Eight);
        var a10 = engine.SignIn(An.Agent("a10"), At.Eight);
        engine.SignIn(An.Agent("b1"), At.Eight);

        var outcome = engine.Enqueue(A.Contact("billing"), At.Nine);

        Assert.Equal(a10, outcome.Offer?.Agent);
    }

    [Fact]
    public void MostProficient_PrefersHighestSumOverStageAndContactSkills()
    {
        var engine = Centre.With(A.Queue("billing").Needing("billing").Selecting(AgentSelection.MostProficient));
        engine.SignIn(An.Agent("idle-longest").With("billing", 5).With("mortgages", 1), At.Eight);
        var allRounder = engine.SignIn(An.Agent("all-rounder").With("billing", 3).With("mortgages", 4), At.Eight.AddMinutes(30));

        var outcome = engine.Enqueue(A.Contact("billing").Needing("mortgages"), At.Nine);

        Assert.Equal(allRounder, outcome.Offer?.Agent);
    }

    [Fact]
    public void MostProficient_IgnoresSkillsTheQueueDoesNotAskFor()
    {
        var engine = Centre.With(A.Queue("billing").Needing("billing").Selecting(AgentSelection.MostProficient));
        engine.SignIn(An.Agent("collector").With("billing", 3).With("sales", 5).With("retention", 5), At.Eight);
        var expert = engine.SignIn(An.Agent("expert").With("billing", 4), At.Eight.AddMinutes(30));

        var outcome = engine.Enqueue(A.Contact("billing"), At.Nine);

        Assert.Equal(expert, outcome.Offer?.Agent);
    }

    [Fact]
    public void MostProficient_EqualSum_LongestIdleWins()
    {
        var engine = Centre.With(A.Queue("billing").Needing("billing").Selecting(AgentSelection.MostProficient));
        var idleLongest = engine.SignIn(An.Agent("b").With("billing", 4), At.Eight);
        engine.SignIn(An.Agent("a").With("billing", 4), At.Eight.AddMinutes(30));

        var outcome = engine.Enqueue(A.Contact("billing"), At.Nine);

        Assert.Equal(idleLongest, outcome.Offer?.Agent);
    }

    [Fact]
    public void LeastOccupied_PrefersTheSmallerShareOfCapacityNotTheSmallerCount()
    {
        var engine = Centre.With(A.Queue("chat").Selecting(AgentSelection.LeastOccupied));
        var small = engine.SignIn(An.Agent("small").Chats(2), At.Eight);
        var large = engine.SignIn(An.Agent("large").Chats(4), At.Eight.AddMinutes(30));
        var first = engine.Enqueue(A.Contact("chat").On(Channel.Chat), At.Nine);
        var second = engine.Enqueue(A.Contact("chat").On(Channel.Chat), At.Nine.AddSeconds(1));

        var third = engine.Enqueue(A.Contact("chat").On(Channel.Chat), At.Nine.AddSeconds(2));

        Assert.Equal(small, first.Offer?.Agent);
        Assert.Equal(large, second.Offer?.Agent);
        Assert.Equal(large, third.Offer?.Agent);
    }

    [Fact]
    public void LeastOccupied_EqualShare_LongestIdleWins()
    {
        var engine = Centre.With(A.Queue("chat").Selecting(AgentSelection.LeastOccupied));
        var idleLongest = engine.SignIn(An.Agent("b").Chats(3), At.Eight);
        engine.SignIn(An.Agent("a").Chats(3), At.Eight.AddMinutes(30));

        var outcome = engine.Enqueue(A.Contact("chat").On(Channel.Chat), At.Nine);

        Assert.Equal(idleLongest, outcome.Offer?.Agent);
    }

    [Fact]
    public void LongestIdle_AgentHoldingAChat_IdleSinceIsNotReset()
    {
        var engine = Centre.With(A.Queue("chat"));
        var busy = engine.SignIn(An.Agent("busy").Chats(3), At.Eight);
        engine.SignIn(An.Agent("free").Chats(3), At.Eight.AddMinutes(30));

        engine.Enqueue(A.Contact("chat").On(Channel.Chat), At.Nine);

        Assert.Equal(Presence.Busy, engine.PresenceOf(busy));
    }
}
