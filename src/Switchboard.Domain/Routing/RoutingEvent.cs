using Switchboard.Agents;
using Switchboard.Contacts;
using Switchboard.Queues;

namespace Switchboard.Routing;

/// <summary>Every kind of state change the routing engine records.</summary>
/// <remarks>Which fields of <see cref="RoutingEvent"/> each kind fills is stated on the member.</remarks>
public enum RoutingEventType
{
    /// <summary>A queue was defined. Queue; Detail: <see cref="QueueDefinition"/>.</summary>
    QueueConfigured = 1,

    /// <summary>An agent was defined or changed. Agent; Detail: <see cref="AgentProfile"/>.</summary>
    AgentConfigured = 2,

    /// <summary>
    /// A running queue's definition was replaced. Queue; Detail: the new <see cref="QueueDefinition"/>. Contacts keep their
    /// place and arrival; those still waiting are at once at the last new stage their wait has reached.
    /// </summary>
    QueueReconfigured = 5,

    /// <summary>An agent's chosen presence changed. Agent; Number: <see cref="Presence"/>; Detail: break reason (string) or null.</summary>
    AgentPresenceChanged = 3,

    /// <summary>An agent's certification for a skill lapsed; the skill is no longer routable. Agent; Detail: <see cref="Skills.Skill"/>.</summary>
    CertificationExpired = 4,

    /// <summary>A contact entered its queue. Contact, Queue; Detail: <see cref="NewContact"/>; Estimate: the wait announced at arrival.
    /// When the contact is kept for its preferred agent: Agent, that agent; Until, when the preference ends.</summary>
    ContactQueued = 10,

    /// <summary>An arrival was turned away because its queue was full. Queue; Detail: <see cref="NewContact"/>.</summary>
    ContactRefused = 11,

    /// <summary>A waiting contact reached a later routing stage. Contact, Queue; Number: the stage index.</summary>
    ContactStageReached = 12,

    /// <summary>A contact was offered to an agent. Contact, Agent, Offer, Queue; Until: the offer's expiry.</summary>
    ContactOffered = 13,

    /// <summary>The agent accepted: the contact is connected. Contact, Agent, Offer, Queue.</summary>
    OfferAccepted = 14,

    /// <summary>The agent rejected; the contact is back in its place. Contact, Agent, Offer, Queue.</summary>
    OfferRejected = 15,

    /// <summary>The offer expired unanswered; the contact is back in its place. Contact, Agent, Offer, Queue.</summary>
    OfferExpired = 16,

    /// <summary>The offer was withdrawn (abandon, agent offline). Contact, Agent, Offer, Queue.</summary>
    OfferWithdrawn = 17,

    /// <summary>The customer left or cancelled before being connected. Contact, Queue; Number: the <see cref="ContactState"/> left.</summary>
    ContactAbandoned = 18,

    /// <summary>A waiting customer swapped to a callback that keeps their place. Contact, Queue.</summary>
    CallbackRequested = 19,

    /// <summary>A scheduled callback was booked. Contact, Queue; Detail: <see cref="CallbackBooking"/>; Until: window end.</summary>
    CallbackScheduled = 20,

    /// <summary>A scheduled callback's window opened: it is now routable. Contact, Queue.</summary>
    CallbackWindowOpened = 21,

    /// <summary>A scheduled callback was connected inside its window. Contact, Agent, Queue.</summary>
    CallbackPromiseKept = 22,

    /// <summary>A scheduled callback's window closed before it was connected; it stays routable. Contact, Queue.</summary>
    CallbackPromiseMissed = 23,

    /// <summary>A connected contact was sent to another queue, where it waits (a transferred callback is a live call now,
    /// on the voice channel). Contact, Agent (who transferred), Queue (the new one).</summary>
    ContactTransferred = 24,

    /// <summary>The conversation ended; the agent is in wrap-up. Contact, Agent, Queue.</summary>
    ConversationEnded = 25,

    /// <summary>The agent finished wrap-up before the minimum wrap-up was over: the disposition is kept until then.
    /// Contact, Agent, Queue; Detail: <see cref="Disposition"/>.</summary>
    DispositionRecorded = 26,

    /// <summary>Wrap-up finished: the contact is completed. Contact, Agent, Queue; Number: 1 when the wrap-up limit (or a queue
    /// without wrap-up) ended it; Detail: the <see cref="Disposition"/> the agent recorded, or null.</summary>
    ContactCompleted = 27,

    /// <summary>A contact's preferred agent no longer (or never) holds it: it takes its place in line among every
    /// qualified agent, as if it had waited there since its arrival. Contact, Queue; Agent: the preferred agent;
    /// Number: the <see cref="PreferenceLapse"/>.</summary>
    PreferenceLapsed = 28,
}

/// <summary>Why a contact stopped being kept for its preferred agent (<see cref="RoutingEventType.PreferenceLapsed"/>).</summary>
public enum PreferenceLapse
{
    /// <summary>At arrival: the routing domain has no such agent.</summary>
    UnknownAgent = 1,

    /// <summary>At arrival: the agent is not signed in; or later, they signed out.</summary>
    AgentSignedOut = 2,

    /// <summary>At arrival: the agent lacks a skill, the language or capacity on the channel the queue's first stage asks.</summary>
    AgentNotQualified = 3,

    /// <summary>At arrival or later: the agent was set to not responding after missed offers.</summary>
    AgentNotResponding = 4,

    /// <summary>The time the contact was kept for the agent is over.</summary>
    WaitOver = 5,

    /// <summary>The agent rejected the offer.</summary>
    OfferRejected = 6,

    /// <summary>The agent let the offer expire.</summary>
    OfferExpired = 7,
}

/// <summary>
/// One immutable state change, with its place in the log (<see cref="Sequence"/>) and its UTC instant.
/// </summary>
/// <remarks>
/// A flat value rather than a class per kind: the engine records one or two per routing decision and must not
/// allocate on that path. Rare payloads (definitions, profiles, dispositions) travel as references in <see cref="Detail"/>.
/// Replaying the events in order through <see cref="RoutingEngine.Replay"/> rebuilds the engine's state exactly.
/// <para>
/// Instants are kept as UTC ticks and the optional ids as the id itself (an id is never empty, so the empty default
/// means none): the event is 112 bytes instead of 152, and the engine writes six or so per turn into its buffer
/// (docs/adr/0002). So <see cref="At"/> and <see cref="Until"/> read back with a zero offset (the same instant), and an
/// <see cref="AgentId"/> or <see cref="QueueId"/> set to its empty default reads back as null.
/// </para>
/// </remarks>
public readonly record struct RoutingEvent
{
    private readonly long atTicks;
    private readonly AgentId agent;
    private readonly QueueId queue;

    /// <summary>The instant's UTC ticks plus one; 0 for none, so that the default event has none.</summary>
    private readonly long untilTicksPlusOne;
    private readonly WaitEstimate estimate;
    private readonly bool hasEstimate;

    /// <summary>The engine's way to record an event: straight into its buffer's slot, without building a copy first.</summary>
    internal RoutingEvent(
        long sequence, long atTicks, RoutingEventType type, long contact, AgentId agent, long offer, QueueId queue, int number, long? untilTicks, object? detail)
    {
        Sequence = sequence;
        this.atTicks = atTicks;
        Type = type;
        Contact = new ContactId(contact);
        this.agent = agent;
        Offer = new OfferId(offer);
        this.queue = queue;
        Number = number;
        untilTicksPlusOne = untilTicks is { } until ? until + 1 : 0;
        Detail = detail;
    }

    /// <summary>As the other, for an arrival with the wait announced to it (and the agent it is kept for, until when).</summary>
    internal RoutingEvent(
        long sequence, long atTicks, RoutingEventType type, long contact, QueueId queue, object? detail, in WaitEstimate estimate, AgentId keptFor, long? keptUntilTicks)
        : this(sequence, atTicks, type, contact, keptFor, 0, queue, 0, keptUntilTicks, detail)
    {
        this.estimate = estimate;
        hasEstimate = true;
    }

    public long Sequence { get; init; }

    public DateTimeOffset At
    {
        get => new(atTicks, TimeSpan.Zero);
        init => atTicks = value.UtcTicks;
    }

    public RoutingEventType Type { get; init; }

    public ContactId Contact { get; init; }

    public AgentId? Agent
    {
        get => agent.Value is null ? null : agent;
        init => agent = value.GetValueOrDefault();
    }

    public OfferId Offer { get; init; }

    public QueueId? Queue
    {
        get => queue.Value is null ? null : queue;
        init => queue = value.GetValueOrDefault();
    }

    /// <summary>A small number whose meaning depends on <see cref="Type"/> (stage index, presence, flag).</summary>
    public int Number { get; init; }

    /// <summary>An instant whose meaning depends on <see cref="Type"/> (offer expiry, window end).</summary>
    public DateTimeOffset? Until
    {
        get => untilTicksPlusOne == 0 ? null : new DateTimeOffset(untilTicksPlusOne - 1, TimeSpan.Zero);
        init => untilTicksPlusOne = value is { } until ? until.UtcTicks + 1 : 0;
    }

    /// <summary>The expected wait announced when the contact was queued.</summary>
    public WaitEstimate? Estimate
    {
        get => hasEstimate ? estimate : null;
        init => (estimate, hasEstimate) = (value.GetValueOrDefault(), value.HasValue);
    }

    /// <summary>An immutable payload whose type depends on <see cref="Type"/>.</summary>
    public object? Detail { get; init; }

    /// <summary><see cref="At"/> as UTC ticks, without building the instant.</summary>
    internal long AtTicks => atTicks;

    /// <summary><see cref="Until"/> as UTC ticks; the event must carry one.</summary>
    internal long UntilTicks => untilTicksPlusOne - 1;

    /// <summary>The agent's id, or the empty default when none.</summary>
    internal AgentId AgentOrDefault => agent;

    public override string ToString() =>
        $"#{Sequence} {At:HH:mm:ss.fff} {Type} {(Contact.Value != 0 ? Contact.ToString() : "")} {Agent} {(Offer.Value != 0 ? Offer.ToString() : "")} {Queue}".TrimEnd();
}
