using Switchboard.Agents;
using Switchboard.Contacts;
using Switchboard.Routing;

namespace Switchboard.Server.Wallboard;

/// <summary>What the supervisor hub sends: the whole board on joining, then each queue and agent as it changes.</summary>
public interface ISupervisorClient
{
    Task Wallboard(WallboardView board);

    Task QueueChanged(QueueBoard queue);

    Task AgentChanged(AgentBoard agent);
}

public sealed record WallboardView(IReadOnlyList<QueueBoard> Queues, IReadOnlyList<AgentBoard> Agents, DateTimeOffset At);

/// <summary>
/// One queue now and so far today (the queue's local day; contacts count in the day they entered the queue, as in the
/// reports). Every figure comes from the KPI catalogue's code: <see cref="ServiceLevel"/> by the client's agreed
/// service-level method (<see cref="ServiceLevelMethod"/>), with the queue's own threshold when it sets one; the target is
/// the client's contract target in force today, else the queue's own (<see cref="ThresholdIsDefault"/> says when neither
/// set a threshold; a null <see cref="ServiceLevelTarget"/> means no target was agreed).
/// <see cref="ExpectedWait"/> is the wait the routing engine announced to the queue's latest arrival (what the contacts
/// API answered it); null before any arrival since the day before yesterday.
/// <see cref="AbandonmentRate"/> is the catalogue's abandonment rate: abandoned over offered today (0-1, null before any), and
/// <see cref="AbandonmentLimit"/> the queue's own limit for it, null when none is set.
/// <see cref="AgentsByPresence"/> counts the agents of the queue's routing domain; it is null on a client viewer's board
/// (see <see cref="WallboardFeed.ForViewer"/>).
/// </summary>
public sealed record QueueBoard(
    string Queue,
    string Client,
    string Name,
    int Waiting,
    DateTimeOffset? LongestWaitingSince,
    TimeSpan? LongestWait,
    AnnouncedWait? ExpectedWait,
    int ArrivedToday,
    int AnsweredToday,
    int AnsweredWithinThreshold,
    int AbandonedToday,
    double? AbandonmentRate,
    double? AbandonmentLimit,
    double? ServiceLevel,
    double? ServiceLevelTarget,
    TimeSpan ServiceLevelThreshold,
    bool ThresholdIsDefault,
    bool BelowTarget,
    IReadOnlyDictionary<Presence, int>? AgentsByPresence,
    DateTimeOffset At)
{
    /// <summary>The KPI method the service level is measured with (<c>service-level@1</c>, and the queue's own threshold
    /// when it sets one); the same catalogue code as the reports computes it.</summary>
    public string? ServiceLevelMethod { get; init; }
}

/// <summary>
/// An agent now: name, presence (busy and wrap-up are derived from the work in hand), since when, and the contacts in
/// hand (<see cref="Contacts"/> counts <see cref="CurrentContacts"/>).
/// </summary>
public sealed record AgentBoard(
    string Agent,
    string Name,
    string RoutingDomain,
    Presence Presence,
    string? BreakReason,
    DateTimeOffset Since,
    int Contacts,
    IReadOnlyList<CurrentContact> CurrentContacts);

/// <summary>A contact an agent holds: its public id (null if the engine no longer maps it), queue, channel and state.</summary>
public sealed record CurrentContact(Guid? Id, string Queue, Channel Channel, ContactState State);

/// <summary>
/// The wait the routing engine announced to an arriving contact at <see cref="At"/>: the mean <see cref="Expected"/> and
/// the range <see cref="Low"/> to <see cref="High"/> (all null when no eligible agent was staffed, so nobody could say),
/// with <see cref="Position"/> contacts ahead of it. Zero when an agent was free and the contact was offered at once.
/// </summary>
public sealed record AnnouncedWait(TimeSpan? Expected, TimeSpan? Low, TimeSpan? High, int Position, DateTimeOffset At)
{
    public static AnnouncedWait From(WaitEstimate estimate, DateTimeOffset at) => estimate.IsKnown
        ? new(estimate.Expected, estimate.Low, estimate.High, estimate.Position, at)
        : new(null, null, null, estimate.Position, at);
}
