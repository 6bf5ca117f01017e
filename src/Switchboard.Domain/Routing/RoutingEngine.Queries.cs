using Switchboard.Agents;
using Switchboard.Contacts;
using Switchboard.Queues;

namespace Switchboard.Routing;

public sealed partial class RoutingEngine
{
    /// <summary>
    /// The announced wait for a contact about to join a route: everyone already waiting for the same first-stage
    /// agents is counted ahead (exact for first-in-first-out queues, long for a high-priority arrival). When the wait
    /// reaches a later stage's start, that stage's agents count too, since the choice widens then.
    /// </summary>
    private WaitEstimate EstimateAtArrival(int routeId, int queue)
    {
        var route = routes[routeId];
        var state = queues[queue];
        var position = groups[route.Groups[0]].Waiting;
        var slots = groups[route.Groups[0]].StaffedSlots;
        var estimate = WaitEstimator.Estimate(position, slots, state.AverageHandleTicks, state.AbandonmentRatePerTick, lowQuantileZ, highQuantileZ);
        var stages = state.Definition.Stages;
        for (var s = 1; s < stages.Count && (!estimate.IsKnown || estimate.Expected > stages[s].After); s++)
        {
            var wider = groups[route.Groups[s]].StaffedSlots;
            if (wider > slots)
            {
                slots = wider;
                estimate = WaitEstimator.Estimate(position, slots, state.AverageHandleTicks, state.AbandonmentRatePerTick, lowQuantileZ, highQuantileZ);
            }
        }

        return estimate;
    }

    /// <summary>
    /// The wait a contact like <paramref name="contact"/> would be announced if it arrived now, without it arriving
    /// (what a customer is told before choosing to join): zero when a qualified agent is free; null when its queue is
    /// unknown. Counts as <see cref="Enqueue"/> does, at the engine's last instant.
    /// </summary>
    public WaitEstimate? EstimateArrival(NewContact contact)
    {
        ArgumentNullException.ThrowIfNull(contact);
        if (!queueIndex.TryGetValue(contact.Queue, out var queue))
        {
            return null;
        }

        var route = ResolveRoute(queue, contact, contact.Channel);
        return FreeAgentFor(route, 0) >= 0 ? NoWait(route) : EstimateAtArrival(route, queue);
    }

    /// <summary>The wait announced to an arrival offered at once: none, with the route's first-stage staffing.</summary>
    private WaitEstimate NoWait(int route) => new(TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, 0, groups[routes[route].Groups[0]].StaffedSlots);

    /// <summary>The contact's current state, or null when unknown (or finished longer ago than the retention).</summary>
    public ContactSnapshot? FindContact(ContactId contact)
    {
        if (directory.TryGetLive(contact.Value, out var slot))
        {
            return SnapshotOf(slot);
        }

        return directory.TryGetFinished(contact.Value, out var position) ? SnapshotOf(contact.Value, in finished[position]) : null;
    }

    private ContactSnapshot SnapshotOf(long id, in ContactSummary c, long liveOffer = 0) =>
        new(
            new ContactId(id),
            c.State,
            queues[c.Queue].Definition.Id,
            c.Channel,
            c.Details.CustomerLanguage,
            c.Priority,
            At(c.ArrivalTicks),
            c.Stage,
            c.Agent >= 0 ? agents[c.Agent].Id : null,
            liveOffer != 0 ? new OfferId(liveOffer) : null,
            c.Scheduled ? new CallbackWindow(At(c.WindowStartTicks), At(c.WindowEndTicks)) : null);

    private ContactSnapshot SnapshotOf(int slot)
    {
        ref var c = ref contacts[slot];
        return SnapshotOf(c.Id, SummaryOf(in c, in lifecycles[slot]), c.LiveOffer);
    }

    public AgentSnapshot? FindAgent(AgentId agent) =>
        agentIndex.TryGetValue(agent, out var index) ? SnapshotOf(agents[index]) : null;

    /// <summary>Every agent of this routing domain now, in id order (a wallboard's view of the floor).</summary>
    public IReadOnlyList<AgentSnapshot> AgentSnapshots() =>
        agents.OrderBy(a => a.Id.Value, StringComparer.Ordinal).Select(SnapshotOf).ToList();

    private AgentSnapshot SnapshotOf(AgentState agent)
    {
        var engaged = false;
        var wrapping = false;
        var held = new List<ContactId>(agent.Held.Count);
        foreach (var slot in agent.Held)
        {
            held.Add(new ContactId(contacts[slot].Id));
            engaged |= contacts[slot].State is ContactState.Offered or ContactState.Connected;
            wrapping |= contacts[slot].State == ContactState.WrapUp;
        }

        held.Sort((x, y) => x.Value.CompareTo(y.Value));
        var presence = engaged ? Presence.Busy : wrapping ? Presence.WrapUp : agent.Chosen;
        return new AgentSnapshot(agent.Id, presence, agent.BreakReason, At(agent.SinceTicks), held, agent.Consecutive, agent.Missed);
    }

    public QueueSnapshot? FindQueue(QueueId queue)
    {
        if (!queueIndex.TryGetValue(queue, out var qi))
        {
            return null;
        }

        long? longest = null;
        for (var slot = 0; slot < slotsInUse; slot++)
        {
            ref var c = ref contacts[slot];
            if (c.Id != 0 && c.Queue == qi && (IsInLine(in c) || c.State == ContactState.Offered) && (longest is null || lifecycles[slot].ArrivalTicks < longest))
            {
                longest = lifecycles[slot].ArrivalTicks;
            }
        }

        var state = queues[qi];
        return new QueueSnapshot(queue, state.Waiting, longest is { } l ? At(l) : null, TimeSpan.FromTicks((long)state.AverageHandleTicks));
    }

    public Offer? FindOffer(OfferId offer)
    {
        if (!offers.Contains(offer.Value))
        {
            return null;
        }

        var record = offers[offer.Value];
        return new Offer(offer, new ContactId(record.ContactId), agents[record.Agent].Id, At(record.ExpiresTicks));
    }

    /// <summary>The expected remaining wait of a waiting contact; null when it is not waiting.</summary>
    /// <remarks>Counts exactly the contacts ahead of it for its first-stage agents (a walk over that group). A contact kept
    /// for its preferred agent is counted at the place it takes should the preference lapse.</remarks>
    public WaitEstimate? EstimateWait(ContactId contact)
    {
        if (!directory.TryGetLive(contact.Value, out var slot) || !IsInLine(in contacts[slot]))
        {
            return null;
        }

        var key = contacts[slot].Key;
        var route = routes[contacts[slot].Route];
        var group = groups[route.Groups[0]];
        var ahead = 0;
        for (var i = 0; i < group.Contacts.RingCount; i++)
        {
            var (entry, entryKey) = group.Contacts.RingAt(i);
            if (entryKey.CompareTo(key) < 0 && IsValid(entry))
            {
                ahead++;
            }
        }

        foreach (var (entry, entryKey) in group.Contacts.Heap.UnorderedItems)
        {
            if (entryKey.CompareTo(key) < 0 && IsValid(entry))
            {
                ahead++;
            }
        }

        var queue = queues[contacts[slot].Queue];
        var slots = 0;
        for (var s = 0; s <= contacts[slot].Stage; s++)
        {
            slots = Math.Max(slots, groups[route.Groups[s]].StaffedSlots);
        }

        return WaitEstimator.Estimate(ahead, slots, queue.AverageHandleTicks, queue.AbandonmentRatePerTick, lowQuantileZ, highQuantileZ);
    }

    /// <summary>The contacts waiting in a queue (callbacks, and contacts kept for a preferred agent, included) in the order
    /// they will be served.</summary>
    public IReadOnlyList<ContactId> WaitingOrder(QueueId queue)
    {
        if (!queueIndex.TryGetValue(queue, out var qi))
        {
            return [];
        }

        var waiting = new List<(ContactKey Key, long Id)>();
        for (var slot = 0; slot < slotsInUse; slot++)
        {
            ref var c = ref contacts[slot];
            if (c.Id != 0 && c.Queue == qi && IsInLine(in c))
            {
                waiting.Add((c.Key, c.Id));
            }
        }

        waiting.Sort((x, y) => x.Key.CompareTo(y.Key));
        return waiting.ConvertAll(w => new ContactId(w.Id));
    }

    /// <summary>The whole logical state, in canonical order.</summary>
    public EngineSnapshot Snapshot()
    {
        var ids = directory.Ids();
        ids.Sort();
        var contactList = ids.ConvertAll(id => FindContact(new ContactId(id))!);
        var agentList = AgentSnapshots();
        var live = new List<Offer>();
        for (var id = offers.Oldest; id < offers.Next; id++)
        {
            if (offers[id].Status == OfferStatus.Live)
            {
                live.Add(FindOffer(new OfferId(id))!.Value);
            }
        }

        var order = queues.OrderBy(q => q.Definition.Id.Value, StringComparer.Ordinal)
            .Select(q => new KeyValuePair<QueueId, IReadOnlyList<ContactId>>(q.Definition.Id, WaitingOrder(q.Definition.Id)))
            .ToList();
        return new EngineSnapshot(Now, lastSequence, contactList, agentList, live, order);
    }
}
