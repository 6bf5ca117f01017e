using Switchboard.Agents;
using Switchboard.Contacts;
using Switchboard.Queues;

namespace Switchboard.Routing;

public sealed partial class RoutingEngine
{
    /// <summary>Offers a routable contact to the best free agent of any stage it has reached, if there is one.</summary>
    private void MatchContact(int slot)
    {
        if (!IsRoutable(in contacts[slot]))
        {
            return;
        }

        Decisions++;
        var agent = FreeAgentFor(contacts[slot].Route, contacts[slot].Stage);
        if (agent >= 0)
        {
            OfferToFreeAgent(slot, agent);
        }
    }

    /// <summary>
    /// After a change to an agent who may still have room (an accepted chat, a conversation ended, a skill lost), looks for
    /// more work for them or files them again among the free agents at their new order. Their old entries went stale.
    /// </summary>
    private void Refile(int agent)
    {
        var state = agents[agent];
        if (state.Chosen != Presence.Available || state.BreakDue)
        {
            return;
        }

        for (var ch = 0; ch < ChannelRules.CapacityKinds; ch++)
        {
            if (HasRoom(state, ch))
            {
                MatchAgent(agent);
                return;
            }
        }
    }

    /// <summary>Offers a contact to an agent taken from the free-agent heaps; an agent with room left
    /// (several chats, say) looks for more work or goes back to those heaps at their new order.</summary>
    private void OfferToFreeAgent(int slot, int agent)
    {
        MakeOffer(slot, agent);
        Refile(agent);
    }

    /// <summary>The best free agent over the groups of stages 0..<paramref name="stage"/> of a route, or −1.</summary>
    private int FreeAgentFor(int routeId, int stage)
    {
        var route = routes[routeId];
        var best = -1;
        AgentKey bestKey = default;
        for (var s = 0; s <= stage; s++)
        {
            var heap = groups[route.Groups[s]].Agents;
            while (heap.TryPeek(out var entry, out var key))
            {
                if (agents[entry.Index].Version == entry.Version)
                {
                    if (best < 0 || key.CompareTo(bestKey) < 0)
                    {
                        best = entry.Index;
                        bestKey = key;
                    }

                    break;
                }

                heap.Dequeue();
            }
        }

        return best;
    }

    /// <summary>
    /// Gives a free agent work until they are full or nothing they may take is waiting; then files them as free.
    /// Compares only the head of each group the agent scans, so the cost grows with the routes an agent serves,
    /// not with the number of contacts waiting.
    /// </summary>
    private void MatchAgent(int index)
    {
        var agent = agents[index];
        if (agent.Chosen == Presence.Available)
        {
            Decisions++;
        }

        while (agent.Chosen == Presence.Available)
        {
            if (agent.BreakDue)
            {
                if (agent.TotalUsed == 0)
                {
                    Emit(RoutingEventType.AgentPresenceChanged, agent: agent.Id, number: (int)Presence.Break, detail: options.WellBeingBreakReason, knownAgent: index);
                }

                return;
            }

            // Contacts kept for this agent come before any group's (one branch for the many agents with none).
            if (agent.Reserved is { Count: > 0 } && OfferReserved(agent))
            {
                continue;
            }

            var bestGroup = -1;
            var bestKey = ContactKey.Empty;
            for (var ch = 0; ch < ChannelRules.CapacityKinds; ch++)
            {
                if (!HasRoom(agent, ch))
                {
                    continue;
                }

                var scan = agent.Scan[ch];
                for (var i = 0; i < scan.Count; i++)
                {
                    var g = scan[i];
                    if (heads[g].CompareTo(bestKey) < 0)
                    {
                        bestKey = heads[g];
                        bestGroup = g;
                    }
                }
            }

            if (bestGroup < 0)
            {
                Pool(agent);
                return;
            }

            groups[bestGroup].Contacts.TryPeek(out var entry, out _);
            MakeOffer(entry.Slot, index);
        }
    }

    /// <summary>Offers the agent the first (in line order) of the contacts kept for them that they have room for.</summary>
    private bool OfferReserved(AgentState agent)
    {
        var best = -1;
        var bestKey = ContactKey.Empty;
        foreach (var slot in agent.Reserved!)
        {
            ref var c = ref contacts[slot];
            if (c.Key.CompareTo(bestKey) < 0 && HasRoom(agent, c.Channel.CapacityIndex()))
            {
                best = slot;
                bestKey = c.Key;
            }
        }

        if (best < 0)
        {
            return false;
        }

        MakeOffer(best, agent.Index);
        return true;
    }

    /// <summary>Records that a kept contact is no longer kept for its preferred agent.</summary>
    private void EmitLapse(int slot, PreferenceLapse why)
    {
        ref var c = ref contacts[slot];
        Emit(RoutingEventType.PreferenceLapsed, c.Id, agents[lifecycles[slot].PreferredAgent].Id, 0, queues[c.Queue].Definition.Id, (int)why, knownSlot: slot);
    }

    /// <summary>After an agent's skills, languages or capacity changed (or a queue's stages did), the contacts kept for
    /// them that they no longer qualify for go to everyone else: nobody is offered what they could not be offered anyway.</summary>
    /// <param name="route">Route each lapsed contact at once; false when the caller routes every waiting contact after.</param>
    private void LapseUnqualified(AgentState agent, bool route = true)
    {
        if (agent.Reserved is not { Count: > 0 } reserved)
        {
            return;
        }

        foreach (var slot in reserved.ToArray())
        {
            if (!Qualifies(agent, groups[routes[contacts[slot].Route].Groups[0]]))
            {
                EmitLapse(slot, PreferenceLapse.AgentNotQualified);
                if (route)
                {
                    MatchContact(slot);
                }
            }
        }
    }

    private static bool HasRoom(AgentState agent, int channel) =>
        agent.Used[channel] < agent.Capacity[channel] && (channel == 0 ? agent.TotalUsed == 0 : agent.Used[0] == 0);

    /// <summary>Files a free agent in the free-agent heap of every group they serve on channels with room.</summary>
    private void Pool(AgentState agent)
    {
        if (agent.PooledVersion == agent.Version || agent.Chosen != Presence.Available || agent.BreakDue)
        {
            return;
        }

        agent.PooledVersion = agent.Version;
        for (var ch = 0; ch < ChannelRules.CapacityKinds; ch++)
        {
            if (!HasRoom(agent, ch))
            {
                continue;
            }

            foreach (var g in agent.Serve[ch])
            {
                var group = groups[g];
                group.Agents.Enqueue(new AgentRef(agent.Index, agent.Version), KeyFor(agent, group));
                if (group.Agents.Count > (4 * agents.Count) + 64)
                {
                    CompactAgents(group);
                }
            }
        }
    }

    private void CompactAgents(RoutingGroup group)
    {
        agentScratch.Clear();
        foreach (var (entry, key) in group.Agents.UnorderedItems)
        {
            if (agents[entry.Index].Version == entry.Version)
            {
                agentScratch.Add((entry, key));
            }
        }

        group.Agents.Clear();
        group.Agents.EnqueueRange(agentScratch);
        agentScratch.Clear();
    }

    private static AgentKey KeyFor(AgentState agent, RoutingGroup group)
    {
        switch (group.Selection)
        {
            case AgentSelection.MostProficient:
                long sum = 0;
                foreach (var need in group.ProficiencySkills)
                {
                    sum += need.Skill < agent.Skills.Length ? agent.Skills[need.Skill] : 0;
                }

                return new AgentKey(-sum, agent.IdleSinceTicks, agent.Id.Value);
            case AgentSelection.LeastOccupied:
                var ch = group.Capacity;
                return new AgentKey(agent.Used[ch] * 1_000_000L / Math.Max(1, agent.Capacity[ch]), agent.IdleSinceTicks, agent.Id.Value);
            default:
                return new AgentKey(0, agent.IdleSinceTicks, agent.Id.Value);
        }
    }

    private void MakeOffer(int slot, int agent)
    {
        ref var c = ref contacts[slot];
        var queue = queues[c.Queue].Definition;
        Emit(RoutingEventType.ContactOffered, c.Id, agents[agent].Id, offers.Next, queue.Id, until: nowTicks + queue.OfferTimeout.Ticks, knownSlot: slot, knownAgent: agent);
    }

    private Offer? OfferOf(int slot)
    {
        var id = contacts[slot].LiveOffer;
        return id == 0 ? null : FindOffer(new OfferId(id));
    }

    private void EmitOfferEvent(RoutingEventType type, long offerId)
    {
        ref readonly var record = ref offers[offerId];
        Emit(type, record.ContactId, agents[record.Agent].Id, offerId, queues[contacts[record.Slot].Queue].Definition.Id, knownSlot: record.Slot, knownAgent: record.Agent);
    }

    /// <summary>Records an event about a live contact: its id, queue and (unless <paramref name="withAgent"/> is false) its agent.</summary>
    private void EmitContactEvent(RoutingEventType type, int slot, int number = 0, object? detail = null, bool withAgent = true)
    {
        ref var c = ref contacts[slot];
        var agent = withAgent ? c.Agent : -1;
        Emit(type, c.Id, agent >= 0 ? agents[agent].Id : default, 0, queues[c.Queue].Definition.Id, number, null, detail, slot, agent);
    }

    /// <summary>A live offer ends unanswered (rejected or expired): the contact goes back to its place and is
    /// routed again, other free agents first; the agent may become not responding.</summary>
    private void EndOffer(long offerId, RoutingEventType type)
    {
        var record = offers[offerId];
        EmitOfferEvent(type, offerId);
        if (contacts[record.Slot].Held)
        {
            EmitLapse(record.Slot, type == RoutingEventType.OfferRejected ? PreferenceLapse.OfferRejected : PreferenceLapse.OfferExpired);
        }

        MatchContact(record.Slot);
        var agent = agents[record.Agent];
        if (agent.Chosen == Presence.Available && agent.Missed >= options.MissedOffersBeforeNotResponding)
        {
            ChangePresenceWithdrawingOffers(agent, Presence.NotResponding, null);
        }
        else
        {
            MatchAgent(record.Agent);
        }
    }

    /// <summary>True when the agent has a conversation or wrap-up in hand (live offers can be withdrawn; these cannot).</summary>
    private bool HoldsWork(AgentState agent)
    {
        foreach (var slot in agent.Held)
        {
            if (contacts[slot].State != ContactState.Offered)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Moves an agent out of availability: their live offers are withdrawn first and the contacts routed again.</summary>
    private void ChangePresenceWithdrawingOffers(AgentState agent, Presence presence, string? reason)
    {
        scratchSlots.Clear();
        foreach (var slot in agent.Held)
        {
            if (contacts[slot].State == ContactState.Offered)
            {
                scratchSlots.Add(slot);
            }
        }

        // Nothing below changes presence again, so the scratch list stays ours until the end.
        foreach (var slot in scratchSlots)
        {
            EmitOfferEvent(RoutingEventType.OfferWithdrawn, contacts[slot].LiveOffer);
        }

        Emit(RoutingEventType.AgentPresenceChanged, agent: agent.Id, number: (int)presence, detail: reason, knownAgent: agent.Index);
        PreferenceLapse? lapse = presence switch
        {
            Presence.Offline => PreferenceLapse.AgentSignedOut,
            Presence.NotResponding => PreferenceLapse.AgentNotResponding,
            _ => null,
        };
        if (lapse is { } why && agent.Reserved is { Count: > 0 } reserved)
        {
            // A break keeps them (the agent is coming back); signing out or not responding hands them to everyone else.
            foreach (var slot in reserved.ToArray())
            {
                EmitLapse(slot, why);
                if (!scratchSlots.Contains(slot))
                {
                    scratchSlots.Add(slot);
                }
            }
        }

        // Routed again in their waiting order, not the order their offers were made: the first one matched may take the
        // agent that a contact ahead of it (higher priority, or longer waiting) should have had.
        if (scratchSlots.Count > 1)
        {
            scratchSlots.Sort((a, b) => contacts[a].Key.CompareTo(contacts[b].Key));
        }

        foreach (var slot in scratchSlots)
        {
            MatchContact(slot);
        }

        scratchSlots.Clear();
    }

    private void OpenWindow(int slot)
    {
        EmitContactEvent(RoutingEventType.CallbackWindowOpened, slot);
        MatchContact(slot);
    }

    /// <summary>Fires one timer if what it was set for still holds.</summary>
    private void Fire(ScheduledTimer timer)
    {
        switch (timer.Kind)
        {
            case TimerKind.Stage:
            {
                ref var c = ref contacts[timer.Slot];
                ref var l = ref lifecycles[timer.Slot];
                if (c.Id == timer.Id && l.StageEpoch == timer.Stamp && c.Stage == timer.Extra - 1
                    && c.State is ContactState.Waiting or ContactState.Offered or ContactState.CallbackPending)
                {
                    EmitContactEvent(RoutingEventType.ContactStageReached, timer.Slot, number: timer.Extra, withAgent: false);
                    MatchContact(timer.Slot);
                }

                break;
            }

            case TimerKind.OfferExpiry:
                // Recent offers sit close together in the offer ring, so this check stays in cache.
                if (offers.Contains(timer.Id) && offers[timer.Id].Status == OfferStatus.Live)
                {
                    EndOffer(timer.Id, RoutingEventType.OfferExpired);
                }

                break;
            case TimerKind.WrapUpLimit:
            case TimerKind.MinimumWrapUp:
            {
                ref var c = ref contacts[timer.Slot];
                ref var l = ref lifecycles[timer.Slot];
                if (c.Id == timer.Id && c.State == ContactState.WrapUp
                    && (timer.Kind == TimerKind.WrapUpLimit || l.DispositionRecorded))
                {
                    var agent = c.Agent;
                    var byLimit = timer.Kind == TimerKind.WrapUpLimit && !l.DispositionRecorded;
                    EmitContactEvent(RoutingEventType.ContactCompleted, timer.Slot, number: byLimit ? 1 : 0, detail: l.Disposition);
                    MatchAgent(agent);
                }

                break;
            }

            case TimerKind.WindowOpens:
            {
                ref var c = ref contacts[timer.Slot];
                if (c.Id == timer.Id && c.Scheduled && !c.WindowOpen && c.State == ContactState.CallbackPending)
                {
                    OpenWindow(timer.Slot);
                }

                break;
            }

            case TimerKind.WindowEnds:
            {
                ref var c = ref contacts[timer.Slot];
                ref var l = ref lifecycles[timer.Slot];
                if (c.Id == timer.Id && c.Scheduled && !l.PromiseSettled && c.State is ContactState.CallbackPending or ContactState.Offered)
                {
                    EmitContactEvent(RoutingEventType.CallbackPromiseMissed, timer.Slot, withAgent: false);
                }

                break;
            }

            case TimerKind.PreferenceEnds:
            {
                ref var c = ref contacts[timer.Slot];
                if (c.Id == timer.Id && c.Held)
                {
                    EmitLapse(timer.Slot, PreferenceLapse.WaitOver);
                    MatchContact(timer.Slot);
                }

                break;
            }

            case TimerKind.Certification:
            {
                var agent = agents[timer.Slot];
                if (timer.Extra < agent.Skills.Length && agent.Skills[timer.Extra] > 0)
                {
                    foreach (var skill in agent.Profile.Skills)
                    {
                        if (skillIndex[skill.Skill] == timer.Extra && skill.CertifiedUntil is { } until && until.UtcTicks <= nowTicks)
                        {
                            Emit(RoutingEventType.CertificationExpired, agent: agent.Id, detail: skill.Skill, knownAgent: timer.Slot);
                            LapseUnqualified(agent);
                            Refile(timer.Slot);
                            break;
                        }
                    }
                }

                break;
            }
        }
    }
}
