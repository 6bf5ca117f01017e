using System.Text.Json;
using CsCheck;
using Switchboard.Agents;
using Switchboard.Contacts;
using Switchboard.Persistence.Events;
using Switchboard.Queues;
using Switchboard.Routing;
using Switchboard.Skills;

namespace Switchboard.Tests.Persistence;

/// <summary>
/// Every event the engine records survives the trip through a stored row: an engine replayed from the stored rows
/// is in the same state as the engine that recorded them, and a payload written, read and written again is unchanged.
/// </summary>
public class EventPayloadsTests
{
    private static readonly DateTimeOffset Nine = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    // A minimum wrap-up, so that a disposition recorded early is an event of its own.
    private static readonly RoutingOptions Options = new() { MinimumWrapUp = TimeSpan.FromSeconds(10) };

    [Fact]
    public void StoredRows_ReplayToTheSameState_ForRandomDays() =>
        Gen.Select(Gen.Int[0, int.MaxValue], Gen.Int[50, 600]).Sample((seed, steps) =>
        {
            var engine = new RoutingEngine(Options);
            var log = new List<RoutingEvent>();
            Drive(engine, new Random(seed), steps, log);

            var rows = log.Select(ToRow).ToList();
            var replayed = RoutingEngine.Replay(engine.Options, rows.Select(EventPayloads.Read));
            // A replayed engine's clock stands at its last event; the original's at its last command.
            replayed.AdvanceTo(engine.Now);

            Assert.Equal(Json(engine.Snapshot()), Json(replayed.Snapshot()));
            foreach (var row in rows)
            {
                Assert.Equal(row.Payload, EventPayloads.Write(EventPayloads.Read(row)));
            }
        }, iter: 40, threads: 1);

    [Fact]
    public void EveryEventType_IsRecordedByTheWorkload()
    {
        var engine = new RoutingEngine(Options);
        var log = new List<RoutingEvent>();

        Drive(engine, new Random(7), 3000, log);

        var missing = Enum.GetValues<RoutingEventType>().Except(log.Select(e => e.Type)).ToList();
        Assert.True(missing.Count == 0, "Not exercised: " + string.Join(", ", missing));
    }

    private static StoredEvent ToRow(RoutingEvent e) => EventPayloads.ToRow(in e, "d", client: null, contact: null);

    private static string Json(EngineSnapshot snapshot) => JsonSerializer.Serialize(snapshot);

    /// <summary>A random day: queues with widening, interpreter and overflow stages; agents with certifications that
    /// lapse; arrivals (some preferring an agent), callbacks, offers answered or left to expire, transfers, wrap-ups, breaks.</summary>
    internal static void Drive(RoutingEngine engine, Random random, int steps, List<RoutingEvent> log)
    {
        var now = Nine;
        void Take()
        {
            foreach (var e in engine.PendingEvents)
            {
                log.Add(e);
            }

            engine.ClearPendingEvents();
        }

        var spill = new QueueId("spill");
        engine.ConfigureQueue(new QueueDefinition(spill, [new RoutingStage(TimeSpan.Zero, [new SkillRequirement("general")])]) { MaximumWaiting = 6 }, now);
        var billing = new QueueId("billing");
        engine.ConfigureQueue(new QueueDefinition(billing,
        [
            new RoutingStage(TimeSpan.Zero, [new SkillRequirement("billing", 3)]) { MinimumLanguageProficiency = new Proficiency(3) },
            new RoutingStage(TimeSpan.FromSeconds(30), [new SkillRequirement("billing", 1)]) { Language = LanguageRule.Interpreter },
            RoutingStage.Overflow(TimeSpan.FromMinutes(3), spill),
        ])
        {
            OfferTimeout = TimeSpan.FromSeconds(15),
            WrapUpLimit = TimeSpan.FromSeconds(40),
            CallbackOfferThreshold = TimeSpan.FromSeconds(20),
            Selection = AgentSelection.MostProficient,
        }, now);
        engine.ReconfigureQueue(new QueueDefinition(spill, [new RoutingStage(TimeSpan.Zero, [new SkillRequirement("general", 2)])]) { MaximumWaiting = 6, OfferTimeout = TimeSpan.FromSeconds(25) }, now);
        var queues = new[] { billing, spill };
        var agents = new List<AgentId>();
        for (var i = 0; i < 6; i++)
        {
            var id = new AgentId("a" + i);
            agents.Add(id);
            engine.ConfigureAgent(new AgentProfile(id,
                [new AgentSkill("billing", 1 + (i % 5), i == 2 ? Nine.AddMinutes(20) : null), new AgentSkill("general", 2)],
                [new AgentLanguage(i % 2 == 0 ? "en" : "fr", 3 + (i % 3)), new AgentLanguage("de-CH", 2)],
                new ChannelCapacity(voice: i == 5 ? 0 : 1, chat: i >= 3 ? 3 : 0, email: 2)), now);
            engine.SetPresence(id, Presence.Available, now);
        }

        Take();
        var languages = new[] { "en", "fr", "de-CH", "nl" };
        for (var step = 0; step < steps; step++)
        {
            now = now.AddSeconds(random.Next(1, 10));
            var live = engine.Snapshot();
            // Agents answer most offers before they expire, as on a real floor.
            switch (live.LiveOffers.Count > 0 && random.Next(3) != 0 ? 3 : random.Next(14))
            {
                case 0 or 1:
                    engine.Enqueue(new NewContact((Channel)random.Next(1, 6), queues[random.Next(2)], new Language(languages[random.Next(4)]))
                    {
                        Priority = random.Next(3),
                        RequiredSkills = random.Next(4) == 0 ? [new SkillRequirement("general", 2)] : [],
                        Attributes = new ContactAttributes("acme", random.Next(5) == 0, random.Next(7) == 0),
                        // Now and then the customer's last agent, kept for them a little while (it may lapse at once).
                        PreferredAgent = random.Next(4) == 0 ? new AgentPreference(agents[random.Next(agents.Count)], TimeSpan.FromSeconds(random.Next(5, 120))) : null,
                    }, now);
                    break;
                case 3 or 12 or 13 when live.LiveOffers.Count > 0:
                    var offer = live.LiveOffers[random.Next(live.LiveOffers.Count)];
                    _ = random.Next(4) == 0 ? engine.Reject(offer.Id, now) : engine.Accept(offer.Id, now);
                    break;
                case 4 or 5 when live.Contacts.Any(c => c.State == ContactState.Connected):
                    var connected = live.Contacts.Where(c => c.State == ContactState.Connected).ToList();
                    var talk = connected[random.Next(connected.Count)];
                    if (random.Next(6) == 0)
                    {
                        engine.Transfer(talk.Id, queues[random.Next(2)], now);
                    }
                    else
                    {
                        engine.Complete(talk.Id, now);
                    }

                    break;
                case 6 or 11 when live.Contacts.Any(c => c.State == ContactState.WrapUp):
                    var wrap = live.Contacts.First(c => c.State == ContactState.WrapUp);
                    engine.FinishWrapUp(wrap.Id, new Disposition(random.Next(2) == 0 ? "resolved" : "follow-up", random.Next(2) == 0 ? "invoice" : null), now);
                    break;
                case 7 when live.Contacts.Any(c => c.State == ContactState.Waiting):
                    var waiting = live.Contacts.Where(c => c.State == ContactState.Waiting).ToList();
                    var pick = waiting[random.Next(waiting.Count)];
                    _ = random.Next(2) == 0 ? engine.Abandon(pick.Id, now) : engine.RequestCallback(pick.Id, now);
                    break;
                case 2 or 8:
                    var start = now.AddMinutes(random.Next(0, 3));
                    engine.ScheduleCallback(new CallbackBooking(
                        new NewContact(Channel.Callback, billing, new Language("en")) { Attributes = new ContactAttributes("acme") },
                        new CallbackWindow(start, start.AddMinutes(random.Next(1, 15)))), now);
                    break;
                case 9:
                    var agent = agents[random.Next(agents.Count)];
                    var presence = random.Next(3) switch { 0 => Presence.Break, 1 => Presence.Offline, _ => Presence.Available };
                    engine.SetPresence(agent, presence, now, presence == Presence.Break ? "lunch" : null);
                    break;
                case 10 when random.Next(3) == 0:
                    var changed = agents[random.Next(agents.Count)];
                    engine.ConfigureAgent(new AgentProfile(changed,
                        [new AgentSkill("billing", random.Next(1, 6), now.AddMinutes(random.Next(1, 30))), new AgentSkill("general", 1)],
                        [new AgentLanguage("en", random.Next(1, 6))],
                        new ChannelCapacity(voice: 1, chat: random.Next(0, 3))), now);
                    break;
                default:
                    engine.AdvanceTo(now);
                    break;
            }

            Take();
        }
    }
}
