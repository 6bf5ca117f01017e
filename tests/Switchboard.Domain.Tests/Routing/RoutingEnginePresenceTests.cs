using Switchboard.Agents;
using Switchboard.Contacts;
using Switchboard.Routing;
using Switchboard.Tests.Builders;

namespace Switchboard.Tests.Routing;

/// <summary>Presence: chosen (offline, available, break) and derived (busy, wrap-up, not responding).</summary>
public class RoutingEnginePresenceTests
{
    [Fact]
    public void ConfigureAgent_NewAgent_StartsOfflineAndGetsNothing()
    {
        var engine = Centre.With(A.Queue("billing"));
        var agent = An.Agent("a1");
        engine.ConfigureAgent(agent.Build(), At.Eight);

        var outcome = engine.Enqueue(A.Contact("billing"), At.Nine);

        Assert.Equal(Presence.Offline, engine.PresenceOf(agent.Id));
        Assert.Null(outcome.Offer);
    }

    [Theory]
    [InlineData(Presence.Busy)]
    [InlineData(Presence.WrapUp)]
    [InlineData(Presence.NotResponding)]
    public void SetPresence_DerivedPresence_IsNotChoosable(Presence presence)
    {
        var engine = Centre.With(A.Queue("billing"));
        var agent = engine.SignIn(An.Agent("a1"));

        var result = engine.SetPresence(agent, presence, At.Nine);

        Assert.Equal(RoutingResult.PresenceNotChoosable, result);
        Assert.Equal(Presence.Available, engine.PresenceOf(agent));
    }

    [Fact]
    public void SetPresence_UnknownAgent_IsRefused()
    {
        var engine = Centre.With(A.Queue("billing"));

        var result = engine.SetPresence(new AgentId("ghost"), Presence.Available, At.Nine);

        Assert.Equal(RoutingResult.UnknownAgent, result);
    }

    [Fact]
    public void SetPresence_Available_WaitingContactIsOffered()
    {
        var engine = Centre.With(A.Queue("billing"));
        var contact = engine.Enqueue(A.Contact("billing"), At.Nine).Contact;

        var agent = engine.SignIn(An.Agent("a1"), At.Nine.AddMinutes(1));

        Assert.Equal(agent, engine.LiveOfferOf(contact).Agent);
    }

    [Fact]
    public void Presence_HoldingAnOffer_IsBusy()
    {
        var engine = Centre.With(A.Queue("billing"));
        var agent = engine.SignIn(An.Agent("a1"));

        engine.Enqueue(A.Contact("billing"), At.Nine);

        Assert.Equal(Presence.Busy, engine.PresenceOf(agent));
    }

    [Fact]
    public void Presence_OnlyWrapUpsInHand_IsWrapUp()
    {
        var engine = Centre.With(A.Queue("billing"));
        var agent = engine.SignIn(An.Agent("a1"));
        var contact = engine.Enqueue(A.Contact("billing"), At.Nine).Contact;
        engine.AcceptOfferOf(contact, At.Nine);

        engine.Complete(contact, At.Nine.AddMinutes(1));

        Assert.Equal(Presence.WrapUp, engine.PresenceOf(agent));
    }

    [Fact]
    public void Presence_WrapUpAndAnotherChat_IsBusy()
    {
        var engine = Centre.With(A.Queue("chat"));
        var agent = engine.SignIn(An.Agent("a1").Chats(2));
        var first = engine.Enqueue(A.Contact("chat").On(Channel.Chat), At.Nine).Contact;
        var second = engine.Enqueue(A.Contact("chat").On(Channel.Chat), At.Nine).Contact;
        engine.AcceptOfferOf(first, At.Nine);

        engine.Complete(first, At.Nine.AddSeconds(10));

        Assert.Equal(ContactState.Offered, engine.StateOf(second));
        Assert.Equal(Presence.Busy, engine.PresenceOf(agent));
    }

    [Fact]
    public void Break_WithReason_IsShownAndNothingIsOffered()
    {
        var engine = Centre.With(A.Queue("billing"));
        var agent = engine.SignIn(An.Agent("a1"));
        engine.SetPresence(agent, Presence.Break, At.Nine, "lunch");

        var outcome = engine.Enqueue(A.Contact("billing"), At.Nine.AddMinutes(1));

        Assert.Equal((Presence.Break, "lunch"), (engine.FindAgent(agent)!.Presence, engine.FindAgent(agent)!.BreakReason));
        Assert.Null(outcome.Offer);
    }

    [Fact]
    public void Break_WithLiveOffer_WithdrawsItAndTheContactWaitsAgain()
    {
        var engine = Centre.With(A.Queue("billing"));
        var agent = engine.SignIn(An.Agent("a1"));
        var arrival = engine.Enqueue(A.Contact("billing"), At.Nine);
        engine.ClearPendingEvents();

        var result = engine.SetPresence(agent, Presence.Break, At.Nine.AddSeconds(5), "comfort");

        Assert.Equal(RoutingResult.Done, result);
        Assert.Equal(arrival.Offer!.Value.Id, Assert.Single(engine.Pending(RoutingEventType.OfferWithdrawn)).Offer);
        Assert.Equal(ContactState.Waiting, engine.StateOf(arrival.Contact));
        Assert.Null(engine.FindContact(arrival.Contact)!.LiveOffer);
        Assert.Equal(OfferReply.Withdrawn, engine.Accept(arrival.Offer.Value.Id, At.Nine.AddSeconds(6)));
    }

    [Fact]
    public void Offline_WithLiveOfferOnly_WithdrawsIt()
    {
        var engine = Centre.With(A.Queue("billing"));
        var agent = engine.SignIn(An.Agent("a1"));
        var arrival = engine.Enqueue(A.Contact("billing"), At.Nine);

        var result = engine.SetPresence(agent, Presence.Offline, At.Nine.AddSeconds(5));

        Assert.Equal(RoutingResult.Done, result);
        Assert.Equal(Presence.Offline, engine.PresenceOf(agent));
        Assert.Equal(ContactState.Waiting, engine.StateOf(arrival.Contact));
    }

    [Fact]
    public void Offline_WhileConnected_IsRefused()
    {
        var engine = Centre.With(A.Queue("billing"));
        var agent = engine.SignIn(An.Agent("a1"));
        var contact = engine.Enqueue(A.Contact("billing"), At.Nine).Contact;
        engine.AcceptOfferOf(contact, At.Nine);

        var result = engine.SetPresence(agent, Presence.Offline, At.Nine.AddMinutes(1));

        Assert.Equal(RoutingResult.AgentHoldsContacts, result);
        Assert.Equal(Presence.Busy, engine.PresenceOf(agent));
    }

    [Fact]
    public void Offline_WhileInWrapUp_IsRefused()
    {
        var engine = Centre.With(A.Queue("billing"));
        var agent = engine.SignIn(An.Agent("a1"));
        var contact = engine.Enqueue(A.Contact("billing"), At.Nine).Contact;
        engine.AcceptOfferOf(contact, At.Nine);
        engine.Complete(contact, At.Nine.AddMinutes(1));

        var result = engine.SetPresence(agent, Presence.Offline, At.Nine.AddMinutes(1));

        Assert.Equal(RoutingResult.AgentHoldsContacts, result);
    }

    [Fact]
    public void NotResponding_AfterConsecutiveMisses_GetsNoOffersUntilAvailableAgain()
    {
        var engine = Centre.With(new RoutingOptions { MissedOffersBeforeNotResponding = 2 }, A.Queue("billing"));
        var agent = engine.SignIn(An.Agent("a1"));
        var contact = engine.Enqueue(A.Contact("billing"), At.Nine).Contact;
        engine.Reject(engine.LiveOfferOf(contact).Id, At.Nine.AddSeconds(1));

        engine.AdvanceTo(At.Nine.AddMinutes(5));

        Assert.Equal(Presence.NotResponding, engine.PresenceOf(agent));
        Assert.Equal(ContactState.Waiting, engine.StateOf(contact));
    }

    [Fact]
    public void NotResponding_SetAvailable_OffersResume()
    {
        var engine = Centre.With(new RoutingOptions { MissedOffersBeforeNotResponding = 1 }, A.Queue("billing"));
        var agent = engine.SignIn(An.Agent("a1"));
        var contact = engine.Enqueue(A.Contact("billing"), At.Nine).Contact;
        engine.Reject(engine.LiveOfferOf(contact).Id, At.Nine.AddSeconds(1));

        engine.SetPresence(agent, Presence.Available, At.Nine.AddMinutes(1));

        Assert.Equal(agent, engine.LiveOfferOf(contact).Agent);
        Assert.Equal(0, engine.FindAgent(agent)!.MissedOffers);
    }
}
