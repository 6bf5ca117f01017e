using System.Diagnostics;
using Switchboard.Agents;
using Switchboard.Contacts;
using Switchboard.Queues;
using Switchboard.Skills;

namespace Switchboard.Routing;

public sealed partial class RoutingEngine
{
    /// <summary>The only place state changes: applies one recorded event.</summary>
    private void Apply(in RoutingEvent e)
    {
        var t = e.AtTicks;
        switch (e.Type)
        {
            case RoutingEventType.QueueConfigured:
                ApplyQueueConfigured((QueueDefinition)e.Detail!);
                break;
            case RoutingEventType.AgentConfigured:
                ApplyAgentConfigured((AgentProfile)e.Detail!, t);
                break;
            case RoutingEventType.QueueReconfigured:
                ApplyQueueReconfigured((QueueDefinition)e.Detail!, t);
                break;
            case RoutingEventType.AgentPresenceChanged:
                ApplyPresence(agents[AgentOf(in e)], (Presence)e.Number, e.Detail as string, t);
                break;
            case RoutingEventType.CertificationExpired:
                ApplyCertificationExpired(agents[AgentOf(in e)], (Skill)e.Detail!);
                break;
            case RoutingEventType.ContactQueued:
                ApplyContactQueued(in e, t);
                break;
            case RoutingEventType.ContactRefused:
                break;
            case RoutingEventType.ContactStageReached:
                ApplyStageReached(SlotOf(in e), e.Number);
                break;
            case RoutingEventType.ContactOffered:
                ApplyOffered(SlotOf(in e), AgentOf(in e), e.Offer.Value, e.UntilTicks, t);
                break;
            case RoutingEventType.OfferAccepted:
                ApplyAccepted(e.Offer.Value, t);
                break;
            case RoutingEventType.OfferRejected:
                ApplyOfferEnded(e.Offer.Value, OfferStatus.Rejected, t);
                break;
            case RoutingEventType.OfferExpired:
                ApplyOfferEnded(e.Offer.Value, OfferStatus.Expired, t);
                break;
            case RoutingEventType.OfferWithdrawn:
                ApplyOfferEnded(e.Offer.Value, OfferStatus.Withdrawn, t);
                break;
            case RoutingEventType.ContactAbandoned:
                ApplyAbandoned(SlotOf(in e), t);
                break;
            case RoutingEventType.CallbackRequested:
                ApplyCallbackRequested(SlotOf(in e));
                break;
            case RoutingEventType.CallbackScheduled:
                ApplyCallbackScheduled(e.Contact.Value, queueIndex[e.Queue!.Value], (CallbackBooking)e.Detail!, t);
                break;
            case RoutingEventType.CallbackWindowOpened:
                ApplyWindowOpened(SlotOf(in e), t);
                break;
            case RoutingEventType.CallbackPromiseKept:
            case RoutingEventType.CallbackPromiseMissed:
                lifecycles[SlotOf(in e)].PromiseSettled = true;
                break;
            case RoutingEventType.ContactTransferred:
                ApplyTransferred(SlotOf(in e), queueIndex[e.Queue!.Value], t);
                break;
            case RoutingEventType.ConversationEnded:
                ApplyConversationEnded(SlotOf(in e), t);
                break;
            case RoutingEventType.DispositionRecorded:
                ApplyDispositionRecorded(SlotOf(in e), (Disposition)e.Detail!, t);
                break;
            case RoutingEventType.ContactCompleted:
                ApplyCompleted(SlotOf(in e), t);
                break;
            case RoutingEventType.PreferenceLapsed:
                ApplyPreferenceLapsed(SlotOf(in e));
                break;
            default:
                throw new UnreachableException($"Unknown routing event type {e.Type}.");
        }
    }

    private void ApplyQueueConfigured(QueueDefinition definition)
    {
        queueIndex.Add(definition.Id, queues.Count);
        queues.Add(new QueueState(definition, definition.ExpectedHandleTime.Ticks));
        InternStageSkills(definition);
    }

    private void InternStageSkills(QueueDefinition definition)
    {
        foreach (var stage in definition.Stages)
        {
            foreach (var need in stage.Skills)
            {
                InternSkill(need.Skill);
            }
        }
    }

    /// <summary>
    /// Rebuilds every route and routing group from scratch rather than patching this queue's: other queues' overflow
    /// stages take this queue's first stage as their criteria, and a queue changes rarely (an administrator's act), so
    /// one path that builds groups the way arrivals do is worth more than the cost (agents × routes).
    /// </summary>
    private void ApplyQueueReconfigured(QueueDefinition definition, long t)
    {
        var queue = queueIndex[definition.Id];
        queues[queue].Definition = definition;
        InternStageSkills(definition);
        foreach (var agent in agents)
        {
            for (var ch = 0; ch < ChannelRules.CapacityKinds; ch++)
            {
                agent.Serve[ch].Clear();
                agent.Scan[ch].Clear();
            }
        }

        groups.Clear();
        routes.Clear();
        routeIndex.Clear();
        routeByTemplate.Clear();
        Array.Fill(heads, ContactKey.Empty);
        for (var slot = 0; slot < slotsInUse; slot++)
        {
            ref var c = ref contacts[slot];
            ref var l = ref lifecycles[slot];
            if (c.Id == 0)
            {
                continue;
            }

            c.Route = ResolveRoute(c.Queue, l.Details, c.Channel);
            if (c.Queue == queue)
            {
                Restage(slot, t);
            }

            EnterGroups(slot);
        }
    }

    /// <summary>Puts a contact of a changed queue at the last stage its time in the queue has reached under the new stages.</summary>
    private void Restage(int slot, long t)
    {
        ref var c = ref contacts[slot];
        ref var l = ref lifecycles[slot];
        var stages = queues[c.Queue].Definition.Stages;
        if (!IsInLine(in c) && c.State != ContactState.Offered)
        {
            // Connected, in wrap-up, or a callback before its window: no stage clock runs.
            c.Stage = Math.Min(c.Stage, stages.Count - 1);
            return;
        }

        timers.Cancel(l.StageTimer);
        l.StageTimer = 0;
        l.StageEpoch++;
        var reached = 0;
        while (reached + 1 < stages.Count && l.StageClockTicks + stages[reached + 1].After.Ticks <= t)
        {
            reached++;
        }

        c.Stage = reached;
        ScheduleNextStage(slot);
    }

    private void ApplyAgentConfigured(AgentProfile profile, long t)
    {
        if (!agentIndex.TryGetValue(profile.Id, out var index))
        {
            index = agents.Count;
            agents.Add(new AgentState(index, profile.Id) { SinceTicks = t, IdleSinceTicks = t });
            agentIndex.Add(profile.Id, index);
        }

        var agent = agents[index];
        RemoveMemberships(agent);
        agent.Profile = profile;
        foreach (var skill in profile.Skills)
        {
            InternSkill(skill.Skill);
        }

        var skills = new byte[skillIndex.Count];
        foreach (var skill in profile.Skills)
        {
            var s = skillIndex[skill.Skill];
            if (skill.IsRoutableAt(At(t)))
            {
                skills[s] = (byte)skill.Proficiency.Level;
                if (skill.CertifiedUntil is { } until)
                {
                    timers.AtFirst(until.UtcTicks, new ScheduledTimer(TimerKind.Certification, index, 0, 0, s));
                }
            }
        }

        agent.Skills = skills;
        foreach (var language in profile.Languages)
        {
            InternLanguage(language.Language);
        }

        var languages = new byte[languageIndex.Count];
        foreach (var language in profile.Languages)
        {
            var l = languageIndex[language.Language.MatchKey];
            languages[l] = (byte)Math.Max(languages[l], language.Proficiency.Level);
        }

        agent.Languages = languages;
        for (var ch = 0; ch < ChannelRules.CapacityKinds; ch++)
        {
            agent.Capacity[ch] = profile.Capacity.For(CapacityChannels[ch]);
        }

        agent.Version++;
        foreach (var route in routes)
        {
            AddMemberships(agent, route);
        }
    }

    private static readonly Channel[] CapacityChannels = [Channel.Voice, Channel.Chat, Channel.Email, Channel.Sms, Channel.Messaging];

    private void ApplyCertificationExpired(AgentState agent, Skill skill)
    {
        RemoveMemberships(agent);
        agent.Skills[skillIndex[skill]] = 0;
        agent.Version++;
        foreach (var route in routes)
        {
            AddMemberships(agent, route);
        }
    }

    private void ApplyPresence(AgentState agent, Presence presence, string? reason, long t)
    {
        var wasStaffed = agent.IsStaffed;
        agent.Chosen = presence;
        agent.BreakReason = presence == Presence.Break ? reason : null;
        agent.SinceTicks = t;
        if (presence == Presence.Available)
        {
            agent.Missed = 0;
            if (agent.TotalUsed == 0)
            {
                agent.IdleSinceTicks = t;
            }
        }
        else if (presence is Presence.Break or Presence.Offline)
        {
            agent.Consecutive = 0;
            agent.BreakDue = false;
        }

        if (wasStaffed != agent.IsStaffed)
        {
            AdjustStaffed(agent, agent.IsStaffed ? 1 : -1);
        }

        agent.Version++;
    }

    private void ApplyContactQueued(in RoutingEvent e, long t)
    {
        var details = (NewContact)e.Detail!;
        var route = RouteOf(details);
        var slot = NewContactSlot(e.Contact.Value, routes[route].Key.Queue, route, details, details.Channel, details.Priority, t, t);
        ref var c = ref contacts[slot];
        c.State = details.Channel == Channel.Callback ? ContactState.CallbackPending : ContactState.Waiting;
        StartStageClock(slot, t);
        if (e.AgentOrDefault.Value is not null)
        {
            Keep(slot, agentIndex[e.AgentOrDefault], e.UntilTicks, t);
        }

        EnterGroups(slot);
    }

    /// <summary>Keeps a contact that just arrived for its preferred agent until <paramref name="untilTicks"/>: out of every
    /// routing group, on the agent's reserved list. Its stage clock runs as for any waiting contact.</summary>
    private void Keep(int slot, int agent, long untilTicks, long t)
    {
        ref var c = ref contacts[slot];
        ref var l = ref lifecycles[slot];
        c.Held = true;
        l.PreferredAgent = agent;
        l.PreferenceTimer = ScheduleIn(untilTicks - t, new ScheduledTimer(TimerKind.PreferenceEnds, slot, c.Id, 0, 0));
        (agents[agent].Reserved ??= []).Add(slot);
    }

    /// <summary>The preference ends: a waiting contact joins its groups at the place its arrival gives it (every stage
    /// reached so far); an offered one simply returns to its groups if the offer ends unanswered. Nothing for a contact
    /// that was never kept (the preference lapsed at arrival).</summary>
    private void ApplyPreferenceLapsed(int slot)
    {
        ref var c = ref contacts[slot];
        ref var l = ref lifecycles[slot];
        if (!c.Held)
        {
            return;
        }

        c.Held = false;
        timers.Cancel(l.PreferenceTimer);
        l.PreferenceTimer = 0;
        if (c.State != ContactState.Offered)
        {
            agents[l.PreferredAgent].Reserved!.Remove(slot);
            EnterGroups(slot);
        }
    }

    private void ApplyCallbackScheduled(long id, int queue, CallbackBooking booking, long t)
    {
        var route = ResolveRoute(queue, booking.Contact, Channel.Callback);
        var priority = queues[queue].Definition.ScheduledCallbackPriority;
        var slot = NewContactSlot(id, queue, route, booking.Contact, Channel.Callback, priority, booking.Window.Start.UtcTicks, t);
        ref var c = ref contacts[slot];
        ref var l = ref lifecycles[slot];
        c.State = ContactState.CallbackPending;
        c.Scheduled = true;
        l.WindowStartTicks = booking.Window.Start.UtcTicks;
        l.WindowEndTicks = booking.Window.End.UtcTicks;
        ScheduleAt(l.WindowStartTicks, new ScheduledTimer(TimerKind.WindowOpens, slot, id, 0, 0));
        ScheduleAt(l.WindowEndTicks, new ScheduledTimer(TimerKind.WindowEnds, slot, id, 0, 0));
    }

    /// <param name="orderedFrom">The instant the contact's place in line counts from (its arrival, or a scheduled callback's window start).</param>
    private int NewContactSlot(long id, int queue, int route, NewContact details, Channel channel, int priority, long orderedFrom, long t)
    {
        var slot = AllocateSlot();
        contacts[slot] = new ContactSlot
        {
            Key = ContactKey.For(priority, orderedFrom, id, agingStepTicks),
            Queue = queue,
            Route = route,
            Channel = channel,
            Agent = -1,
        };
        lifecycles[slot] = new ContactLifecycle { Details = details, Priority = priority, ArrivalTicks = t };
        directory.AddLive(id, slot);
        nextContactId = id + 1;
        queues[queue].Waiting++;
        return slot;
    }

    private void ApplyWindowOpened(int slot, long t)
    {
        contacts[slot].WindowOpen = true;
        StartStageClock(slot, t);
        EnterGroups(slot);
    }

    private void StartStageClock(int slot, long t)
    {
        ref var c = ref contacts[slot];
        ref var l = ref lifecycles[slot];
        timers.Cancel(l.StageTimer);
        l.StageTimer = 0;
        c.Stage = 0;
        l.StageEpoch++;
        l.StageClockTicks = t;
        ScheduleNextStage(slot);
    }

    private void ScheduleNextStage(int slot)
    {
        ref var c = ref contacts[slot];
        ref var l = ref lifecycles[slot];
        var stages = queues[c.Queue].Definition.Stages;
        if (c.Stage + 1 < stages.Count)
        {
            l.StageTimer = ScheduleIn(l.StageClockTicks + stages[c.Stage + 1].After.Ticks - nowTicks, new ScheduledTimer(TimerKind.Stage, slot, c.Id, l.StageEpoch, c.Stage + 1));
        }
    }

    private void ApplyStageReached(int slot, int stage)
    {
        ref var c = ref contacts[slot];
        c.Stage = stage;
        if (IsRoutable(in c))
        {
            InsertIntoGroup(slot, routes[c.Route].Groups[stage]);
        }

        ScheduleNextStage(slot);
    }

    private void ApplyOffered(int slot, int agentIdx, long offerId, long expires, long t)
    {
        LeaveGroups(slot);
        ref var c = ref contacts[slot];
        c.State = ContactState.Offered;
        c.Agent = agentIdx;
        c.LiveOffer = offerId;
        var agent = agents[agentIdx];
        if (c.Held)
        {
            agent.Reserved!.Remove(slot);
        }

        Hold(agent, slot, c.Channel.CapacityIndex());
        var expiry = ScheduleIn(expires - t, new ScheduledTimer(TimerKind.OfferExpiry, slot, offerId, 0, 0));
        offers.Add(offerId, new OfferRecord { ContactId = c.Id, Slot = slot, Agent = agentIdx, ExpiresTicks = expires, Status = OfferStatus.Live, ExpiryTimer = expiry });
    }

    private void ApplyAccepted(long offerId, long t)
    {
        ref var offer = ref offers[offerId];
        offer.Status = OfferStatus.Accepted;
        offer.FinishedTicks = t;
        timers.Cancel(offer.ExpiryTimer);
        ref var c = ref contacts[offer.Slot];
        ref var l = ref lifecycles[offer.Slot];

        // Connected, the contact reaches no further stage: only a transfer starts a new stage clock.
        timers.Cancel(l.StageTimer);
        l.StageTimer = 0;
        if (c.Held)
        {
            c.Held = false;
            timers.Cancel(l.PreferenceTimer);
            l.PreferenceTimer = 0;
        }

        c.State = ContactState.Connected;
        c.LiveOffer = 0;
        l.ConnectedTicks = t;
        var queue = queues[c.Queue];
        queue.Waiting--;
        if (c.Channel != Channel.Callback)
        {
            queue.WaitEnded(t - l.StageClockTicks, abandoned: false, options.AbandonmentSmoothing);
        }

        var agent = agents[offer.Agent];
        agent.Missed = 0;
        agent.Consecutive++;
        if (options.MaximumConsecutiveContacts is { } most && agent.Consecutive >= most)
        {
            agent.BreakDue = true;
        }

        agent.Version++;
    }

    private void ApplyOfferEnded(long offerId, OfferStatus status, long t)
    {
        ref var offer = ref offers[offerId];
        offer.Status = status;
        offer.FinishedTicks = t;
        timers.Cancel(offer.ExpiryTimer);
        var slot = offer.Slot;
        var agent = agents[offer.Agent];
        ref var c = ref contacts[slot];
        Release(agent, slot, c.Channel.CapacityIndex(), t, freesIdleClock: false);
        if (status != OfferStatus.Withdrawn)
        {
            agent.Missed++;
        }

        c.LiveOffer = 0;
        c.Agent = -1;
        c.State = c.Channel == Channel.Callback ? ContactState.CallbackPending : ContactState.Waiting;
        if (c.Held)
        {
            // Back with its preferred agent; a rejection or expiry records the lapse next.
            (agent.Reserved ??= []).Add(slot);
        }

        EnterGroups(slot);
    }

    private void ApplyAbandoned(int slot, long t)
    {
        LeaveGroups(slot);
        ref var c = ref contacts[slot];
        ref var l = ref lifecycles[slot];
        timers.Cancel(l.StageTimer);
        if (c.Held)
        {
            timers.Cancel(l.PreferenceTimer);
            agents[l.PreferredAgent].Reserved!.Remove(slot);
        }

        if (c.Channel != Channel.Callback && c.State is ContactState.Waiting or ContactState.Offered)
        {
            queues[c.Queue].WaitEnded(t - l.StageClockTicks, abandoned: true, options.AbandonmentSmoothing);
        }

        c.State = ContactState.Abandoned;
        queues[c.Queue].Waiting--;
        Retire(slot, t);
    }

    private void ApplyCallbackRequested(int slot)
    {
        LeaveGroups(slot);
        ref var c = ref contacts[slot];
        ref var l = ref lifecycles[slot];
        c.Channel = Channel.Callback;
        c.State = ContactState.CallbackPending;
        c.Route = ResolveRoute(c.Queue, l.Details, Channel.Callback);
        EnterGroups(slot);
    }

    private void ApplyTransferred(int slot, int queue, long t)
    {
        ref var c = ref contacts[slot];
        ref var l = ref lifecycles[slot];
        var agent = agents[c.Agent];
        Release(agent, slot, c.Channel.CapacityIndex(), t, freesIdleClock: true);
        c.Agent = -1;
        c.Queue = queue;

        // A connected callback is a live call: once transferred, the customer waits on the line like any caller.
        if (c.Channel == Channel.Callback)
        {
            c.Channel = Channel.Voice;
        }

        c.Route = ResolveRoute(queue, l.Details, c.Channel);
        c.State = ContactState.Waiting;
        queues[queue].Waiting++;
        StartStageClock(slot, t);
        EnterGroups(slot);
    }

    private void ApplyConversationEnded(int slot, long t)
    {
        ref var c = ref contacts[slot];
        ref var l = ref lifecycles[slot];
        c.State = ContactState.WrapUp;
        l.WrapStartTicks = t;
        agents[c.Agent].Version++;
        if (queues[c.Queue].Definition.WrapUpLimit is { } limit)
        {
            l.WrapUpTimer = ScheduleIn(limit.Ticks, new ScheduledTimer(TimerKind.WrapUpLimit, slot, c.Id, 0, 0));
        }
    }

    private void ApplyDispositionRecorded(int slot, Disposition disposition, long t)
    {
        ref var c = ref contacts[slot];
        ref var l = ref lifecycles[slot];
        l.DispositionRecorded = true;
        l.Disposition = disposition;
        var due = l.WrapStartTicks + options.MinimumWrapUp.Ticks;
        if (due > t)
        {
            ScheduleIn(due - t, new ScheduledTimer(TimerKind.MinimumWrapUp, slot, c.Id, 0, 0));
        }
    }

    private void ApplyCompleted(int slot, long t)
    {
        ref var c = ref contacts[slot];
        ref var l = ref lifecycles[slot];
        timers.Cancel(l.WrapUpTimer);
        c.State = ContactState.Completed;
        var queue = queues[c.Queue];
        var handle = t - l.ConnectedTicks;
        queue.AverageHandleTicks += options.HandleTimeSmoothing * (handle - queue.AverageHandleTicks);
        Release(agents[c.Agent], slot, c.Channel.CapacityIndex(), t, freesIdleClock: true);
        Retire(slot, t);
    }

    private static void Hold(AgentState agent, int slot, int channel)
    {
        agent.Used[channel]++;
        agent.TotalUsed++;
        agent.Held.Add(slot);
        agent.Version++;
    }

    private static void Release(AgentState agent, int slot, int channel, long t, bool freesIdleClock)
    {
        agent.Used[channel]--;
        agent.TotalUsed--;
        agent.Held.Remove(slot);
        if (agent.TotalUsed == 0)
        {
            agent.SinceTicks = t;

            // A missed offer is not work done: the agent keeps their place among the longest idle.
            if (freesIdleClock)
            {
                agent.IdleSinceTicks = t;
            }
        }

        agent.Version++;
    }

    /// <summary>Waiting for an agent now: in line, and not kept for a preferred agent.</summary>
    private static bool IsRoutable(in ContactSlot c) => !c.Held && IsInLine(in c);

    /// <summary>Waiting in its queue (a scheduled callback once its window opened), kept for a preferred agent or not.</summary>
    private static bool IsInLine(in ContactSlot c) =>
        c.State == ContactState.Waiting || (c.State == ContactState.CallbackPending && (!c.Scheduled || c.WindowOpen));

    /// <summary>Puts a routable contact into the groups of every stage it has reached.</summary>
    private void EnterGroups(int slot)
    {
        ref var c = ref contacts[slot];
        lineStamps[slot] = 0;
        if (!IsRoutable(in c))
        {
            return;
        }

        lineStamps[slot] = ++lastLineStamp;
        var route = routes[c.Route];
        for (var s = 0; s <= c.Stage; s++)
        {
            InsertIntoGroup(slot, route.Groups[s]);
        }
    }

    private void InsertIntoGroup(int slot, int groupId)
    {
        ref var c = ref contacts[slot];
        var group = groups[groupId];
        group.Contacts.Enqueue(new ContactRef(slot, lineStamps[slot]), c.Key);
        group.Waiting++;
        if (c.Key.CompareTo(heads[groupId]) < 0)
        {
            heads[groupId] = c.Key;
        }

        if (group.Contacts.Count > (2 * group.Waiting) + 64)
        {
            CompactContacts(group);
        }
    }

    /// <summary>Takes a contact out of its groups: its heap entries go stale; heads are repaired at once.</summary>
    private void LeaveGroups(int slot)
    {
        ref var c = ref contacts[slot];
        var wasRoutable = IsRoutable(in c);
        lineStamps[slot] = 0;
        if (!wasRoutable)
        {
            return;
        }

        var route = routes[c.Route];
        var id = c.Id;
        for (var s = 0; s <= c.Stage; s++)
        {
            var g = route.Groups[s];
            groups[g].Waiting--;
            if (heads[g].Id == id)
            {
                RefreshHead(g);
            }
        }
    }

    private bool IsValid(ContactRef entry) => lineStamps[entry.Slot] == entry.Stamp;

    private void RefreshHead(int groupId)
    {
        var heap = groups[groupId].Contacts;
        while (heap.TryPeek(out var entry, out var key))
        {
            if (IsValid(entry))
            {
                heads[groupId] = key;
                return;
            }

            heap.Dequeue();
        }

        heads[groupId] = ContactKey.Empty;
    }

    private void CompactContacts(RoutingGroup group) =>
        group.Contacts.Compact(this, static (engine, entry, _) => engine.IsValid(entry), contactScratch);

    private void AdjustStaffed(AgentState agent, int sign)
    {
        for (var ch = 0; ch < ChannelRules.CapacityKinds; ch++)
        {
            var slots = sign * agent.Capacity[ch];
            foreach (var g in agent.Serve[ch])
            {
                groups[g].StaffedSlots += slots;
            }
        }
    }

    private void RemoveMemberships(AgentState agent)
    {
        if (agent.IsStaffed)
        {
            AdjustStaffed(agent, -1);
        }

        for (var ch = 0; ch < ChannelRules.CapacityKinds; ch++)
        {
            agent.Serve[ch].Clear();
            agent.Scan[ch].Clear();
        }
    }

    private void AddMemberships(AgentState agent, Route route)
    {
        var first = true;
        foreach (var g in route.Groups)
        {
            var group = groups[g];
            if (!Qualifies(agent, group))
            {
                continue;
            }

            var ch = group.Capacity;
            agent.Serve[ch].Add(g);
            if (first)
            {
                agent.Scan[ch].Add(g);
                first = false;
            }

            if (agent.IsStaffed)
            {
                group.StaffedSlots += agent.Capacity[ch];
            }

            if (!replaying && agent.PooledVersion == agent.Version && HasRoom(agent, ch))
            {
                group.Agents.Enqueue(new AgentRef(agent.Index, agent.Version), KeyFor(agent, group));
            }
        }
    }

    private static bool Qualifies(AgentState agent, RoutingGroup group)
    {
        if (agent.Capacity[group.Capacity] == 0)
        {
            return false;
        }

        foreach (var need in group.Skills)
        {
            if (need.Skill >= agent.Skills.Length || agent.Skills[need.Skill] < need.Minimum)
            {
                return false;
            }
        }

        return group.Language < 0
            || (group.Language < agent.Languages.Length && agent.Languages[group.Language] >= Math.Max(1, group.MinimumLanguage));
    }

    private int InternSkill(Skill skill)
    {
        if (!skillIndex.TryGetValue(skill, out var index))
        {
            index = skillIndex.Count;
            skillIndex.Add(skill, index);
        }

        return index;
    }

    private int InternLanguage(Language language)
    {
        if (!languageIndex.TryGetValue(language.MatchKey, out var index))
        {
            index = languageIndex.Count;
            languageIndex.Add(language.MatchKey, index);
        }

        return index;
    }

    private int InternRequirements(IReadOnlyList<SkillRequirement> requirements)
    {
        if (requirements.Count == 0)
        {
            return 0;
        }

        if (requirementSetByList.TryGetValue(requirements, out var index))
        {
            return index;
        }

        var needs = Merge([], requirements);
        var key = RequirementKey(needs);
        if (!requirementSetIndex.TryGetValue(key, out index))
        {
            index = requirementSets.Count;
            requirementSets.Add(needs);
            requirementSetIndex.Add(key, index);
        }

        // Channel adapters reuse their requirement lists; remember each one (bounded, it is only a shortcut).
        if (requirementSetByList.Count < 100_000)
        {
            requirementSetByList.Add(requirements, index);
        }

        return index;
    }

    private static string RequirementKey(SkillNeed[] needs) => string.Join(',', needs.Select(n => n.Skill + ">=" + n.Minimum));

    /// <summary>Combines skill needs, keeping the highest minimum per skill, ordered by skill index.</summary>
    private SkillNeed[] Merge(SkillNeed[] first, IReadOnlyList<SkillRequirement> second)
    {
        var merged = new SortedDictionary<int, int>();
        foreach (var need in first)
        {
            merged[need.Skill] = need.Minimum;
        }

        foreach (var requirement in second)
        {
            var s = InternSkill(requirement.Skill);
            merged[s] = Math.Max(merged.GetValueOrDefault(s), requirement.Minimum.Level);
        }

        return merged.Select(p => new SkillNeed(p.Key, p.Value)).ToArray();
    }

    /// <summary>The route of a new contact on its own channel; the queue must exist.</summary>
    private int RouteOf(NewContact details)
    {
        if (routeByTemplate.TryGetValue(details, out var route))
        {
            return route;
        }

        route = ResolveRoute(queueIndex[details.Queue], details, details.Channel);
        if (routeByTemplate.Count >= 100_000)
        {
            routeByTemplate.Clear();
        }

        routeByTemplate.Add(details, route);
        return route;
    }

    private int ResolveRoute(int queue, NewContact details, Channel channel)
    {
        var key = new RouteKey(queue, InternLanguage(details.CustomerLanguage), channel.CapacityIndex(), InternRequirements(details.RequiredSkills));
        return routeIndex.TryGetValue(key, out var route) ? route : CreateRoute(key);
    }

    private int CreateRoute(RouteKey key)
    {
        var definition = queues[key.Queue].Definition;
        var own = requirementSets[key.Requirements];
        var routeId = routes.Count;
        var groupIds = new int[definition.Stages.Count];
        // "Most proficient" compares agents on the first stage's skills plus the contact's own, at every stage.
        var proficiencySkills = Merge(own, definition.Stages[0].Skills);
        for (var s = 0; s < definition.Stages.Count; s++)
        {
            var stage = definition.Stages[s];
            var criteria = stage.OverflowTo is { } target ? queues[queueIndex[target]].Definition.Stages[0] : stage;
            var needs = Merge(own, criteria.Skills);
            var language = criteria.Language == LanguageRule.Interpreter ? -1 : key.Language;
            var id = groups.Count;
            groups.Add(new RoutingGroup(key.Capacity, needs, language, criteria.MinimumLanguageProficiency.Level, definition.Selection, proficiencySkills));
            if (heads.Length <= id)
            {
                var grown = new ContactKey[heads.Length * 2];
                Array.Fill(grown, ContactKey.Empty);
                heads.AsSpan().CopyTo(grown);
                heads = grown;
            }

            groupIds[s] = id;
        }

        var route = new Route(key, groupIds);
        routes.Add(route);
        routeIndex.Add(key, routeId);
        foreach (var agent in agents)
        {
            AddMemberships(agent, route);
        }

        return routeId;
    }
}
