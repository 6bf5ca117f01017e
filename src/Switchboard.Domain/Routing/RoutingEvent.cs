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

    /// <summary>A contact entered its queue. Contact, Queue; Detail: <see cref="NewContact"/>; Estimate: the wait announced at arrival.</summary>
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
}

/// <summary>
/// One immutable state change, with its place in the log (<see cref="Sequence"/>) and its UTC instant.
/// </summary>
/// <remarks>
/// A flat value rather than a class per kind: the engine records one or two per routing decision and must not
/// allocate on that path. Rare payloads (definitions, profiles, dispositions) travel as references in <see cref="Detail"/>.
/// Replaying the events in order through <see cref="RoutingEngine.Replay"/> rebuilds the engine's state exactly.
/// </remarks>
public readonly record struct RoutingEvent
{
    public long Sequence { get; init; }

    public DateTimeOffset At { get; init; }

    public RoutingEventType Type { get; init; }

    public ContactId Contact { get; init; }

    public AgentId? Agent { get; init; }

    public OfferId Offer { get; init; }

    public QueueId? Queue { get; init; }

    /// <summary>A small number whose meaning depends on <see cref="Type"/> (stage index, presence, flag).</summary>
    public int Number { get; init; }

    /// <summary>An instant whose meaning depends on <see cref="Type"/> (offer expiry, window end).</summary>
    public DateTimeOffset? Until { get; init; }

    /// <summary>The expected wait announced when the contact was queued.</summary>
    public WaitEstimate? Estimate { get; init; }

    /// <summary>An immutable payload whose type depends on <see cref="Type"/>.</summary>
    public object? Detail { get; init; }

    public override string ToString() =>
        $"#{Sequence} {At:HH:mm:ss.fff} {Type} {(Contact.Value != 0 ? Contact.ToString() : "")} {Agent} {(Offer.Value != 0 ? Offer.ToString() : "")} {Queue}".TrimEnd();
}
