using Switchboard.Contacts;
using Switchboard.Skills;

namespace Switchboard.Routing;

public sealed partial class RoutingEngine
{
    /// <summary>
    /// The engine's whole state as plain data, for <see cref="Restore"/>: a routing domain's restart then replays only
    /// the events after <see cref="LastSequence"/> instead of its whole log. Pending events are part of the state (they
    /// are applied); capture after storing them, so the state never runs ahead of the log.
    /// </summary>
    public EngineState Capture()
    {
        var skills = new Skill[skillIndex.Count];
        foreach (var (skill, index) in skillIndex)
        {
            skills[index] = skill;
        }

        var languages = new string[languageIndex.Count];
        foreach (var (language, index) in languageIndex)
        {
            languages[index] = language;
        }

        var details = new Dictionary<NewContact, int>(DetailsComparer.Instance);
        var liveContacts = new List<SavedContact>();
        for (var slot = 0; slot < slotsInUse; slot++)
        {
            if (contacts[slot].Id != 0)
            {
                liveContacts.Add(SavedContactAt(slot, details));
            }
        }

        var finishedContacts = new List<SavedFinishedContact>();
        foreach (var (ticks, id, c) in finished.Kept())
        {
            finishedContacts.Add(new SavedFinishedContact(
                At(ticks), id, c.State, c.Queue, c.Channel, IndexOf(details, c.Details), c.Priority, At(c.ArrivalTicks), c.Stage, c.Agent, c.Scheduled,
                At(c.WindowStartTicks), At(c.WindowEndTicks)));
        }

        var distinct = new NewContact[details.Count];
        foreach (var (contact, index) in details)
        {
            distinct[index] = contact;
        }

        return new EngineState(
            options,
            Now,
            lastSequence,
            Decisions,
            nextContactId,
            At(nextForget),
            lastLineStamp,
            skills,
            languages,
            [.. requirementSets.Select(Saved)],
            [.. queues.Select(q => new SavedQueue(q.Definition, q.Waiting, q.AverageHandleTicks, q.SmoothedAbandons, q.SmoothedWaitTicks))],
            [.. routes.Select(r => new SavedRoute(r.Key.Queue, r.Key.Language, r.Key.Capacity, r.Key.Requirements, [.. r.Groups]))],
            [.. groups.Select(SavedGroupAt)],
            [.. agents.Select(SavedAgentOf)],
            distinct,
            liveContacts,
            slotsInUse,
            freeSlots.AsSpan(0, freeSlotCount).ToArray(),
            offers.Oldest,
            offers.Save(),
            finished.Oldest,
            finishedContacts,
            directory.HighestId,
            timers.Save());
    }

    /// <summary>
    /// Rebuilds an engine from a captured <paramref name="state"/>, then applies the events after it as
    /// <see cref="Replay"/> does: the result is the engine <see cref="Replay"/> of the whole log gives.
    /// </summary>
    /// <exception cref="ArgumentException">The state was captured under other options, or the events do not follow it
    /// without a gap.</exception>
    public static RoutingEngine Restore(RoutingOptions options, EngineState state, IEnumerable<RoutingEvent> tail)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(state);
        if (state.Options != options)
        {
            // Aging and retention shape the state itself: under other options only a full replay is right.
            throw new ArgumentException("The state was captured under other routing options.", nameof(state));
        }

        var engine = new RoutingEngine(options);
        engine.Load(state);
        return engine.ApplyLog(tail);
    }

    private void Load(EngineState state)
    {
        nowTicks = state.Now.UtcTicks;
        lastSequence = state.LastSequence;
        Decisions = state.Decisions;
        nextContactId = state.NextContactId;
        nextForget = state.NextForget.UtcTicks;
        lastLineStamp = state.LastLineStamp;
        for (var i = 0; i < state.Skills.Count; i++)
        {
            skillIndex.Add(state.Skills[i], i);
        }

        for (var i = 0; i < state.Languages.Count; i++)
        {
            languageIndex.Add(state.Languages[i], i);
        }

        requirementSets.Clear();
        requirementSetIndex.Clear();
        foreach (var set in state.RequirementSets)
        {
            var needs = set.Select(n => new SkillNeed(n.Skill, n.Minimum)).ToArray();
            requirementSetIndex.Add(RequirementKey(needs), requirementSets.Count);
            requirementSets.Add(needs);
        }

        foreach (var saved in state.Queues)
        {
            queueIndex.Add(saved.Definition.Id, queues.Count);
            queues.Add(new QueueState(saved.Definition, 0)
            {
                Waiting = saved.Waiting,
                AverageHandleTicks = saved.AverageHandleTicks,
                SmoothedAbandons = saved.SmoothedAbandons,
                SmoothedWaitTicks = saved.SmoothedWaitTicks,
            });
        }

        foreach (var saved in state.Routes)
        {
            var key = new RouteKey(saved.Queue, saved.Language, saved.Capacity, saved.Requirements);
            routeIndex.Add(key, routes.Count);
            routes.Add(new Route(key, [.. saved.Groups]));
        }

        LoadContacts(state);
        LoadGroups(state.Groups);
        foreach (var saved in state.Agents)
        {
            agents.Add(AgentFrom(saved, agents.Count));
            agentIndex.Add(saved.Profile.Id, agents.Count - 1);
        }

        offers.Load(state.OldestOffer, state.Offers);
        finished.StartAt(state.OldestFinished);
        foreach (var f in state.Finished)
        {
            var summary = new ContactSummary(
                f.State, f.Queue, f.Channel, state.ContactDetails[f.Details], f.Priority, f.Arrival.UtcTicks, f.Stage, f.Agent, f.Scheduled, f.WindowStart.UtcTicks, f.WindowEnd.UtcTicks);
            directory.MarkFinished(f.Id, finished.Add(f.FinishedAt.UtcTicks, f.Id, in summary));
        }

        directory.HighestId = state.HighestContactId;
        timers.Load(state.Timers);
    }

    private void LoadContacts(EngineState state)
    {
        var size = contacts.Length;
        while (size < state.SlotsInUse)
        {
            size *= 2;
        }

        contacts = new ContactSlot[size];
        lifecycles = new ContactLifecycle[size];
        lineStamps = new long[size];
        slotsInUse = state.SlotsInUse;
        foreach (var c in state.Contacts)
        {
            contacts[c.Slot] = new ContactSlot
            {
                Key = KeyFrom(c.Key),
                LiveOffer = c.LiveOffer,
                Queue = c.Queue,
                Route = c.Route,
                Stage = c.Stage,
                Agent = c.Agent,
                State = c.State,
                Channel = c.Channel,
                Scheduled = c.Scheduled,
                WindowOpen = c.WindowOpen,
                Held = c.Held,
            };
            lifecycles[c.Slot] = new ContactLifecycle
            {
                Details = state.ContactDetails[c.Details],
                Priority = c.Priority,
                ArrivalTicks = c.Arrival.UtcTicks,
                StageClockTicks = c.StageClock.UtcTicks,
                StageTimer = c.StageTimer,
                StageEpoch = c.StageEpoch,
                ConnectedTicks = c.Connected.UtcTicks,
                WrapStartTicks = c.WrapStart.UtcTicks,
                WrapUpTimer = c.WrapUpTimer,
                DispositionRecorded = c.DispositionRecorded,
                Disposition = c.Disposition,
                PromiseSettled = c.PromiseSettled,
                WindowStartTicks = c.WindowStart.UtcTicks,
                WindowEndTicks = c.WindowEnd.UtcTicks,
                PreferredAgent = c.PreferredAgent,
                PreferenceTimer = c.PreferenceTimer,
            };
            lineStamps[c.Slot] = c.LineStamp;
            directory.AddLive(c.Id, c.Slot);
        }

        freeSlots = new int[Math.Max(freeSlots.Length, state.FreeSlots.Count)];
        freeSlotCount = state.FreeSlots.Count;
        for (var i = 0; i < freeSlotCount; i++)
        {
            freeSlots[i] = state.FreeSlots[i];
        }
    }

    private void LoadGroups(IReadOnlyList<SavedGroup> saved)
    {
        var size = heads.Length;
        while (size < saved.Count)
        {
            size *= 2;
        }

        heads = new ContactKey[size];
        Array.Fill(heads, ContactKey.Empty);
        foreach (var g in saved)
        {
            var group = new RoutingGroup(g.Capacity, Needs(g.Skills), g.Language, g.MinimumLanguage, g.Selection, Needs(g.ProficiencySkills))
            {
                Waiting = g.Waiting,
                StaffedSlots = g.StaffedSlots,
            };
            foreach (var entry in g.Line)
            {
                group.Contacts.Enqueue(new ContactRef(entry.Slot, entry.Stamp), KeyFrom(entry.Key));
            }

            heads[groups.Count] = KeyFrom(g.Head);
            groups.Add(group);
        }
    }

    private static AgentState AgentFrom(SavedAgent saved, int index)
    {
        var agent = new AgentState(index, saved.Profile.Id)
        {
            Profile = saved.Profile,
            Skills = [.. saved.Skills.Select(s => (byte)s)],
            Languages = [.. saved.Languages.Select(l => (byte)l)],
            TotalUsed = saved.TotalUsed,
            Chosen = saved.Chosen,
            BreakReason = saved.BreakReason,
            SinceTicks = saved.Since.UtcTicks,
            IdleSinceTicks = saved.IdleSince.UtcTicks,
            Version = saved.Version,
            Missed = saved.Missed,
            Consecutive = saved.Consecutive,
            BreakDue = saved.BreakDue,
        };
        for (var ch = 0; ch < ChannelRules.CapacityKinds; ch++)
        {
            agent.Capacity[ch] = saved.Capacity[ch];
            agent.Used[ch] = saved.Used[ch];
            agent.Serve[ch].AddRange(saved.Serve[ch]);
            agent.Scan[ch].AddRange(saved.Scan[ch]);
        }

        agent.Held.AddRange(saved.Held);
        if (saved.Reserved.Count > 0)
        {
            agent.Reserved = [.. saved.Reserved];
        }
        return agent;
    }

    /// <summary>Applies logged events after the state the engine holds, then fills the free-agent heaps.</summary>
    private RoutingEngine ApplyLog(IEnumerable<RoutingEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        replaying = true;
        foreach (var e in events)
        {
            if (e.Sequence != lastSequence + 1)
            {
                throw new ArgumentException($"Event {e.Sequence} follows {lastSequence}: the log has a gap or is out of order.", nameof(events));
            }

            if (e.At.UtcTicks < nowTicks)
            {
                throw new ArgumentException($"Event {e.Sequence} is earlier than the event before it.", nameof(events));
            }

            nowTicks = e.At.UtcTicks;
            lastSequence = e.Sequence;
            Forget(nowTicks);
            Apply(in e);
        }

        replaying = false;
        foreach (var agent in agents)
        {
            Pool(agent);
        }

        return this;
    }

    private static int IndexOf(Dictionary<NewContact, int> details, NewContact contact)
    {
        if (!details.TryGetValue(contact, out var index))
        {
            index = details.Count;
            details.Add(contact, index);
        }

        return index;
    }

    private SavedContact SavedContactAt(int slot, Dictionary<NewContact, int> details)
    {
        ref readonly var c = ref contacts[slot];
        ref readonly var l = ref lifecycles[slot];
        return new SavedContact(
            slot, lineStamps[slot], c.Id, IndexOf(details, l.Details), c.Queue, c.Route, c.State, c.Channel, l.Priority, At(l.ArrivalTicks), Saved(c.Key),
            At(l.StageClockTicks), l.StageTimer, c.Stage, l.StageEpoch, c.Agent, c.LiveOffer, At(l.ConnectedTicks), At(l.WrapStartTicks),
            l.WrapUpTimer, l.DispositionRecorded, l.Disposition, c.Scheduled, c.WindowOpen, l.PromiseSettled, At(l.WindowStartTicks), At(l.WindowEndTicks),
            c.Held, l.PreferredAgent, l.PreferenceTimer);
    }

    private SavedGroup SavedGroupAt(RoutingGroup group, int index)
    {
        // Only the valid entries, in service order: stale ones are skipped when they surface, so they are not state.
        var line = new List<SavedLineEntry>();
        var waiting = group.Contacts;
        for (var i = 0; i < waiting.RingCount; i++)
        {
            var (entry, key) = waiting.RingAt(i);
            if (IsValid(entry))
            {
                line.Add(new SavedLineEntry(entry.Slot, entry.Stamp, Saved(key)));
            }
        }

        foreach (var (entry, key) in waiting.Heap.UnorderedItems)
        {
            if (IsValid(entry))
            {
                line.Add(new SavedLineEntry(entry.Slot, entry.Stamp, Saved(key)));
            }
        }

        line.Sort(static (a, b) => KeyFrom(a.Key).CompareTo(KeyFrom(b.Key)));
        return new SavedGroup(
            group.Capacity, Saved(group.Skills), group.Language, group.MinimumLanguage, group.Selection, Saved(group.ProficiencySkills),
            group.Waiting, group.StaffedSlots, Saved(heads[index]), line);
    }

    private static SavedAgent SavedAgentOf(AgentState a) => new(
        a.Profile,
        [.. a.Skills.Select(s => (int)s)],
        [.. a.Languages.Select(l => (int)l)],
        Counts(a.Capacity),
        Counts(a.Used),
        a.TotalUsed,
        a.Chosen,
        a.BreakReason,
        At(a.SinceTicks),
        At(a.IdleSinceTicks),
        a.Version,
        a.Missed,
        a.Consecutive,
        a.BreakDue,
        [.. a.Held],
        [.. a.Serve.Select(list => (IReadOnlyList<int>)[.. list])],
        [.. a.Scan.Select(list => (IReadOnlyList<int>)[.. list])],
        [.. a.Reserved ?? []]);

    private static int[] Counts(ChannelCounts counts)
    {
        var values = new int[ChannelRules.CapacityKinds];
        for (var ch = 0; ch < values.Length; ch++)
        {
            values[ch] = counts[ch];
        }

        return values;
    }

    private static IReadOnlyList<SavedSkillNeed> Saved(SkillNeed[] needs) => [.. needs.Select(n => new SavedSkillNeed(n.Skill, n.Minimum))];

    private static SkillNeed[] Needs(IReadOnlyList<SavedSkillNeed> saved) => [.. saved.Select(n => new SkillNeed(n.Skill, n.Minimum))];

    private static SavedKey Saved(ContactKey key) => new(key.Primary, key.Arrival, key.Id);

    private static ContactKey KeyFrom(SavedKey key) => new(key.Primary, key.Arrival, key.Contact);

    /// <summary>Equal details, whether or not the same instance (records compare their skill lists by reference).</summary>
    private sealed class DetailsComparer : IEqualityComparer<NewContact>
    {
        public static readonly DetailsComparer Instance = new();

        public bool Equals(NewContact? x, NewContact? y) =>
            ReferenceEquals(x, y)
            || (x is not null && y is not null && x.RequiredSkills.SequenceEqual(y.RequiredSkills)
                && x == y with { RequiredSkills = x.RequiredSkills });

        public int GetHashCode(NewContact obj) =>
            HashCode.Combine(obj.Channel, obj.Queue, obj.CustomerLanguage, obj.Priority, obj.Attributes, obj.RequiredSkills.Count);
    }
}
