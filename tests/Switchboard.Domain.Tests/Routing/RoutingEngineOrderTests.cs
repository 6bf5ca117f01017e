using Switchboard.Contacts;
using Switchboard.Routing;
using Switchboard.Tests.Builders;

namespace Switchboard.Tests.Routing;

/// <summary>Which waiting contact an agent gets: effective priority, then arrival, then id.</summary>
public class RoutingEngineOrderTests
{
    [Fact]
    public void NextContact_HigherPriorityArrivedLater_IsServedFirst()
    {
        var engine = Centre.With(A.Queue("billing"));
        var ordinary = engine.Enqueue(A.Contact("billing"), At.Nine).Contact;
        var urgent = engine.Enqueue(A.Contact("billing").WithPriority(1), At.Nine.AddMinutes(1)).Contact;

        engine.SignIn(An.Agent("a1"), At.Nine.AddMinutes(2));

        Assert.Equal(urgent, engine.FindAgent(new("a1"))!.Contacts.Single());
        Assert.Equal(ContactsWaiting(engine, ordinary), engine.WaitingOrder(Centre.Queue("billing")));
    }

    [Fact]
    public void NextContact_EqualPriority_IsServedInArrivalOrder()
    {
        var engine = Centre.With(A.Queue("billing"));
        var first = engine.Enqueue(A.Contact("billing"), At.Nine).Contact;
        var second = engine.Enqueue(A.Contact("billing"), At.Nine.AddSeconds(1)).Contact;

        engine.SignIn(An.Agent("a1"), At.Nine.AddMinutes(1));

        Assert.Equal(first, engine.LiveOfferOf(first).Contact);
        Assert.Equal(ContactState.Waiting, engine.StateOf(second));
    }

    [Fact]
    public void NextContact_SameArrivalInstant_LowerIdFirst()
    {
        var engine = Centre.With(A.Queue("billing"));
        var first = engine.Enqueue(A.Contact("billing"), At.Nine).Contact;
        var second = engine.Enqueue(A.Contact("billing"), At.Nine).Contact;

        engine.SignIn(An.Agent("a1"), At.Nine.AddMinutes(1));

        Assert.True(first.Value < second.Value);
        Assert.Equal(ContactState.Offered, engine.StateOf(first));
        Assert.Equal(ContactState.Waiting, engine.StateOf(second));
    }

    [Fact]
    public void WaitingOrder_MixedPriorities_ListsTheServingOrder()
    {
        var engine = Centre.With(A.Queue("billing"));
        var c1 = engine.Enqueue(A.Contact("billing"), At.Nine).Contact;
        var c2 = engine.Enqueue(A.Contact("billing").WithPriority(2), At.Nine.AddSeconds(1)).Contact;
        var c3 = engine.Enqueue(A.Contact("billing"), At.Nine.AddSeconds(2)).Contact;
        var c4 = engine.Enqueue(A.Contact("billing").WithPriority(1), At.Nine.AddSeconds(3)).Contact;

        var order = engine.WaitingOrder(Centre.Queue("billing"));

        Assert.Equal([c2, c4, c1, c3], order);
    }

    [Fact]
    public void PriorityAging_LongWaitOvertakesHigherPriorityNewcomer()
    {
        var engine = Centre.With(new RoutingOptions { PriorityAgingStep = TimeSpan.FromMinutes(1) }, A.Queue("billing"));
        var patient = engine.Enqueue(A.Contact("billing"), At.Nine).Contact;
        engine.Enqueue(A.Contact("billing").WithPriority(2), At.Nine.AddMinutes(3));

        engine.SignIn(An.Agent("a1"), At.Nine.AddMinutes(4));

        Assert.Equal(ContactState.Offered, engine.StateOf(patient));
    }

    [Fact]
    public void PriorityAging_NotSet_HigherPriorityNewcomerStillFirst()
    {
        var engine = Centre.With(A.Queue("billing"));
        var patient = engine.Enqueue(A.Contact("billing"), At.Nine).Contact;
        var urgent = engine.Enqueue(A.Contact("billing").WithPriority(2), At.Nine.AddMinutes(30)).Contact;

        engine.SignIn(An.Agent("a1"), At.Nine.AddMinutes(40));

        Assert.Equal(ContactState.Offered, engine.StateOf(urgent));
        Assert.Equal(ContactState.Waiting, engine.StateOf(patient));
    }

    [Fact]
    public void PriorityAging_EqualEffectivePriority_EarlierArrivalFirst()
    {
        var engine = Centre.With(new RoutingOptions { PriorityAgingStep = TimeSpan.FromMinutes(1) }, A.Queue("billing"));
        var patient = engine.Enqueue(A.Contact("billing"), At.Nine).Contact;
        engine.Enqueue(A.Contact("billing").WithPriority(2), At.Nine.AddMinutes(2));

        engine.SignIn(An.Agent("a1"), At.Nine.AddMinutes(2).AddSeconds(30));

        Assert.Equal(ContactState.Offered, engine.StateOf(patient));
    }

    private static ContactId[] ContactsWaiting(RoutingEngine engine, params ContactId[] ids)
    {
        Assert.All(ids, id => Assert.Equal(ContactState.Waiting, engine.StateOf(id)));
        return ids;
    }
}
