using Switchboard.Agents;
using Switchboard.Contacts;
using Switchboard.Queues;
using Switchboard.Routing;
using Switchboard.Skills;

namespace Switchboard.Tests.Routing;

/// <summary>End-to-end walks through the engine's life cycle, one story each.</summary>
public class RoutingEngineScenarioTests
{
    private static readonly DateTimeOffset Nine = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);
    private static readonly QueueId Billing = new("billing");

    private static RoutingEngine EngineWithBillingQueue(RoutingOptions? options = null)
    {
        var engine = new RoutingEngine(options);
        var queue = new QueueDefinition(Billing, [
            new RoutingStage(TimeSpan.Zero, [new SkillRequirement("billing", 4)]),
            new RoutingStage(TimeSpan.FromSeconds(60), [new SkillRequirement("billing", 1)]),
        ]);
        Assert.Equal(RoutingResult.Done, engine.ConfigureQueue(queue, Nine.AddHours(-1)));
        return engine;
    }

    private static void SignIn(RoutingEngine engine, string id, int billing, DateTimeOffset at, string language = "en")
    {
        var profile = new AgentProfile(new AgentId(id), [new AgentSkill("billing", billing)], [new AgentLanguage(language)]);
        Assert.Equal(RoutingResult.Done, engine.ConfigureAgent(profile, at));
        Assert.Equal(RoutingResult.Done, engine.SetPresence(new AgentId(id), Presence.Available, at));
    }

    private static NewContact Call(string language = "en") => new(Channel.Voice, Billing, new Language(language));

    [Fact]
    public void Enqueue_ExpertFree_OffersAtOnceToTheOneIdleLongest()
    {
        var engine = EngineWithBillingQueue();
        SignIn(engine, "longest", 5, Nine.AddMinutes(-5));
        SignIn(engine, "fresh", 5, Nine.AddSeconds(-10));

        var outcome = engine.Enqueue(Call(), Nine);

        Assert.Equal(RoutingResult.Done, outcome.Result);
        Assert.Equal(new AgentId("longest"), outcome.Offer!.Value.Agent);
    }

    [Fact]
    public void Enqueue_OnlyNoviceFree_WaitsUntilTheWideningStage()
    {
        var engine = EngineWithBillingQueue();
        SignIn(engine, "novice", 2, Nine);

        var outcome = engine.Enqueue(Call(), Nine);
        engine.AdvanceTo(Nine.AddSeconds(59));
        var before = engine.FindContact(outcome.Contact)!.State;
        engine.AdvanceTo(Nine.AddSeconds(60));

        Assert.Null(outcome.Offer);
        Assert.Equal(ContactState.Waiting, before);
        var after = engine.FindContact(outcome.Contact)!;
        Assert.Equal(ContactState.Offered, after.State);
        Assert.Equal(new AgentId("novice"), after.Agent);
    }

    [Fact]
    public void LifeCycle_AcceptCompleteWrapUp_FreesTheAgentForTheNextContact()
    {
        var engine = EngineWithBillingQueue();
        SignIn(engine, "a1", 5, Nine);
        var first = engine.Enqueue(Call(), Nine);
        var second = engine.Enqueue(Call(), Nine.AddSeconds(1));

        Assert.Equal(OfferReply.Accepted, engine.Accept(first.Offer!.Value.Id, Nine.AddSeconds(2)));
        Assert.Equal(OfferReply.AlreadyAccepted, engine.Accept(first.Offer!.Value.Id, Nine.AddSeconds(3)));
        Assert.Equal(RoutingResult.Done, engine.Complete(first.Contact, Nine.AddMinutes(3)));
        Assert.Equal(Presence.WrapUp, engine.FindAgent(new AgentId("a1"))!.Presence);
        Assert.Equal(RoutingResult.Done, engine.FinishWrapUp(first.Contact, new Disposition("resolved"), Nine.AddMinutes(4)));

        Assert.Equal(ContactState.Completed, engine.FindContact(first.Contact)!.State);
        Assert.Equal(ContactState.Offered, engine.FindContact(second.Contact)!.State);
        Assert.Equal(Presence.Busy, engine.FindAgent(new AgentId("a1"))!.Presence);
    }

    [Fact]
    public void Reject_ContactKeepsItsPlaceAheadOfLaterArrivals()
    {
        var engine = EngineWithBillingQueue();
        SignIn(engine, "a1", 5, Nine);
        var first = engine.Enqueue(Call(), Nine);
        var second = engine.Enqueue(Call(), Nine.AddSeconds(1));
        Assert.Equal(RoutingResult.Done, engine.SetPresence(new AgentId("a1"), Presence.Break, Nine.AddSeconds(2), "lunch"));

        var order = engine.WaitingOrder(Billing);

        Assert.Equal([first.Contact, second.Contact], order);
    }

    [Fact]
    public void OfferTimeout_Expires_AndTheAgentBecomesNotRespondingAfterTwoMisses()
    {
        var engine = EngineWithBillingQueue(new RoutingOptions { MissedOffersBeforeNotResponding = 2 });
        SignIn(engine, "a1", 5, Nine);
        var contact = engine.Enqueue(Call(), Nine);

        engine.AdvanceTo(Nine.AddSeconds(20));
        var second = engine.FindContact(contact.Contact)!;
        engine.AdvanceTo(Nine.AddSeconds(40));

        Assert.Equal(OfferReply.Expired, engine.Accept(contact.Offer!.Value.Id, Nine.AddSeconds(41)));
        Assert.Equal(ContactState.Offered, second.State);
        Assert.Equal(Presence.NotResponding, engine.FindAgent(new AgentId("a1"))!.Presence);
        Assert.Equal(ContactState.Waiting, engine.FindContact(contact.Contact)!.State);
    }

    [Fact]
    public void Replay_OfTheWholeLog_GivesTheSameSnapshot()
    {
        var engine = EngineWithBillingQueue();
        var log = new List<RoutingEvent>();
        SignIn(engine, "a1", 5, Nine);
        SignIn(engine, "a2", 2, Nine);
        var contacts = new List<ContactId>();
        for (var i = 0; i < 6; i++)
        {
            contacts.Add(engine.Enqueue(Call(), Nine.AddSeconds(i)).Contact);
        }

        engine.AdvanceTo(Nine.AddSeconds(70));
        engine.Abandon(contacts[5], Nine.AddSeconds(71));
        log.AddRange(engine.PendingEvents.ToArray());

        var replayed = RoutingEngine.Replay(engine.Options, log);

        var expected = engine.Snapshot();
        var actual = replayed.Snapshot();
        Assert.Equal(expected.LastSequence, actual.LastSequence);
        Assert.Equal(expected.Contacts, actual.Contacts);
        Assert.Equal(expected.LiveOffers, actual.LiveOffers);
        Assert.Equal(expected.Agents.Select(a => (a.Id, a.Presence, a.Since)), actual.Agents.Select(a => (a.Id, a.Presence, a.Since)));
        Assert.Equal(expected.WaitingOrder.Select(w => w.Value.ToArray()), actual.WaitingOrder.Select(w => w.Value.ToArray()));
    }
}
