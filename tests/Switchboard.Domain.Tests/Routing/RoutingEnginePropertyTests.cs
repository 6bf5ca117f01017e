using CsCheck;
using Switchboard.Agents;
using Switchboard.Contacts;
using Switchboard.Queues;
using Switchboard.Routing;
using Switchboard.Skills;

namespace Switchboard.Tests.Routing;

/// <summary>
/// Random day-in-the-life runs of 10,000+ operations against the engine, checking its invariants on every step
/// against an independent model built only from the public definitions and the event log.
/// </summary>
public class RoutingEnginePropertyTests
{
    [Fact]
    public void RandomOperations_KeepEveryInvariant_AndReplayToTheSameState() =>
        Gen.Int[0, int.MaxValue].Sample(seed => new Run(seed, aging: false).Execute(10_000), iter: 3, threads: 1);

    [Fact]
    public void RandomOperations_WithPriorityAging_KeepEveryInvariant() =>
        Gen.Int[0, int.MaxValue].Sample(seed => new Run(seed, aging: true).Execute(10_000), iter: 2, threads: 1);

    [Fact]
    public void ShortRandomRuns_KeepEveryInvariant() =>
        Gen.Int[0, int.MaxValue].Sample(seed => new Run(seed, aging: seed % 2 == 0).Execute(300), iter: 60, threads: 1);

    private sealed class ModelContact
    {
        public required long Id { get; init; }
        public required NewContact Details { get; init; }
        public required QueueId Queue { get; set; }
        public required Channel Channel { get; set; }
        public required ContactState State { get; set; }
        public required DateTimeOffset OrderArrival { get; init; }
        public required int Priority { get; init; }
        public int Stage { get; set; }
        public bool Scheduled { get; init; }
        public bool WindowOpen { get; set; }
        public AgentId? Agent { get; set; }

        public bool Routable => State == ContactState.Waiting || (State == ContactState.CallbackPending && (!Scheduled || WindowOpen));
    }

    private sealed class ModelAgent(AgentProfile profile)
    {
        public AgentProfile Profile { get; } = profile;
        public Presence Chosen { get; set; } = Presence.Offline;
        public HashSet<Skill> Expired { get; } = [];
        public List<long> Held { get; } = [];
    }

    private sealed class Run
    {
        private static readonly DateTimeOffset Start = new(2026, 11, 30, 8, 0, 0, TimeSpan.Zero);
        private static readonly string[] SkillNames = ["billing", "tech", "sales"];
        private static readonly string[] LanguageTags = ["en", "es", "fr"];

        private readonly Random random;
        private readonly bool aging;
        private readonly RoutingOptions options;
        private readonly RoutingEngine engine;
        private readonly Dictionary<QueueId, QueueDefinition> queues = [];
        private readonly List<QueueId> queueIds = [];
        private readonly Dictionary<AgentId, ModelAgent> agents = [];
        private readonly Dictionary<long, ModelContact> contacts = [];
        private readonly Dictionary<long, (long Contact, AgentId Agent)> liveOffers = [];
        private readonly List<RoutingEvent> log = [];
        private DateTimeOffset now = Start;

        public Run(int seed, bool aging)
        {
            random = new Random(seed);
            this.aging = aging;
            options = new RoutingOptions
            {
                PriorityAgingStep = aging ? TimeSpan.FromSeconds(45) : null,
                MissedOffersBeforeNotResponding = 2,
                MinimumWrapUp = random.Next(2) == 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(5),
                MaximumConsecutiveContacts = random.Next(2) == 0 ? null : 4,
                FinishedRetention = TimeSpan.FromDays(30),
            };
            engine = new RoutingEngine(options);
            Define(new QueueDefinition(new QueueId("billing"), [
                new RoutingStage(TimeSpan.Zero, [new SkillRequirement("billing", 3)]),
                new RoutingStage(TimeSpan.FromSeconds(30), [new SkillRequirement("billing", 1)]),
                new RoutingStage(TimeSpan.FromSeconds(90), [new SkillRequirement("billing", 1)]) { Language = LanguageRule.Interpreter },
            ]) { WrapUpLimit = TimeSpan.FromSeconds(60), MaximumWaiting = 40 });
            Define(new QueueDefinition(new QueueId("tech"), [
                new RoutingStage(TimeSpan.Zero, [new SkillRequirement("tech", 2)]) { MinimumLanguageProficiency = new Proficiency(3) },
                RoutingStage.Overflow(TimeSpan.FromSeconds(60), new QueueId("billing")),
            ]) { Selection = AgentSelection.LeastOccupied, OfferTimeout = TimeSpan.FromSeconds(10) });
            Define(new QueueDefinition(new QueueId("sales"), [new RoutingStage(TimeSpan.Zero, [new SkillRequirement("sales")])])
            {
                Selection = AgentSelection.MostProficient,
                WrapUpLimit = null,
                CallbackOfferThreshold = TimeSpan.FromMinutes(2),
            });

            for (var i = 0; i < 12; i++)
            {
                var skills = SkillNames.Where(_ => random.Next(3) > 0)
                    .Select(s => new AgentSkill(s, random.Next(1, 6), random.Next(6) == 0 ? Start.AddSeconds(random.Next(600, 20_000)) : null))
                    .ToList();
                var languages = LanguageTags.Where((_, k) => k == 0 ? random.Next(4) > 0 : random.Next(3) == 0)
                    .Select(l => new AgentLanguage(l, random.Next(1, 6)))
                    .ToList();
                var capacity = new ChannelCapacity(voice: random.Next(5) == 0 ? 0 : 1, chat: random.Next(4), email: random.Next(3));
                var profile = new AgentProfile(new AgentId($"a{i:D2}"), skills, languages, capacity);
                agents.Add(profile.Id, new ModelAgent(profile));
                Check(engine.ConfigureAgent(profile, now) == RoutingResult.Done, "configure agent");
            }

            Drain();
        }

        public void Execute(int operations)
        {
            for (var step = 0; step < operations; step++)
            {
                now = now.AddMilliseconds(random.Next(0, 3_000));
                Operate();
                Drain();
                CheckState(full: step % 97 == 0);
                if (step == operations / 2)
                {
                    CheckReplay();
                }
            }

            CheckReplay();
        }

        private void Define(QueueDefinition queue)
        {
            queues.Add(queue.Id, queue);
            queueIds.Add(queue.Id);
            Check(engine.ConfigureQueue(queue, now) == RoutingResult.Done, "configure queue");
        }

        private T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];

        private void Operate()
        {
            var roll = random.Next(100);
            var live = contacts.Values.Where(c => c.State is not (ContactState.Completed or ContactState.Abandoned)).ToList();
            switch (roll)
            {
                case < 22:
                    var queue = Pick(queueIds);
                    var channel = Pick(new[] { Channel.Voice, Channel.Voice, Channel.Chat, Channel.Email, Channel.Callback });
                    var contact = new NewContact(channel, queue, new Language(Pick(new[] { "en-GB", "en", "es-MX", "fr", "de" })))
                    {
                        Priority = random.Next(4) == 0 ? random.Next(1, 3) : 0,
                        RequiredSkills = random.Next(8) == 0 ? [new SkillRequirement(Pick(SkillNames), 1)] : [],
                    };
                    var outcome = engine.Enqueue(contact, now);
                    Check(outcome.Result is RoutingResult.Done or RoutingResult.QueueFull, $"enqueue {outcome.Result}");
                    break;
                case < 25:
                    var start = now.AddSeconds(random.Next(-60, 600));
                    var booking = new CallbackBooking(new NewContact(Channel.Callback, Pick(queueIds), new Language("en")), new CallbackWindow(start, start.AddMinutes(random.Next(1, 20))));
                    engine.ScheduleCallback(booking, now);
                    break;
                case < 45 when liveOffers.Count > 0:
                    var offer = Pick(liveOffers.Keys.ToList());
                    // Time moved on since the offer was seen: its timer (or another agent's missed offer) may have ended it first.
                    var reply = engine.Accept(new OfferId(offer), now);
                    Check(reply is OfferReply.Accepted or OfferReply.Expired or OfferReply.Withdrawn, $"accept a live offer: {reply}");
                    var again = engine.Accept(new OfferId(offer), now);
                    Check(again == (reply == OfferReply.Accepted ? OfferReply.AlreadyAccepted : reply), $"accept twice: {again}");
                    break;
                case < 50 when liveOffers.Count > 0:
                    var rejected = Pick(liveOffers.Keys.ToList());
                    var answer = engine.Reject(new OfferId(rejected), now);
                    Check(answer is OfferReply.Rejected or OfferReply.Expired or OfferReply.Withdrawn, $"reject a live offer: {answer}");
                    break;
                case < 55 when live.Count > 0:
                    var leaving = Pick(live);
                    var abandoned = engine.Abandon(new ContactId(leaving.Id), now);
                    var mayAbandon = leaving.State is ContactState.Waiting or ContactState.Offered or ContactState.CallbackPending;
                    Check(abandoned == RoutingResult.Done || !mayAbandon, $"abandon from {leaving.State}: {abandoned}");
                    break;
                case < 70:
                    var connected = live.Where(c => c.State == ContactState.Connected).ToList();
                    if (connected.Count > 0)
                    {
                        var target = Pick(connected);
                        if (random.Next(6) == 0)
                        {
                            engine.Transfer(new ContactId(target.Id), Pick(queueIds), now);
                        }
                        else
                        {
                            Check(engine.Complete(new ContactId(target.Id), now) == RoutingResult.Done, "complete");
                        }
                    }

                    break;
                case < 82:
                    var wrapping = live.Where(c => c.State == ContactState.WrapUp).ToList();
                    if (wrapping.Count > 0)
                    {
                        engine.FinishWrapUp(new ContactId(Pick(wrapping).Id), new Disposition("resolved", "question"), now);
                    }

                    break;
                case < 85:
                    var waiting = live.Where(c => c.State == ContactState.Waiting).ToList();
                    if (waiting.Count > 0)
                    {
                        engine.RequestCallback(new ContactId(Pick(waiting).Id), now);
                    }

                    break;
                case < 95:
                    var agent = Pick(agents.Keys.ToList());
                    var presence = Pick(new[] { Presence.Available, Presence.Available, Presence.Available, Presence.Break, Presence.Offline });
                    var result = engine.SetPresence(agent, presence, now, presence == Presence.Break ? "lunch" : null);
                    Check(result is RoutingResult.Done or RoutingResult.AgentHoldsContacts, $"presence {result}");
                    break;
                default:
                    now = now.AddSeconds(random.Next(1, 60));
                    engine.AdvanceTo(now);
                    break;
            }
        }

        /// <summary>Reads the new events, checks the offer rules against the model as it stood, and updates the model.</summary>
        private void Drain()
        {
            foreach (var e in engine.PendingEvents)
            {
                Check(e.Sequence == log.Count + 1, "events are numbered without gaps");
                Check(log.Count == 0 || log[^1].At <= e.At, "events are in time order");
                log.Add(e);
                Observe(e);
            }

            engine.ClearPendingEvents();
        }

        private void Observe(RoutingEvent e)
        {
            switch (e.Type)
            {
                case RoutingEventType.AgentPresenceChanged:
                    agents[e.Agent!.Value].Chosen = (Presence)e.Number;
                    break;
                case RoutingEventType.CertificationExpired:
                    agents[e.Agent!.Value].Expired.Add((Skill)e.Detail!);
                    break;
                case RoutingEventType.ContactQueued:
                    var details = (NewContact)e.Detail!;
                    contacts.Add(e.Contact.Value, new ModelContact
                    {
                        Id = e.Contact.Value,
                        Details = details,
                        Queue = details.Queue,
                        Channel = details.Channel,
                        State = details.Channel == Channel.Callback ? ContactState.CallbackPending : ContactState.Waiting,
                        OrderArrival = e.At,
                        Priority = details.Priority,
                    });
                    break;
                case RoutingEventType.CallbackScheduled:
                    var booking = (CallbackBooking)e.Detail!;
                    contacts.Add(e.Contact.Value, new ModelContact
                    {
                        Id = e.Contact.Value,
                        Details = booking.Contact,
                        Queue = booking.Contact.Queue,
                        Channel = Channel.Callback,
                        State = ContactState.CallbackPending,
                        OrderArrival = booking.Window.Start,
                        Priority = queues[booking.Contact.Queue].ScheduledCallbackPriority,
                        Scheduled = true,
                    });
                    break;
                case RoutingEventType.CallbackWindowOpened:
                    contacts[e.Contact.Value].WindowOpen = true;
                    contacts[e.Contact.Value].Stage = 0;
                    break;
                case RoutingEventType.ContactStageReached:
                    Check(contacts[e.Contact.Value].Stage == e.Number - 1, "stages are reached one by one");
                    contacts[e.Contact.Value].Stage = e.Number;
                    break;
                case RoutingEventType.ContactOffered:
                    CheckOffer(contacts[e.Contact.Value], agents[e.Agent!.Value], e.At);
                    liveOffers.Add(e.Offer.Value, (e.Contact.Value, e.Agent!.Value));
                    contacts[e.Contact.Value].State = ContactState.Offered;
                    contacts[e.Contact.Value].Agent = e.Agent;
                    agents[e.Agent!.Value].Held.Add(e.Contact.Value);
                    break;
                case RoutingEventType.OfferAccepted:
                    Check(liveOffers.Remove(e.Offer.Value), "only live offers are accepted");
                    contacts[e.Contact.Value].State = ContactState.Connected;
                    break;
                case RoutingEventType.OfferRejected or RoutingEventType.OfferExpired or RoutingEventType.OfferWithdrawn:
                    Check(liveOffers.Remove(e.Offer.Value), "only live offers end");
                    var back = contacts[e.Contact.Value];
                    back.State = back.Channel == Channel.Callback ? ContactState.CallbackPending : ContactState.Waiting;
                    back.Agent = null;
                    agents[e.Agent!.Value].Held.Remove(e.Contact.Value);
                    break;
                case RoutingEventType.ContactAbandoned:
                    contacts[e.Contact.Value].State = ContactState.Abandoned;
                    break;
                case RoutingEventType.CallbackRequested:
                    contacts[e.Contact.Value].State = ContactState.CallbackPending;
                    contacts[e.Contact.Value].Channel = Channel.Callback;
                    break;
                case RoutingEventType.ContactTransferred:
                    var moved = contacts[e.Contact.Value];
                    agents[moved.Agent!.Value].Held.Remove(moved.Id);
                    moved.Agent = null;
                    moved.Queue = e.Queue!.Value;
                    moved.Stage = 0;
                    moved.State = moved.Channel == Channel.Callback ? ContactState.CallbackPending : ContactState.Waiting;
                    break;
                case RoutingEventType.ConversationEnded:
                    contacts[e.Contact.Value].State = ContactState.WrapUp;
                    break;
                case RoutingEventType.ContactCompleted:
                    var done = contacts[e.Contact.Value];
                    Check(done.State == ContactState.WrapUp, "only wrap-ups complete");
                    done.State = ContactState.Completed;
                    agents[done.Agent!.Value].Held.Remove(done.Id);
                    break;
            }
        }

        private void CheckOffer(ModelContact contact, ModelAgent agent, DateTimeOffset at)
        {
            Check(contact.Routable, $"contact {contact.Id} offered while {contact.State}");
            Check(!liveOffers.Values.Any(o => o.Contact == contact.Id), $"contact {contact.Id} already has a live offer");
            Check(agent.Chosen == Presence.Available, $"offer to {agent.Profile.Id} who is {agent.Chosen}");
            Check(Eligible(agent, contact, at), $"offer of {contact.Id} to {agent.Profile.Id} who does not qualify");
            Check(HasRoom(agent, contact.Channel), $"offer of {contact.Id} to {agent.Profile.Id} who has no room");

            // Within its queue at equal effective priority, nobody who arrived earlier and whom this agent could take is passed over.
            foreach (var other in contacts.Values)
            {
                if (other.Id == contact.Id || !other.Routable || other.Queue != contact.Queue
                    || !Eligible(agent, other, at) || !HasRoom(agent, other.Channel))
                {
                    continue;
                }

                var (otherKey, key) = (OrderKey(other), OrderKey(contact));
                Check(otherKey.CompareTo(key) > 0, $"contact {contact.Id} served before {other.Id}, which comes first in {contact.Queue}");
            }
        }

        /// <summary>The service order the rules define: effective priority first, then arrival, then id.</summary>
        private (double, DateTimeOffset, long) OrderKey(ModelContact c) =>
            aging
                ? (c.OrderArrival.Ticks - (c.Priority * options.PriorityAgingStep!.Value.Ticks), c.OrderArrival, c.Id)
                : (-c.Priority, c.OrderArrival, c.Id);

        private bool Eligible(ModelAgent agent, ModelContact contact, DateTimeOffset at)
        {
            if (agent.Profile.Capacity.For(contact.Channel) == 0)
            {
                return false;
            }

            var queue = queues[contact.Queue];
            for (var s = 0; s <= contact.Stage && s < queue.Stages.Count; s++)
            {
                var stage = queue.Stages[s];
                var criteria = stage.OverflowTo is { } target ? queues[target].Stages[0] : stage;
                var skillsMet = criteria.Skills.Concat(contact.Details.RequiredSkills).All(need =>
                    agent.Profile.Skills.Any(held => held.Skill == need.Skill && held.Proficiency >= need.Minimum
                        && !agent.Expired.Contains(held.Skill) && held.IsRoutableAt(at)));
                var languageMet = criteria.Language == LanguageRule.Interpreter
                    || agent.Profile.Languages.Any(l => l.Language.Matches(contact.Details.CustomerLanguage) && l.Proficiency >= criteria.MinimumLanguageProficiency);
                if (skillsMet && languageMet)
                {
                    return true;
                }
            }

            return false;
        }

        private bool HasRoom(ModelAgent agent, Channel channel)
        {
            var held = agent.Held.Select(id => contacts[id].Channel.CapacityChannel()).ToList();
            var capacity = channel.CapacityChannel();
            if (channel.IsExclusive())
            {
                return held.Count == 0 && agent.Profile.Capacity.Voice > 0;
            }

            return !held.Contains(Channel.Voice) && held.Count(c => c == capacity) < agent.Profile.Capacity.For(capacity);
        }

        private void CheckState(bool full)
        {
            foreach (var (id, agent) in agents)
            {
                var snapshot = engine.FindAgent(id)!;
                Check(snapshot.Contacts.Select(c => c.Value).Order().SequenceEqual(agent.Held.Order()), $"agent {id} holds what the log says");
                var channels = agent.Held.Select(c => contacts[c].Channel.CapacityChannel()).ToList();
                foreach (var channel in channels.Distinct())
                {
                    Check(channels.Count(c => c == channel) <= agent.Profile.Capacity.For(channel), $"agent {id} over capacity on {channel}");
                }

                Check(!channels.Contains(Channel.Voice) || channels.Count == 1, $"agent {id} holds a call and something else");
            }

            foreach (var contact in contacts.Values)
            {
                if (!full && contact.State is ContactState.Completed or ContactState.Abandoned)
                {
                    continue;
                }

                var snapshot = engine.FindContact(new ContactId(contact.Id))!;
                Check(snapshot.State == contact.State, $"contact {contact.Id} is {snapshot.State}, the log says {contact.State}");
                Check(snapshot.Queue == contact.Queue, $"contact {contact.Id} queue");
            }

            // A rejected or expired offer never costs a contact its place: every queue's waiting order is the rules' order.
            foreach (var queue in queueIds)
            {
                var order = engine.WaitingOrder(queue).Select(c => contacts[c.Value]).ToList();
                var expected = contacts.Values.Where(c => c.Queue == queue && c.Routable).OrderBy(OrderKey).ToList();
                Check(order.Select(c => c.Id).SequenceEqual(expected.Select(c => c.Id)), $"waiting order of {queue}");
            }
        }

        private void CheckReplay()
        {
            var replayed = RoutingEngine.Replay(options, log);
            var expected = engine.Snapshot();
            var actual = replayed.Snapshot();
            Check(expected.LastSequence == actual.LastSequence, "replay reaches the same sequence");
            Check(expected.Contacts.SequenceEqual(actual.Contacts), "replay: same contacts");
            Check(expected.LiveOffers.SequenceEqual(actual.LiveOffers), "replay: same live offers");
            Check(expected.Agents.Count == actual.Agents.Count, "replay: same agents");
            for (var i = 0; i < expected.Agents.Count; i++)
            {
                var (x, y) = (expected.Agents[i], actual.Agents[i]);
                Check(x with { Contacts = [] } == y with { Contacts = [] } && x.Contacts.SequenceEqual(y.Contacts), $"replay: agent {x.Id}");
            }

            for (var i = 0; i < expected.WaitingOrder.Count; i++)
            {
                Check(expected.WaitingOrder[i].Value.SequenceEqual(actual.WaitingOrder[i].Value), "replay: same waiting order");
            }

            // The replayed engine goes on deciding exactly as the original: the same command gives the same events.
            var probe = now.AddMinutes(5);
            replayed.AdvanceTo(probe);
            var fork = RoutingEngine.Replay(options, log);
            fork.AdvanceTo(probe);
            Check(replayed.PendingEvents.ToArray().SequenceEqual(fork.PendingEvents.ToArray()), "replayed engines decide alike");
        }

        private static void Check(bool condition, string rule)
        {
            if (!condition)
            {
                throw new InvalidOperationException("Invariant broken: " + rule);
            }
        }
    }
}
