using Switchboard.Contacts;
using Switchboard.Routing;
using Switchboard.Tests.Builders;

namespace Switchboard.Tests.Routing;

/// <summary>Callbacks that keep a place, and scheduled callbacks with a window.</summary>
public class RoutingEngineCallbackTests
{
    private static readonly DateTimeOffset Ten = At.Nine.AddHours(1);

    private static CallbackBooking Booking(DateTimeOffset start, DateTimeOffset end, string queue = "billing") =>
        new(A.Contact(queue).On(Channel.Callback).Build(), new CallbackWindow(start, end));

    [Fact]
    public void RequestCallback_Waiting_BecomesCallbackPendingKeepingArrivalAndPlace()
    {
        var engine = Centre.With(A.Queue("billing"));
        var first = engine.Enqueue(A.Contact("billing"), At.Nine).Contact;
        var second = engine.Enqueue(A.Contact("billing"), At.Nine.AddMinutes(1)).Contact;

        var result = engine.RequestCallback(first, At.Nine.AddMinutes(2));

        Assert.Equal(RoutingResult.Done, result);
        var callback = engine.FindContact(first)!;
        Assert.Equal((ContactState.CallbackPending, Channel.Callback, At.Nine), (callback.State, callback.Channel, callback.Arrival));
        Assert.Equal([first, second], engine.WaitingOrder(Centre.Queue("billing")));
    }

    [Fact]
    public void RequestCallback_Pending_IsOfferedToAFreeVoiceAgentFirst()
    {
        var engine = Centre.With(A.Queue("billing"));
        var first = engine.Enqueue(A.Contact("billing"), At.Nine).Contact;
        engine.Enqueue(A.Contact("billing"), At.Nine.AddMinutes(1));
        engine.RequestCallback(first, At.Nine.AddMinutes(2));

        var agent = engine.SignIn(An.Agent("a1"), At.Nine.AddMinutes(3));

        Assert.Equal(agent, engine.LiveOfferOf(first).Agent);
    }

    [Fact]
    public void Callback_UsesVoiceCapacity_ChatOnlyAgentNotOffered()
    {
        var engine = Centre.With(A.Queue("billing"));
        var contact = engine.Enqueue(A.Contact("billing"), At.Nine).Contact;
        engine.RequestCallback(contact, At.Nine.AddMinutes(1));

        engine.SignIn(An.Agent("a1").Chats(3), At.Nine.AddMinutes(2));

        Assert.Equal(ContactState.CallbackPending, engine.StateOf(contact));
    }

    [Fact]
    public void Callback_IsExclusive_AgentHoldingAChatNotOffered()
    {
        var engine = Centre.With(A.Queue("billing"));
        var contact = engine.Enqueue(A.Contact("billing"), At.Nine).Contact;
        engine.RequestCallback(contact, At.Nine.AddMinutes(1));
        engine.Enqueue(A.Contact("billing").On(Channel.Chat).WithPriority(5), At.Nine.AddMinutes(1));

        engine.SignIn(An.Agent("a1").Chats(3, voice: 1), At.Nine.AddMinutes(2));

        Assert.Equal(ContactState.CallbackPending, engine.StateOf(contact));
    }

    [Fact]
    public void RequestCallback_Connected_WrongContactState()
    {
        var engine = Centre.With(A.Queue("billing"));
        engine.SignIn(An.Agent("a1"));
        var contact = engine.Enqueue(A.Contact("billing"), At.Nine).Contact;
        engine.AcceptOfferOf(contact, At.Nine);

        var result = engine.RequestCallback(contact, At.Nine.AddMinutes(1));

        Assert.Equal(RoutingResult.WrongContactState, result);
    }

    [Fact]
    public void RequestCallback_Email_CallbackNotPossible()
    {
        var engine = Centre.With(A.Queue("billing"));
        var contact = engine.Enqueue(A.Contact("billing").On(Channel.Email), At.Nine).Contact;

        var result = engine.RequestCallback(contact, At.Nine.AddMinutes(1));

        Assert.Equal(RoutingResult.CallbackNotPossible, result);
        Assert.Equal(ContactState.Waiting, engine.StateOf(contact));
    }

    [Fact]
    public void ScheduleCallback_BeforeWindow_IsPendingAndNotOffered()
    {
        var engine = Centre.With(A.Queue("billing"));
        engine.SignIn(An.Agent("a1"));

        var outcome = engine.ScheduleCallback(Booking(Ten, Ten.AddHours(1)), At.Nine);
        engine.AdvanceTo(Ten.AddTicks(-1));

        Assert.Equal(RoutingResult.Done, outcome.Result);
        Assert.Null(outcome.Offer);
        Assert.Equal(ContactState.CallbackPending, engine.StateOf(outcome.Contact));
        Assert.Empty(engine.Snapshot().LiveOffers);
    }

    [Fact]
    public void ScheduleCallback_WindowOpens_EventAtTheStartAndOffered()
    {
        var engine = Centre.With(A.Queue("billing"));
        var agent = engine.SignIn(An.Agent("a1"));
        var contact = engine.ScheduleCallback(Booking(Ten, Ten.AddHours(1)), At.Nine).Contact;
        engine.ClearPendingEvents();

        engine.AdvanceTo(Ten.AddSeconds(1));

        Assert.Equal(Ten, Assert.Single(engine.Pending(RoutingEventType.CallbackWindowOpened)).At);
        Assert.Equal(agent, engine.LiveOfferOf(contact).Agent);
    }

    [Fact]
    public void ScheduleCallback_WindowOpen_ServedBeforeOrdinaryContactsWaitingLonger()
    {
        var engine = Centre.With(A.Queue("billing").ScheduledCallbacksAt(50));
        var callback = engine.ScheduleCallback(Booking(Ten, Ten.AddHours(1)), At.Nine).Contact;
        engine.Enqueue(A.Contact("billing").WithPriority(10), At.Nine.AddMinutes(1));
        engine.AdvanceTo(Ten);

        engine.SignIn(An.Agent("a1"), Ten.AddMinutes(1));

        Assert.Equal(ContactState.Offered, engine.StateOf(callback));
    }

    [Fact]
    public void ScheduleCallback_AcceptedInsideWindow_PromiseKept()
    {
        var engine = Centre.With(A.Queue("billing"));
        engine.SignIn(An.Agent("a1"));
        var contact = engine.ScheduleCallback(Booking(Ten, Ten.AddHours(1)), At.Nine).Contact;
        engine.AdvanceTo(Ten);
        engine.ClearPendingEvents();

        engine.AcceptOfferOf(contact, Ten.AddSeconds(5));

        Assert.Single(engine.Pending(RoutingEventType.CallbackPromiseKept));
        Assert.Equal(ContactState.Connected, engine.StateOf(contact));
    }

    [Fact]
    public void ScheduleCallback_WindowEndsUnanswered_PromiseMissedAndStillRoutable()
    {
        var engine = Centre.With(A.Queue("billing"));
        var contact = engine.ScheduleCallback(Booking(Ten, Ten.AddMinutes(30)), At.Nine).Contact;
        engine.ClearPendingEvents();

        engine.AdvanceTo(Ten.AddHours(1));
        var agent = engine.SignIn(An.Agent("a1"), Ten.AddHours(1));

        Assert.Equal(Ten.AddMinutes(30), Assert.Single(engine.Pending(RoutingEventType.CallbackPromiseMissed)).At);
        Assert.Equal(agent, engine.LiveOfferOf(contact).Agent);
    }

    [Fact]
    public void ScheduleCallback_WindowAlreadyEnded_WindowInThePast()
    {
        var engine = Centre.With(A.Queue("billing"));

        var outcome = engine.ScheduleCallback(Booking(At.Eight, At.Eight.AddMinutes(30)), At.Nine);

        Assert.Equal(RoutingResult.WindowInThePast, outcome.Result);
        Assert.Equal(default, outcome.Contact);
    }

    [Fact]
    public void ScheduleCallback_Pending_CanBeCancelled()
    {
        var engine = Centre.With(A.Queue("billing"));
        var contact = engine.ScheduleCallback(Booking(Ten, Ten.AddHours(1)), At.Nine).Contact;

        var result = engine.Abandon(contact, At.Nine.AddMinutes(5));

        Assert.Equal(RoutingResult.Done, result);
        Assert.Equal(ContactState.Abandoned, engine.StateOf(contact));
    }
}
