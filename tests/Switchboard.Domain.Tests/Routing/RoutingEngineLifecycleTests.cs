using Switchboard.Agents;
using Switchboard.Contacts;
using Switchboard.Routing;
using Switchboard.Tests.Builders;

namespace Switchboard.Tests.Routing;

/// <summary>Abandon, complete, wrap-up (minimum and limit) and the well-being guard.</summary>
public class RoutingEngineLifecycleTests
{
    private static (RoutingEngine Engine, AgentId Agent, ContactId Contact) Connected(RoutingOptions? options = null, QueueBuilder? queue = null)
    {
        var engine = Centre.With(options ?? new RoutingOptions(), queue ?? A.Queue("billing"));
        var agent = engine.SignIn(An.Agent("a1"));
        var contact = engine.Enqueue(A.Contact("billing"), At.Nine).Contact;
        engine.AcceptOfferOf(contact, At.Nine);
        return (engine, agent, contact);
    }

    [Fact]
    public void Abandon_Waiting_ContactIsAbandoned()
    {
        var engine = Centre.With(A.Queue("billing"));
        var contact = engine.Enqueue(A.Contact("billing"), At.Nine).Contact;
        engine.ClearPendingEvents();

        var result = engine.Abandon(contact, At.Nine.AddMinutes(1));

        Assert.Equal(RoutingResult.Done, result);
        Assert.Equal(ContactState.Abandoned, engine.StateOf(contact));
        Assert.Equal((int)ContactState.Waiting, Assert.Single(engine.Pending(RoutingEventType.ContactAbandoned)).Number);
        Assert.Empty(engine.WaitingOrder(Centre.Queue("billing")));
    }

    [Fact]
    public void Abandon_Offered_WithdrawsTheOfferAndFreesTheAgent()
    {
        var engine = Centre.With(A.Queue("billing"));
        var agent = engine.SignIn(An.Agent("a1"));
        var contact = engine.Enqueue(A.Contact("billing"), At.Nine).Contact;
        engine.ClearPendingEvents();

        engine.Abandon(contact, At.Nine.AddSeconds(5));

        Assert.Single(engine.Pending(RoutingEventType.OfferWithdrawn));
        Assert.Empty(engine.FindAgent(agent)!.Contacts);
        Assert.Equal(Presence.Available, engine.PresenceOf(agent));
        Assert.Empty(engine.Snapshot().LiveOffers);
    }

    [Fact]
    public void Abandon_CallbackPending_ContactIsAbandoned()
    {
        var engine = Centre.With(A.Queue("billing"));
        var contact = engine.Enqueue(A.Contact("billing"), At.Nine).Contact;
        engine.RequestCallback(contact, At.Nine.AddMinutes(1));

        var result = engine.Abandon(contact, At.Nine.AddMinutes(2));

        Assert.Equal(RoutingResult.Done, result);
        Assert.Equal(ContactState.Abandoned, engine.StateOf(contact));
    }

    [Fact]
    public void Abandon_Connected_WrongContactState()
    {
        var (engine, _, contact) = Connected();

        var result = engine.Abandon(contact, At.Nine.AddMinutes(1));

        Assert.Equal(RoutingResult.WrongContactState, result);
        Assert.Equal(ContactState.Connected, engine.StateOf(contact));
    }

    [Fact]
    public void Abandon_Twice_WrongContactState()
    {
        var engine = Centre.With(A.Queue("billing"));
        var contact = engine.Enqueue(A.Contact("billing"), At.Nine).Contact;
        engine.Abandon(contact, At.Nine.AddMinutes(1));

        var result = engine.Abandon(contact, At.Nine.AddMinutes(2));

        Assert.Equal(RoutingResult.WrongContactState, result);
    }

    [Fact]
    public void Abandon_UnknownContact_UnknownContact()
    {
        var engine = Centre.With(A.Queue("billing"));

        var result = engine.Abandon(new ContactId(99), At.Nine);

        Assert.Equal(RoutingResult.UnknownContact, result);
    }

    [Fact]
    public void Complete_Connected_GoesIntoWrapUpWithItsAgent()
    {
        var (engine, agent, contact) = Connected();

        var result = engine.Complete(contact, At.Nine.AddMinutes(3));

        Assert.Equal(RoutingResult.Done, result);
        Assert.Equal((ContactState.WrapUp, agent), (engine.StateOf(contact), engine.FindContact(contact)!.Agent!.Value));
        Assert.Equal([contact], engine.FindAgent(agent)!.Contacts);
    }

    [Fact]
    public void Complete_Waiting_WrongContactState()
    {
        var engine = Centre.With(A.Queue("billing"));
        var contact = engine.Enqueue(A.Contact("billing"), At.Nine).Contact;

        var result = engine.Complete(contact, At.Nine.AddMinutes(1));

        Assert.Equal(RoutingResult.WrongContactState, result);
    }

    [Fact]
    public void FinishWrapUp_InWrapUp_CompletesAndFreesTheAgent()
    {
        var (engine, agent, contact) = Connected();
        engine.Complete(contact, At.Nine.AddMinutes(3));
        engine.ClearPendingEvents();

        var result = engine.FinishWrapUp(contact, new Disposition("resolved"), At.Nine.AddMinutes(4));

        Assert.Equal(RoutingResult.Done, result);
        Assert.Equal(ContactState.Completed, engine.StateOf(contact));
        Assert.Empty(engine.FindAgent(agent)!.Contacts);
        Assert.Equal(0, Assert.Single(engine.Pending(RoutingEventType.ContactCompleted)).Number);
    }

    [Fact]
    public void FinishWrapUp_Connected_WrongContactState()
    {
        var (engine, _, contact) = Connected();

        var result = engine.FinishWrapUp(contact, new Disposition("resolved"), At.Nine.AddMinutes(4));

        Assert.Equal(RoutingResult.WrongContactState, result);
    }

    [Fact]
    public void MinimumWrapUp_FinishedEarly_StaysInWrapUpUntilItIsOver()
    {
        var (engine, agent, contact) = Connected(new RoutingOptions { MinimumWrapUp = TimeSpan.FromSeconds(30) });
        engine.Complete(contact, At.Nine.AddMinutes(3));
        engine.ClearPendingEvents();

        engine.FinishWrapUp(contact, new Disposition("resolved"), At.Nine.AddMinutes(3).AddSeconds(10));

        Assert.Single(engine.Pending(RoutingEventType.DispositionRecorded));
        Assert.Empty(engine.Pending(RoutingEventType.ContactCompleted));
        Assert.Equal(ContactState.WrapUp, engine.StateOf(contact));
        Assert.Equal([contact], engine.FindAgent(agent)!.Contacts);
    }

    [Fact]
    public void MinimumWrapUp_FinishedEarly_CompletedAtWrapUpStartPlusMinimum()
    {
        var (engine, _, contact) = Connected(new RoutingOptions { MinimumWrapUp = TimeSpan.FromSeconds(30) });
        engine.Complete(contact, At.Nine.AddMinutes(3));
        engine.FinishWrapUp(contact, new Disposition("resolved"), At.Nine.AddMinutes(3).AddSeconds(10));
        engine.ClearPendingEvents();

        engine.AdvanceTo(At.Nine.AddMinutes(5));

        Assert.Equal(At.Nine.AddMinutes(3).AddSeconds(30), Assert.Single(engine.Pending(RoutingEventType.ContactCompleted)).At);
        Assert.Equal(ContactState.Completed, engine.StateOf(contact));
    }

    [Fact]
    public void MinimumWrapUp_HoldsCapacity_NextCallWaitsUntilItIsOver()
    {
        var (engine, agent, contact) = Connected(new RoutingOptions { MinimumWrapUp = TimeSpan.FromSeconds(30) });
        engine.Complete(contact, At.Nine.AddMinutes(3));
        engine.FinishWrapUp(contact, new Disposition("resolved"), At.Nine.AddMinutes(3).AddSeconds(10));

        var next = engine.Enqueue(A.Contact("billing"), At.Nine.AddMinutes(3).AddSeconds(20));
        engine.AdvanceTo(At.Nine.AddMinutes(3).AddSeconds(30));

        Assert.Null(next.Offer);
        Assert.Equal(agent, engine.LiveOfferOf(next.Contact).Agent);
    }

    [Fact]
    public void WrapUpLimit_Reached_CompletesTheContactWithNumberOne()
    {
        var (engine, agent, contact) = Connected(queue: A.Queue("billing").WrapUpLimitedTo(TimeSpan.FromMinutes(1)));
        engine.Complete(contact, At.Nine.AddMinutes(3));
        engine.ClearPendingEvents();

        engine.AdvanceTo(At.Nine.AddMinutes(10));

        var completed = Assert.Single(engine.Pending(RoutingEventType.ContactCompleted));
        Assert.Equal((1, At.Nine.AddMinutes(4)), (completed.Number, completed.At));
        Assert.Equal(ContactState.Completed, engine.StateOf(contact));
        Assert.Empty(engine.FindAgent(agent)!.Contacts);
    }

    [Fact]
    public void WellBeing_MaximumConsecutiveContactsReached_NoNewOffers()
    {
        var options = new RoutingOptions { MaximumConsecutiveContacts = 1, MissedOffersBeforeNotResponding = 5 };
        var engine = Centre.With(options, A.Queue("chat"));
        var agent = engine.SignIn(An.Agent("a1").Chats(3));
        var first = engine.Enqueue(A.Contact("chat").On(Channel.Chat), At.Nine).Contact;
        var second = engine.Enqueue(A.Contact("chat").On(Channel.Chat), At.Nine).Contact;
        engine.AcceptOfferOf(first, At.Nine.AddSeconds(1));

        engine.Reject(engine.LiveOfferOf(second).Id, At.Nine.AddSeconds(2));

        Assert.Equal(ContactState.Waiting, engine.StateOf(second));
        Assert.Equal([first], engine.FindAgent(agent)!.Contacts);
    }

    [Fact]
    public void WellBeing_OnceFree_AgentIsPutOnBreakWithTheReason()
    {
        var options = new RoutingOptions { MaximumConsecutiveContacts = 2, WellBeingBreakReason = "breathe" };
        var engine = Centre.With(options, A.Queue("billing").WrapUpLimitedTo(null));
        var agent = engine.SignIn(An.Agent("a1"));
        for (var i = 0; i < 2; i++)
        {
            var at = At.Nine.AddMinutes(10 * i);
            var contact = engine.Enqueue(A.Contact("billing"), at).Contact;
            engine.AcceptOfferOf(contact, at);
            engine.Complete(contact, at.AddMinutes(1));
            engine.ClearPendingEvents();
            engine.FinishWrapUp(contact, new Disposition("resolved"), at.AddMinutes(2));
        }

        var changed = Assert.Single(engine.Pending(RoutingEventType.AgentPresenceChanged));
        Assert.Equal((agent, (int)Presence.Break, (object)"breathe"), (changed.Agent!.Value, changed.Number, changed.Detail!));
        Assert.Equal((Presence.Break, "breathe"), (engine.PresenceOf(agent), engine.FindAgent(agent)!.BreakReason));
    }

    [Fact]
    public void WellBeing_BreakTaken_ResetsTheCount()
    {
        var options = new RoutingOptions { MaximumConsecutiveContacts = 1 };
        var engine = Centre.With(options, A.Queue("billing").WrapUpLimitedTo(null));
        var agent = engine.SignIn(An.Agent("a1"));
        var contact = engine.Enqueue(A.Contact("billing"), At.Nine).Contact;
        engine.AcceptOfferOf(contact, At.Nine);
        engine.Complete(contact, At.Nine.AddMinutes(1));
        engine.FinishWrapUp(contact, new Disposition("resolved"), At.Nine.AddMinutes(2));

        engine.SetPresence(agent, Presence.Available, At.Nine.AddMinutes(12));
        var next = engine.Enqueue(A.Contact("billing"), At.Nine.AddMinutes(13));

        Assert.Equal(agent, next.Offer?.Agent);
        Assert.Equal(0, engine.FindAgent(agent)!.ConsecutiveContacts);
    }
}
