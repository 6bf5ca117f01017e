using Switchboard.Agents;
using Switchboard.Contacts;
using Switchboard.Routing;
using Switchboard.Tests.Builders;

namespace Switchboard.Tests.Routing;

/// <summary>Offers: answers, expiry, places kept, missed offers.</summary>
public class RoutingEngineOfferTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    [Fact]
    public void Offer_ExpiresAt_TheQueuesOfferTimeout()
    {
        var engine = Centre.With(A.Queue("billing").OffersExpireAfter(TimeSpan.FromSeconds(15)));
        engine.SignIn(An.Agent("a1"));

        var outcome = engine.Enqueue(A.Contact("billing"), At.Nine);

        Assert.Equal(At.Nine.AddSeconds(15), outcome.Offer?.ExpiresAt);
    }

    [Fact]
    public void Offer_TimePassesExpiry_OfferExpiredAtExactlyTheExpiryInstant()
    {
        var engine = Centre.With(A.Queue("billing"));
        engine.SignIn(An.Agent("a1"));
        var offer = engine.Enqueue(A.Contact("billing"), At.Nine).Offer!.Value;
        engine.ClearPendingEvents();

        engine.AdvanceTo(At.Nine.AddMinutes(1));

        var expired = engine.Pending(RoutingEventType.OfferExpired)[0];
        Assert.Equal((offer.Id, offer.ExpiresAt), (expired.Offer, expired.At));
    }

    [Fact]
    public void Offer_AnyLaterCommand_FiresTheExpiryFirst()
    {
        var engine = Centre.With(A.Queue("billing"), A.Queue("other"));
        engine.SignIn(An.Agent("a1"));
        var offer = engine.Enqueue(A.Contact("billing"), At.Nine).Offer!.Value;
        engine.ClearPendingEvents();

        engine.Enqueue(A.Contact("other").Speaking("fr"), At.Nine.AddMinutes(1));

        var events = engine.PendingEvents.ToArray();
        Assert.Equal(RoutingEventType.OfferExpired, events[0].Type);
        Assert.Equal(offer.ExpiresAt, events[0].At);
    }

    [Fact]
    public void Offer_JustBeforeExpiry_IsStillLive()
    {
        var engine = Centre.With(A.Queue("billing"));
        engine.SignIn(An.Agent("a1"));
        var offer = engine.Enqueue(A.Contact("billing"), At.Nine).Offer!.Value;

        var reply = engine.Accept(offer.Id, offer.ExpiresAt.AddTicks(-1));

        Assert.Equal(OfferReply.Accepted, reply);
    }

    [Fact]
    public void Accept_LiveOffer_ConnectsTheContact()
    {
        var engine = Centre.With(A.Queue("billing"));
        var agent = engine.SignIn(An.Agent("a1"));
        var arrival = engine.Enqueue(A.Contact("billing"), At.Nine);

        var reply = engine.Accept(arrival.Offer!.Value.Id, At.Nine.AddSeconds(3));

        Assert.Equal(OfferReply.Accepted, reply);
        var contact = engine.FindContact(arrival.Contact)!;
        Assert.Equal((ContactState.Connected, agent, (OfferId?)null), (contact.State, contact.Agent!.Value, contact.LiveOffer));
    }

    [Fact]
    public void Accept_Twice_AlreadyAcceptedAndNothingChanges()
    {
        var engine = Centre.With(A.Queue("billing"));
        engine.SignIn(An.Agent("a1"));
        var offer = engine.Enqueue(A.Contact("billing"), At.Nine).Offer!.Value;
        engine.Accept(offer.Id, At.Nine.AddSeconds(3));
        var sequence = engine.LastSequence;

        var reply = engine.Accept(offer.Id, At.Nine.AddSeconds(4));

        Assert.Equal(OfferReply.AlreadyAccepted, reply);
        Assert.Equal(sequence, engine.LastSequence);
    }

    [Fact]
    public void Accept_AfterReject_AlreadyRejected()
    {
        var engine = Centre.With(A.Queue("billing"));
        engine.SignIn(An.Agent("a1"));
        var offer = engine.Enqueue(A.Contact("billing"), At.Nine).Offer!.Value;
        engine.Reject(offer.Id, At.Nine.AddSeconds(3));

        var reply = engine.Accept(offer.Id, At.Nine.AddSeconds(4));

        Assert.Equal(OfferReply.AlreadyRejected, reply);
    }

    [Fact]
    public void Reject_Twice_AlreadyRejected()
    {
        var engine = Centre.With(A.Queue("billing"));
        engine.SignIn(An.Agent("a1"));
        var offer = engine.Enqueue(A.Contact("billing"), At.Nine).Offer!.Value;
        engine.Reject(offer.Id, At.Nine.AddSeconds(3));

        var reply = engine.Reject(offer.Id, At.Nine.AddSeconds(4));

        Assert.Equal(OfferReply.AlreadyRejected, reply);
    }

    [Fact]
    public void Accept_AfterExpiry_Expired()
    {
        var engine = Centre.With(A.Queue("billing"));
        engine.SignIn(An.Agent("a1"));
        var offer = engine.Enqueue(A.Contact("billing"), At.Nine).Offer!.Value;

        var reply = engine.Accept(offer.Id, offer.ExpiresAt);

        Assert.Equal(OfferReply.Expired, reply);
    }

    [Fact]
    public void Accept_AfterAbandon_Withdrawn()
    {
        var engine = Centre.With(A.Queue("billing"));
        engine.SignIn(An.Agent("a1"));
        var arrival = engine.Enqueue(A.Contact("billing"), At.Nine);
        engine.Abandon(arrival.Contact, At.Nine.AddSeconds(2));

        var reply = engine.Accept(arrival.Offer!.Value.Id, At.Nine.AddSeconds(3));

        Assert.Equal(OfferReply.Withdrawn, reply);
    }

    [Fact]
    public void Accept_UnknownOffer_Unknown()
    {
        var engine = Centre.With(A.Queue("billing"));

        var reply = engine.Accept(new OfferId(42), At.Nine);

        Assert.Equal(OfferReply.Unknown, reply);
    }

    [Fact]
    public void Reject_OtherAgentFree_ContactOfferedToTheOtherAgent()
    {
        var engine = Centre.With(A.Queue("billing"));
        var first = engine.SignIn(An.Agent("first"), At.Eight);
        var second = engine.SignIn(An.Agent("second"), At.Eight.AddMinutes(1));
        var arrival = engine.Enqueue(A.Contact("billing"), At.Nine);

        engine.Reject(arrival.Offer!.Value.Id, At.Nine.AddSeconds(2));

        Assert.Equal(first, arrival.Offer.Value.Agent);
        Assert.Equal(second, engine.LiveOfferOf(arrival.Contact).Agent);
    }

    [Fact]
    public void Reject_NoOtherAgent_SameAgentOfferedTheSameContactAgain()
    {
        var engine = Centre.With(new RoutingOptions { MissedOffersBeforeNotResponding = 3 }, A.Queue("billing"));
        var agent = engine.SignIn(An.Agent("a1"));
        var first = engine.Enqueue(A.Contact("billing"), At.Nine);
        engine.Enqueue(A.Contact("billing"), At.Nine.AddSeconds(1));

        engine.Reject(first.Offer!.Value.Id, At.Nine.AddSeconds(2));

        var again = engine.LiveOfferOf(first.Contact);
        Assert.Equal(agent, again.Agent);
        Assert.NotEqual(first.Offer.Value.Id, again.Id);
    }

    [Fact]
    public void Reject_ContactGoesBackToItsOriginalPlace()
    {
        var engine = Centre.With(new RoutingOptions { MissedOffersBeforeNotResponding = 1 }, A.Queue("billing"));
        var c1 = engine.Enqueue(A.Contact("billing"), At.Nine).Contact;
        var c2 = engine.Enqueue(A.Contact("billing"), At.Nine.AddSeconds(1)).Contact;
        var c3 = engine.Enqueue(A.Contact("billing"), At.Nine.AddSeconds(2)).Contact;
        engine.SignIn(An.Agent("a1"), At.Nine.AddSeconds(3));

        engine.Reject(engine.LiveOfferOf(c1).Id, At.Nine.AddSeconds(4));

        Assert.Equal([c1, c2, c3], engine.WaitingOrder(Centre.Queue("billing")));
        Assert.Equal(At.Nine, engine.FindContact(c1)!.Arrival);
    }

    [Fact]
    public void Expiry_ContactGoesBackToItsOriginalPlace()
    {
        var engine = Centre.With(new RoutingOptions { MissedOffersBeforeNotResponding = 1 }, A.Queue("billing"));
        var c1 = engine.Enqueue(A.Contact("billing"), At.Nine).Contact;
        var c2 = engine.Enqueue(A.Contact("billing"), At.Nine.AddSeconds(1)).Contact;
        engine.SignIn(An.Agent("a1"), At.Nine.AddSeconds(3));

        engine.AdvanceTo(At.Nine.AddMinutes(2));

        Assert.Equal([c1, c2], engine.WaitingOrder(Centre.Queue("billing")));
    }

    [Fact]
    public void Expiry_CountsAsAMiss_AgentNotRespondingAfterTheLimit()
    {
        var engine = Centre.With(new RoutingOptions { MissedOffersBeforeNotResponding = 2 }, A.Queue("billing"));
        var agent = engine.SignIn(An.Agent("a1"));
        engine.Enqueue(A.Contact("billing"), At.Nine);

        engine.AdvanceTo(At.Nine + (2 * Timeout) + TimeSpan.FromSeconds(1));

        Assert.Equal(Presence.NotResponding, engine.PresenceOf(agent));
        Assert.Equal(2, engine.Pending(RoutingEventType.OfferExpired).Count);
    }

    [Fact]
    public void Accept_AfterAMiss_ResetsTheMissCount()
    {
        var engine = Centre.With(new RoutingOptions { MissedOffersBeforeNotResponding = 2 }, A.Queue("billing"));
        var agent = engine.SignIn(An.Agent("a1"));
        var contact = engine.Enqueue(A.Contact("billing"), At.Nine).Contact;
        engine.Reject(engine.LiveOfferOf(contact).Id, At.Nine.AddSeconds(1));

        engine.Accept(engine.LiveOfferOf(contact).Id, At.Nine.AddSeconds(2));

        Assert.Equal(0, engine.FindAgent(agent)!.MissedOffers);
    }

    [Fact]
    public void Miss_BelowTheLimit_AgentStaysAvailable()
    {
        var engine = Centre.With(new RoutingOptions { MissedOffersBeforeNotResponding = 2 }, A.Queue("billing"));
        var agent = engine.SignIn(An.Agent("a1"));
        var contact = engine.Enqueue(A.Contact("billing"), At.Nine).Contact;

        engine.Reject(engine.LiveOfferOf(contact).Id, At.Nine.AddSeconds(1));

        Assert.Equal(1, engine.FindAgent(agent)!.MissedOffers);
        Assert.NotEqual(Presence.NotResponding, engine.PresenceOf(agent));
    }

    [Fact]
    public void Offer_OneContact_NeverTwoLiveOffersAtOnce()
    {
        var engine = Centre.With(A.Queue("chat"));
        engine.SignIn(An.Agent("a1").Chats(3));
        engine.SignIn(An.Agent("a2").Chats(3));

        var contact = engine.Enqueue(A.Contact("chat").On(Channel.Chat), At.Nine).Contact;

        Assert.Single(engine.Pending(RoutingEventType.ContactOffered), e => e.Contact == contact);
        Assert.Single(engine.Snapshot().LiveOffers, o => o.Contact == contact);
    }
}
