using System.Diagnostics;
using Switchboard.Agents;
using Switchboard.Contacts;
using Switchboard.Queues;
using Switchboard.Routing;
using Switchboard.Skills;

namespace Switchboard.Benchmarks;

/// <summary>Shape of a routing load: how many agents, queues, skills and waiting contacts.</summary>
public sealed record RoutingScale(int Agents, int Queues, int Skills, int Waiting, int Seed = 42);

/// <summary>
/// A centre held in steady overload: every agent busy, <see cref="RoutingScale.Waiting"/> contacts waiting.
/// Each <see cref="Step"/> is one turn of a contact centre's life: an agent finishes a contact (the engine picks
/// their next one: a decision), accepts it, and a new contact arrives (the engine finds nobody free: a decision);
/// now and then an agent takes a short break, which withdraws an offer and routes it again.
/// </summary>
public sealed class RoutingWorkload
{
    private static readonly DateTimeOffset Start = new(2026, 11, 30, 8, 0, 0, TimeSpan.Zero);
    private static readonly Disposition Resolved = new("resolved");

    private readonly RoutingEngine engine;
    private readonly Random random;
    private readonly NewContact[] templates;
    private readonly AgentId[] agentIds;
    // Keyed by the id's string instance: the engine hands back the very AgentId it was given.
    private readonly Dictionary<string, int> agentIndex = new(ReferenceEqualityComparer.Instance);
    private readonly ContactId[] connected;
    private DateTimeOffset now = Start;
    private long step;

    public RoutingWorkload(RoutingScale scale)
    {
        Scale = scale;
        random = new Random(scale.Seed);
        engine = new RoutingEngine(new RoutingOptions { PriorityAgingStep = TimeSpan.FromMinutes(1), FinishedRetention = TimeSpan.FromMinutes(1) });
        var english = new Language("en");
        var spanish = new Language("es");

        var queueIds = new QueueId[scale.Queues];
        for (var q = 0; q < scale.Queues; q++)
        {
            queueIds[q] = new QueueId("q" + q);
            var skill = new Skill("s" + (q % scale.Skills));
            var definition = new QueueDefinition(queueIds[q], [
                new RoutingStage(TimeSpan.Zero, [new SkillRequirement(skill, new Proficiency(3))]),
                new RoutingStage(TimeSpan.FromSeconds(30), [new SkillRequirement(skill, Proficiency.Any)]),
            ]) { OfferTimeout = TimeSpan.FromSeconds(20), WrapUpLimit = TimeSpan.FromMinutes(2) };
            Require(engine.ConfigureQueue(definition, now));
        }

        // Four in five customers speak English; each queue gets two templates (one per language), reused as adapters do.
        templates = new NewContact[scale.Queues * 5];
        for (var q = 0; q < scale.Queues; q++)
        {
            for (var k = 0; k < 5; k++)
            {
                templates[(q * 5) + k] = new NewContact(Channel.Voice, queueIds[q], k == 4 ? spanish : english) { Priority = k == 0 ? 1 : 0 };
            }
        }

        agentIds = new AgentId[scale.Agents];
        connected = new ContactId[scale.Agents];
        for (var a = 0; a < scale.Agents; a++)
        {
            agentIds[a] = new AgentId("a" + a.ToString("D6", System.Globalization.CultureInfo.InvariantCulture));
            agentIndex[agentIds[a].Value] = a;
            var skills = new List<AgentSkill> { new(new Skill("s" + (a % scale.Skills)), new Proficiency(random.Next(1, 6))) };
            while (skills.Count < 4)
            {
                var s = new Skill("s" + random.Next(scale.Skills));
                if (!skills.Exists(x => x.Skill == s))
                {
                    skills.Add(new AgentSkill(s, new Proficiency(random.Next(1, 6))));
                }
            }

            var languages = new List<AgentLanguage> { new(english, Proficiency.Expert) };
            if (random.NextDouble() < 0.3)
            {
                languages.Add(new AgentLanguage(spanish, Proficiency.Expert));
            }

            Require(engine.ConfigureAgent(new AgentProfile(agentIds[a], skills, languages), now));
        }

        // Contacts first, so that every agent signing in finds work and the queue stays full.
        for (var i = 0; i < scale.Waiting + scale.Agents; i++)
        {
            Require(engine.Enqueue(NextTemplate(), now).Result);
        }

        engine.ClearPendingEvents();
        for (var a = 0; a < scale.Agents; a++)
        {
            Require(engine.SetPresence(agentIds[a], Presence.Available, now));
            AcceptOffers();
        }

        engine.ClearPendingEvents();
    }

    public RoutingScale Scale { get; }

    public RoutingEngine Engine => engine;

    /// <summary>Routing decisions the engine has made so far (arrivals, freed agents, stages reached, offers returned).</summary>
    public long Decisions => engine.Decisions;

    /// <summary>Contacts still waiting (the load) and busy agents, for a sanity check of the steady state.</summary>
    public int BusyAgents
    {
        get
        {
            var busy = 0;
            foreach (var c in connected)
            {
                busy += c.Value != 0 ? 1 : 0;
            }

            return busy;
        }
    }

    /// <summary>One turn.</summary>
    public void Step() => Turn(timed: false);

    /// <summary>One turn, returning the latency of its two timed decisions (an agent freed, a contact arriving) in Stopwatch ticks.</summary>
    public (long Finish, long Arrival) StepTimed() => Turn(timed: true);

    private (long Finish, long Arrival) Turn(bool timed)
    {
        step++;
        now = now.AddMilliseconds(2);
        var a = random.Next(agentIds.Length);
        var contact = connected[a];
        long finishTicks = 0;
        if (contact.Value != 0)
        {
            Require(engine.Complete(contact, now));
            var t0 = timed ? Stopwatch.GetTimestamp() : 0;
            Require(engine.FinishWrapUp(contact, Resolved, now));
            finishTicks = timed ? Stopwatch.GetTimestamp() - t0 : 0;
            connected[a] = default;
            if (step % 64 == 0)
            {
                // A short break withdraws the offer just made; coming back routes the agent again.
                Require(engine.SetPresence(agentIds[a], Presence.Break, now, "comfort"));
                Require(engine.SetPresence(agentIds[a], Presence.Available, now));
            }

            AcceptOffers();
        }

        var t1 = timed ? Stopwatch.GetTimestamp() : 0;
        var arrival = engine.Enqueue(NextTemplate(), now);
        var arrivalTicks = timed ? Stopwatch.GetTimestamp() - t1 : 0;
        Require(arrival.Result);
        AcceptOffers();
        return (finishTicks, arrivalTicks);
    }

    private NewContact NextTemplate() => templates[random.Next(templates.Length)];

    private void AcceptOffers()
    {
        foreach (ref readonly var e in engine.PendingEvents)
        {
            if (e.Type == RoutingEventType.ContactOffered)
            {
                var reply = engine.Accept(e.Offer, now);
                if (reply == OfferReply.Accepted)
                {
                    connected[agentIndex[e.Agent!.Value.Value]] = e.Contact;
                }
                else if (reply != OfferReply.Withdrawn)
                {
                    throw new InvalidOperationException($"Offer {e.Offer} was answered {reply}.");
                }
            }
        }

        engine.ClearPendingEvents();
    }

    private static void Require(RoutingResult result)
    {
        if (result != RoutingResult.Done)
        {
            throw new InvalidOperationException($"The workload expected Done, got {result}.");
        }
    }
}
