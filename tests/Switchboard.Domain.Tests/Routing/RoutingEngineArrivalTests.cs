using Switchboard.Contacts;
using Switchboard.Routing;
using Switchboard.Tests.Builders;

namespace Switchboard.Tests.Routing;

/// <summary>Arrivals: full queues and the expected wait announced.</summary>
public class RoutingEngineArrivalTests
{
    private static readonly TimeSpan HandleTime = TimeSpan.FromMinutes(4);

    private static RoutingEngine BusyCentre(int agents, QueueBuilder? queue = null)
    {
        var engine = Centre.With(queue ?? A.Queue("billing").ExpectingHandleTime(HandleTime));
        for (var i = 0; i < agents; i++)
        {
            engine.SignIn(An.Agent("a" + i));
            var busy = engine.Enqueue(A.Contact("billing"), At.Eight.AddMinutes(30)).Contact;
            engine.AcceptOfferOf(busy, At.Eight.AddMinutes(30));
        }

        return engine;
    }

    [Fact]
    public void Enqueue_QueueFull_RefusedWithEventAndNoContactId()
    {
        var engine = Centre.With(A.Queue("billing").HoldingAtMost(2));
        engine.Enqueue(A.Contact("billing"), At.Nine);
        engine.Enqueue(A.Contact("billing"), At.Nine);
        engine.ClearPendingEvents();

        var outcome = engine.Enqueue(A.Contact("billing"), At.Nine);

        Assert.Equal(RoutingResult.QueueFull, outcome.Result);
        Assert.Equal(default, outcome.Contact);
        Assert.Single(engine.Pending(RoutingEventType.ContactRefused));
        Assert.Equal(2, engine.WaitingOrder(Centre.Queue("billing")).Count);
    }

    [Fact]
    public void Enqueue_QueueFullThenOneLeaves_AcceptsAgain()
    {
        var engine = Centre.With(A.Queue("billing").HoldingAtMost(1));
        var first = engine.Enqueue(A.Contact("billing"), At.Nine).Contact;
        engine.Abandon(first, At.Nine.AddMinutes(1));

        var outcome = engine.Enqueue(A.Contact("billing"), At.Nine.AddMinutes(2));

        Assert.Equal(RoutingResult.Done, outcome.Result);
    }

    [Fact]
    public void ExpectedWait_FirstInLineOneBusyAgent_IsOneHandleTime()
    {
        var engine = BusyCentre(1);

        var wait = engine.Enqueue(A.Contact("billing"), At.Nine).ExpectedWait;

        Assert.Equal((0, 1, HandleTime), (wait.Position, wait.Agents, wait.Expected));
        Assert.True(wait.Low <= wait.Expected && wait.Expected <= wait.High);
    }

    [Fact]
    public void ExpectedWait_SecondInLineTwoBusyAgents_IsTwoHandleTimesOverTwo()
    {
        var engine = BusyCentre(2);
        engine.Enqueue(A.Contact("billing"), At.Nine);

        var wait = engine.Enqueue(A.Contact("billing"), At.Nine).ExpectedWait;

        Assert.Equal((1, 2, HandleTime), (wait.Position, wait.Agents, wait.Expected));
        Assert.True(wait.Low <= wait.Expected && wait.Expected <= wait.High);
    }

    [Fact]
    public void ExpectedWait_NoEligibleAgentStaffed_IsUnknown()
    {
        var engine = Centre.With(A.Queue("billing").Needing("billing"));
        engine.SignIn(An.Agent("a1").With("sales"));

        var wait = engine.Enqueue(A.Contact("billing"), At.Nine).ExpectedWait;

        Assert.False(wait.IsKnown);
    }

    [Fact]
    public void ExpectedWait_ContactsOfOtherLanguage_NotCountedInPosition()
    {
        var engine = BusyCentre(1);
        engine.Enqueue(A.Contact("billing").Speaking("fr"), At.Nine);

        var wait = engine.Enqueue(A.Contact("billing"), At.Nine).ExpectedWait;

        Assert.Equal(0, wait.Position);
    }

    [Fact]
    public void CallbackOffered_ExpectedAboveThreshold_IsTrue()
    {
        var engine = BusyCentre(1, A.Queue("billing").ExpectingHandleTime(HandleTime).OfferingCallbackAbove(TimeSpan.FromMinutes(5)));
        engine.Enqueue(A.Contact("billing"), At.Nine);

        var outcome = engine.Enqueue(A.Contact("billing"), At.Nine);

        Assert.Equal(TimeSpan.FromMinutes(8), outcome.ExpectedWait.Expected);
        Assert.True(outcome.CallbackOffered);
    }

    [Fact]
    public void CallbackOffered_ExpectedBelowThreshold_IsFalse()
    {
        var engine = BusyCentre(1, A.Queue("billing").ExpectingHandleTime(HandleTime).OfferingCallbackAbove(TimeSpan.FromMinutes(5)));

        var outcome = engine.Enqueue(A.Contact("billing"), At.Nine);

        Assert.False(outcome.CallbackOffered);
    }

    [Fact]
    public void CallbackOffered_UnknownWaitAndThresholdSet_IsTrue()
    {
        var engine = Centre.With(A.Queue("billing").OfferingCallbackAbove(TimeSpan.FromMinutes(5)));

        var outcome = engine.Enqueue(A.Contact("billing"), At.Nine);

        Assert.True(outcome.CallbackOffered);
    }

    [Fact]
    public void CallbackOffered_NoThreshold_IsFalse()
    {
        var engine = Centre.With(A.Queue("billing"));

        var outcome = engine.Enqueue(A.Contact("billing"), At.Nine);

        Assert.False(outcome.CallbackOffered);
    }

    [Fact]
    public void Enqueue_AgentFree_OfferedAtOnceWithZeroWait()
    {
        var engine = Centre.With(A.Queue("billing"));
        var agent = engine.SignIn(An.Agent("a1"));

        var outcome = engine.Enqueue(A.Contact("billing"), At.Nine);

        Assert.Equal(agent, outcome.Offer?.Agent);
        Assert.Equal(TimeSpan.Zero, outcome.ExpectedWait.Expected);
        Assert.Equal(ContactState.Offered, engine.StateOf(outcome.Contact));
    }
}
