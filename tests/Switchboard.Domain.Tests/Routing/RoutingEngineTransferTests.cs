using Switchboard.Contacts;
using Switchboard.Queues;
using Switchboard.Routing;
using Switchboard.Tests.Builders;

namespace Switchboard.Tests.Routing;

/// <summary>Transfers: the agent is freed, the contact waits in the new queue and keeps its place.</summary>
public class RoutingEngineTransferTests
{
    [Fact]
    public void Transfer_Connected_FreesTheAgentAndWaitsInTheNewQueueFromStageZero()
    {
        var engine = Centre.With(A.Queue("billing").Needing("billing"), A.Queue("sales").Needing("sales"));
        var agent = engine.SignIn(An.Agent("a1").With("billing"));
        var contact = engine.Enqueue(A.Contact("billing"), At.Nine).Contact;
        engine.AcceptOfferOf(contact, At.Nine);

        var result = engine.Transfer(contact, new QueueId("sales"), At.Nine.AddMinutes(3));

        Assert.Equal(RoutingResult.Done, result);
        var moved = engine.FindContact(contact)!;
        Assert.Equal((ContactState.Waiting, new QueueId("sales"), 0, At.Nine), (moved.State, moved.Queue, moved.Stage, moved.Arrival));
        Assert.Empty(engine.FindAgent(agent)!.Contacts);
        Assert.Equal([contact], engine.WaitingOrder(new QueueId("sales")));
    }

    [Fact]
    public void Transfer_KeepsOriginalArrival_AheadOfLaterArrivalsInTheNewQueue()
    {
        var engine = Centre.With(A.Queue("billing").Needing("billing"), A.Queue("sales").Needing("sales"));
        engine.SignIn(An.Agent("a1").With("billing"));
        var transferred = engine.Enqueue(A.Contact("billing"), At.Nine).Contact;
        engine.AcceptOfferOf(transferred, At.Nine);
        var waitingInSales = engine.Enqueue(A.Contact("sales"), At.Nine.AddMinutes(1)).Contact;

        engine.Transfer(transferred, new QueueId("sales"), At.Nine.AddMinutes(3));

        Assert.Equal([transferred, waitingInSales], engine.WaitingOrder(new QueueId("sales")));
    }

    [Fact]
    public void Transfer_AgentOfTheNewQueueFree_IsOffered()
    {
        var engine = Centre.With(A.Queue("billing").Needing("billing"), A.Queue("sales").Needing("sales"));
        engine.SignIn(An.Agent("a1").With("billing"));
        var seller = engine.SignIn(An.Agent("s1").With("sales"));
        var contact = engine.Enqueue(A.Contact("billing"), At.Nine).Contact;
        engine.AcceptOfferOf(contact, At.Nine);

        engine.Transfer(contact, new QueueId("sales"), At.Nine.AddMinutes(3));

        Assert.Equal(seller, engine.LiveOfferOf(contact).Agent);
    }

    [Fact]
    public void Transfer_Waiting_WrongContactState()
    {
        var engine = Centre.With(A.Queue("billing"), A.Queue("sales"));
        var contact = engine.Enqueue(A.Contact("billing"), At.Nine).Contact;

        var result = engine.Transfer(contact, new QueueId("sales"), At.Nine.AddMinutes(1));

        Assert.Equal(RoutingResult.WrongContactState, result);
    }

    [Fact]
    public void Transfer_UnknownQueue_UnknownQueueAndNothingChanges()
    {
        var engine = Centre.With(A.Queue("billing"));
        engine.SignIn(An.Agent("a1"));
        var contact = engine.Enqueue(A.Contact("billing"), At.Nine).Contact;
        engine.AcceptOfferOf(contact, At.Nine);

        var result = engine.Transfer(contact, new QueueId("nowhere"), At.Nine.AddMinutes(1));

        Assert.Equal(RoutingResult.UnknownQueue, result);
        Assert.Equal(ContactState.Connected, engine.StateOf(contact));
    }

    [Fact]
    public void Transfer_ConnectedCallback_WaitsInTheNewQueue()
    {
        var engine = Centre.With(A.Queue("billing").Needing("billing"), A.Queue("sales").Needing("sales"));
        var contact = engine.Enqueue(A.Contact("billing"), At.Nine).Contact;
        engine.RequestCallback(contact, At.Nine.AddMinutes(1));
        engine.SignIn(An.Agent("a1").With("billing"), At.Nine.AddMinutes(2));
        engine.AcceptOfferOf(contact, At.Nine.AddMinutes(2));

        engine.Transfer(contact, new QueueId("sales"), At.Nine.AddMinutes(3));

        Assert.Equal(ContactState.Waiting, engine.StateOf(contact));
    }
}
