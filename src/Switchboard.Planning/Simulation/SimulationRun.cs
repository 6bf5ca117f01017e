using Switchboard.Agents;
using Switchboard.Contacts;
using Switchboard.Queues;
using Switchboard.Routing;
using Switchboard.Skills;

namespace Switchboard.Planning.Simulation;

/// <summary>One run of a scenario: the future-event list, the simulated customers and agents, and the tallies.</summary>
/// <remarks>
/// Times are ticks since the scenario's start. The hot loop keeps contacts and agents in arrays of structs and
/// events as structs in a binary heap, so a simulated contact costs no allocation beyond the engine's own.
/// </remarks>
internal sealed class SimulationRun
{
    /// <summary>An agent who stops answering is back after this long (a supervisor or the agent notices).</summary>
    private static readonly long RecoveryTicks = TimeSpan.FromSeconds(30).Ticks;

    private static readonly Disposition Resolved = new("resolved");

    /// <summary>Advances at one instant that leave the same timer due; beyond this the engine is stuck, not busy.</summary>
    private const int MaximumStalledAdvances = 1000;

    private readonly Scenario scenario;
    private readonly int seed;
    private readonly RoutingEngine engine;
    private readonly IProgress<double>? progress;
    private readonly long startTicks;
    private readonly long endTicks;
    private readonly long intervalTicks;
    private readonly int intervals;
    private readonly int queueCount;

    // Independent streams, each seeded from the run's seed, so a change in how often one is drawn
    // (say, more abandons) does not shift every other draw.
    private readonly Random arrivalRandom;
    private readonly Random customerRandom;
    private readonly Random workRandom;
    private readonly Random agentRandom;

    private readonly PriorityQueue<FutureEvent, EventOrder> future;
    private long sequence;
    private long now;

    private readonly NewContact[][] contactTemplates;
    private readonly double[][] languageCumulative;
    private readonly long[] thresholdTicks;
    private readonly long shortAbandonTicks;

    // Indexed by the engine's contact id − 1: a fresh engine hands out ids 1, 2, 3, ... to the contacts it accepts,
    // which are exactly the contacts recorded here, in the same order (checked at each arrival).
    private ContactRecord[] contacts;
    private int contactCount;

    /// <summary>Per agent group: offers are answered the instant they are made (a fixed answer delay of zero), so the
    /// answer is given while reacting to the offer instead of through the future-event list.</summary>
    private readonly bool[] answersAtOnce;

    /// <summary>Per queue: wrap-up takes no time (a fixed zero), so it is finished as the conversation ends.</summary>
    private readonly bool[] wrapsUpAtOnce;

    private readonly AgentRecord[] agents;
    // Keyed by the id's string instance: the engine hands back the very AgentId it was configured with,
    // so reference hashing is exact and spares hashing the text on every event.
    private readonly Dictionary<string, int> agentIndex = new(ReferenceEqualityComparer.Instance);
    private readonly long[] groupStaffed;
    private readonly long[] groupBusy;
    private readonly long[] intervalStaffed;
    private readonly long[] intervalBusy;

    private readonly Tally[] tallies; // [interval * queueCount + queue]

    public SimulationRun(Scenario scenario, int seed, RoutingOptions routing, IProgress<double>? progress)
    {
        this.scenario = scenario;
        this.seed = seed;
        this.progress = progress;
        engine = new RoutingEngine(routing);
        startTicks = scenario.Start.UtcTicks;
        endTicks = scenario.Duration.Ticks;
        intervalTicks = scenario.IntervalLength.Ticks;
        intervals = scenario.IntervalCount;
        queueCount = scenario.Queues.Count;

        var master = new Random(seed);
        arrivalRandom = new Random(master.Next());
        customerRandom = new Random(master.Next());
        workRandom = new Random(master.Next());
        agentRandom = new Random(master.Next());

        contactTemplates = new NewContact[queueCount][];
        languageCumulative = new double[queueCount][];
        thresholdTicks = new long[queueCount];
        for (var q = 0; q < queueCount; q++)
        {
            var queue = scenario.Queues[q];
            var languages = queue.Languages;
            contactTemplates[q] = new NewContact[languages.Count];
            languageCumulative[q] = new double[languages.Count];
            var sum = 0.0;
            for (var l = 0; l < languages.Count; l++)
            {
                // One immutable NewContact per queue and language, shared by every arrival on that path.
                contactTemplates[q][l] = new NewContact(queue.Channel, new QueueId(queue.Id), new Language(languages[l].Language));
                sum += languages[l].Share;
                languageCumulative[q][l] = sum;
            }

            thresholdTicks[q] = queue.ServiceLevelThreshold.Ticks;
        }

        shortAbandonTicks = scenario.ShortAbandonThreshold.Ticks;

        var agentTotal = 0;
        foreach (var group in scenario.AgentGroups)
        {
            agentTotal += group.Count;
        }

        agents = new AgentRecord[agentTotal];
        groupStaffed = new long[scenario.AgentGroups.Count];
        groupBusy = new long[scenario.AgentGroups.Count];
        intervalStaffed = new long[intervals];
        intervalBusy = new long[intervals];
        tallies = new Tally[intervals * queueCount];

        // Sized for the expected traffic up front: growing large arrays mid-run costs full collections.
        var expectedArrivals = 0.0;
        foreach (var queue in scenario.Queues)
        {
            foreach (var rate in queue.ArrivalsPerInterval)
            {
                expectedArrivals += rate;
            }
        }

        var contactCapacity = (int)Math.Min(int.MaxValue / 2, (expectedArrivals * 1.1) + 1024);
        contacts = new ContactRecord[contactCapacity];
        answersAtOnce = new bool[scenario.AgentGroups.Count];
        for (var g = 0; g < answersAtOnce.Length; g++)
        {
            answersAtOnce[g] = IsZero(scenario.AgentGroups[g].AnswerDelay);
        }

        wrapsUpAtOnce = new bool[queueCount];
        for (var q = 0; q < queueCount; q++)
        {
            wrapsUpAtOnce[q] = IsZero(scenario.Queues[q].WrapUpTime);
        }
        future = new PriorityQueue<FutureEvent, EventOrder>((agentTotal * 4) + (queueCount * 4) + 1024);
    }

    public long ContactsSimulated { get; private set; }

    public long EventsProcessed { get; private set; }

    /// <summary>Told every event in log order (see <see cref="Simulator.Run"/>); null: none.</summary>
    public RoutingEventObserver? Observer { get; init; }

    public SimulationReport Execute()
    {
        Configure();
        Loop();
        Close();
        return BuildReport();
    }

    private DateTimeOffset At(long ticks) => new(startTicks + ticks, TimeSpan.Zero);

    private long TicksOf(DateTimeOffset instant) => instant.UtcTicks - startTicks;

    private void Schedule(long at, FutureEventKind kind, int index, long id = 0) =>
        future.Enqueue(new FutureEvent(kind, index, id), new EventOrder(at, sequence++));

    private void Configure()
    {
        foreach (var queue in scenario.Queues)
        {
            var result = engine.ConfigureQueue(ToDefinition(queue), At(0));
            if (result != RoutingResult.Done)
            {
                throw new ScenarioException($"queues: the routing engine refused queue '{queue.Id}' ({result})");
            }
        }

        var a = 0;
        for (var g = 0; g < scenario.AgentGroups.Count; g++)
        {
            var group = scenario.AgentGroups[g];
            var skills = new List<AgentSkill>(group.Skills.Count);
            foreach (var skill in group.Skills)
            {
                skills.Add(new AgentSkill(skill.Skill, skill.Proficiency));
            }

            var languages = new List<AgentLanguage>(group.Languages.Count);
            foreach (var language in group.Languages)
            {
                languages.Add(new AgentLanguage(language.Language, language.Proficiency));
            }

            var capacity = new ChannelCapacity(group.Capacity.Voice, group.Capacity.Chat, group.Capacity.Email, group.Capacity.Sms, group.Capacity.Messaging);
            var dayStart = new DateTimeOffset(scenario.Start.UtcDateTime.Date, TimeSpan.Zero);
            var shiftStart = Math.Max(0, TicksOf(dayStart + group.ShiftStart));
            var shiftEnd = TicksOf(dayStart + group.ShiftEnd);
            for (var i = 1; i <= group.Count; i++, a++)
            {
                var id = new AgentId(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{group.Name}-{i:000}"));
                engine.ConfigureAgent(new AgentProfile(id, skills, languages, capacity), At(0));
                agents[a] = new AgentRecord { Id = id, Group = g };
                agentIndex.Add(id.Value, a);
                if (shiftEnd > shiftStart && shiftStart < endTicks)
                {
                    Schedule(shiftStart, FutureEventKind.ShiftStart, a);
                    if (shiftEnd < endTicks)
                    {
                        Schedule(shiftEnd, FutureEventKind.ShiftEnd, a);
                    }
                }
            }
        }

        Drain();
        for (var q = 0; q < queueCount; q++)
        {
            ScheduleNextArrival(q, 0);
        }
    }

    private static QueueDefinition ToDefinition(QueueScenario queue)
    {
        var stages = new List<RoutingStage>(queue.Stages.Count);
        foreach (var stage in queue.Stages)
        {
            if (stage.OverflowTo is { } target)
            {
                stages.Add(RoutingStage.Overflow(stage.After, new QueueId(target)));
                continue;
            }

            var skills = new List<SkillRequirement>(stage.Skills.Count);
            foreach (var skill in stage.Skills)
            {
                skills.Add(new SkillRequirement(skill.Skill, skill.Proficiency));
            }

            stages.Add(new RoutingStage(stage.After, skills)
            {
                Language = stage.Interpreter ? LanguageRule.Interpreter : LanguageRule.CustomerLanguage,
                MinimumLanguageProficiency = new Proficiency(stage.MinimumLanguageProficiency ?? Proficiency.Lowest),
            });
        }

        return new QueueDefinition(new QueueId(queue.Id), stages)
        {
            Selection = queue.Selection,
            OfferTimeout = queue.OfferTimeout,
            WrapUpLimit = queue.WrapUpLimit,
            CallbackOfferThreshold = queue.CallbackThreshold,
            ExpectedHandleTime = queue.ExpectedHandleTime,
        };
    }

    private void Loop()
    {
        var progressStep = Math.Max(1, endTicks / 200);
        var nextProgress = progressStep;
        var stalledAdvances = 0;
        while (true)
        {
            var hasEvent = future.TryPeek(out var next, out var order);
            var nextAt = hasEvent ? order.Ticks : long.MaxValue;

            // Engine timers (offer expiry, routing stages, wrap-up limits) due before our next event fire first.
            if (engine.NextDueAt is { } due)
            {
                var dueAt = Math.Max(TicksOf(due), now);
                if (dueAt <= nextAt && dueAt <= endTicks)
                {
                    stalledAdvances = dueAt == now && engine.NextDueAt == due ? stalledAdvances + 1 : 0;
                    if (stalledAdvances > MaximumStalledAdvances)
                    {
                        // A timer that stays due however often time is brought to it would spin this loop for ever.
                        throw new InvalidOperationException($"The routing engine's timer due at {due:O} did not fire on AdvanceTo.");
                    }

                    now = dueAt;
                    engine.AdvanceTo(At(now));
                    Drain();
                    continue;
                }
            }

            if (!hasEvent || nextAt > endTicks)
            {
                break;
            }

            future.Dequeue();
            now = nextAt;
            EventsProcessed++;
            Handle(next);
            Drain();
            if (progress is not null && now >= nextProgress)
            {
                progress.Report((double)now / endTicks);
                nextProgress = now + progressStep;
            }
        }

        now = endTicks;
        progress?.Report(1);
    }

    private void Handle(FutureEvent e)
    {
        switch (e.Kind)
        {
            case FutureEventKind.Arrival:
                Arrive(e.Index);
                ScheduleNextArrival(e.Index, now);
                break;
            case FutureEventKind.Answer:
                Answer(e.Index, new OfferId(e.Id));
                break;
            case FutureEventKind.Complete:
                engine.Complete(new ContactId(e.Id), At(now));
                break;
            case FutureEventKind.FinishWrapUp:
                // Refused harmlessly when the queue's wrap-up limit completed the contact first.
                engine.FinishWrapUp(new ContactId(e.Id), Resolved, At(now));
                break;
            case FutureEventKind.Abandon:
                Abandon(e.Id);
                break;
            case FutureEventKind.ShiftStart:
                SignIn(e.Index);
                break;
            case FutureEventKind.ShiftEnd:
                agents[e.Index].Ending = true;
                TrySignOff(e.Index);
                break;
            case FutureEventKind.Recover:
                if (agents[e.Index].SignedIn && !agents[e.Index].Ending)
                {
                    engine.SetPresence(agents[e.Index].Id, Presence.Available, At(now));
                }

                break;
            default:
                throw new InvalidOperationException($"Unknown simulator event {e.Kind}.");
        }
    }

    /// <summary>The agent answers an offer. Refused harmlessly when it expired or was withdrawn meanwhile.</summary>
    private void Answer(int agent, OfferId offer)
    {
        var rejectProbability = scenario.AgentGroups[agents[agent].Group].RejectProbability;
        if (rejectProbability > 0 && agentRandom.NextDouble() < rejectProbability)
        {
            engine.Reject(offer, At(now));
        }
        else
        {
            engine.Accept(offer, At(now));
        }
    }

    /// <summary>Poisson arrivals with a rate constant within each interval: draw an exponential gap at the current rate;
    /// if it crosses the interval's end, restart from that end at the next rate (exact, because the process is memoryless).</summary>
    private void ScheduleNextArrival(int queue, long from)
    {
        var rates = scenario.Queues[queue].ArrivalsPerInterval;
        while (from < endTicks)
        {
            var interval = (int)(from / intervalTicks);
            var boundary = Math.Min((interval + 1) * intervalTicks, endTicks);
            var perInterval = rates[interval];
            if (perInterval > 0)
            {
                var gap = -Math.Log(1 - arrivalRandom.NextDouble()) * intervalTicks / perInterval;
                if (from + gap < boundary)
                {
                    Schedule(from + (long)gap, FutureEventKind.Arrival, queue);
                    return;
                }
            }

            from = boundary;
        }
    }

    private void Arrive(int queue)
    {
        ContactsSimulated++;
        var interval = IntervalOf(now);
        var template = contactTemplates[queue][PickLanguage(queue)];
        var outcome = engine.Enqueue(template, At(now));
        ref var tally = ref tallies[(interval * queueCount) + queue];
        if (!outcome.Accepted)
        {
            tally.Refused++;
            return;
        }

        tally.Offered++;
        if (contactCount == contacts.Length)
        {
            Array.Resize(ref contacts, contacts.Length * 2);
        }

        var index = contactCount++;
        if (outcome.Contact.Value != index + 1)
        {
            throw new InvalidOperationException($"The routing engine gave contact id {outcome.Contact.Value} to arrival {index + 1}; ids were expected in order.");
        }

        var estimate = outcome.ExpectedWait;
        contacts[index] = new ContactRecord
        {
            Queue = queue,
            Interval = interval,
            Arrival = now,
            // Only customers who queue hear a wait announcement; one offered at once was told nothing.
            Announced = estimate.IsKnown && outcome.Offer is null,
            Expected = estimate.IsKnown ? estimate.Expected.Ticks : 0,
            Low = estimate.IsKnown ? estimate.Low.Ticks : 0,
            High = estimate.IsKnown ? estimate.High.Ticks : 0,
            State = ContactFate.Waiting,
        };

        var definition = scenario.Queues[queue];
        if (outcome.CallbackOffered)
        {
            tally.CallbacksOffered++;
            if (definition.CallbackAcceptance > 0 && customerRandom.NextDouble() < definition.CallbackAcceptance
                && engine.RequestCallback(outcome.Contact, At(now)) == RoutingResult.Done)
            {
                tally.CallbacksRequested++;
                contacts[index].State = ContactFate.Callback;
                return;
            }
        }

        if (definition.Patience is { } patience)
        {
            var giveUp = now + Draw(patience, customerRandom);

            // React to the arrival first: a contact connected at once (an agent was free and answered at once) can
            // never abandon, so its patience, though drawn to keep the customer stream the same, needs no heap entry.
            Drain();
            if (contacts[index].State == ContactFate.Waiting)
            {
                Schedule(giveUp, FutureEventKind.Abandon, queue, outcome.Contact.Value);
            }
        }
    }

    private int PickLanguage(int queue)
    {
        var cumulative = languageCumulative[queue];
        if (cumulative.Length == 1)
        {
            return 0;
        }

        var u = customerRandom.NextDouble() * cumulative[^1];
        for (var l = 0; l < cumulative.Length - 1; l++)
        {
            if (u < cumulative[l])
            {
                return l;
            }
        }

        return cumulative.Length - 1;
    }

    /// <summary>The customer's patience ran out: they hang up unless an agent took them or they chose a callback.
    /// Scheduled at arrival unless the contact was connected at once, and left in the heap when answered later; it is
    /// ignored then, which is cheaper than removing it.</summary>
    private void Abandon(long contactId)
    {
        var index = (int)(contactId - 1);
        ref var contact = ref contacts[index];
        if (contact.State != ContactFate.Waiting)
        {
            return;
        }

        if (engine.Abandon(new ContactId(contactId), At(now)) == RoutingResult.Done)
        {
            contact.State = ContactFate.Abandoned;
            ref var tally = ref tallies[(contact.Interval * queueCount) + contact.Queue];
            tally.Abandoned++;
            if (now - contact.Arrival < shortAbandonTicks)
            {
                tally.ShortAbandoned++;
            }
        }
    }

    private void SignIn(int agent)
    {
        ref var record = ref agents[agent];
        record.SignedIn = true;
        record.StaffedSince = now;
        engine.SetPresence(record.Id, Presence.Available, At(now));
    }

    /// <summary>End of shift: sign off at once when free; otherwise take a break (no new work, live offers withdrawn)
    /// and sign off when the last contact in hand completes.</summary>
    private void TrySignOff(int agent)
    {
        ref var record = ref agents[agent];
        if (!record.SignedIn)
        {
            return;
        }

        if (engine.SetPresence(record.Id, Presence.Offline, At(now)) == RoutingResult.Done)
        {
            record.SignedIn = false;
            AddSpan(intervalStaffed, record.StaffedSince, now);
            groupStaffed[record.Group] += now - record.StaffedSince;
        }
        else if (!record.OnEndOfShiftBreak)
        {
            record.OnEndOfShiftBreak = true;
            engine.SetPresence(record.Id, Presence.Break, At(now), "end of shift");
        }
    }

    /// <summary>Reacts to every event the engine has recorded since the last drain, including those that reacting
    /// makes it record, in order; then acknowledges them all.</summary>
    /// <remarks>Events are read in place in the engine's buffer: it is cleared only here, and should it grow while
    /// reacting, the event being read stays intact in the old array.</remarks>
    private void Drain()
    {
        for (var i = 0; i < engine.PendingEvents.Length; i++)
        {
            ref readonly var e = ref engine.PendingEvents[i];
            EventsProcessed++;
            Observer?.Invoke(in e);
            React(in e);
        }

        engine.ClearPendingEvents();
    }

    private void React(in RoutingEvent e)
    {
        var at = TicksOf(e.At);
        switch (e.Type)
        {
            case RoutingEventType.ContactOffered:
            {
                var agent = agentIndex[e.Agent!.Value.Value];
                var group = agents[agent].Group;
                if (answersAtOnce[group])
                {
                    Answer(agent, e.Offer);
                    break;
                }

                var delay = Draw(scenario.AgentGroups[group].AnswerDelay, agentRandom);
                Schedule(Math.Max(at, now) + delay, FutureEventKind.Answer, agent, e.Offer.Value);
                break;
            }

            case RoutingEventType.OfferAccepted:
                Answered(e, at);
                break;
            case RoutingEventType.ConversationEnded:
            {
                var queue = contacts[e.Contact.Value - 1].Queue;
                if (wrapsUpAtOnce[queue])
                {
                    // Refused harmlessly when the queue's wrap-up limit completed the contact first.
                    engine.FinishWrapUp(e.Contact, Resolved, At(now));
                    break;
                }

                Schedule(Math.Max(at, now) + Draw(scenario.Queues[queue].WrapUpTime, workRandom), FutureEventKind.FinishWrapUp, queue, e.Contact.Value);
                break;
            }

            case RoutingEventType.ContactCompleted:
            {
                var agent = agentIndex[e.Agent!.Value.Value];
                ref var record = ref agents[agent];
                record.InHand--;
                if (record.InHand == 0)
                {
                    AddSpan(intervalBusy, record.BusySince, at);
                    groupBusy[record.Group] += at - record.BusySince;
                    if (record.Ending)
                    {
                        TrySignOff(agent);
                    }
                }

                break;
            }

            case RoutingEventType.AgentPresenceChanged when e.Number == (int)Presence.NotResponding:
            {
                var agent = agentIndex[e.Agent!.Value.Value];
                Schedule(Math.Max(at, now) + RecoveryTicks, FutureEventKind.Recover, agent);
                break;
            }

            default:
                break;
        }
    }

    private void Answered(in RoutingEvent e, long at)
    {
        ref var contact = ref contacts[e.Contact.Value - 1];
        ref var tally = ref tallies[(contact.Interval * queueCount) + contact.Queue];
        tally.Answered++;
        if (contact.State == ContactFate.Callback)
        {
            tally.CallbacksConnected++;
        }
        else
        {
            var wait = at - contact.Arrival;
            tally.AnsweredLive++;
            tally.WaitTicks += wait;
            tally.LongestWait = Math.Max(tally.LongestWait, wait);
            if (wait <= thresholdTicks[contact.Queue])
            {
                tally.WithinThreshold++;
            }

            if (contact.Announced)
            {
                tally.EstimatesCompared++;
                tally.EstimateErrorTicks += Math.Abs(wait - contact.Expected);
                tally.EstimateBiasTicks += wait - contact.Expected;
                if (wait >= contact.Low && wait <= contact.High)
                {
                    tally.EstimatesWithinRange++;
                }
            }
        }

        contact.State = ContactFate.Connected;

        var agent = agentIndex[e.Agent!.Value.Value];
        ref var record = ref agents[agent];
        if (record.InHand++ == 0)
        {
            record.BusySince = at;
        }

        Schedule(Math.Max(at, now) + Draw(scenario.Queues[contact.Queue].HandleTime, workRandom), FutureEventKind.Complete, contact.Queue, e.Contact.Value);
    }

    private int IntervalOf(long ticks) => (int)Math.Min(ticks / intervalTicks, intervals - 1);

    /// <summary>Adds the span [from, to) to the per-interval totals, split at interval boundaries.</summary>
    private void AddSpan(long[] perInterval, long from, long to)
    {
        from = Math.Max(from, 0);
        to = Math.Min(to, endTicks);
        while (from < to)
        {
            var interval = IntervalOf(from);
            var boundary = Math.Min((interval + 1) * intervalTicks, to);
            perInterval[interval] += boundary - from;
            from = boundary;
        }
    }

    /// <summary>Closes the spans of agents still signed in or busy when the period ends, and counts contacts still waiting.</summary>
    private void Close()
    {
        for (var a = 0; a < agents.Length; a++)
        {
            ref var record = ref agents[a];
            if (record.SignedIn)
            {
                AddSpan(intervalStaffed, record.StaffedSince, endTicks);
                groupStaffed[record.Group] += endTicks - record.StaffedSince;
            }

            if (record.InHand > 0)
            {
                AddSpan(intervalBusy, record.BusySince, endTicks);
                groupBusy[record.Group] += endTicks - record.BusySince;
            }
        }

        for (var i = 0; i < contactCount; i++)
        {
            ref var contact = ref contacts[i];
            if (contact.State is ContactFate.Waiting or ContactFate.Callback)
            {
                tallies[(contact.Interval * queueCount) + contact.Queue].WaitingAtEnd++;
            }
        }
    }

    private static bool IsZero(Distribution distribution) =>
        distribution.Kind == DistributionKind.Fixed && distribution.Mean == TimeSpan.Zero;

    private static long Draw(Distribution distribution, Random random)
    {
        var mean = distribution.Mean.Ticks;
        switch (distribution.Kind)
        {
            case DistributionKind.Fixed:
                return mean;
            case DistributionKind.Exponential:
                return (long)(-Math.Log(1 - random.NextDouble()) * mean);
            case DistributionKind.LogNormal:
            {
                // Parameters of the underlying normal from the log-normal's mean m and standard deviation s:
                // sigma^2 = ln(1 + s^2/m^2), mu = ln(m) - sigma^2/2.
                var m = (double)mean;
                var s = (double)distribution.StandardDeviation.GetValueOrDefault().Ticks;
                var sigma2 = Math.Log(1 + (s * s / (m * m)));
                var mu = Math.Log(m) - (sigma2 / 2);
                return (long)Math.Exp(mu + (Math.Sqrt(sigma2) * StandardNormal(random)));
            }

            default:
                throw new InvalidOperationException($"Unknown distribution {distribution.Kind}.");
        }
    }

    /// <summary>A standard normal draw by the Box-Muller transform (Random has no Gaussian of its own).</summary>
    private static double StandardNormal(Random random)
    {
        var u1 = 1 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    private SimulationReport BuildReport()
    {
        var queueTotals = new Tally[queueCount];
        var intervalReports = new List<IntervalFigures>(intervals);
        for (var i = 0; i < intervals; i++)
        {
            var figures = new List<QueueFigures>(queueCount);
            var total = default(Tally);
            for (var q = 0; q < queueCount; q++)
            {
                var tally = tallies[(i * queueCount) + q];
                figures.Add(Figures(scenario.Queues[q], tally));
                queueTotals[q].Add(tally);
                total.Add(tally);
            }

            intervalReports.Add(new IntervalFigures(
                At(i * intervalTicks), figures, Figures(null, total), TimeSpan.FromTicks(intervalStaffed[i]), Ratio(intervalBusy[i], intervalStaffed[i])));
        }

        var queues = new List<QueueFigures>(queueCount);
        var grand = default(Tally);
        for (var q = 0; q < queueCount; q++)
        {
            queues.Add(Figures(scenario.Queues[q], queueTotals[q]));
            grand.Add(queueTotals[q]);
        }

        var groups = new List<AgentGroupFigures>(scenario.AgentGroups.Count);
        for (var g = 0; g < scenario.AgentGroups.Count; g++)
        {
            groups.Add(new AgentGroupFigures(
                scenario.AgentGroups[g].Name,
                scenario.AgentGroups[g].Count,
                TimeSpan.FromTicks(groupStaffed[g]),
                TimeSpan.FromTicks(groupBusy[g]),
                Ratio(groupBusy[g], groupStaffed[g])));
        }

        return new SimulationReport(
            scenario.Name,
            seed,
            scenario.Start,
            scenario.Duration,
            scenario.IntervalLength,
            new ReportDefinitions(scenario.ShortAbandonThreshold),
            queues,
            Figures(null, grand),
            groups,
            intervalReports);
    }

    private static double? Ratio(long part, long whole) => whole > 0 ? (double)part / whole : null;

    private static QueueFigures Figures(QueueScenario? queue, Tally t)
    {
        var serviceLevelBase = t.AnsweredLive + t.Abandoned - t.ShortAbandoned;
        return new QueueFigures(
            queue?.Id ?? "all",
            queue?.ServiceLevelThreshold,
            t.Offered,
            t.Answered,
            t.AnsweredLive,
            t.WithinThreshold,
            t.Abandoned,
            t.ShortAbandoned,
            t.WaitingAtEnd,
            t.Refused,
            t.CallbacksOffered,
            t.CallbacksRequested,
            t.CallbacksConnected,
            serviceLevelBase > 0 ? (double)t.WithinThreshold / serviceLevelBase : null,
            t.AnsweredLive > 0 ? TimeSpan.FromTicks(t.WaitTicks / t.AnsweredLive) : null,
            t.AnsweredLive > 0 ? TimeSpan.FromTicks(t.LongestWait) : null,
            t.EstimatesCompared,
            t.EstimatesCompared > 0 ? TimeSpan.FromTicks(t.EstimateErrorTicks / t.EstimatesCompared) : null,
            t.EstimatesCompared > 0 ? TimeSpan.FromTicks(t.EstimateBiasTicks / t.EstimatesCompared) : null,
            t.EstimatesCompared > 0 ? (double)t.EstimatesWithinRange / t.EstimatesCompared : null);
    }

    private enum ContactFate : byte
    {
        Waiting = 1,
        Callback = 2,
        Connected = 3,
        Abandoned = 4,
    }

    private struct ContactRecord
    {
        public int Queue;
        public int Interval;
        public long Arrival;
        public bool Announced;
        public long Expected;
        public long Low;
        public long High;
        public ContactFate State;
    }

    private struct AgentRecord
    {
        public AgentId Id;
        public int Group;
        public bool SignedIn;
        public bool Ending;
        public bool OnEndOfShiftBreak;
        public int InHand;
        public long BusySince;
        public long StaffedSince;
    }

    /// <summary>Counts and sums for one queue in one interval (or added up over several).</summary>
    private struct Tally
    {
        public int Offered;
        public int Answered;
        public int AnsweredLive;
        public int WithinThreshold;
        public int Abandoned;
        public int ShortAbandoned;
        public int WaitingAtEnd;
        public int Refused;
        public int CallbacksOffered;
        public int CallbacksRequested;
        public int CallbacksConnected;
        public long WaitTicks;
        public long LongestWait;
        public int EstimatesCompared;
        public long EstimateErrorTicks;
        public long EstimateBiasTicks;
        public int EstimatesWithinRange;

        public void Add(in Tally other)
        {
            Offered += other.Offered;
            Answered += other.Answered;
            AnsweredLive += other.AnsweredLive;
            WithinThreshold += other.WithinThreshold;
            Abandoned += other.Abandoned;
            ShortAbandoned += other.ShortAbandoned;
            WaitingAtEnd += other.WaitingAtEnd;
            Refused += other.Refused;
            CallbacksOffered += other.CallbacksOffered;
            CallbacksRequested += other.CallbacksRequested;
            CallbacksConnected += other.CallbacksConnected;
            WaitTicks += other.WaitTicks;
            LongestWait = Math.Max(LongestWait, other.LongestWait);
            EstimatesCompared += other.EstimatesCompared;
            EstimateErrorTicks += other.EstimateErrorTicks;
            EstimateBiasTicks += other.EstimateBiasTicks;
            EstimatesWithinRange += other.EstimatesWithinRange;
        }
    }
}

internal enum FutureEventKind : byte
{
    Arrival = 1,
    Answer = 2,
    Complete = 3,
    FinishWrapUp = 4,
    Abandon = 5,
    ShiftStart = 6,
    ShiftEnd = 7,
    Recover = 8,
}

/// <summary>A simulator event: what happens (<see cref="Kind"/>) to which queue or agent (<see cref="Index"/>) and which contact or offer (<see cref="Id"/>).</summary>
internal readonly record struct FutureEvent(FutureEventKind Kind, int Index, long Id);

/// <summary>Heap order: by time, then by scheduling order, so ties resolve the same way on every run.</summary>
internal readonly record struct EventOrder(long Ticks, long Sequence) : IComparable<EventOrder>
{
    public int CompareTo(EventOrder other) => Ticks != other.Ticks ? Ticks.CompareTo(other.Ticks) : Sequence.CompareTo(other.Sequence);
}
