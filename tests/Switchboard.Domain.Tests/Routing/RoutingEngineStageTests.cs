using Switchboard.Contacts;
using Switchboard.Queues;
using Switchboard.Routing;
using Switchboard.Skills;
using Switchboard.Tests.Builders;

namespace Switchboard.Tests.Routing;

/// <summary>Who may take a contact: stage skills, certifications, the contact's own skills, language, interpreter and overflow.</summary>
public class RoutingEngineStageTests
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    [Fact]
    public void Enqueue_AgentLacksTheSkill_IsNotOffered()
    {
        var engine = Centre.With(A.Queue("billing").Needing("billing"));
        engine.SignIn(An.Agent("a1").With("sales", 5));

        var outcome = engine.Enqueue(A.Contact("billing"), At.Nine);

        Assert.Null(outcome.Offer);
        Assert.Equal(ContactState.Waiting, engine.StateOf(outcome.Contact));
    }

    [Fact]
    public void Enqueue_AgentBelowTheMinimum_IsNotOffered()
    {
        var engine = Centre.With(A.Queue("billing").Needing("billing", 4));
        engine.SignIn(An.Agent("a1").With("billing", 3));

        var outcome = engine.Enqueue(A.Contact("billing"), At.Nine);

        Assert.Null(outcome.Offer);
    }

    [Fact]
    public void Enqueue_AgentAtTheMinimum_IsOffered()
    {
        var engine = Centre.With(A.Queue("billing").Needing("billing", 4));
        var agent = engine.SignIn(An.Agent("a1").With("billing", 4));

        var outcome = engine.Enqueue(A.Contact("billing"), At.Nine);

        Assert.Equal(agent, outcome.Offer?.Agent);
    }

    [Fact]
    public void Stage_Reached_WidensToTheLaterStagesAgents()
    {
        var engine = Centre.With(A.Queue("billing").Needing("billing", 4).ThenAfter(Minute, new SkillRequirement("billing", 2)));
        var novice = engine.SignIn(An.Agent("novice").With("billing", 2));
        var contact = engine.Enqueue(A.Contact("billing"), At.Nine).Contact;
        engine.ClearPendingEvents();

        engine.AdvanceTo(At.Nine.AddMinutes(1));

        var reached = Assert.Single(engine.Pending(RoutingEventType.ContactStageReached));
        Assert.Equal((contact, 1, At.Nine.AddMinutes(1)), (reached.Contact, reached.Number, reached.At));
        Assert.Equal(novice, engine.LiveOfferOf(contact).Agent);
    }

    [Fact]
    public void Stage_NotYetReached_LaterStageAgentNotOffered()
    {
        var engine = Centre.With(A.Queue("billing").Needing("billing", 4).ThenAfter(Minute, new SkillRequirement("billing", 2)));
        engine.SignIn(An.Agent("novice").With("billing", 2));
        var contact = engine.Enqueue(A.Contact("billing"), At.Nine).Contact;

        engine.AdvanceTo(At.Nine.AddSeconds(59));

        Assert.Equal(ContactState.Waiting, engine.StateOf(contact));
        Assert.Equal(0, engine.FindContact(contact)!.Stage);
    }

    [Fact]
    public void Stage_Two_StillOffersToAnAgentOfStageOne()
    {
        var queue = A.Queue("billing").Needing("billing")
            .ThenAfter(Minute, new SkillRequirement("sales"))
            .ThenAfter(2 * Minute, new SkillRequirement("retention"));
        var engine = Centre.With(queue);
        var contact = engine.Enqueue(A.Contact("billing"), At.Nine).Contact;
        engine.AdvanceTo(At.Nine.AddMinutes(3));

        var salesAgent = engine.SignIn(An.Agent("a1").With("sales"), At.Nine.AddMinutes(3));

        Assert.Equal(2, engine.FindContact(contact)!.Stage);
        Assert.Equal(salesAgent, engine.LiveOfferOf(contact).Agent);
    }

    [Fact]
    public void Stage_Two_StillOffersToAnAgentOfStageZero()
    {
        var queue = A.Queue("billing").Needing("billing")
            .ThenAfter(Minute, new SkillRequirement("sales"))
            .ThenAfter(2 * Minute, new SkillRequirement("retention"));
        var engine = Centre.With(queue);
        var contact = engine.Enqueue(A.Contact("billing"), At.Nine).Contact;
        engine.AdvanceTo(At.Nine.AddMinutes(3));

        var billingAgent = engine.SignIn(An.Agent("a1").With("billing"), At.Nine.AddMinutes(3));

        Assert.Equal(billingAgent, engine.LiveOfferOf(contact).Agent);
    }

    [Fact]
    public void Certification_ExpiredBeforeArrival_SkillIsUnroutable()
    {
        var engine = Centre.With(A.Queue("billing").Needing("billing"));
        engine.SignIn(An.Agent("a1").With("billing", 5, certifiedUntil: At.Nine));

        var outcome = engine.Enqueue(A.Contact("billing"), At.Nine);

        Assert.Null(outcome.Offer);
    }

    [Fact]
    public void Certification_ValidUntilLater_SkillIsRoutable()
    {
        var engine = Centre.With(A.Queue("billing").Needing("billing"));
        engine.SignIn(An.Agent("a1").With("billing", 5, certifiedUntil: At.Nine.AddTicks(1)));

        var outcome = engine.Enqueue(A.Contact("billing"), At.Nine);

        Assert.NotNull(outcome.Offer);
    }

    [Fact]
    public void Certification_TimerPasses_CertificationExpiredAtTheInstant()
    {
        var engine = Centre.With(A.Queue("billing").Needing("billing"));
        var agent = engine.SignIn(An.Agent("a1").With("billing", 5, certifiedUntil: At.Nine));
        engine.ClearPendingEvents();

        engine.AdvanceTo(At.Nine.AddMinutes(5));

        var expired = Assert.Single(engine.Pending(RoutingEventType.CertificationExpired));
        Assert.Equal((agent, (object)new Skill("billing"), At.Nine), (expired.Agent!.Value, expired.Detail!, expired.At));
    }

    [Fact]
    public void RequiredSkills_OfTheContact_ApplyOnTopOfTheStage()
    {
        var engine = Centre.With(A.Queue("billing").Needing("billing"));
        engine.SignIn(An.Agent("plain").With("billing", 5));
        var specialist = engine.SignIn(An.Agent("specialist").With("billing", 1).With("mortgages", 3), At.Eight.AddMinutes(30));

        var outcome = engine.Enqueue(A.Contact("billing").Needing("mortgages", 3), At.Nine);

        Assert.Equal(specialist, outcome.Offer?.Agent);
    }

    [Fact]
    public void RequiredSkills_OfTheContact_ApplyAtLaterStagesToo()
    {
        var engine = Centre.With(A.Queue("billing").Needing("billing").ThenAfter(Minute, new SkillRequirement("sales")));
        engine.SignIn(An.Agent("a1").With("billing").With("sales"));
        var contact = engine.Enqueue(A.Contact("billing").Needing("mortgages"), At.Nine).Contact;

        engine.AdvanceTo(At.Nine.AddMinutes(10));

        Assert.Equal(ContactState.Waiting, engine.StateOf(contact));
    }

    [Fact]
    public void Language_RegionDiffers_IsOffered()
    {
        var engine = Centre.With(A.Queue("billing"));
        var agent = engine.SignIn(An.Agent("a1").Speaking("en-US"));

        var outcome = engine.Enqueue(A.Contact("billing").Speaking("en-GB"), At.Nine);

        Assert.Equal(agent, outcome.Offer?.Agent);
    }

    [Fact]
    public void Language_ScriptDiffers_IsNotOffered()
    {
        var engine = Centre.With(A.Queue("billing"));
        engine.SignIn(An.Agent("a1").Speaking("zh-Hans"));

        var outcome = engine.Enqueue(A.Contact("billing").Speaking("zh-Hant"), At.Nine);

        Assert.Null(outcome.Offer);
    }

    [Fact]
    public void Language_BelowStageMinimumProficiency_IsNotOffered()
    {
        var engine = Centre.With(A.Queue("billing").NeedingLanguageAtLeast(4));
        engine.SignIn(An.Agent("a1").Speaking("fr", 3));

        var outcome = engine.Enqueue(A.Contact("billing").Speaking("fr"), At.Nine);

        Assert.Null(outcome.Offer);
    }

    [Fact]
    public void Language_AtStageMinimumProficiency_IsOffered()
    {
        var engine = Centre.With(A.Queue("billing").NeedingLanguageAtLeast(4));
        engine.SignIn(An.Agent("a1").Speaking("fr", 4));

        var outcome = engine.Enqueue(A.Contact("billing").Speaking("fr-CA"), At.Nine);

        Assert.NotNull(outcome.Offer);
    }

    [Fact]
    public void InterpreterStage_Reached_OffersToAgentWithoutTheLanguage()
    {
        var engine = Centre.With(A.Queue("billing").Needing("billing").ThenWithInterpreterAfter(2 * Minute, new SkillRequirement("billing")));
        var agent = engine.SignIn(An.Agent("a1").With("billing").Speaking("fr"));
        var contact = engine.Enqueue(A.Contact("billing").Speaking("pl"), At.Nine).Contact;

        engine.AdvanceTo(At.Nine.AddMinutes(2));

        Assert.Equal(agent, engine.LiveOfferOf(contact).Agent);
    }

    [Fact]
    public void InterpreterStage_NotReached_AgentWithoutTheLanguageNotOffered()
    {
        var engine = Centre.With(A.Queue("billing").Needing("billing").ThenWithInterpreterAfter(2 * Minute, new SkillRequirement("billing")));
        engine.SignIn(An.Agent("a1").With("billing").Speaking("fr"));
        var contact = engine.Enqueue(A.Contact("billing").Speaking("pl"), At.Nine).Contact;

        engine.AdvanceTo(At.Nine.AddMinutes(2).AddTicks(-1));

        Assert.Equal(ContactState.Waiting, engine.StateOf(contact));
    }

    [Fact]
    public void InterpreterStage_StillNeedsTheStageSkills()
    {
        var engine = Centre.With(A.Queue("billing").Needing("billing").ThenWithInterpreterAfter(2 * Minute, new SkillRequirement("billing", 3)));
        engine.SignIn(An.Agent("a1").With("billing", 2).Speaking("fr"));
        var contact = engine.Enqueue(A.Contact("billing").Speaking("pl"), At.Nine).Contact;

        engine.AdvanceTo(At.Nine.AddMinutes(5));

        Assert.Equal(ContactState.Waiting, engine.StateOf(contact));
    }

    [Fact]
    public void OverflowStage_Reached_OffersToTheOtherQueuesFirstStageAgents_ContactStaysInItsQueue()
    {
        var engine = Centre.With(A.Queue("sales").Needing("sales"), A.Queue("billing").Needing("billing").ThenOverflowAfter(Minute, "sales"));
        var salesAgent = engine.SignIn(An.Agent("s1").With("sales"));
        var contact = engine.Enqueue(A.Contact("billing"), At.Nine).Contact;

        engine.AdvanceTo(At.Nine.AddMinutes(1));

        Assert.Equal(salesAgent, engine.LiveOfferOf(contact).Agent);
        Assert.Equal(new QueueId("billing"), engine.FindContact(contact)!.Queue);
    }

    [Fact]
    public void OverflowStage_NotReached_OtherQueuesAgentsNotOffered()
    {
        var engine = Centre.With(A.Queue("sales").Needing("sales"), A.Queue("billing").Needing("billing").ThenOverflowAfter(Minute, "sales"));
        engine.SignIn(An.Agent("s1").With("sales"));

        var outcome = engine.Enqueue(A.Contact("billing"), At.Nine);

        Assert.Null(outcome.Offer);
        Assert.Equal([outcome.Contact], engine.WaitingOrder(new QueueId("billing")));
        Assert.Empty(engine.WaitingOrder(new QueueId("sales")));
    }

    [Fact]
    public void ConfigureQueue_OverflowToUnknownQueue_IsRefused()
    {
        var engine = Centre.With();

        var result = engine.ConfigureQueue(A.Queue("billing").ThenOverflowAfter(Minute, "nowhere").Build(), At.Eight);

        Assert.Equal(RoutingResult.UnknownOverflowQueue, result);
    }

    [Fact]
    public void ConfigureQueue_SameIdTwice_IsRefused()
    {
        var engine = Centre.With(A.Queue("billing"));

        var result = engine.ConfigureQueue(A.Queue("billing").Build(), At.Eight);

        Assert.Equal(RoutingResult.QueueExists, result);
    }

    [Fact]
    public void ReconfigureQueue_AWaitingContactPastTheNewStage_IsOfferedToItsAgentsAtOnce()
    {
        var engine = Centre.With(A.Queue("billing").Needing("billing", 4));
        var novice = engine.SignIn(An.Agent("novice").With("billing", 2));
        var contact = engine.Enqueue(A.Contact("billing"), At.Nine).Contact;
        engine.AdvanceTo(At.Nine.AddMinutes(3));
        engine.ClearPendingEvents();

        var result = engine.ReconfigureQueue(A.Queue("billing").Needing("billing", 4).ThenAfter(Minute, new SkillRequirement("billing", 2)).Build(), At.Nine.AddMinutes(3));

        Assert.Equal(RoutingResult.Done, result);
        Assert.Equal(
            [RoutingEventType.QueueReconfigured, RoutingEventType.ContactOffered],
            engine.PendingEvents.ToArray().Select(e => e.Type));
        Assert.Equal(novice, engine.LiveOfferOf(contact).Agent);
    }

    [Fact]
    public void ReconfigureQueue_AWaitingContactBeforeTheNewStage_ReachesItOnItsOwnClock()
    {
        var engine = Centre.With(A.Queue("billing").Needing("billing", 4));
        var novice = engine.SignIn(An.Agent("novice").With("billing", 2));
        var contact = engine.Enqueue(A.Contact("billing"), At.Nine).Contact;
        engine.AdvanceTo(At.Nine.AddMinutes(1));

        engine.ReconfigureQueue(A.Queue("billing").Needing("billing", 4).ThenAfter(2 * Minute, new SkillRequirement("billing", 2)).Build(), At.Nine.AddMinutes(1));
        engine.ClearPendingEvents();
        engine.AdvanceTo(At.Nine.AddMinutes(2));

        var reached = Assert.Single(engine.Pending(RoutingEventType.ContactStageReached));
        Assert.Equal((contact, 1, At.Nine.AddMinutes(2)), (reached.Contact, reached.Number, reached.At));
        Assert.Equal(novice, engine.LiveOfferOf(contact).Agent);
    }

    [Fact]
    public void ReconfigureQueue_StagesNarrowed_AContactNoLongerQualifyingIsNotOffered()
    {
        var engine = Centre.With(A.Queue("billing").Needing("billing", 2));
        var contact = engine.Enqueue(A.Contact("billing"), At.Nine).Contact;

        engine.ReconfigureQueue(A.Queue("billing").Needing("billing", 4).Build(), At.Nine);
        engine.SignIn(An.Agent("novice").With("billing", 2));

        Assert.Equal(ContactState.Waiting, engine.StateOf(contact));
    }

    [Fact]
    public void ReconfigureQueue_UnknownQueueOrOverflowTarget_IsRefused()
    {
        var engine = Centre.With(A.Queue("billing"));

        var unknown = engine.ReconfigureQueue(A.Queue("sales").Build(), At.Eight);
        var overflow = engine.ReconfigureQueue(A.Queue("billing").ThenOverflowAfter(Minute, "nowhere").Build(), At.Eight);

        Assert.Equal((RoutingResult.UnknownQueue, RoutingResult.UnknownOverflowQueue), (unknown, overflow));
        Assert.Empty(engine.Pending(RoutingEventType.QueueReconfigured));
    }

    [Fact]
    public void Enqueue_UnknownQueue_IsRefused()
    {
        var engine = Centre.With(A.Queue("billing"));

        var outcome = engine.Enqueue(A.Contact("nowhere"), At.Nine);

        Assert.Equal(RoutingResult.UnknownQueue, outcome.Result);
        Assert.False(outcome.Accepted);
    }

    [Fact]
    public void Certification_OfAnotherSkillExpires_AgentStillOfferedWhatTheyMayTake()
    {
        var engine = Centre.With(A.Queue("billing").Needing("billing"));
        var agent = engine.SignIn(An.Agent("a1").With("billing").With("sales", 3, certifiedUntil: At.Nine));
        engine.AdvanceTo(At.Nine.AddMinutes(10));

        var outcome = engine.Enqueue(A.Contact("billing"), At.Nine.AddMinutes(30));

        Assert.Equal(agent, outcome.Offer?.Agent);
    }

    [Fact]
    public void Certification_Expired_ReplayedEngineDecidesTheSame()
    {
        var engine = Centre.With(A.Queue("billing").Needing("billing"));
        engine.SignIn(An.Agent("a1").With("billing").With("sales", 3, certifiedUntil: At.Nine));
        engine.AdvanceTo(At.Nine.AddMinutes(10));
        var replayed = RoutingEngine.Replay(engine.Options, engine.PendingEvents.ToArray());
        var contact = A.Contact("billing").Build();

        var original = engine.Enqueue(contact, At.Nine.AddMinutes(30));
        var again = replayed.Enqueue(contact, At.Nine.AddMinutes(30));

        Assert.Equal(original, again);
    }
}
