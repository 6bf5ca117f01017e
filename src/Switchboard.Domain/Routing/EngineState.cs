using Switchboard.Agents;
using Switchboard.Contacts;
using Switchboard.Queues;
using Switchboard.Skills;

namespace Switchboard.Routing;

/// <summary>
/// The whole state of a <see cref="RoutingEngine"/> after its event <see cref="LastSequence"/>, as plain data:
/// <see cref="RoutingEngine.Restore"/> continues from it exactly as <see cref="RoutingEngine.Replay"/> of the whole log
/// would, so a restart needs only the events after it. <see cref="EngineSnapshot"/> is the logical view for
/// comparisons; this is the exact one, down to interned indices, slot numbers and timer order.
/// </summary>
/// <remarks>
/// Indices (skills, languages, requirement sets, queues, routes, groups, agents, contact slots) are the engine's
/// interned positions and are only meaningful inside one state. Ordering keys and handles are opaque numbers.
/// The free-agent heaps are not part of it: they are rebuilt from the agents, as after a replay.
/// </remarks>
/// <param name="Options">The options the engine ran with; a state restores only under equal options.</param>
/// <param name="Now">The engine's time.</param>
/// <param name="LastSequence">The sequence number of the last event the state includes.</param>
/// <param name="Decisions">Routing decisions counted so far (see <see cref="RoutingEngine.Decisions"/>).</param>
/// <param name="NextContactId">The id the next new contact gets.</param>
/// <param name="NextForget">When finished contacts and answered offers are next checked for forgetting.</param>
/// <param name="LastLineStamp">The last waiting-line stamp handed out.</param>
/// <param name="Skills">Interned skills, by index.</param>
/// <param name="Languages">Interned language match keys, by index.</param>
/// <param name="RequirementSets">Interned sets of skill needs, by index (0 is the empty set).</param>
/// <param name="Queues">Queues in the order they were configured.</param>
/// <param name="Routes">Routes, by index.</param>
/// <param name="Groups">Routing groups, by index.</param>
/// <param name="Agents">Agents in the order they were first configured.</param>
/// <param name="ContactDetails">The distinct details of the contacts kept (live and finished), which they name by index:
/// a channel adapter's contacts mostly share a handful.</param>
/// <param name="Contacts">Live contacts, by slot.</param>
/// <param name="SlotsInUse">Contact slots handed out so far (live or free).</param>
/// <param name="FreeSlots">Slots free for reuse, in the order they are handed out again (last first).</param>
/// <param name="OldestOffer">The id of the oldest offer kept; <see cref="Offers"/> run from it without gaps.</param>
/// <param name="Offers">Offers still kept, from <see cref="OldestOffer"/> on.</param>
/// <param name="OldestFinished">The position of the oldest finished contact kept.</param>
/// <param name="Finished">Finished contacts still kept, in the order they finished.</param>
/// <param name="HighestContactId">The highest contact id the engine has known.</param>
/// <param name="Timers">Pending timers.</param>
public sealed record EngineState(
    RoutingOptions Options,
    DateTimeOffset Now,
    long LastSequence,
    long Decisions,
    long NextContactId,
    DateTimeOffset NextForget,
    long LastLineStamp,
    IReadOnlyList<Skill> Skills,
    IReadOnlyList<string> Languages,
    IReadOnlyList<IReadOnlyList<SavedSkillNeed>> RequirementSets,
    IReadOnlyList<SavedQueue> Queues,
    IReadOnlyList<SavedRoute> Routes,
    IReadOnlyList<SavedGroup> Groups,
    IReadOnlyList<SavedAgent> Agents,
    IReadOnlyList<NewContact> ContactDetails,
    IReadOnlyList<SavedContact> Contacts,
    int SlotsInUse,
    IReadOnlyList<int> FreeSlots,
    long OldestOffer,
    IReadOnlyList<SavedOffer> Offers,
    long OldestFinished,
    IReadOnlyList<SavedFinishedContact> Finished,
    long HighestContactId,
    SavedTimers Timers);

/// <summary>A skill need: the interned skill index and the minimum proficiency level.</summary>
public sealed record SavedSkillNeed(int Skill, int Minimum);

/// <summary>The order of a waiting contact (smaller is served first): opaque numbers, not instants.</summary>
public readonly record struct SavedKey(long Primary, long Arrival, long Contact);

/// <summary>A queue's definition and running statistics.</summary>
/// <param name="Waiting">Contacts not yet connected.</param>
/// <param name="AverageHandleTicks">Running average handle time, in (fractional) ticks.</param>
/// <param name="SmoothedAbandons">Running share of finished waits that ended in abandonment.</param>
/// <param name="SmoothedWaitTicks">Running length of finished waits, in (fractional) ticks.</param>
public sealed record SavedQueue(QueueDefinition Definition, int Waiting, double AverageHandleTicks, double SmoothedAbandons, double SmoothedWaitTicks);

/// <summary>A route: queue, language, capacity channel and requirement set (all indices) and its group per stage.</summary>
public sealed record SavedRoute(int Queue, int Language, int Capacity, int Requirements, IReadOnlyList<int> Groups);

/// <summary>A routing group's criteria, counters and waiting line (valid entries only, in service order).</summary>
/// <param name="Language">The language index agents must speak, or −1 when an interpreter is allowed.</param>
/// <param name="Head">The order of the group's first waiting contact (all <see cref="long.MaxValue"/> when none).</param>
public sealed record SavedGroup(
    int Capacity,
    IReadOnlyList<SavedSkillNeed> Skills,
    int Language,
    int MinimumLanguage,
    AgentSelection Selection,
    IReadOnlyList<SavedSkillNeed> ProficiencySkills,
    int Waiting,
    int StaffedSlots,
    SavedKey Head,
    IReadOnlyList<SavedLineEntry> Line);

/// <summary>A waiting-line entry: a contact slot, the stamp it was filed with, and its order.</summary>
public sealed record SavedLineEntry(int Slot, long Stamp, SavedKey Key);

/// <summary>An agent's profile and routing state.</summary>
/// <param name="Skills">Routable proficiency per interned skill.</param>
/// <param name="Languages">Proficiency per interned language.</param>
/// <param name="Capacity">The most the agent may hold, per capacity channel.</param>
/// <param name="Used">Offers, conversations and wrap-ups in hand, per capacity channel.</param>
/// <param name="Held">Contact slots in hand, in the order taken.</param>
/// <param name="Serve">Per capacity channel, every group the agent qualifies for.</param>
/// <param name="Scan">Per capacity channel, the first group per route the agent qualifies for.</param>
/// <param name="Reserved">Slots of the waiting contacts kept for this agent (their preferred agent).</param>
public sealed record SavedAgent(
    AgentProfile Profile,
    IReadOnlyList<int> Skills,
    IReadOnlyList<int> Languages,
    IReadOnlyList<int> Capacity,
    IReadOnlyList<int> Used,
    int TotalUsed,
    Presence Chosen,
    string? BreakReason,
    DateTimeOffset Since,
    DateTimeOffset IdleSince,
    int Version,
    int Missed,
    int Consecutive,
    bool BreakDue,
    IReadOnlyList<int> Held,
    IReadOnlyList<IReadOnlyList<int>> Serve,
    IReadOnlyList<IReadOnlyList<int>> Scan,
    IReadOnlyList<int> Reserved);

/// <summary>A live contact in its slot. Instants never reached are <see cref="DateTimeOffset.MinValue"/>; timer
/// handles are opaque (0: none).</summary>
/// <param name="Details">Index into <see cref="EngineState.ContactDetails"/>.</param>
/// <param name="Queue">Queue index.</param>
/// <param name="Route">Route index.</param>
/// <param name="Agent">Agent index, or −1.</param>
/// <param name="LiveOffer">The live offer's id, or 0.</param>
/// <param name="Held">Kept for its preferred agent.</param>
/// <param name="PreferredAgent">The agent index it is kept for (meaningful while <paramref name="Held"/>).</param>
/// <param name="PreferenceTimer">The handle of the timer that ends the preference (0: none).</param>
public sealed record SavedContact(
    int Slot,
    long LineStamp,
    long Id,
    int Details,
    int Queue,
    int Route,
    ContactState State,
    Channel Channel,
    int Priority,
    DateTimeOffset Arrival,
    SavedKey Key,
    DateTimeOffset StageClock,
    long StageTimer,
    int Stage,
    int StageEpoch,
    int Agent,
    long LiveOffer,
    DateTimeOffset Connected,
    DateTimeOffset WrapStart,
    long WrapUpTimer,
    bool DispositionRecorded,
    Disposition? Disposition,
    bool Scheduled,
    bool WindowOpen,
    bool PromiseSettled,
    DateTimeOffset WindowStart,
    DateTimeOffset WindowEnd,
    bool Held,
    int PreferredAgent,
    long PreferenceTimer);

/// <summary>An offer kept by id.</summary>
/// <param name="Status">1 live, 2 accepted, 3 rejected, 4 expired, 5 withdrawn.</param>
/// <param name="Finished">When it was answered (<see cref="DateTimeOffset.MinValue"/> while live).</param>
public sealed record SavedOffer(long Contact, DateTimeOffset Finished, int Slot, int Agent, DateTimeOffset Expires, int Status, long ExpiryTimer);

/// <summary>A finished contact kept for queries until the retention forgets it.</summary>
/// <param name="Details">Index into <see cref="EngineState.ContactDetails"/>.</param>
public sealed record SavedFinishedContact(
    DateTimeOffset FinishedAt,
    long Id,
    ContactState State,
    int Queue,
    Channel Channel,
    int Details,
    int Priority,
    DateTimeOffset Arrival,
    int Stage,
    int Agent,
    bool Scheduled,
    DateTimeOffset WindowStart,
    DateTimeOffset WindowEnd);

/// <summary>Pending timers: first-in-first-out lanes per delay (in lane order) and timers at arbitrary instants.</summary>
/// <param name="Sequence">The last scheduling number handed out (it breaks ties between timers due at once).</param>
public sealed record SavedTimers(long Sequence, IReadOnlyList<SavedTimerLane> Lanes, IReadOnlyList<SavedTimer> Instants);

/// <summary>One delay's lane: the position of its head, the position the next timer takes (cancelled timers keep
/// theirs), and its pending timers by position.</summary>
public sealed record SavedTimerLane(TimeSpan Delay, long First, long End, IReadOnlyList<SavedTimer> Timers);

/// <summary>A pending timer: its kind and target (opaque numbers), when it is due and its tie-breaking order.</summary>
/// <param name="Position">Its position in its lane (0 for a timer at an instant).</param>
public sealed record SavedTimer(long Position, int Kind, int Slot, long Id, int Stamp, int Extra, DateTimeOffset Due, long Order);
