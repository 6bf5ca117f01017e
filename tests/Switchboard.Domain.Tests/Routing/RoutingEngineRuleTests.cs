using Switchboard.Agents;
using Switchboard.Contacts;
using Switchboard.Queues;
using Switchboard.Routing;
using Switchboard.Skills;

namespace Switchboard.Tests.Routing;

/// <summary>One rule of the engine per test, on small hand-made centres.</summary>
public class RoutingEngineRuleTests
{
    private static readonly DateTimeOffset Eight = new(2026, 11, 30, 8, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Nine = Eight.AddHours(1);
    private static readonly QueueId Sales = new("sales");
    private static readonly QueueId Support = new("support");

    private static RoutingEngine Engine(RoutingOptions? options = null, params QueueDefinition[] queues)
    {
        var engine = new RoutingEngine(options);
        foreach (var queue in queues)
        {
            Assert.Equal(RoutingResult.Done, engine.ConfigureQueue(queue, Eight));
        }

        return engine;
    }

    private static QueueDefinition Queue(QueueId id, string skill, int minimum = 1) =>
        new(id, [new RoutingStage(TimeSpan.Zero, [new SkillRequirement(skill, minimum)])]);

    private static AgentId Agent(RoutingEngine engine, string id, string skill, int proficiency = 3, string language = "en", ChannelCapacity? capacity = null, DateTimeOffset? certifiedUntil = null, DateTimeOffset? at = null)
    {
        var agent = new AgentId(id);
        var profile = new AgentProfile(agent, [new AgentSkill(skill, proficiency, certifiedUntil)], [new AgentLanguage(language)], capacity);
        Assert.Equal(RoutingResult.Done, engine.ConfigureAgent(profile, at ?? Eight));
        Assert.Equal(RoutingResult.Done, engine.SetPresence(agent, Presence.Available, at ?? Eight));
        return agent;
    }

    private static NewContact Contact(QueueId queue, Channel channel = Channel.Voice, string language = "en", int priority = 0) =>
        new(channel, queue, new Language(language)) { Priority = priority };

    private static List<RoutingEvent> Events(RoutingEngine engine, RoutingEventType type) =>
        engine.PendingEvents.ToArray().Where(e => e.Type == type).ToList();

    [Fact]
    public void Enqueue_AgentSpeaksOtherLanguage_IsNotOffered()
    {
        var engine = Engine(null, Queue(Sales, "sales"));
        Agent(engine, "a1", "sales", language: "fr");

        var outcome = engine.Enqueue(Contact(Sales, language: "en-GB"), Nine);

        Assert.Null(outcome.Offer);
        Assert.False(outcome.ExpectedWait.IsKnown);
    }

    [Fact]
    public void Enqueue_RegionDiffers_LanguageStillMatches()
    {
        var engine = Engine(null, Queue(Sales, "sales"));
        Agent(engine, "a1", "sales", language: "en-US");

        var outcome = engine.Enqueue(Contact(Sales, language: "en-GB"), Nine);

        Assert.NotNull(outcome.Offer);
    }

    [Fact]
    public void StageWithInterpreter_AfterItsWait_OffersToAnAgentWithoutTheLanguage()
    {
        var queue = new QueueDefinition(Sales, [
            new RoutingStage(TimeSpan.Zero, [new SkillRequirement("sales")]),
            new RoutingStage(TimeSpan.FromMinutes(2), [new SkillRequirement("sales")]) { Language = LanguageRule.Interpreter },
        ]);
        var engine = Engine(null, queue);
        Agent(engine, "a1", "sales", language: "fr");
        var contact = engine.Enqueue(Contact(Sales, language: "pl"), Nine).Contact;

        engine.AdvanceTo(Nine.AddMinutes(2));

        Assert.Equal(ContactState.Offered, engine.FindContact(contact)!.State);
    }

    [Fact]
    public void OverflowStage_OffersToTheOtherQueuesAgents_ContactStaysInItsQueue()
    {
        var support = Queue(Support, "support");
        var sales = new QueueDefinition(Sales, [
            new RoutingStage(TimeSpan.Zero, [new SkillRequirement("sales")]),
            RoutingStage.Overflow(TimeSpan.FromMinutes(3), Support),
        ]);
        var engine = Engine(null, support, sales);
        Agent(engine, "s1", "support");
        var contact = engine.Enqueue(Contact(Sales), Nine).Contact;

        engine.AdvanceTo(Nine.AddMinutes(3));

        var snapshot = engine.FindContact(contact)!;
        Assert.Equal(ContactState.Offered, snapshot.State);
        Assert.Equal(Sales, snapshot.Queue);
        Assert.Equal(new AgentId("s1"), snapshot.Agent);
    }

    [Fact]
    public void ConfigureQueue_OverflowToUnknownQueue_IsRefused()
    {
        var engine = new RoutingEngine();
        var queue = new QueueDefinition(Sales, [new RoutingStage(TimeSpan.Zero, []), RoutingStage.Overflow(TimeSpan.FromMinutes(1), Support)]);

        Assert.Equal(RoutingResult.UnknownOverflowQueue, engine.ConfigureQueue(queue, Eight));
        Assert.Equal(0, engine.LastSequence);
    }

    [Fact]
    public void Certification_Expires_SkillBecomesUnroutable()
    {
        var engine = Engine(null, Queue(Sales, "sales"));
        Agent(engine, "a1", "sales", certifiedUntil: Nine);
        engine.AdvanceTo(Nine);

        var outcome = engine.Enqueue(Contact(Sales), Nine.AddSeconds(1));

        Assert.Null(outcome.Offer);
        Assert.Single(Events(engine, RoutingEventType.CertificationExpired));
    }

    [Fact]
    public void ChatCapacity_ThreeChats_OfferedToOneAgentButNeverAFourth()
    {
        var engine = Engine(null, Queue(Sales, "sales"));
        Agent(engine, "a1", "sales", capacity: new ChannelCapacity(voice: 1, chat: 3));

        var offers = Enumerable.Range(0, 4).Select(i => engine.Enqueue(Contact(Sales, Channel.Chat), Nine.AddSeconds(i)).Offer).ToList();

        Assert.Equal(3, offers.Count(o => o is not null));
        Assert.Null(offers[3]);
    }

    [Fact]
    public void Voice_IsExclusive_NoCallWhileChattingAndNoChatWhileOnACall()
    {
        var engine = Engine(null, Queue(Sales, "sales"));
        Agent(engine, "a1", "sales", capacity: new ChannelCapacity(voice: 1, chat: 3));
        var chat = engine.Enqueue(Contact(Sales, Channel.Chat), Nine);

        var call = engine.Enqueue(Contact(Sales, Channel.Voice), Nine.AddSeconds(1));

        Assert.NotNull(chat.Offer);
        Assert.Null(call.Offer);
    }

    [Fact]
    public void LeastOccupied_PrefersTheAgentWithFewerChats()
    {
        var queue = Queue(Sales, "sales") with { Selection = AgentSelection.LeastOccupied };
        var engine = Engine(null, queue);
        var busy = Agent(engine, "a1", "sales", capacity: new ChannelCapacity(voice: 0, chat: 3));
        var first = engine.Enqueue(Contact(Sales, Channel.Chat), Nine);
        Assert.Equal(busy, first.Offer!.Value.Agent);
        Agent(engine, "a2", "sales", capacity: new ChannelCapacity(voice: 0, chat: 3), at: Nine.AddSeconds(5));

        var second = engine.Enqueue(Contact(Sales, Channel.Chat), Nine.AddSeconds(6));

        Assert.Equal(new AgentId("a2"), second.Offer!.Value.Agent);
    }

    [Fact]
    public void MostProficient_PrefersTheExpertOverTheLongestIdle()
    {
        var queue = Queue(Sales, "sales") with { Selection = AgentSelection.MostProficient };
        var engine = Engine(null, queue);
        Agent(engine, "novice", "sales", proficiency: 2);
        Agent(engine, "expert", "sales", proficiency: 5, at: Nine);

        var outcome = engine.Enqueue(Contact(Sales), Nine.AddSeconds(1));

        Assert.Equal(new AgentId("expert"), outcome.Offer!.Value.Agent);
    }

    [Fact]
    public void Priority_HigherPriorityArrivingLater_IsServedFirst()
    {
        var engine = Engine(null, Queue(Sales, "sales"));
        var ordinary = engine.Enqueue(Contact(Sales), Nine).Contact;
        var urgent = engine.Enqueue(Contact(Sales, priority: 5), Nine.AddSeconds(10)).Contact;

        Agent(engine, "a1", "sales", at: Nine.AddSeconds(20));

        Assert.Equal(ContactState.Offered, engine.FindContact(urgent)!.State);
        Assert.Equal(ContactState.Waiting, engine.FindContact(ordinary)!.State);
    }

    [Fact]
    public void PriorityAging_LongWaitOvertakesAHigherPriorityNewcomer()
    {
        var engine = Engine(new RoutingOptions { PriorityAgingStep = TimeSpan.FromMinutes(1) }, Queue(Sales, "sales"));
        var patient = engine.Enqueue(Contact(Sales), Nine).Contact;
        engine.Enqueue(Contact(Sales, priority: 2), Nine.AddMinutes(3));

        Agent(engine, "a1", "sales", at: Nine.AddMinutes(3));

        Assert.Equal(ContactState.Offered, engine.FindContact(patient)!.State);
    }

    [Fact]
    public void MaximumWaiting_Reached_RefusesTheArrival()
    {
        var engine = Engine(null, Queue(Sales, "sales") with { MaximumWaiting = 1 });
        engine.Enqueue(Contact(Sales), Nine);

        var outcome = engine.Enqueue(Contact(Sales), Nine.AddSeconds(1));

        Assert.Equal(RoutingResult.QueueFull, outcome.Result);
        Assert.Single(Events(engine, RoutingEventType.ContactRefused));
    }

    [Fact]
    public void CallbackRequested_KeepsTheOriginalPlace()
    {
        var engine = Engine(null, Queue(Sales, "sales"));
        var first = engine.Enqueue(Contact(Sales), Nine).Contact;
        var second = engine.Enqueue(Contact(Sales), Nine.AddSeconds(5)).Contact;

        Assert.Equal(RoutingResult.Done, engine.RequestCallback(first, Nine.AddSeconds(10)));

        Assert.Equal([first, second], engine.WaitingOrder(Sales));
        Assert.Equal(ContactState.CallbackPending, engine.FindContact(first)!.State);
        Assert.Equal(Channel.Callback, engine.FindContact(first)!.Channel);
    }

    [Fact]
    public void ScheduledCallback_RoutableOnlyFromWindowStart_AndKeptWhenAnsweredInside()
    {
        var engine = Engine(null, Queue(Sales, "sales"));
        Agent(engine, "a1", "sales");
        var window = new CallbackWindow(Nine.AddHours(1), Nine.AddHours(2));

        var booked = engine.ScheduleCallback(new CallbackBooking(Contact(Sales, Channel.Callback), window), Nine);
        var before = engine.FindContact(booked.Contact)!.State;
        engine.AdvanceTo(window.Start);
        var offer = engine.FindContact(booked.Contact)!.LiveOffer!.Value;
        var reply = engine.Accept(offer, window.Start.AddSeconds(5));

        Assert.Equal(ContactState.CallbackPending, before);
        Assert.Equal(OfferReply.Accepted, reply);
        Assert.Single(Events(engine, RoutingEventType.CallbackPromiseKept));
    }

    [Fact]
    public void ScheduledCallback_NobodyFreeInWindow_PromiseMissed()
    {
        var engine = Engine(null, Queue(Sales, "sales"));
        var window = new CallbackWindow(Nine, Nine.AddMinutes(30));
        var booked = engine.ScheduleCallback(new CallbackBooking(Contact(Sales, Channel.Callback), window), Eight);

        engine.AdvanceTo(window.End);

        Assert.Single(Events(engine, RoutingEventType.CallbackPromiseMissed));
        Assert.Equal([booked.Contact], engine.WaitingOrder(Sales));
    }

    [Fact]
    public void Transfer_ContactKeepsItsArrivalAndWaitsInTheNewQueue()
    {
        var engine = Engine(null, Queue(Sales, "sales"), Queue(Support, "support"));
        Agent(engine, "a1", "sales");
        var transferred = engine.Enqueue(Contact(Sales), Nine);
        engine.Accept(transferred.Offer!.Value.Id, Nine.AddSeconds(5));
        var later = engine.Enqueue(Contact(Support), Nine.AddMinutes(1)).Contact;

        Assert.Equal(RoutingResult.Done, engine.Transfer(transferred.Contact, Support, Nine.AddMinutes(3)));

        Assert.Equal([transferred.Contact, later], engine.WaitingOrder(Support));
        Assert.Equal(Presence.Available, engine.FindAgent(new AgentId("a1"))!.Presence);
    }

    [Fact]
    public void MinimumWrapUp_FinishedEarly_HoldsTheAgentUntilItIsOver()
    {
        var engine = Engine(new RoutingOptions { MinimumWrapUp = TimeSpan.FromSeconds(30) }, Queue(Sales, "sales"));
        Agent(engine, "a1", "sales");
        var first = engine.Enqueue(Contact(Sales), Nine);
        var second = engine.Enqueue(Contact(Sales), Nine.AddSeconds(1)).Contact;
        engine.Accept(first.Offer!.Value.Id, Nine.AddSeconds(2));
        engine.Complete(first.Contact, Nine.AddMinutes(1));

        engine.FinishWrapUp(first.Contact, new Disposition("resolved"), Nine.AddMinutes(1).AddSeconds(5));
        var during = engine.FindContact(second)!.State;
        engine.AdvanceTo(Nine.AddMinutes(1).AddSeconds(30));

        Assert.Equal(ContactState.Waiting, during);
        Assert.Equal(ContactState.Completed, engine.FindContact(first.Contact)!.State);
        Assert.Equal(ContactState.Offered, engine.FindContact(second)!.State);
    }

    [Fact]
    public void WrapUpLimit_Reached_CompletesTheContactWithoutDisposition()
    {
        var engine = Engine(null, Queue(Sales, "sales") with { WrapUpLimit = TimeSpan.FromMinutes(1) });
        Agent(engine, "a1", "sales");
        var contact = engine.Enqueue(Contact(Sales), Nine);
        engine.Accept(contact.Offer!.Value.Id, Nine);
        engine.Complete(contact.Contact, Nine.AddMinutes(5));
        engine.ClearPendingEvents();

        engine.AdvanceTo(Nine.AddMinutes(6));

        var completed = Assert.Single(Events(engine, RoutingEventType.ContactCompleted));
        Assert.Equal(1, completed.Number);
        Assert.Null(completed.Detail);
    }

    [Fact]
    public void WellBeing_AfterMaximumConsecutiveContacts_AgentIsPutOnBreak()
    {
        var engine = Engine(new RoutingOptions { MaximumConsecutiveContacts = 2 }, Queue(Sales, "sales"));
        var agent = Agent(engine, "a1", "sales");
        var at = Nine;
        for (var i = 0; i < 2; i++)
        {
            var contact = engine.Enqueue(Contact(Sales), at);
            engine.Accept(contact.Offer!.Value.Id, at);
            engine.Complete(contact.Contact, at.AddMinutes(1));
            engine.FinishWrapUp(contact.Contact, new Disposition("resolved"), at.AddMinutes(2));
            at = at.AddMinutes(3);
        }

        var next = engine.Enqueue(Contact(Sales), at);

        Assert.Null(next.Offer);
        var snapshot = engine.FindAgent(agent)!;
        Assert.Equal(Presence.Break, snapshot.Presence);
        Assert.Equal("well-being", snapshot.BreakReason);
    }

    [Fact]
    public void Abandon_WhileOffered_WithdrawsTheOfferAndFreesTheAgent()
    {
        var engine = Engine(null, Queue(Sales, "sales"));
        var agent = Agent(engine, "a1", "sales");
        var contact = engine.Enqueue(Contact(Sales), Nine);

        Assert.Equal(RoutingResult.Done, engine.Abandon(contact.Contact, Nine.AddSeconds(3)));

        Assert.Equal(OfferReply.Withdrawn, engine.Accept(contact.Offer!.Value.Id, Nine.AddSeconds(4)));
        Assert.Equal(ContactState.Abandoned, engine.FindContact(contact.Contact)!.State);
        Assert.Equal(Presence.Available, engine.FindAgent(agent)!.Presence);
        Assert.Equal(RoutingResult.WrongContactState, engine.Abandon(contact.Contact, Nine.AddSeconds(5)));
    }

    [Fact]
    public void SetPresence_OfflineWhileConnected_IsRefused()
    {
        var engine = Engine(null, Queue(Sales, "sales"));
        var agent = Agent(engine, "a1", "sales");
        var contact = engine.Enqueue(Contact(Sales), Nine);
        engine.Accept(contact.Offer!.Value.Id, Nine);

        Assert.Equal(RoutingResult.AgentHoldsContacts, engine.SetPresence(agent, Presence.Offline, Nine.AddMinutes(1)));
        Assert.Equal(RoutingResult.PresenceNotChoosable, engine.SetPresence(agent, Presence.Busy, Nine.AddMinutes(1)));
    }

    [Fact]
    public void Events_AreNumberedWithoutGapsAndInTimeOrder()
    {
        var engine = Engine(null, Queue(Sales, "sales"));
        Agent(engine, "a1", "sales");
        engine.Enqueue(Contact(Sales), Nine);
        engine.AdvanceTo(Nine.AddMinutes(5));

        var events = engine.PendingEvents.ToArray();

        Assert.Equal(Enumerable.Range(1, events.Length).Select(i => (long)i), events.Select(e => e.Sequence));
        Assert.True(events.Zip(events.Skip(1)).All(p => p.First.At <= p.Second.At));
        Assert.Contains(events, e => e.Type == RoutingEventType.OfferExpired);
    }
}
