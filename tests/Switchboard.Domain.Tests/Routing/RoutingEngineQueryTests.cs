using Switchboard.Agents;
using Switchboard.Contacts;
using Switchboard.Routing;
using Switchboard.Tests.Builders;

namespace Switchboard.Tests.Routing;

/// <summary>Queries, retention, agent reconfiguration and the clock.</summary>
public class RoutingEngineQueryTests
{
    [Fact]
    public void FindQueue_CountsWaitingOfferedAndCallbacks()
    {
        var engine = Centre.With(A.Queue("billing"));
        engine.SignIn(An.Agent("a1"));
        engine.Enqueue(A.Contact("billing"), At.Nine);
        engine.Enqueue(A.Contact("billing"), At.Nine.AddSeconds(1));
        var callback = engine.Enqueue(A.Contact("billing"), At.Nine.AddSeconds(2)).Contact;

        engine.RequestCallback(callback, At.Nine.AddSeconds(3));

        var queue = engine.FindQueue(Centre.Queue("billing"))!;
        Assert.Equal((3, (DateTimeOffset?)At.Nine), (queue.Waiting, queue.LongestWaitingSince));
    }

    [Fact]
    public void EstimateWait_WaitingContact_IsKnownAndConnectedContact_IsNull()
    {
        var engine = Centre.With(A.Queue("billing"));
        engine.SignIn(An.Agent("a1"));
        var connected = engine.Enqueue(A.Contact("billing"), At.Nine).Contact;
        engine.AcceptOfferOf(connected, At.Nine);
        var waiting = engine.Enqueue(A.Contact("billing"), At.Nine.AddSeconds(1)).Contact;

        var estimate = engine.EstimateWait(waiting);

        Assert.True(estimate?.IsKnown);
        Assert.Null(engine.EstimateWait(connected));
    }

    [Fact]
    public void EstimateWait_CustomersHaveBeenAbandoning_IsShorterThanWithoutAbandonment()
    {
        var patient = Centre.With(A.Queue("billing"));
        var impatient = Centre.With(A.Queue("billing"));
        foreach (var engine in new[] { patient, impatient })
        {
            engine.SignIn(An.Agent("a1"));
            engine.AcceptOfferOf(engine.Enqueue(A.Contact("billing"), At.Nine).Contact, At.Nine);
        }

        // Ten customers give up after a minute of waiting in one centre; in the other nobody leaves.
        for (var i = 0; i < 10; i++)
        {
            var leaving = impatient.Enqueue(A.Contact("billing"), At.Nine).Contact;
            Assert.Equal(RoutingResult.Done, impatient.Abandon(leaving, At.Nine.AddMinutes(1)));
        }

        var estimates = new[] { patient, impatient }.Select(engine =>
        {
            for (var i = 0; i < 5; i++)
            {
                engine.Enqueue(A.Contact("billing"), At.Nine.AddMinutes(2));
            }

            return engine.EstimateWait(engine.Enqueue(A.Contact("billing"), At.Nine.AddMinutes(2)).Contact)!.Value;
        }).ToArray();

        Assert.Equal(5, estimates[1].Position);
        Assert.True(estimates[1].Expected < estimates[0].Expected, $"{estimates[1].Expected} is not shorter than {estimates[0].Expected}");
    }

    [Fact]
    public void EstimateArrival_ContactsWaiting_IsWhatTheNextArrivalIsAnnounced_AndNothingArrives()
    {
        var engine = Centre.With(A.Queue("billing"));
        engine.SignIn(An.Agent("a1"));
        engine.AcceptOfferOf(engine.Enqueue(A.Contact("billing"), At.Nine).Contact, At.Nine);
        engine.Enqueue(A.Contact("billing"), At.Nine);
        var events = engine.LastSequence;

        var before = engine.EstimateArrival(A.Contact("billing").Build());
        var arrival = engine.Enqueue(A.Contact("billing"), At.Nine);

        Assert.Equal(events, engine.LastSequence - 1);
        Assert.Equal(arrival.ExpectedWait, before);
        Assert.Equal(1, before?.Position);
        Assert.Null(engine.EstimateArrival(A.Contact("nowhere").Build()));
    }

    [Fact]
    public void EstimateArrival_QualifiedAgentFree_IsZero()
    {
        var engine = Centre.With(A.Queue("billing"));
        engine.SignIn(An.Agent("a1"));

        var estimate = engine.EstimateArrival(A.Contact("billing").Build());

        Assert.Equal(TimeSpan.Zero, estimate?.Expected);
        Assert.True(estimate?.IsKnown);
    }

    [Fact]
    public void FindContact_UnknownId_IsNull()
    {
        var engine = Centre.With(A.Queue("billing"));

        var contact = engine.FindContact(new ContactId(7));

        Assert.Null(contact);
        Assert.Null(engine.FindAgent(new AgentId("ghost")));
        Assert.Null(engine.FindQueue(Centre.Queue("ghost")));
    }

    [Fact]
    public void FinishedRetention_Passed_ContactForgottenAndOldOfferUnknown()
    {
        var engine = Centre.With(new RoutingOptions { FinishedRetention = TimeSpan.FromMinutes(10) }, A.Queue("billing"));
        engine.SignIn(An.Agent("a1"));
        var arrival = engine.Enqueue(A.Contact("billing"), At.Nine);
        engine.Abandon(arrival.Contact, At.Nine.AddSeconds(5));

        engine.Enqueue(A.Contact("billing").Speaking("fr"), At.Nine.AddMinutes(30));

        Assert.Null(engine.FindContact(arrival.Contact));
        Assert.Equal(OfferReply.Unknown, engine.Accept(arrival.Offer!.Value.Id, At.Nine.AddMinutes(30)));
    }

    [Fact]
    public void FinishedRetention_NotPassed_ContactStillQueryable()
    {
        var engine = Centre.With(new RoutingOptions { FinishedRetention = TimeSpan.FromMinutes(10) }, A.Queue("billing"));
        var contact = engine.Enqueue(A.Contact("billing"), At.Nine).Contact;
        engine.Abandon(contact, At.Nine.AddSeconds(5));

        engine.AdvanceTo(At.Nine.AddMinutes(5));

        Assert.Equal(ContactState.Abandoned, engine.StateOf(contact));
    }

    [Fact]
    public void ConfigureAgent_WhileHoldingContacts_AgentHoldsContacts()
    {
        var engine = Centre.With(A.Queue("billing"));
        var agent = engine.SignIn(An.Agent("a1"));
        var contact = engine.Enqueue(A.Contact("billing"), At.Nine).Contact;
        engine.AcceptOfferOf(contact, At.Nine);

        var result = engine.ConfigureAgent(An.Agent("a1").With("sales").Build(), At.Nine.AddMinutes(1));

        Assert.Equal(RoutingResult.AgentHoldsContacts, result);
        Assert.Equal(ContactState.Connected, engine.StateOf(contact));
        Assert.Equal(Presence.Busy, engine.PresenceOf(agent));
    }

    [Fact]
    public void ConfigureAgent_NewSkillWhileFree_IsRoutedAtOnce()
    {
        var engine = Centre.With(A.Queue("billing").Needing("billing"));
        var agent = engine.SignIn(An.Agent("a1").With("sales"));
        var contact = engine.Enqueue(A.Contact("billing"), At.Nine).Contact;

        engine.ConfigureAgent(An.Agent("a1").With("billing").Build(), At.Nine.AddMinutes(1));

        Assert.Equal(agent, engine.LiveOfferOf(contact).Agent);
    }

    [Fact]
    public void Command_WithAnEarlierInstant_TakenAsTheEngineTime()
    {
        var engine = Centre.With(A.Queue("billing"));
        engine.AdvanceTo(At.Nine);

        engine.Enqueue(A.Contact("billing"), At.Eight);

        Assert.Equal(At.Nine, engine.PendingEvents[^1].At);
        Assert.Equal(At.Nine, engine.Now);
    }

    [Fact]
    public void NextDueAt_LiveOffer_IsItsExpiry()
    {
        var engine = Centre.With(A.Queue("billing").WrapUpLimitedTo(null));
        engine.SignIn(An.Agent("a1"));

        var offer = engine.Enqueue(A.Contact("billing"), At.Nine).Offer!.Value;

        Assert.Equal(offer.ExpiresAt, engine.NextDueAt);
    }

    [Fact]
    public void WrapUpLimit_None_ContactStaysInWrapUp()
    {
        var engine = Centre.With(A.Queue("billing").WrapUpLimitedTo(null));
        engine.SignIn(An.Agent("a1"));
        var contact = engine.Enqueue(A.Contact("billing"), At.Nine).Contact;
        engine.AcceptOfferOf(contact, At.Nine);
        engine.Complete(contact, At.Nine.AddMinutes(1));

        engine.AdvanceTo(At.Nine.AddHours(3));

        Assert.Equal(ContactState.WrapUp, engine.StateOf(contact));
    }

    [Fact]
    public void MinimumWrapUp_AlreadyOver_FinishWrapUpCompletesAtOnce()
    {
        var engine = Centre.With(new RoutingOptions { MinimumWrapUp = TimeSpan.FromSeconds(30) }, A.Queue("billing").WrapUpLimitedTo(null));
        engine.SignIn(An.Agent("a1"));
        var contact = engine.Enqueue(A.Contact("billing"), At.Nine).Contact;
        engine.AcceptOfferOf(contact, At.Nine);
        engine.Complete(contact, At.Nine.AddMinutes(1));
        engine.ClearPendingEvents();

        engine.FinishWrapUp(contact, new Disposition("resolved"), At.Nine.AddMinutes(2));

        Assert.Equal(ContactState.Completed, engine.StateOf(contact));
        Assert.Equal(new Disposition("resolved"), Assert.Single(engine.Pending(RoutingEventType.ContactCompleted)).Detail);
    }

    [Fact]
    public void ScheduledCallback_AcceptedAfterWindow_NoPromiseKept()
    {
        var engine = Centre.With(A.Queue("billing"));
        var window = new CallbackWindow(At.Nine, At.Nine.AddMinutes(10));
        var contact = engine.ScheduleCallback(new CallbackBooking(A.Contact("billing").On(Channel.Callback).Build(), window), At.Eight).Contact;
        engine.AdvanceTo(At.Nine.AddMinutes(15));
        engine.SignIn(An.Agent("a1"), At.Nine.AddMinutes(15));
        engine.ClearPendingEvents();

        engine.AcceptOfferOf(contact, At.Nine.AddMinutes(15));

        Assert.Empty(engine.Pending(RoutingEventType.CallbackPromiseKept));
        Assert.Equal(ContactState.Connected, engine.StateOf(contact));
    }
}
