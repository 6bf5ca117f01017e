using Switchboard.Agents;
using Switchboard.Contacts;
using Switchboard.Queues;

namespace Switchboard.Routing;

/// <summary>
/// The routing engine of one routing domain: decides which agent is offered which waiting contact.
/// </summary>
/// <remarks>
/// Pure and deterministic: every command takes the current UTC instant, and nothing reads a clock or a random source.
/// Every state change is recorded as a <see cref="RoutingEvent"/>; read them from <see cref="PendingEvents"/> and
/// acknowledge with <see cref="ClearPendingEvents"/>. Timers (offer expiry, routing stages, wrap-up limits, callback
/// windows, certification expiry) fire when a command or <see cref="AdvanceTo"/> brings time past them; the events
/// they cause carry the instant they were due. Not thread-safe: a routing domain has a single writer.
/// </remarks>
public sealed partial class RoutingEngine
{
    public RoutingEngine(RoutingOptions? options = null) => throw new NotImplementedException();

    public RoutingOptions Options => throw new NotImplementedException();

    /// <summary>The engine's time: the latest instant a command or timer brought it to.</summary>
    public DateTimeOffset Now => throw new NotImplementedException();

    /// <summary>The sequence number of the last recorded event (0 before any).</summary>
    public long LastSequence => throw new NotImplementedException();

    /// <summary>Events recorded since the last <see cref="ClearPendingEvents"/>, in order.</summary>
    public ReadOnlySpan<RoutingEvent> PendingEvents => throw new NotImplementedException();

    /// <summary>Forget the pending events (after the caller has stored or used them).</summary>
    public void ClearPendingEvents() => throw new NotImplementedException();

    /// <summary>The instant of the next timer, if any: call <see cref="AdvanceTo"/> then.</summary>
    public DateTimeOffset? NextDueAt => throw new NotImplementedException();

    /// <summary>Bring time to <paramref name="now"/>, firing every timer due until then in order.</summary>
    public void AdvanceTo(DateTimeOffset now) => throw new NotImplementedException();

    /// <summary>Define a queue. Stages that overflow must name queues defined before.</summary>
    public RoutingResult ConfigureQueue(QueueDefinition queue, DateTimeOffset now) => throw new NotImplementedException();

    /// <summary>Define an agent, or change their skills, languages and capacity. A new agent starts offline.</summary>
    public RoutingResult ConfigureAgent(AgentProfile agent, DateTimeOffset now) => throw new NotImplementedException();

    /// <summary>Set an agent's chosen presence: <see cref="Presence.Available"/>, <see cref="Presence.Break"/> (with a reason) or <see cref="Presence.Offline"/>.</summary>
    /// <remarks>Going on a break or offline withdraws live offers; going offline is refused while contacts are in hand.</remarks>
    public RoutingResult SetPresence(AgentId agent, Presence presence, DateTimeOffset now, string? reason = null) => throw new NotImplementedException();

    /// <summary>A contact asks for an agent: it is offered at once if a qualified agent is free, or waits in its queue.</summary>
    public ArrivalOutcome Enqueue(NewContact contact, DateTimeOffset now) => throw new NotImplementedException();

    /// <summary>Book a callback in a window the customer chose; it becomes routable when the window opens.</summary>
    public ArrivalOutcome ScheduleCallback(CallbackBooking booking, DateTimeOffset now) => throw new NotImplementedException();

    /// <summary>A waiting customer swaps to a callback that keeps their place (their original arrival).</summary>
    public RoutingResult RequestCallback(ContactId contact, DateTimeOffset now) => throw new NotImplementedException();

    /// <summary>The agent accepts an offer: the contact is connected. Accepting twice is harmless.</summary>
    public OfferReply Accept(OfferId offer, DateTimeOffset now) => throw new NotImplementedException();

    /// <summary>The agent rejects an offer: the contact goes back to its place.</summary>
    public OfferReply Reject(OfferId offer, DateTimeOffset now) => throw new NotImplementedException();

    /// <summary>The customer leaves (or cancels a callback) before being connected. Withdraws any live offer.</summary>
    public RoutingResult Abandon(ContactId contact, DateTimeOffset now) => throw new NotImplementedException();

    /// <summary>Send a connected contact to another queue; it keeps its original arrival, so its place in line.</summary>
    public RoutingResult Transfer(ContactId contact, QueueId to, DateTimeOffset now) => throw new NotImplementedException();

    /// <summary>The conversation is over: the contact goes into wrap-up with its agent.</summary>
    public RoutingResult Complete(ContactId contact, DateTimeOffset now) => throw new NotImplementedException();

    /// <summary>The agent finishes wrap-up with a disposition. The minimum wrap-up still applies before new work.</summary>
    public RoutingResult FinishWrapUp(ContactId contact, Disposition disposition, DateTimeOffset now) => throw new NotImplementedException();

    /// <summary>The contact's current state, or null when unknown (or finished longer ago than the retention).</summary>
    public ContactSnapshot? FindContact(ContactId contact) => throw new NotImplementedException();

    public AgentSnapshot? FindAgent(AgentId agent) => throw new NotImplementedException();

    public QueueSnapshot? FindQueue(QueueId queue) => throw new NotImplementedException();

    public Offer? FindOffer(OfferId offer) => throw new NotImplementedException();

    /// <summary>The expected remaining wait of a waiting contact; null when it is not waiting.</summary>
    public WaitEstimate? EstimateWait(ContactId contact) => throw new NotImplementedException();

    /// <summary>The contacts waiting in a queue (callbacks included) in the order they will be served.</summary>
    public IReadOnlyList<ContactId> WaitingOrder(QueueId queue) => throw new NotImplementedException();

    /// <summary>The whole logical state, in canonical order.</summary>
    public EngineSnapshot Snapshot() => throw new NotImplementedException();

    /// <summary>Rebuild an engine by applying a log of events in order (no decisions are re-made: they are in the log).</summary>
    /// <exception cref="ArgumentException">The events are not a gap-free sequence starting at 1.</exception>
    public static RoutingEngine Replay(RoutingOptions options, IEnumerable<RoutingEvent> events) => throw new NotImplementedException();
}
