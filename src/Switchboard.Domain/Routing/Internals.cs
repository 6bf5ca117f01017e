using System.Runtime.InteropServices;
using Switchboard.Agents;
using Switchboard.Contacts;
using Switchboard.Queues;

namespace Switchboard.Routing;

/// <summary>
/// The order in which waiting contacts are served; smaller is served first.
/// Static for a contact's whole wait because priority aging is one rate for the whole domain:
/// effective priority p + (t − a)/step orders exactly like p·step − a, whatever t is.
/// </summary>
[StructLayout(LayoutKind.Auto)]
internal readonly record struct ContactKey(long Primary, long Arrival, long Id) : IComparable<ContactKey>
{
    public static ContactKey Empty => new(long.MaxValue, long.MaxValue, long.MaxValue);

    public bool IsEmpty => Id == long.MaxValue;

    public int CompareTo(ContactKey other)
    {
        if (Primary != other.Primary)
        {
            return Primary < other.Primary ? -1 : 1;
        }

        if (Arrival != other.Arrival)
        {
            return Arrival < other.Arrival ? -1 : 1;
        }

        return Id.CompareTo(other.Id);
    }

    public static ContactKey For(int priority, long arrivalTicks, long id, long agingStepTicks) =>
        agingStepTicks > 0
            ? new ContactKey(arrivalTicks - (priority * agingStepTicks), arrivalTicks, id)
            : new ContactKey(-(long)priority, arrivalTicks, id);
}

/// <summary>A waiting-line entry for a contact: valid while the slot still carries the stamp it was filed with.</summary>
internal readonly record struct ContactRef(int Slot, long Stamp);

/// <summary>The order in which free agents are chosen; smaller is chosen first. Ties fall to the lower agent id.</summary>
[StructLayout(LayoutKind.Auto)]
internal readonly record struct AgentKey(long Primary, long IdleSince, string Id) : IComparable<AgentKey>
{
    public int CompareTo(AgentKey other)
    {
        if (Primary != other.Primary)
        {
            return Primary < other.Primary ? -1 : 1;
        }

        if (IdleSince != other.IdleSince)
        {
            return IdleSince < other.IdleSince ? -1 : 1;
        }

        return string.CompareOrdinal(Id, other.Id);
    }
}

/// <summary>A heap entry for a free agent: valid while the agent's version is unchanged.</summary>
internal readonly record struct AgentRef(int Index, int Version);

/// <summary>A skill need with interned skill index.</summary>
internal readonly record struct SkillNeed(int Skill, int Minimum);

internal readonly record struct RouteKey(int Queue, int Language, int Capacity, int Requirements);

/// <summary>
/// Contacts of one queue, customer language, capacity channel and set of own skill needs share a route:
/// the same agents qualify for them at every stage.
/// </summary>
internal sealed class Route(RouteKey key, int[] groups)
{
    public RouteKey Key { get; } = key;

    /// <summary>One routing group per stage of the queue.</summary>
    public int[] Groups { get; } = groups;
}

/// <summary>
/// The agents who qualify for one stage of one route, and the contacts that reached that stage.
/// Both lines delete lazily: entries whose stamp or version moved on are dropped when they surface.
/// </summary>
internal sealed class RoutingGroup(int capacity, SkillNeed[] skills, int language, int minimumLanguage, AgentSelection selection, SkillNeed[] proficiencySkills)
{
    public int Capacity { get; } = capacity;
    public SkillNeed[] Skills { get; } = skills;

    /// <summary>The language index agents must speak, or −1 when an interpreter is allowed.</summary>
    public int Language { get; } = language;

    public int MinimumLanguage { get; } = minimumLanguage;
    public AgentSelection Selection { get; } = selection;
    public SkillNeed[] ProficiencySkills { get; } = proficiencySkills;
    public WaitingLine Contacts { get; } = new();
    public PriorityQueue<AgentRef, AgentKey> Agents { get; } = new();

    /// <summary>Contacts routable in this group now (valid heap entries).</summary>
    public int Waiting { get; set; }

    /// <summary>Capacity slots on this group's channel of the member agents who are signed in and available.</summary>
    public int StaffedSlots { get; set; }
}

internal sealed class QueueState(QueueDefinition definition, long averageHandleTicks)
{
    public QueueDefinition Definition { get; set; } = definition;

    /// <summary>Contacts not yet connected: waiting, offered, or holding a callback.</summary>
    public int Waiting { get; set; }

    public double AverageHandleTicks { get; set; } = averageHandleTicks;

    /// <summary>Running (exponentially weighted) share of finished live waits that ended in abandonment.</summary>
    public double SmoothedAbandons { get; set; }

    /// <summary>Running (exponentially weighted, same weights) length of finished live waits, in ticks.</summary>
    public double SmoothedWaitTicks { get; set; }

    /// <summary>θ, the abandonment rate per waiting customer per tick: abandons over time spent waiting, the maximum-likelihood
    /// estimate for exponential patience when answered customers' waits count as censored patience. 0 until anyone abandons.</summary>
    public double AbandonmentRatePerTick => SmoothedWaitTicks > 0 ? SmoothedAbandons / SmoothedWaitTicks : 0;

    /// <summary>Counts a finished live wait (answered or abandoned) into the abandonment estimate.</summary>
    public void WaitEnded(long waitTicks, bool abandoned, double weight)
    {
        SmoothedAbandons += weight * ((abandoned ? 1 : 0) - SmoothedAbandons);
        SmoothedWaitTicks += weight * (waitTicks - SmoothedWaitTicks);
    }
}

internal sealed class AgentState(int index, AgentId id)
{
    public int Index { get; } = index;
    public AgentId Id { get; } = id;
    public AgentProfile Profile { get; set; } = null!;

    /// <summary>Routable proficiency per interned skill; 0 when the agent lacks it or its certification lapsed.</summary>
    public byte[] Skills { get; set; } = [];

    /// <summary>Proficiency per interned language; 0 when not spoken.</summary>
    public byte[] Languages { get; set; } = [];

    /// <summary>Per capacity channel (voice, chat, email, SMS, messaging): the most the agent may hold.</summary>
    public ChannelCounts Capacity;

    /// <summary>Per capacity channel: offers, conversations and wrap-ups in hand.</summary>
    public ChannelCounts Used;
    public int TotalUsed { get; set; }
    public Presence Chosen { get; set; } = Presence.Offline;
    public string? BreakReason { get; set; }
    public long SinceTicks { get; set; }
    public long IdleSinceTicks { get; set; }

    /// <summary>Moves on at every change that could alter the agent's routability or order; stale heap entries show it.</summary>
    public int Version { get; set; }

    /// <summary>The version at which the agent was last put into the free-agent heaps; −1 when not there.</summary>
    public int PooledVersion { get; set; } = -1;

    public int Missed { get; set; }
    public int Consecutive { get; set; }
    public bool BreakDue { get; set; }
    public List<int> Held { get; } = [];

    /// <summary>Slots of waiting contacts kept for this agent (their preferred agent), offered to them before any group's.
    /// Null until the agent is first preferred: for nearly every agent the check is one branch on a reference the agent
    /// object holds beside the ones matching reads anyway, never a read of another object (at 10,000 agents that read
    /// was a cache miss per decision).</summary>
    public List<int>? Reserved { get; set; }

    /// <summary>Per capacity channel: every group the agent qualifies for.</summary>
    public List<int>[] Serve { get; } = NewLists();

    /// <summary>Per capacity channel: for each route, only the first stage the agent qualifies for; later stages hold a subset of its contacts.</summary>
    public List<int>[] Scan { get; } = NewLists();

    public bool IsStaffed => Chosen == Presence.Available;

    private static List<int>[] NewLists()
    {
        var lists = new List<int>[ChannelRules.CapacityKinds];
        for (var i = 0; i < lists.Length; i++)
        {
            lists[i] = [];
        }

        return lists;
    }
}

/// <summary>One count per capacity channel, stored inside the agent's object (no separate array to chase).</summary>
[System.Runtime.CompilerServices.InlineArray(ChannelRules.CapacityKinds)]
internal struct ChannelCounts
{
    private int element;
}

internal enum OfferStatus
{
    Live = 1,
    Accepted = 2,
    Rejected = 3,
    Expired = 4,
    Withdrawn = 5,
}

[StructLayout(LayoutKind.Auto)]
internal struct OfferRecord
{
    public long ContactId;
    public long FinishedTicks;
    public int Slot;
    public int Agent;
    public long ExpiresTicks;
    public OfferStatus Status;

    /// <summary>The expiry timer's handle, cancelled when the offer is answered.</summary>
    public long ExpiryTimer;
}

/// <summary>
/// What matching, the waiting lines and every command's state check read of a live contact: 64 bytes, no references
/// (arrays are not aligned to cache lines, so usually two adjacent lines rather than one). Everything else a contact
/// carries is in its <see cref="ContactLifecycle"/>, in a parallel array, so that checking or skipping a contact does
/// not pull the three or four lines of the whole 180 bytes.
/// </summary>
[StructLayout(LayoutKind.Auto)]
internal struct ContactSlot
{
    /// <summary>The contact's order in line; its <see cref="ContactKey.Id"/> is the contact's id (0: a free slot).</summary>
    public ContactKey Key;
    public long LiveOffer;
    public int Queue;
    public int Route;
    public int Stage;
    public int Agent;
    public ContactState State;
    public Channel Channel;
    public bool Scheduled;
    public bool WindowOpen;

    /// <summary>Kept for its preferred agent (<see cref="ContactLifecycle.PreferredAgent"/>): in no routing group, offered
    /// to nobody else, while it waits or is offered to that agent.</summary>
    public bool Held;

    public readonly long Id => Key.Id;
}

/// <summary>The rest of a live contact (see <see cref="ContactSlot"/>): its details, clocks, timers and wrap-up, read
/// when it arrives, is connected, reaches a stage, wraps up or finishes.</summary>
[StructLayout(LayoutKind.Auto)]
internal struct ContactLifecycle
{
    public NewContact Details;
    public int Priority;
    public long ArrivalTicks;
    public long StageClockTicks;

    /// <summary>The next stage's timer, cancelled when the contact can no longer reach it (connected, gone).</summary>
    public long StageTimer;
    public int StageEpoch;
    public long ConnectedTicks;
    public long WrapStartTicks;

    /// <summary>The wrap-up limit's timer, cancelled when the contact completes sooner.</summary>
    public long WrapUpTimer;
    public bool DispositionRecorded;
    public Disposition? Disposition;
    public bool PromiseSettled;
    public long WindowStartTicks;
    public long WindowEndTicks;

    /// <summary>The agent index the contact is kept for while <see cref="ContactSlot.Held"/>.</summary>
    public int PreferredAgent;

    /// <summary>The timer that ends the preference, cancelled when it ends sooner.</summary>
    public long PreferenceTimer;
}

/// <summary>What queries need of a contact; all that stays of a finished one until the retention forgets it.</summary>
[StructLayout(LayoutKind.Auto)]
internal readonly record struct ContactSummary(
    ContactState State,
    int Queue,
    Channel Channel,
    NewContact Details,
    int Priority,
    long ArrivalTicks,
    int Stage,
    int Agent,
    bool Scheduled,
    long WindowStartTicks,
    long WindowEndTicks);

internal enum TimerKind
{
    Stage = 1,
    OfferExpiry = 2,
    WrapUpLimit = 3,
    MinimumWrapUp = 4,
    WindowOpens = 5,
    WindowEnds = 6,
    Certification = 7,
    PreferenceEnds = 8,
}

/// <summary>A timer; checked against current state when it fires. Lane timers whose check can no longer pass are
/// cancelled (see <see cref="TimerSchedule"/>); the others are outlived and found stale when they fire.</summary>
[StructLayout(LayoutKind.Auto)]
internal readonly record struct ScheduledTimer(TimerKind Kind, int Slot, long Id, int Stamp, int Extra);

[StructLayout(LayoutKind.Auto)]
internal readonly record struct TimerOrder(long Due, long Sequence) : IComparable<TimerOrder>
{
    public int CompareTo(TimerOrder other) =>
        Due != other.Due ? Due.CompareTo(other.Due) : Sequence.CompareTo(other.Sequence);
}
