using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Switchboard.Contacts;
using Switchboard.Persistence;
using Switchboard.Persistence.Chat;
using Switchboard.Persistence.Contacts;
using Switchboard.Persistence.Events;
using Switchboard.Planning.Simulation;
using Switchboard.Queues;
using Switchboard.Routing;
using Switchboard.Server.RoutingDomains;

namespace Switchboard.Server.Demo;

/// <summary>
/// Writes the demo centre's history into routing domain <see cref="DemoCentre.Client"/>'s log exactly as its writer
/// would have: the simulator drives the real engine one London day at a time, and the days are joined into one log
/// (one gap-free sequence, contact and offer numbers carried on, the configuration recorded once), so that the server
/// replays it into the engine the days describe. Events, contact rows, customer keys and survey answers are stored in
/// one transaction per batch of about <see cref="BatchEvents"/> events.
/// </summary>
/// <remarks>
/// Each simulated day starts from a fresh engine holding only the configuration, and ends with every contact finished
/// and every agent signed off (the last shift ends after closing): the routing state the joined log is in at the day's
/// end (no contact, nobody signed in), so leaving out the later days' configuration events loses nothing a replay
/// needs. Only the averages the engine learns for its wait estimates start afresh each simulated day.
/// Dispositions, contact reasons, customers and survey answers are drawn from the seed as agents and customers would
/// give them; the simulator's agents only ever say "resolved".
/// </remarks>
internal sealed class DemoHistory(IDbContextFactory<SwitchboardDb> databases, EventAppender appender, RoutingOptions routing)
{
    /// <summary>Events per stored batch (one transaction each).</summary>
    public const int BatchEvents = 5000;

    /// <summary>The share of invited customers who answer the survey.</summary>
    public const double SurveyResponseRate = 0.3;

    // The contract's survey policy decides who is invited, as the live server's does when a chat ends.
    private static readonly Switchboard.Contracts.SurveyPolicy Policy = DemoCentre.Contract(default).Surveys!.ToPolicy();

    /// <summary>Within this, a customer's next contact is often about the same thing (a repeat contact).</summary>
    private static readonly TimeSpan RepeatWindow = TimeSpan.FromDays(7);

    private static readonly string[] BillingReasons = ["billing-question", "payment", "change-of-details", "cancellation", "general-enquiry"];

    private static readonly string[] SupportReasons = ["technical-problem", "order-status", "change-of-details", "general-enquiry"];

    /// <summary>Outcomes from the wrap-up form's list, and how often agents choose each (the weights sum to 1).</summary>
    private static readonly string[] Outcomes = ["resolved", "information-given", "follow-up", "escalated", "not-resolved", "wrong-queue"];

    private static readonly double[] OutcomeWeights = [0.68, 0.12, 0.08, 0.05, 0.05, 0.02];

    /// <summary>Satisfaction 1 to 5 after a good outcome, and after a poor one.</summary>
    private static readonly double[] SatisfiedWeights = [0.01, 0.04, 0.12, 0.35, 0.48];

    private static readonly double[] DissatisfiedWeights = [0.30, 0.30, 0.25, 0.10, 0.05];

    private readonly Dictionary<long, LiveContact> live = [];
    private readonly Dictionary<long, Draft> drafts = [];

    /// <summary>The simulator's contact templates (one per queue and language), each with the client added.</summary>
    private readonly Dictionary<NewContact, NewContact> claimed = new(ReferenceEqualityComparer.Instance);
    private readonly List<StoredEvent> events = new(BatchEvents + 1024);
    private ContactProjection.Arrival? arrival;
    private readonly List<LiveContact> changed = [];
    private readonly List<CustomerKeyRecord> keys = [];
    private readonly List<SurveyAnswer> surveys = [];
    private readonly List<SurveyInvitationRecord> invitations = [];
    private (DateTimeOffset Last, string? Reason)[] customers = [];
    private DateTimeOffset?[] invited = [];
    private Random ids = new(0);
    private Random people = new(0);
    private long sequence;
    private long contactOffset;
    private long offerOffset;

    /// <summary>Simulates and stores <paramref name="days"/> (London dates, in order; closed days are skipped).</summary>
    /// <param name="progress">Told each day as it is stored.</param>
    public async Task<DemoSummary> WriteAsync(IReadOnlyList<DateOnly> days, int seed, Action<DateOnly, DemoSummary>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(days);
        var started = Stopwatch.GetTimestamp();
        var master = new Random(seed);
        ids = new Random(master.Next());
        people = new Random(master.Next());
        var open = days.Where(DemoCentre.Opens).ToList();
        // About as many customers as contacts: roughly one contact in five is a repeat within a week.
        customers = new (DateTimeOffset, string?)[Math.Max(500, 1500 * open.Count)];
        invited = new DateTimeOffset?[customers.Length];
        var summary = new DemoSummary(0, 0, 0, 0, TimeSpan.Zero);
        var dayEvents = new List<RoutingEvent>(40_000);

        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        await db.Database.OpenConnectionAsync(cancellationToken);
        var first = true;
        foreach (var day in open)
        {
            dayEvents.Clear();
            var result = Simulator.Run(DemoCentre.Day(day), master.Next(), routing, observer: (in RoutingEvent e) => dayEvents.Add(e));
            summary = summary with { Contacts = summary.Contacts + result.Statistics.ContactsSimulated };
            long lastContact = 0, lastOffer = 0;
            foreach (var e in dayEvents)
            {
                if (e.Type is RoutingEventType.QueueConfigured or RoutingEventType.AgentConfigured)
                {
                    if (first)
                    {
                        CheckStoredDefinition(in e);
                        Add(e with { Sequence = ++sequence });
                    }

                    continue;
                }

                lastContact = Math.Max(lastContact, e.Contact.Value);
                lastOffer = Math.Max(lastOffer, e.Offer.Value);
                var moved = e with
                {
                    Sequence = ++sequence,
                    Detail = OfTheClient(e.Detail),
                    Contact = e.Contact.Value == 0 ? e.Contact : new ContactId(e.Contact.Value + contactOffset),
                    Offer = e.Offer.Value == 0 ? e.Offer : new OfferId(e.Offer.Value + offerOffset),
                };
                Add(moved);
                if (events.Count >= BatchEvents)
                {
                    await StoreAsync(db, cancellationToken);
                }
            }

            first = false;
            contactOffset += lastContact;
            offerOffset += lastOffer;
            await StoreAsync(db, cancellationToken);
            if (live.Count > 0)
            {
                throw new InvalidOperationException($"The demo day {day} left {live.Count} contacts unfinished; the shifts must outlast the queues.");
            }

            summary = summary with { Events = sequence, Elapsed = Stopwatch.GetElapsedTime(started) };
            progress?.Invoke(day, summary);
        }

        return summary with { Events = sequence, Elapsed = Stopwatch.GetElapsedTime(started) };

        async Task StoreAsync(SwitchboardDb store, CancellationToken token)
        {
            if (events.Count == 0)
            {
                return;
            }

            var rows = new List<ContactRecord>(changed.Count);
            foreach (var contact in changed)
            {
                contact.Row.Version++;
                rows.Add(contact.Row);
            }

            await using (var transaction = await store.Database.BeginTransactionAsync(token))
            {
                await appender.AppendAsync(store.Database.GetDbConnection(), transaction.GetDbTransaction(), events, rows, token);
                store.CustomerKeys.AddRange(keys);
                store.SurveyInvitations.AddRange(invitations);
                store.SurveyAnswers.AddRange(surveys);
                await store.SaveChangesAsync(token);
                await transaction.CommitAsync(token);
            }

            store.ChangeTracker.Clear();
            summary = summary with { Surveys = summary.Surveys + surveys.Count, Customers = summary.Customers + keys.Count };
            foreach (var contact in changed)
            {
                contact.Dirty = false;
                if (contact.IsFinished)
                {
                    live.Remove(contact.Row.Number);
                    drafts.Remove(contact.Row.Number);
                }
            }

            events.Clear();
            changed.Clear();
            keys.Clear();
            surveys.Clear();
            invitations.Clear();
        }
    }

    /// <summary>
    /// A new contact as the contacts API hands it to the engine, carrying its client (reports pick a client's contacts
    /// by it). The simulator's contacts carry none; nothing in routing depends on it, so the decisions stand.
    /// </summary>
    private object? OfTheClient(object? detail) => detail switch
    {
        NewContact contact => Claimed(contact),
        CallbackBooking booking => booking with { Contact = Claimed(booking.Contact) },
        _ => detail,
    };

    private NewContact Claimed(NewContact contact)
    {
        if (!claimed.TryGetValue(contact, out var mine))
        {
            mine = contact with { Attributes = new ContactAttributes(DemoCentre.Client, contact.Attributes.VulnerableCustomer, contact.Attributes.RepeatContact) };
            claimed.Add(contact, mine);
        }

        return mine;
    }

    /// <summary>Projects one event as the routing domain's writer does (<see cref="ContactProjection"/>), with the
    /// customer-side details the simulator does not play.</summary>
    private void Add(RoutingEvent e)
    {
        if (e.Detail is Disposition && drafts.TryGetValue(e.Contact.Value, out var draft))
        {
            e = e with { Detail = draft.Disposition ??= Decide(live[e.Contact.Value].Row, draft) };
        }

        var contact = ContactProjection.Apply(live, changed, in e, arrival ??= Arrive);
        if (contact is not null && drafts.TryGetValue(e.Contact.Value, out var followed))
        {
            Observe(contact.Row, followed, in e);
        }

        events.Add(EventPayloads.ToRow(in e, DemoCentre.Client, contact?.Row.Client ?? ContactProjection.ClientOf(in e), contact?.Row.Id));
    }

    private LiveContact Arrive(in RoutingEvent e, NewContact detail)
    {
        var contact = LiveContact.Arrived(ContactGuid(e.At), DemoCentre.Client, e.Contact.Value, detail, DemoCentre.Client, e.At, idempotencyKey: null);
        var customer = people.Next(customers.Length);
        drafts[e.Contact.Value] = new Draft(customer);
        if (CustomerKey.TryReference(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"DEMO-{customer + 1:000000}"), out var key))
        {
            keys.Add(new CustomerKeyRecord { Contact = contact.Row.Id, Kind = (int)key!.Kind, Client = DemoCentre.Client, Value = key.Value });
        }

        return contact;
    }

    /// <summary>What the agent records at wrap-up: an outcome, a reason fitting the queue (often the same as the
    /// customer's last contact's, if that was recent), and now and then a complaint.</summary>
    private Disposition Decide(ContactRecord row, Draft draft)
    {
        var outcome = Outcomes[Draw(OutcomeWeights)];

        var (last, lastReason) = customers[draft.Customer];
        var reasons = row.Queue.Contains("billing", StringComparison.Ordinal) ? BillingReasons : SupportReasons;
        var reason = lastReason is not null && row.Arrived - last < RepeatWindow && people.NextDouble() < 0.6
            ? lastReason
            : reasons[people.Next(reasons.Length)];
        return new Disposition(outcome, reason) { Complaint = people.NextDouble() < (outcome == "not-resolved" ? 0.2 : 0.005) };
    }

    /// <summary>Follows the customer's side: when they were answered, and at the end their survey answer.</summary>
    private void Observe(ContactRecord row, Draft draft, in RoutingEvent e)
    {
        switch (e.Type)
        {
            case RoutingEventType.OfferAccepted when draft.Answered is null:
                draft.Answered = e.At;
                break;
            case RoutingEventType.ContactCompleted:
                customers[draft.Customer] = (e.At, row.ContactReason);
                if (Policy.Decide(row.Id, row.Agent is not null, e.At, invited[draft.Customer]) is Switchboard.Contracts.SurveyDecision.Invite invite)
                {
                    invited[draft.Customer] = e.At;
                    invitations.Add(new SurveyInvitationRecord
                    {
                        Contact = row.Id, Client = row.Client, Queue = row.Queue, Channel = row.Channel, Agent = row.Agent, Invited = e.At, Questions = (int)invite.Questions,
                    });
                    if (people.NextDouble() < SurveyResponseRate)
                    {
                        surveys.Add(Survey(row, draft, e.At));
                    }
                }

                break;
            default:
                break;
        }
    }

    /// <summary>A plausible answer: satisfaction follows the outcome, and drops a point after a long wait; the rest follow satisfaction.</summary>
    private SurveyAnswer Survey(ContactRecord row, Draft draft, DateTimeOffset completed)
    {
        var good = row.Disposition is "resolved" or "information-given";
        var satisfaction = Draw(good ? SatisfiedWeights : DissatisfiedWeights) + 1;
        if (draft.Answered is { } answered && answered - row.Arrived > TimeSpan.FromMinutes(2))
        {
            satisfaction = Math.Max(1, satisfaction - 1);
        }

        var recommend = satisfaction switch
        {
            5 => 8 + people.Next(3),
            4 => 7 + people.Next(3),
            3 => 4 + people.Next(4),
            2 => 2 + people.Next(4),
            _ => people.Next(4),
        };
        return new SurveyAnswer
        {
            Contact = row.Id,
            Client = row.Client,
            Queue = row.Queue,
            Channel = row.Channel,
            Agent = row.Agent,
            Answered = completed + TimeSpan.FromMinutes(1 + people.Next(30)),
            Satisfaction = satisfaction,
            Resolved = good ? people.NextDouble() < 0.92 : people.NextDouble() < 0.15,
            Recommend = people.NextDouble() < 0.8 ? recommend : null,
            Effort = people.NextDouble() < 0.8 ? Math.Clamp(6 - satisfaction + people.Next(-1, 2), 1, 5) : null,
        };
    }

    /// <summary>An index drawn with the given weights (they sum to 1).</summary>
    private int Draw(double[] weights)
    {
        var roll = people.NextDouble();
        for (var i = 0; i < weights.Length - 1; i++)
        {
            if ((roll -= weights[i]) < 0)
            {
                return i;
            }
        }

        return weights.Length - 1;
    }

    /// <summary>
    /// A version 7 id (time-ordered, as the live writer gives) whose random bits come from the seed, so the same seed
    /// gives the same ids (RFC 9562, section 5.7: 48-bit Unix milliseconds, version 7, variant 10).
    /// </summary>
    private Guid ContactGuid(DateTimeOffset at)
    {
        Span<byte> bytes = stackalloc byte[16];
        ids.NextBytes(bytes);
        var milliseconds = at.ToUnixTimeMilliseconds();
        for (var i = 0; i < 6; i++)
        {
            bytes[i] = (byte)(milliseconds >> (8 * (5 - i)));
        }

        bytes[6] = (byte)(0x70 | (bytes[6] & 0x0F));
        bytes[8] = (byte)(0x80 | (bytes[8] & 0x3F));
        return new Guid(bytes, bigEndian: true);
    }

    /// <summary>The log's configuration must be what the stored queue and agent rows say, or a later change through the
    /// API would start from another definition than the engine's.</summary>
    private static void CheckStoredDefinition(in RoutingEvent e)
    {
        object? stored = e.Detail switch
        {
            QueueDefinition q => DemoCentre.QueueSettingsOf(q.Id.Value).ToDefinition(q.Id.Value).Definition,
            Switchboard.Agents.AgentProfile a => DemoCentre.AgentSettingsOf(DemoCentre.AgentIds.Single(x => x.Id == a.Id.Value).Team).ToProfile(a.Id.Value).Profile,
            _ => null,
        };
        if (!string.Equals(EventPayloads.Write(in e), EventPayloads.Write(e with { Detail = stored }), StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"The demo's stored settings do not give the simulator's configuration: {e}.");
        }
    }

    private sealed class Draft(int customer)
    {
        public int Customer { get; } = customer;

        public DateTimeOffset? Answered { get; set; }

        public Disposition? Disposition { get; set; }
    }
}

/// <summary>What the demo stored: contacts simulated, events in the log, survey answers, customer keys, and the time taken.</summary>
internal sealed record DemoSummary(long Contacts, long Events, long Surveys, long Customers, TimeSpan Elapsed);
