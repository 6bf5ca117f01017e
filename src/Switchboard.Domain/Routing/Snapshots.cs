using Switchboard.Agents;
using Switchboard.Contacts;
using Switchboard.Queues;
using Switchboard.Skills;

namespace Switchboard.Routing;

/// <summary>A contact as the engine sees it at one moment.</summary>
/// <param name="Arrival">When the contact entered its first queue; a callback keeps it, so it keeps its place.</param>
/// <param name="Stage">The last routing stage the contact reached in its current queue.</param>
/// <param name="Agent">The agent offered, connected or wrapping up the contact; null otherwise.</param>
/// <param name="LiveOffer">The offer awaiting an answer, if any.</param>
public sealed record ContactSnapshot(
    ContactId Id,
    ContactState State,
    QueueId Queue,
    Channel Channel,
    Language CustomerLanguage,
    int Priority,
    DateTimeOffset Arrival,
    int Stage,
    AgentId? Agent,
    OfferId? LiveOffer,
    CallbackWindow? Window);

/// <summary>An agent as the engine sees them at one moment.</summary>
/// <param name="Presence">The presence shown to supervisors (busy and wrap-up derived from the contacts in hand).</param>
/// <param name="Since">When the agent last became free of all work, or changed chosen presence.</param>
/// <param name="Contacts">Contacts offered to, connected to or wrapping up with the agent, by id.</param>
public sealed record AgentSnapshot(
    AgentId Id,
    Presence Presence,
    string? BreakReason,
    DateTimeOffset Since,
    IReadOnlyList<ContactId> Contacts,
    int ConsecutiveContacts,
    int MissedOffers);

/// <summary>A queue's live figures.</summary>
/// <param name="Waiting">Contacts waiting, offered, or holding a callback place (not yet connected).</param>
/// <param name="LongestWaitingSince">The arrival of the contact that has waited longest, if any.</param>
/// <param name="AverageHandleTime">The running average handle time used for expected waits.</param>
public sealed record QueueSnapshot(QueueId Id, int Waiting, DateTimeOffset? LongestWaitingSince, TimeSpan AverageHandleTime);

/// <summary>The whole logical state of an engine, in a canonical order (by id), for comparisons and audits.</summary>
public sealed record EngineSnapshot(
    DateTimeOffset Now,
    long LastSequence,
    IReadOnlyList<ContactSnapshot> Contacts,
    IReadOnlyList<AgentSnapshot> Agents,
    IReadOnlyList<Offer> LiveOffers,
    IReadOnlyList<KeyValuePair<QueueId, IReadOnlyList<ContactId>>> WaitingOrder);
