using Switchboard.Agents;
using Switchboard.Contacts;
using Switchboard.Queues;

namespace Switchboard.Routing;

public sealed partial class RoutingEngine
{
    /// <summary>Define a queue. Stages that overflow must name queues defined before.</summary>
    public RoutingResult ConfigureQueue(QueueDefinition queue, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(queue);
        Advance(now);
        if (queueIndex.ContainsKey(queue.Id))
        {
            return RoutingResult.QueueExists;
        }

        foreach (var stage in queue.Stages)
        {
            if (stage.OverflowTo is { } target && !queueIndex.ContainsKey(target))
            {
                return RoutingResult.UnknownOverflowQueue;
            }
        }

        Emit(RoutingEventType.QueueConfigured, queue: queue.Id, detail: queue);
        return RoutingResult.Done;
    }

    /// <summary>
    /// Replace a running queue's definition (stages, selection, limits, timeouts). Contacts keep their place in line and
    /// their arrival; each one still waiting is put at once at the last new stage its time in the queue has reached, and
    /// the later stages follow on their own clocks. Offers already made keep their expiry and conversations their wrap-up
    /// limit; what is decided from now on follows the new definition. Waiting contacts that the new stages let free agents
    /// take are offered at once, in line order.
    /// </summary>
    public RoutingResult ReconfigureQueue(QueueDefinition queue, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(queue);
        Advance(now);
        if (!queueIndex.ContainsKey(queue.Id))
        {
            return RoutingResult.UnknownQueue;
        }

        foreach (var stage in queue.Stages)
        {
            if (stage.OverflowTo is { } target && !queueIndex.ContainsKey(target))
            {
                return RoutingResult.UnknownOverflowQueue;
            }
        }

        Emit(RoutingEventType.QueueReconfigured, queue: queue.Id, detail: queue);
        foreach (var agent in agents)
        {
            LapseUnqualified(agent, route: false);
        }

        var waiting = new List<int>();
        for (var slot = 0; slot < slotsInUse; slot++)
        {
            if (contacts[slot].Id != 0 && IsRoutable(in contacts[slot]))
            {
                waiting.Add(slot);
            }
        }

        waiting.Sort((a, b) => contacts[a].Key.CompareTo(contacts[b].Key));
        foreach (var slot in waiting)
        {
            MatchContact(slot);
        }

        return RoutingResult.Done;
    }

    /// <summary>Define an agent, or change their skills, languages and capacity. A new agent starts offline.</summary>
    /// <remarks>Refused while the agent holds contacts (offers, conversations or wrap-ups).</remarks>
    public RoutingResult ConfigureAgent(AgentProfile agent, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(agent);
        Advance(now);
        // Skills and capacity change between contacts, never under one: what was offered stays offerable.
        if (agentIndex.TryGetValue(agent.Id, out var index) && agents[index].TotalUsed > 0)
        {
            return RoutingResult.AgentHoldsContacts;
        }

        Emit(RoutingEventType.AgentConfigured, agent: agent.Id, detail: agent);
        LapseUnqualified(agents[agentIndex[agent.Id]]);
        MatchAgent(agentIndex[agent.Id]);
        return RoutingResult.Done;
    }

    /// <summary>Set an agent's chosen presence: <see cref="Presence.Available"/>, <see cref="Presence.Break"/> (with a reason) or <see cref="Presence.Offline"/>.</summary>
    /// <remarks>Going on a break or offline withdraws live offers; going offline is refused while contacts are in hand.</remarks>
    public RoutingResult SetPresence(AgentId agent, Presence presence, DateTimeOffset now, string? reason = null)
    {
        Advance(now);
        if (!agentIndex.TryGetValue(agent, out var index))
        {
            return RoutingResult.UnknownAgent;
        }

        if (presence is not (Presence.Available or Presence.Break or Presence.Offline))
        {
            return RoutingResult.PresenceNotChoosable;
        }

        var state = agents[index];
        if (presence == Presence.Offline && HoldsWork(state))
        {
            return RoutingResult.AgentHoldsContacts;
        }

        if (state.Chosen == presence && state.BreakReason == (presence == Presence.Break ? reason : null))
        {
            return RoutingResult.Done;
        }

        if (presence == Presence.Available)
        {
            Emit(RoutingEventType.AgentPresenceChanged, agent: agent, number: (int)presence, knownAgent: index);
            MatchAgent(index);
        }
        else
        {
            ChangePresenceWithdrawingOffers(state, presence, reason);
        }

        return RoutingResult.Done;
    }

    /// <summary>A contact asks for an agent: it is offered at once if a qualified agent is free, or waits in its queue.</summary>
    /// <remarks>With a <see cref="NewContact.PreferredAgent"/> who is signed in and qualifies for the queue's first stage,
    /// the contact is kept for that agent (offered at once when they have room) and offered to nobody else until the
    /// preference lapses; otherwise the preference lapses at once, recorded, and the contact routes as any other.</remarks>
    public ArrivalOutcome Enqueue(NewContact contact, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(contact);
        Advance(now);
        if (!routeByTemplate.TryGetValue(contact, out var route))
        {
            if (!queueIndex.ContainsKey(contact.Queue))
            {
                return new ArrivalOutcome(RoutingResult.UnknownQueue, default, default, false, null);
            }

            route = RouteOf(contact);
        }

        var qi = routes[route].Key.Queue;
        var queue = queues[qi];
        if (queue.Waiting >= queue.Definition.MaximumWaiting)
        {
            Emit(RoutingEventType.ContactRefused, queue: contact.Queue, detail: contact);
            return new ArrivalOutcome(RoutingResult.QueueFull, default, default, false, null);
        }

        Decisions++;
        var id = nextContactId;
        int free;
        WaitEstimate estimate;
        if (contact.PreferredAgent is null)
        {
            free = FreeAgentFor(route, 0);
            estimate = free >= 0 ? NoWait(route) : EstimateAtArrival(route, qi);
            EmitQueued(id, contact.Queue, contact, in estimate, default, null);
        }
        else
        {
            // Apart, so that the arrivals without a preference (nearly all) run the same code as before there was one.
            free = QueuePreferring(id, contact, route, qi, out estimate);
        }

        var slot = directory.LiveSlot(id);
        if (free >= 0 && IsInLine(in contacts[slot]))
        {
            OfferToFreeAgent(slot, free);
            return new ArrivalOutcome(RoutingResult.Done, new ContactId(id), estimate, false, OfferOf(slot));
        }

        var callback = queue.Definition.CallbackOfferThreshold is { } threshold
            && contact.Channel != Channel.Callback
            && estimate.MayExceed(threshold);
        return new ArrivalOutcome(RoutingResult.Done, new ContactId(id), estimate, callback, null);
    }

    /// <summary>Queues an arrival with a preferred agent: kept for that agent when the preference holds (the agent is the
    /// one to offer it to, if they have room now), else the lapse recorded and the contact routed as any other. Returns
    /// the agent to offer it to at once, or −1.</summary>
    private int QueuePreferring(long id, NewContact contact, int route, int queue, out WaitEstimate estimate)
    {
        var preference = contact.PreferredAgent!;
        var lapse = PreferenceAtArrival(preference, route, out var kept);
        var free = kept < 0 ? FreeAgentFor(route, 0) : CanTakeNow(agents[kept], contact.Channel) ? kept : -1;
        estimate = free >= 0 ? NoWait(route) : EstimateAtArrival(route, queue);
        if (kept < 0)
        {
            EmitQueued(id, contact.Queue, contact, in estimate, default, null);
            Emit(RoutingEventType.PreferenceLapsed, id, preference.Agent, queue: contact.Queue, number: (int)lapse!.Value, knownSlot: directory.LiveSlot(id));
        }
        else
        {
            EmitQueued(id, contact.Queue, contact, in estimate, agents[kept].Id, nowTicks + preference.Wait.Ticks);
        }

        return free;
    }

    /// <summary>Whether a contact's preference can hold at its arrival: null and the agent's index when it does, else why not.</summary>
    private PreferenceLapse? PreferenceAtArrival(AgentPreference preference, int route, out int kept)
    {
        kept = -1;
        if (!agentIndex.TryGetValue(preference.Agent, out var index))
        {
            return PreferenceLapse.UnknownAgent;
        }

        var agent = agents[index];
        if (agent.Chosen == Presence.Offline)
        {
            return PreferenceLapse.AgentSignedOut;
        }

        if (agent.Chosen == Presence.NotResponding)
        {
            return PreferenceLapse.AgentNotResponding;
        }

        // The same test group membership uses, so a kept contact is one the agent could have been offered anyway.
        if (!Qualifies(agent, groups[routes[route].Groups[0]]))
        {
            return PreferenceLapse.AgentNotQualified;
        }

        kept = index;
        return null;
    }

    private static bool CanTakeNow(AgentState agent, Channel channel) =>
        agent.Chosen == Presence.Available && !agent.BreakDue && HasRoom(agent, channel.CapacityIndex());

    /// <summary>Book a callback in a window the customer chose; it becomes routable when the window opens.</summary>
    public ArrivalOutcome ScheduleCallback(CallbackBooking booking, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(booking);
        Advance(now);
        if (!queueIndex.TryGetValue(booking.Contact.Queue, out var qi))
        {
            return new ArrivalOutcome(RoutingResult.UnknownQueue, default, default, false, null);
        }

        if (booking.Window.End.UtcTicks <= nowTicks)
        {
            return new ArrivalOutcome(RoutingResult.WindowInThePast, default, default, false, null);
        }

        var queue = queues[qi];
        if (queue.Waiting >= queue.Definition.MaximumWaiting)
        {
            Emit(RoutingEventType.ContactRefused, queue: booking.Contact.Queue, detail: booking.Contact);
            return new ArrivalOutcome(RoutingResult.QueueFull, default, default, false, null);
        }

        var id = nextContactId;
        Emit(RoutingEventType.CallbackScheduled, id, queue: booking.Contact.Queue, until: booking.Window.End.UtcTicks, detail: booking);
        var slot = directory.LiveSlot(id);
        if (booking.Window.Start.UtcTicks <= nowTicks)
        {
            OpenWindow(slot);
        }

        return new ArrivalOutcome(RoutingResult.Done, new ContactId(id), WaitEstimate.Unknown(0), false, OfferOf(slot));
    }

    /// <summary>A waiting customer swaps to a callback that keeps their place (their original arrival).</summary>
    public RoutingResult RequestCallback(ContactId contact, DateTimeOffset now)
    {
        if (Open(contact, now, ContactState.Waiting, out var slot) is not RoutingResult.Done and var refusal)
        {
            return refusal;
        }

        ref var c = ref contacts[slot];

        // An email is answered in writing; only customers waiting on a live channel swap to a call back.
        if (c.Channel is Channel.Callback or Channel.Email)
        {
            return RoutingResult.CallbackNotPossible;
        }

        Emit(RoutingEventType.CallbackRequested, contact.Value, queue: queues[c.Queue].Definition.Id, knownSlot: slot);
        MatchContact(slot);
        return RoutingResult.Done;
    }

    /// <summary>Brings time to <paramref name="now"/> and says how an offer was already answered; null while it is live.</summary>
    private OfferReply? AnswerTo(OfferId offer, DateTimeOffset now)
    {
        Advance(now);
        if (!offers.Contains(offer.Value))
        {
            return OfferReply.Unknown;
        }

        return offers[offer.Value].Status switch
        {
            OfferStatus.Accepted => OfferReply.AlreadyAccepted,
            OfferStatus.Rejected => OfferReply.AlreadyRejected,
            OfferStatus.Expired => OfferReply.Expired,
            OfferStatus.Withdrawn => OfferReply.Withdrawn,
            _ => null,
        };
    }

    /// <summary>The agent accepts an offer: the contact is connected. Accepting twice is harmless.</summary>
    public OfferReply Accept(OfferId offer, DateTimeOffset now)
    {
        if (AnswerTo(offer, now) is { } answered)
        {
            return answered;
        }

        var record = offers[offer.Value];
        var slot = record.Slot;
        ref var c = ref contacts[slot];
        ref var l = ref lifecycles[slot];
        var queue = queues[c.Queue].Definition.Id;
        var agent = agents[record.Agent];
        Emit(RoutingEventType.OfferAccepted, record.ContactId, agent.Id, offer.Value, queue);
        c = ref contacts[slot];
        if (c.Scheduled && !l.PromiseSettled && nowTicks >= l.WindowStartTicks && nowTicks < l.WindowEndTicks)
        {
            Emit(RoutingEventType.CallbackPromiseKept, record.ContactId, agent.Id, queue: queue, knownSlot: slot);
        }

        Refile(record.Agent);

        return OfferReply.Accepted;
    }

    /// <summary>The agent rejects an offer: the contact goes back to its place.</summary>
    public OfferReply Reject(OfferId offer, DateTimeOffset now)
    {
        if (AnswerTo(offer, now) is { } answered)
        {
            return answered;
        }

        EndOffer(offer.Value, RoutingEventType.OfferRejected);
        return OfferReply.Rejected;
    }

    /// <summary>The customer leaves (or cancels a callback) before being connected. Withdraws any live offer.</summary>
    public RoutingResult Abandon(ContactId contact, DateTimeOffset now)
    {
        if (Open(contact, now, null, out var slot) is not RoutingResult.Done and var refusal)
        {
            return refusal;
        }

        var state = contacts[slot].State;
        if (state is not (ContactState.Waiting or ContactState.Offered or ContactState.CallbackPending))
        {
            return RoutingResult.WrongContactState;
        }

        var agent = -1;
        if (state == ContactState.Offered)
        {
            agent = contacts[slot].Agent;
            var offer = contacts[slot].LiveOffer;
            EmitOfferEvent(RoutingEventType.OfferWithdrawn, offer);
        }

        Emit(RoutingEventType.ContactAbandoned, contact.Value, queue: queues[contacts[slot].Queue].Definition.Id, number: (int)state, knownSlot: slot);
        if (agent >= 0)
        {
            MatchAgent(agent);
        }

        return RoutingResult.Done;
    }

    /// <summary>Send a connected contact to another queue; it keeps its original arrival, so its place in line.</summary>
    public RoutingResult Transfer(ContactId contact, QueueId to, DateTimeOffset now)
    {
        if (Open(contact, now, ContactState.Connected, out var slot) is not RoutingResult.Done and var refusal)
        {
            return refusal;
        }

        if (!queueIndex.TryGetValue(to, out var qi))
        {
            return RoutingResult.UnknownQueue;
        }

        if (queues[qi].Waiting >= queues[qi].Definition.MaximumWaiting)
        {
            return RoutingResult.QueueFull;
        }

        var agent = contacts[slot].Agent;
        Emit(RoutingEventType.ContactTransferred, contact.Value, agents[agent].Id, queue: to, knownSlot: slot);
        MatchContact(slot);
        MatchAgent(agent);
        return RoutingResult.Done;
    }

    /// <summary>The conversation is over: the contact goes into wrap-up with its agent.</summary>
    public RoutingResult Complete(ContactId contact, DateTimeOffset now)
    {
        if (Open(contact, now, ContactState.Connected, out var slot) is not RoutingResult.Done and var refusal)
        {
            return refusal;
        }

        ref var c = ref contacts[slot];
        var queue = queues[c.Queue].Definition;
        var agent = c.Agent;
        EmitContactEvent(RoutingEventType.ConversationEnded, slot);
        if (queue.WrapUpLimit == TimeSpan.Zero && options.MinimumWrapUp == TimeSpan.Zero)
        {
            // No wrap-up at all for this queue: the contact completes as the conversation ends.
            EmitContactEvent(RoutingEventType.ContactCompleted, slot, number: 1);
            MatchAgent(agent);
        }
        else
        {
            Refile(agent);
        }

        return RoutingResult.Done;
    }

    /// <summary>The agent finishes wrap-up with a disposition. The minimum wrap-up still applies before new work.</summary>
    public RoutingResult FinishWrapUp(ContactId contact, Disposition disposition, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(disposition);
        if (Open(contact, now, ContactState.WrapUp, out var slot) is not RoutingResult.Done and var refusal)
        {
            return refusal;
        }

        ref var c = ref contacts[slot];
        ref var l = ref lifecycles[slot];
        if (l.DispositionRecorded)
        {
            return RoutingResult.WrongContactState;
        }

        var agent = c.Agent;
        var dueTicks = l.WrapStartTicks + options.MinimumWrapUp.Ticks;
        if (nowTicks >= dueTicks)
        {
            EmitContactEvent(RoutingEventType.ContactCompleted, slot, detail: disposition);
            MatchAgent(agent);
        }
        else
        {
            // The minimum wrap-up is not over: the disposition is kept and the contact completes when it is.
            EmitContactEvent(RoutingEventType.DispositionRecorded, slot, detail: disposition);
        }

        return RoutingResult.Done;
    }
}
