using Switchboard.Agents;
using Switchboard.Contacts;
using Switchboard.Routing;
using Switchboard.Tests.Builders;

namespace Switchboard.Tests.Routing;

/// <summary>Preferred agent: a contact kept for one named agent for a while, then for any qualified agent.</summary>
public class RoutingEnginePreferenceTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromMinutes(10);

    /// <summary>Agents "owner" and "other", both qualified for billing; "owner" is busy with a call of its own, "other"
    /// free or (<paramref name="otherOnBreak"/>) on a break.</summary>
    private static (RoutingEngine Engine, ContactId OwnersCall) OwnerBusy(bool otherOnBreak = false)
    {
        var engine = Centre.With(A.Queue("billing").Needing("billing"));
        engine.SignIn(An.Agent("owner").With("billing"));
        var call = engine.Enqueue(A.Contact("billing"), At.Nine.AddMinutes(-5)).Contact;
        engine.AcceptOfferOf(call, At.Nine.AddMinutes(-5));
        engine.SignIn(An.Agent("other").With("billing"), At.Nine.AddMinutes(-4));
        if (otherOnBreak)
        {
            Assert.Equal(RoutingResult.Done, engine.SetPresence(new AgentId("other"), Presence.Break, At.Nine.AddMinutes(-4), "lunch"));
        }

        engine.ClearPendingEvents();
        return (engine, call);
    }

    private static void FreeOwner(RoutingEngine engine, ContactId call, DateTimeOffset at)
    {
        Assert.Equal(RoutingResult.Done, engine.Complete(call, at));
        Assert.Equal(RoutingResult.Done, engine.FinishWrapUp(call, new Disposition("resolved"), at));
    }

    [Fact]
    public void Enqueue_PreferredAgentFree_OfferedToThemWhileAnotherHasIdledLonger()
    {
        var engine = Centre.With(A.Queue("billing").Needing("billing"));
        engine.SignIn(An.Agent("other").With("billing"), At.Eight);
        var owner = engine.SignIn(An.Agent("owner").With("billing"), At.Nine.AddMinutes(-1));

        var outcome = engine.Enqueue(A.Contact("billing").KeptFor("owner", Wait), At.Nine);

        Assert.Equal(owner, outcome.Offer?.Agent);
        var queued = Assert.Single(engine.Pending(RoutingEventType.ContactQueued));
        Assert.Equal((owner, At.Nine + Wait), (queued.Agent!.Value, queued.Until!.Value));
    }

    [Fact]
    public void Enqueue_PreferredAgentBusy_HeldForThemAndNobodyElseIsOffered()
    {
        var (engine, _) = OwnerBusy();

        var outcome = engine.Enqueue(A.Contact("billing").KeptFor("owner", Wait), At.Nine);
        engine.AdvanceTo(At.Nine.AddMinutes(9));

        Assert.Null(outcome.Offer);
        Assert.Empty(engine.Pending(RoutingEventType.ContactOffered));
        Assert.Equal(ContactState.Waiting, engine.StateOf(outcome.Contact));
        Assert.Equal(Presence.Available, engine.PresenceOf(new AgentId("other")));
    }

    [Fact]
    public void Enqueue_PreferredAgentBusy_OtherContactsStillGoToTheFreeAgent()
    {
        var (engine, _) = OwnerBusy();
        engine.Enqueue(A.Contact("billing").KeptFor("owner", Wait), At.Nine);

        var next = engine.Enqueue(A.Contact("billing"), At.Nine.AddMinutes(1));

        Assert.Equal(new AgentId("other"), next.Offer?.Agent);
    }

    [Fact]
    public void Complete_PreferredAgentFreesUp_TheirHeldContactsComeFirstOldestFirst()
    {
        var (engine, call) = OwnerBusy(otherOnBreak: true);
        var waitingLonger = engine.Enqueue(A.Contact("billing"), At.Nine).Contact;
        var keptFirst = engine.Enqueue(A.Contact("billing").KeptFor("owner", Wait), At.Nine.AddMinutes(1)).Contact;
        engine.Enqueue(A.Contact("billing").KeptFor("owner", Wait), At.Nine.AddMinutes(2));
        engine.ClearPendingEvents();

        FreeOwner(engine, call, At.Nine.AddMinutes(3));

        var offered = Assert.Single(engine.Pending(RoutingEventType.ContactOffered));
        Assert.Equal((keptFirst, new AgentId("owner")), (offered.Contact, offered.Agent!.Value));
        Assert.Equal(ContactState.Waiting, engine.StateOf(waitingLonger));
    }

    [Fact]
    public void Timer_WaitOver_GoesToAnotherAgentAtItsOriginalPlace()
    {
        var (engine, _) = OwnerBusy(otherOnBreak: true);
        var kept = engine.Enqueue(A.Contact("billing").KeptFor("owner", Wait), At.Nine).Contact;
        var later = engine.Enqueue(A.Contact("billing"), At.Nine.AddMinutes(1)).Contact;
        engine.AdvanceTo(At.Nine + Wait);
        var order = engine.WaitingOrder(Centre.Queue("billing"));
        engine.ClearPendingEvents();

        engine.SetPresence(new AgentId("other"), Presence.Available, At.Nine.AddMinutes(11));

        Assert.Equal([kept, later], order);
        Assert.Equal(new AgentId("other"), engine.LiveOfferOf(kept).Agent);
    }

    [Fact]
    public void Timer_WaitOver_LapseRecordedAtTheInstantDueAndOfferedAtOnce()
    {
        var (engine, _) = OwnerBusy();
        var kept = engine.Enqueue(A.Contact("billing").KeptFor("owner", Wait), At.Nine).Contact;
        engine.ClearPendingEvents();

        engine.AdvanceTo(At.Nine + Wait + TimeSpan.FromSeconds(1));

        var lapsed = Assert.Single(engine.Pending(RoutingEventType.PreferenceLapsed));
        Assert.Equal((kept, At.Nine + Wait, (int)PreferenceLapse.WaitOver, new AgentId("owner")), (lapsed.Contact, lapsed.At, lapsed.Number, lapsed.Agent!.Value));
        Assert.Equal(new AgentId("other"), engine.LiveOfferOf(kept).Agent);
    }

    [Fact]
    public void Timer_StageReachedWhileKept_EnteredAtOnceWhenThePreferenceLapses()
    {
        var engine = Centre.With(A.Queue("billing").Needing("billing", 4).ThenAfter(TimeSpan.FromMinutes(1), new Switchboard.Skills.SkillRequirement("billing", 2)));
        engine.SignIn(An.Agent("owner").With("billing", 5));
        var call = engine.Enqueue(A.Contact("billing"), At.Nine.AddMinutes(-5)).Contact;
        engine.AcceptOfferOf(call, At.Nine.AddMinutes(-5));
        var novice = engine.SignIn(An.Agent("novice").With("billing", 2));
        var kept = engine.Enqueue(A.Contact("billing").KeptFor("owner", Wait), At.Nine).Contact;
        engine.AdvanceTo(At.Nine.AddMinutes(5));
        Assert.Equal(ContactState.Waiting, engine.StateOf(kept));

        engine.AdvanceTo(At.Nine + Wait);

        Assert.Equal(1, engine.FindContact(kept)!.Stage);
        Assert.Equal(novice, engine.LiveOfferOf(kept).Agent);
    }

    /// <summary>"owner" on a break and "other" free, both qualified; a contact arrives kept for "owner".</summary>
    private static (RoutingEngine Engine, AgentId Owner, AgentId Other, ContactId Kept) OwnerOnBreak()
    {
        var engine = Centre.With(A.Queue("billing").Needing("billing"));
        var owner = engine.SignIn(An.Agent("owner").With("billing"));
        engine.SetPresence(owner, Presence.Break, At.Nine.AddMinutes(-1), "training");
        var other = engine.SignIn(An.Agent("other").With("billing"));
        var kept = engine.Enqueue(A.Contact("billing").KeptFor("owner", Wait), At.Nine).Contact;
        Assert.Equal(ContactState.Waiting, engine.StateOf(kept));
        engine.ClearPendingEvents();
        return (engine, owner, other, kept);
    }

    [Fact]
    public void SetPresence_PreferredAgentSignsOut_HeldContactGoesToOthersAtOnce()
    {
        var (engine, owner, other, kept) = OwnerOnBreak();

        engine.SetPresence(owner, Presence.Offline, At.Nine.AddMinutes(1));

        var lapsed = Assert.Single(engine.Pending(RoutingEventType.PreferenceLapsed));
        Assert.Equal((int)PreferenceLapse.AgentSignedOut, lapsed.Number);
        Assert.Equal(other, engine.LiveOfferOf(kept).Agent);
    }

    [Fact]
    public void SetPresence_PreferredAgentOnBreakAndBack_StillKeptAndThenOffered()
    {
        var (engine, owner, _, kept) = OwnerOnBreak();

        engine.SetPresence(owner, Presence.Available, At.Nine.AddMinutes(2));

        Assert.Equal(owner, engine.LiveOfferOf(kept).Agent);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Offer_PreferredAgentRejectsOrLetsItExpire_GoesToAnotherAgent(bool reject)
    {
        var (engine, call) = OwnerBusy();
        var kept = engine.Enqueue(A.Contact("billing").KeptFor("owner", Wait), At.Nine).Contact;
        FreeOwner(engine, call, At.Nine.AddMinutes(1));
        var offer = engine.LiveOfferOf(kept);
        engine.ClearPendingEvents();

        if (reject)
        {
            engine.Reject(offer.Id, At.Nine.AddMinutes(1).AddSeconds(5));
        }
        else
        {
            engine.AdvanceTo(offer.ExpiresAt);
        }

        var lapsed = Assert.Single(engine.Pending(RoutingEventType.PreferenceLapsed));
        Assert.Equal((int)(reject ? PreferenceLapse.OfferRejected : PreferenceLapse.OfferExpired), lapsed.Number);
        Assert.Equal(new AgentId("other"), engine.LiveOfferOf(kept).Agent);
    }

    [Fact]
    public void Enqueue_PreferredAgentNotQualified_RoutesNormallyAndRecordsTheLapse()
    {
        var engine = Centre.With(A.Queue("billing").Needing("billing"));
        engine.SignIn(An.Agent("owner").With("sales"));
        var other = engine.SignIn(An.Agent("other").With("billing"));

        var outcome = engine.Enqueue(A.Contact("billing").KeptFor("owner", Wait), At.Nine);

        Assert.Equal(other, outcome.Offer?.Agent);
        Assert.Null(Assert.Single(engine.Pending(RoutingEventType.ContactQueued)).Agent);
        Assert.Equal((int)PreferenceLapse.AgentNotQualified, Assert.Single(engine.Pending(RoutingEventType.PreferenceLapsed)).Number);
    }

    [Theory]
    [InlineData("ghost", PreferenceLapse.UnknownAgent)]
    [InlineData("gone", PreferenceLapse.AgentSignedOut)]
    public void Enqueue_PreferredAgentUnknownOrSignedOut_RoutesNormally(string preferred, PreferenceLapse why)
    {
        var engine = Centre.With(A.Queue("billing").Needing("billing"));
        Assert.Equal(RoutingResult.Done, engine.ConfigureAgent(An.Agent("gone").With("billing").Build(), At.Eight));
        var other = engine.SignIn(An.Agent("other").With("billing"));

        var outcome = engine.Enqueue(A.Contact("billing").KeptFor(preferred, Wait), At.Nine);

        Assert.Equal(other, outcome.Offer?.Agent);
        Assert.Equal((int)why, Assert.Single(engine.Pending(RoutingEventType.PreferenceLapsed)).Number);
    }

    [Fact]
    public void Abandon_HeldContact_LeavesAndTheAgentIsNotOfferedIt()
    {
        var (engine, call) = OwnerBusy();
        var kept = engine.Enqueue(A.Contact("billing").KeptFor("owner", Wait), At.Nine).Contact;

        Assert.Equal(RoutingResult.Done, engine.Abandon(kept, At.Nine.AddMinutes(1)));
        engine.ClearPendingEvents();
        FreeOwner(engine, call, At.Nine.AddMinutes(2));

        Assert.Empty(engine.Pending(RoutingEventType.ContactOffered));
        Assert.Equal(ContactState.Abandoned, engine.StateOf(kept));
    }

    [Fact]
    public void Queries_HeldContact_CountsAsWaitingInItsQueue()
    {
        var (engine, _) = OwnerBusy(otherOnBreak: true);
        var kept = engine.Enqueue(A.Contact("billing").KeptFor("owner", Wait), At.Nine).Contact;

        var queue = engine.FindQueue(Centre.Queue("billing"))!;

        Assert.Equal((1, At.Nine), (queue.Waiting, queue.LongestWaitingSince!.Value));
        Assert.Equal([kept], engine.WaitingOrder(Centre.Queue("billing")));
        Assert.NotNull(engine.EstimateWait(kept));
    }

    [Fact]
    public void ReplayAndRestore_WithHeldContacts_SameStateAndSameLaterDecisions()
    {
        var engine = Centre.With(A.Queue("billing").Needing("billing"));
        engine.SignIn(An.Agent("owner").With("billing").Chats(1, voice: 1));
        var call = engine.Enqueue(A.Contact("billing"), At.Nine.AddMinutes(-5)).Contact;
        engine.AcceptOfferOf(call, At.Nine.AddMinutes(-5));
        engine.SignIn(An.Agent("other").With("billing"));
        engine.SetPresence(new AgentId("other"), Presence.Break, At.Nine, "coffee");
        engine.Enqueue(A.Contact("billing").KeptFor("owner", Wait), At.Nine);
        engine.Enqueue(A.Contact("billing").On(Channel.Chat).KeptFor("owner", TimeSpan.FromMinutes(2)), At.Nine.AddMinutes(1));
        var log = engine.PendingEvents.ToArray();
        engine.ClearPendingEvents();

        var replayed = RoutingEngine.Replay(engine.Options, log);
        var restored = RoutingEngine.Restore(engine.Options, RoutingEngine.Replay(engine.Options, log.Take(log.Length - 3)).Capture(), log.Skip(log.Length - 3));

        StateAssert.Equal(replayed.Capture(), restored.Capture());
        SnapshotAssert.Equal(engine.Snapshot(), replayed.Snapshot());
        foreach (var twin in new[] { engine, replayed, restored })
        {
            twin.ClearPendingEvents();
            twin.SetPresence(new AgentId("other"), Presence.Available, At.Nine.AddMinutes(2));
            twin.AdvanceTo(At.Nine.AddMinutes(4));
            FreeOwner(twin, call, At.Nine.AddMinutes(5));
        }

        var decisions = engine.PendingEvents.ToArray();
        Assert.Contains(decisions, e => e.Type == RoutingEventType.PreferenceLapsed);
        Assert.Equal(decisions, replayed.PendingEvents.ToArray());
        Assert.Equal(decisions, restored.PendingEvents.ToArray());
    }
}
