using Switchboard.Contacts;
using Switchboard.Agents;
using Switchboard.Queues;
using Switchboard.Skills;

namespace Switchboard.Routing;

/// <summary>
/// The routing engine of one routing domain: decides which agent is offered which waiting contact.
/// </summary>
/// <remarks>
/// Pure and deterministic: every command takes the current UTC instant, and nothing reads a clock or a random source.
/// Every state change is recorded as a <see cref="RoutingEvent"/>; read them from <see cref="PendingEvents"/> and
/// acknowledge with <see cref="ClearPendingEvents"/>. Timers (offer expiry, routing stages, wrap-up limits, callback
/// windows, certification expiry) fire when a command or <see cref="AdvanceTo"/> brings time past them; the events
/// they cause carry the instant they were due. An instant earlier than the engine's time is taken as the engine's
/// time, so a clock stepping back never reorders the log. Not thread-safe: a routing domain has a single writer.
/// <para>
/// Every command validates, then records events; <see cref="Apply"/> is the only code that changes state, so
/// replaying the log rebuilds the state exactly. Decisions (who gets offered what) are made after applying and are
/// themselves recorded as events, so replay never re-decides.
/// </para>
/// </remarks>
public sealed partial class RoutingEngine
{
    private readonly RoutingOptions options;
    private readonly long agingStepTicks;
    private readonly double lowQuantileZ;
    private readonly double highQuantileZ;

    private readonly List<QueueState> queues = [];
    private readonly Dictionary<QueueId, int> queueIndex = [];
    private readonly List<AgentState> agents = [];
    private readonly Dictionary<AgentId, int> agentIndex = [];
    private readonly Dictionary<Skill, int> skillIndex = [];
    private readonly Dictionary<string, int> languageIndex = new(StringComparer.Ordinal);
    private readonly List<SkillNeed[]> requirementSets = [[]];
    private readonly Dictionary<string, int> requirementSetIndex = new(StringComparer.Ordinal) { [string.Empty] = 0 };
    private readonly Dictionary<IReadOnlyList<SkillRequirement>, int> requirementSetByList = new(ReferenceEqualityComparer.Instance);
    private readonly List<Route> routes = [];
    private readonly Dictionary<RouteKey, int> routeIndex = [];

    /// <summary>Channel adapters reuse <see cref="NewContact"/> instances per path; remembering their route skips four look-ups per arrival.</summary>
    private readonly Dictionary<NewContact, int> routeByTemplate = new(ReferenceEqualityComparer.Instance);
    private readonly List<RoutingGroup> groups = [];

    /// <summary>The key of each group's first valid waiting contact (or <see cref="ContactKey.Empty"/>), kept in one
    /// array so that an agent compares the groups it serves without touching the heaps.</summary>
    private ContactKey[] heads = new ContactKey[64];

    private ContactSlot[] contacts = new ContactSlot[256];

    /// <summary>Per slot, the part of the contact that matching does not read (see <see cref="ContactSlot"/>).</summary>
    private ContactLifecycle[] lifecycles = new ContactLifecycle[256];

    /// <summary>
    /// Per slot, the stamp its contact's waiting-line entries carry; 0 while it is in no line. Kept apart from the
    /// slots (8 bytes each, close together) because every head repair checks it for the next contact in line.
    /// </summary>
    private long[] lineStamps = new long[256];
    private long lastLineStamp;
    private int[] freeSlots = new int[256];
    private int freeSlotCount;
    private int slotsInUse;
    private readonly ContactDirectory directory = new();
    private long nextContactId = 1;

    private readonly OfferBook offers = new();

    /// <summary>Finished contacts in the order they finished, kept apart so the slots of live contacts stay few and
    /// close together, and forgotten after the retention.</summary>
    private readonly FinishedContacts finished = new();
    private long nextForget;
    private readonly TimerSchedule timers = new();

    private RoutingEvent[] pending = new RoutingEvent[64];
    private int pendingCount;
    private long lastSequence;
    private long nowTicks;
    private bool replaying;

    private readonly List<int> scratchSlots = [];
    private readonly List<(ContactRef, ContactKey)> contactScratch = [];
    private readonly List<(AgentRef, AgentKey)> agentScratch = [];

    public RoutingEngine(RoutingOptions? options = null)
    {
        this.options = options ?? new RoutingOptions();
        if (this.options.PriorityAgingStep is { } step)
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(step, TimeSpan.Zero, nameof(options));
            agingStepTicks = step.Ticks;
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(this.options.MissedOffersBeforeNotResponding, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(this.options.MinimumWrapUp, TimeSpan.Zero, nameof(options));
        if (this.options.ExpectedWaitLowQuantile is <= 0 or >= 1 || this.options.ExpectedWaitHighQuantile is <= 0 or >= 1
            || this.options.ExpectedWaitLowQuantile > this.options.ExpectedWaitHighQuantile)
        {
            throw new ArgumentException("Expected-wait quantiles must satisfy 0 < low <= high < 1.", nameof(options));
        }

        if (this.options.HandleTimeSmoothing is not (> 0 and <= 1) || this.options.AbandonmentSmoothing is not (> 0 and <= 1))
        {
            throw new ArgumentException("Smoothing weights must satisfy 0 < weight <= 1.", nameof(options));
        }

        lowQuantileZ = WaitEstimator.StandardNormalQuantile(this.options.ExpectedWaitLowQuantile);
        highQuantileZ = WaitEstimator.StandardNormalQuantile(this.options.ExpectedWaitHighQuantile);
        Array.Fill(heads, ContactKey.Empty);
    }

    public RoutingOptions Options => options;

    /// <summary>The engine's time: the latest instant a command or timer brought it to.</summary>
    public DateTimeOffset Now => At(nowTicks);

    /// <summary>The sequence number of the last recorded event (0 before any).</summary>
    public long LastSequence => lastSequence;

    /// <summary>Events recorded since the last <see cref="ClearPendingEvents"/>, in order.</summary>
    public ReadOnlySpan<RoutingEvent> PendingEvents => pending.AsSpan(0, pendingCount);

    /// <summary>Forget the pending events (after the caller has stored or used them).</summary>
    public void ClearPendingEvents()
    {
        // Drop references to payloads so they can be collected.
        Array.Clear(pending, 0, pendingCount);
        pendingCount = 0;
    }

    /// <summary>The instant of the next timer, if any: call <see cref="AdvanceTo"/> then.</summary>
    public DateTimeOffset? NextDueAt => timers.TryPeekDue(out var due) ? At(Math.Max(due, nowTicks)) : null;

    /// <summary>Bring time to <paramref name="now"/>, firing every timer due until then in order.</summary>
    public void AdvanceTo(DateTimeOffset now) => Advance(now);

    private static DateTimeOffset At(long ticks) => new(ticks, TimeSpan.Zero);

    private void Advance(DateTimeOffset now)
    {
        var target = Math.Max(now.UtcTicks, nowTicks);
        while (timers.TryPeekDue(out var due) && due <= target)
        {
            var timer = timers.Dequeue();
            nowTicks = Math.Max(nowTicks, due);
            Fire(timer);
        }

        nowTicks = target;
    }

    /// <summary>Records an event and applies it. The hints name the contact slot and agent the caller already
    /// holds, sparing <see cref="Apply"/> the look-ups a replay has to make.</summary>
    /// <remarks>The event is built straight into the buffer's slot from its fields: building it first and copying
    /// it in cost two or three copies of the struct (with write barriers for its references) per event.</remarks>
    private void Emit(
        RoutingEventType type,
        long contact = 0,
        AgentId agent = default,
        long offer = 0,
        QueueId queue = default,
        int number = 0,
        long? until = null,
        object? detail = null,
        int knownSlot = -1,
        int knownAgent = -1)
    {
        ref var e = ref NextEvent();
        e = new RoutingEvent(++lastSequence, nowTicks, type, contact, agent, offer, queue, number, until, detail);
        ApplyRecorded(in e, knownSlot, knownAgent);
    }

    /// <summary>Records and applies a contact's arrival with the wait announced to it, and the agent it is kept for (with
    /// when that ends) or none.</summary>
    private void EmitQueued(long contact, QueueId queue, NewContact details, in WaitEstimate estimate, AgentId keptFor, long? keptUntil)
    {
        ref var e = ref NextEvent();
        e = new RoutingEvent(++lastSequence, nowTicks, RoutingEventType.ContactQueued, contact, queue, details, in estimate, keptFor, keptUntil);
        ApplyRecorded(in e, -1, -1);
    }

    private ref RoutingEvent NextEvent()
    {
        if (pendingCount == pending.Length)
        {
            Array.Resize(ref pending, pending.Length * 2);
        }

        return ref pending[pendingCount++];
    }

    private void ApplyRecorded(in RoutingEvent e, int knownSlot, int knownAgent)
    {
        Forget(nowTicks);
        slotHint = knownSlot;
        agentHint = knownAgent;
        Apply(in e);
        slotHint = -1;
        agentHint = -1;
    }

    private int slotHint = -1;
    private int agentHint = -1;

    private int SlotOf(in RoutingEvent e) =>
        slotHint >= 0 && contacts[slotHint].Id == e.Contact.Value ? slotHint : directory.LiveSlot(e.Contact.Value);

    private int AgentOf(in RoutingEvent e) =>
        agentHint >= 0 && ReferenceEquals(agents[agentHint].Id.Value, e.AgentOrDefault.Value) ? agentHint : agentIndex[e.AgentOrDefault];

    /// <summary>Routing decisions made: each time the engine looked for an agent for a contact, or for a contact for a free agent.</summary>
    public long Decisions { get; private set; }

    /// <summary>Rebuild an engine by applying a log of events in order (no decisions are re-made: they are in the log).</summary>
    /// <exception cref="ArgumentException">The events are not a gap-free sequence starting at 1, in time order.</exception>
    public static RoutingEngine Replay(RoutingOptions options, IEnumerable<RoutingEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        return new RoutingEngine(options).ApplyLog(events);
    }

    /// <summary>Sets a timer a fixed delay from now (the common case, kept in first-in-first-out lanes); returns a
    /// handle to cancel it with once its check could no longer pass (0: not cancellable).</summary>
    private long ScheduleIn(long delay, ScheduledTimer timer) => timers.After(nowTicks, Math.Max(0, delay), timer);

    /// <summary>Sets a timer at an arbitrary instant.</summary>
    private void ScheduleAt(long due, ScheduledTimer timer) => timers.At(due, timer);

    /// <summary>Drops finished contacts and answered offers once they are older than the retention.
    /// Runs at every event, in live and replayed engines alike, so both hold the same state.</summary>
    private void Forget(long now)
    {
        // Forgetting is not urgent: once a second of event time is enough, and keeps the check off the hot path.
        if (now < nextForget)
        {
            return;
        }

        nextForget = now + TimeSpan.TicksPerSecond;
        var horizon = now - options.FinishedRetention.Ticks;
        offers.Forget(horizon);
        finished.Forget(horizon, directory);
    }

    /// <summary>Moves a contact that reached a final state out of the live slots.</summary>
    private void Retire(int slot, long t)
    {
        ref var c = ref contacts[slot];
        ref var l = ref lifecycles[slot];
        directory.MarkFinished(c.Id, finished.Add(t, c.Id, SummaryOf(in c, in l)));
        c = default;
        l = default;
        lineStamps[slot] = 0;
        if (freeSlotCount == freeSlots.Length)
        {
            Array.Resize(ref freeSlots, freeSlots.Length * 2);
        }

        freeSlots[freeSlotCount++] = slot;
    }

    private static ContactSummary SummaryOf(in ContactSlot c, in ContactLifecycle l) =>
        new(c.State, c.Queue, c.Channel, l.Details, l.Priority, l.ArrivalTicks, c.Stage, c.Agent, c.Scheduled, l.WindowStartTicks, l.WindowEndTicks);

    /// <summary>
    /// The opening of every contact command: brings time to <paramref name="now"/> and finds the live contact,
    /// in the <paramref name="required"/> state when one is named; otherwise says why not (unknown, or finished or in
    /// another state).
    /// </summary>
    private RoutingResult Open(ContactId contact, DateTimeOffset now, ContactState? required, out int slot)
    {
        Advance(now);
        if (!directory.TryGetLive(contact.Value, out slot))
        {
            return directory.TryGetFinished(contact.Value, out _) ? RoutingResult.WrongContactState : RoutingResult.UnknownContact;
        }

        return required is { } state && contacts[slot].State != state ? RoutingResult.WrongContactState : RoutingResult.Done;
    }

    private int AllocateSlot()
    {
        if (freeSlotCount > 0)
        {
            return freeSlots[--freeSlotCount];
        }

        if (slotsInUse == contacts.Length)
        {
            Array.Resize(ref contacts, contacts.Length * 2);
            Array.Resize(ref lifecycles, contacts.Length);
            Array.Resize(ref lineStamps, contacts.Length);
        }

        return slotsInUse++;
    }
}
