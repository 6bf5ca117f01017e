using Switchboard.Agents;

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
/// One queue now and so far today (UTC day). <see cref="ServiceLevel"/> is answered within
/// <see cref="ServiceLevelThreshold"/> over answered plus abandoned after it (short abandons left out), measured from
/// entering the queue; the threshold and target are the queue's own settings (the threshold is 20 s when the queue sets
/// none, and <see cref="ThresholdIsDefault"/> says so). <see cref="AgentsByPresence"/> counts the agents of the queue's
/// routing domain; it is null on a client viewer's board (see <see cref="WallboardFeed.ForViewer"/>).
/// </summary>
public sealed record QueueBoard(
    string Queue,
    string Client,
    string Name,
    int Waiting,
    DateTimeOffset? LongestWaitingSince,
    TimeSpan? LongestWait,
    int ArrivedToday,
    int AnsweredToday,
    int AnsweredWithinThreshold,
    int AbandonedToday,
    double? ServiceLevel,
    double? ServiceLevelTarget,
    TimeSpan ServiceLevelThreshold,
    bool ThresholdIsDefault,
    bool BelowTarget,
    IReadOnlyDictionary<Presence, int>? AgentsByPresence,
    DateTimeOffset At);

/// <summary>An agent now: presence (busy and wrap-up are derived from the work in hand), since when, contacts in hand.</summary>
public sealed record AgentBoard(string Agent, string RoutingDomain, Presence Presence, string? BreakReason, DateTimeOffset Since, int Contacts);
