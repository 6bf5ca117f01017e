namespace Switchboard.Routing;

/// <summary>
/// The engine's pending timers, fired in (due, scheduling order) order.
/// </summary>
/// <remarks>
/// Most timers are "this long from now" with a handful of distinct lengths (offer timeouts, wrap-up limits, stage
/// delays). Since time never goes back, timers of one length come due in the order they were set, so each length
/// gets a first-in-first-out lane: setting and firing are O(1), and the next timer is the earliest lane head.
/// Timers at arbitrary instants (callback windows, certification expiry) go to a heap.
/// <para>
/// Most lane timers are outlived: an offer is answered long before it expires, a wrap-up finishes before its limit.
/// A lane timer can therefore be cancelled through the handle <see cref="After"/> returns: its entry is marked dead
/// where it stands (it is usually still in cache, set moments before) and dropped unseen when it reaches the head,
/// so an outlived timer never fires and never makes its owner's state be read again.
/// </para>
/// </remarks>
internal sealed class TimerSchedule
{
    private const int MaximumLanes = 256;

    /// <summary>Bits of a handle that name its lane; the rest is the entry's position in that lane.</summary>
    private const int LaneBits = 8;

    private readonly Dictionary<long, int> laneByDelay = [];
    private readonly List<Lane> lanes = [];
    private readonly PriorityQueue<ScheduledTimer, TimerOrder> instants = new();
    private long sequence;

    /// <summary>The lane holding the earliest timer (−1: the heap); valid while <see cref="bestKnown"/>.</summary>
    private int best;
    private TimerOrder bestOrder;
    private bool bestKnown;

    /// <summary>Timers set and neither fired nor cancelled.</summary>
    public int Count { get; private set; }

    /// <summary>Sets a timer <paramref name="delay"/> ticks after <paramref name="now"/>.</summary>
    /// <returns>A handle for <see cref="Cancel"/>, or 0 when the timer cannot be cancelled (it went to the heap).</returns>
    public long After(long now, long delay, ScheduledTimer timer)
    {
        if (!laneByDelay.TryGetValue(delay, out var index))
        {
            if (lanes.Count >= MaximumLanes)
            {
                At(now + delay, timer);
                return 0;
            }

            index = lanes.Count;
            lanes.Add(new Lane());
            laneByDelay.Add(delay, index);
        }

        var order = new TimerOrder(now + delay, ++sequence);
        var lane = lanes[index];
        lane.DropDeadHead();
        var position = lane.Add(timer, order);
        Count++;
        if (bestKnown && lane.Count == 1 && order.CompareTo(bestOrder) < 0)
        {
            best = index;
            bestOrder = order;
        }

        return (position << LaneBits) | (long)index;
    }

    /// <summary>Cancels a lane timer that has not fired yet; does nothing for a fired one or for the handle 0.</summary>
    public void Cancel(long handle)
    {
        if (handle == 0)
        {
            return;
        }

        var index = (int)(handle & (MaximumLanes - 1));
        var position = handle >> LaneBits;
        var lane = lanes[index];
        if (lane.Kill(position))
        {
            Count--;
            if (bestKnown && best == index && position == lane.First)
            {
                bestKnown = false;
            }
        }
    }

    public void At(long due, ScheduledTimer timer)
    {
        var order = new TimerOrder(due, ++sequence);
        instants.Enqueue(timer, order);
        Count++;
        if (bestKnown && order.CompareTo(bestOrder) < 0)
        {
            best = -1;
            bestOrder = order;
        }
    }

    /// <summary>Sets a timer that fires before every other timer due at the same instant (certification expiry:
    /// no timer at that instant may still route work on the lapsing skill).</summary>
    public void AtFirst(long due, ScheduledTimer timer)
    {
        var order = new TimerOrder(due, long.MinValue + ++sequence);
        instants.Enqueue(timer, order);
        Count++;
        if (bestKnown && order.CompareTo(bestOrder) < 0)
        {
            best = -1;
            bestOrder = order;
        }
    }

    public bool TryPeekDue(out long due)
    {
        if (Count == 0)
        {
            due = 0;
            return false;
        }

        if (!bestKnown)
        {
            FindBest();
        }

        due = bestOrder.Due;
        return true;
    }

    public ScheduledTimer Dequeue()
    {
        if (!bestKnown)
        {
            FindBest();
        }

        bestKnown = false;
        Count--;
        return best < 0 ? instants.Dequeue() : lanes[best].Take();
    }

    /// <summary>The pending timers as plain data (cancelled lane entries left out: their handles find nothing).</summary>
    public SavedTimers Save()
    {
        var delays = new long[lanes.Count];
        foreach (var (delay, index) in laneByDelay)
        {
            delays[index] = delay;
        }

        var saved = new SavedTimerLane[lanes.Count];
        for (var i = 0; i < lanes.Count; i++)
        {
            saved[i] = lanes[i].Save(TimeSpan.FromTicks(delays[i]));
        }

        var pending = new List<SavedTimer>(instants.Count);
        foreach (var (timer, order) in instants.UnorderedItems)
        {
            pending.Add(Saved(0, timer, order));
        }

        // The heap's layout is not state: timers come out by (due, order), which the sort reproduces.
        pending.Sort(static (a, b) => new TimerOrder(a.Due.UtcTicks, a.Order).CompareTo(new TimerOrder(b.Due.UtcTicks, b.Order)));
        return new SavedTimers(sequence, saved, pending);
    }

    /// <summary>Fills an empty schedule from <see cref="Save"/>'s data; handles given before stay valid.</summary>
    public void Load(SavedTimers saved)
    {
        if (Count != 0 || lanes.Count != 0)
        {
            throw new InvalidOperationException("Only an empty timer schedule can be loaded.");
        }

        sequence = saved.Sequence;
        foreach (var savedLane in saved.Lanes)
        {
            laneByDelay.Add(savedLane.Delay.Ticks, lanes.Count);
            lanes.Add(Lane.Load(savedLane));
            Count += savedLane.Timers.Count;
        }

        foreach (var timer in saved.Instants)
        {
            instants.Enqueue(Timer(timer), new TimerOrder(timer.Due.UtcTicks, timer.Order));
            Count++;
        }

        bestKnown = false;
    }

    private static SavedTimer Saved(long position, ScheduledTimer timer, TimerOrder order) =>
        new(position, (int)timer.Kind, timer.Slot, timer.Id, timer.Stamp, timer.Extra, new DateTimeOffset(order.Due, TimeSpan.Zero), order.Sequence);

    private static ScheduledTimer Timer(SavedTimer saved) => new((TimerKind)saved.Kind, saved.Slot, saved.Id, saved.Stamp, saved.Extra);

    private void FindBest()
    {
        best = -1;
        bestOrder = new TimerOrder(long.MaxValue, long.MaxValue);
        if (instants.TryPeek(out _, out var order))
        {
            bestOrder = order;
        }

        for (var i = 0; i < lanes.Count; i++)
        {
            var lane = lanes[i];
            lane.DropDeadHead();
            if (lane.Count > 0 && lane.HeadOrder.CompareTo(bestOrder) < 0)
            {
                best = i;
                bestOrder = lane.HeadOrder;
            }
        }

        bestKnown = true;
    }

    /// <summary>One delay's timers in the order they come due: a ring addressed by ever-growing positions, so a
    /// handle stays valid (or is seen to be spent) however the ring wraps or grows.</summary>
    private sealed class Lane
    {
        private Entry[] ring = new Entry[16];

        /// <summary>Position of the head entry; positions start at 1, so that no handle is 0.</summary>
        public long First { get; private set; } = 1;

        /// <summary>Entries in the ring, dead ones included.</summary>
        public int Count { get; private set; }

        public TimerOrder HeadOrder => ring[First & (ring.Length - 1)].Order;

        public long Add(ScheduledTimer timer, TimerOrder order)
        {
            if (Count == ring.Length)
            {
                var grown = new Entry[ring.Length * 2];
                for (var p = First; p < First + Count; p++)
                {
                    grown[p & (grown.Length - 1)] = ring[p & (ring.Length - 1)];
                }

                ring = grown;
            }

            var position = First + Count;
            ring[position & (ring.Length - 1)] = new Entry(timer, order);
            Count++;
            return position;
        }

        /// <summary>Marks the entry at <paramref name="position"/> dead; false when it already fired or was cancelled.</summary>
        public bool Kill(long position)
        {
            if (position < First || position >= First + Count)
            {
                return false;
            }

            ref var entry = ref ring[position & (ring.Length - 1)];
            if (entry.Timer.Kind == 0)
            {
                return false;
            }

            entry = entry with { Timer = default };
            return true;
        }

        /// <summary>Drops cancelled entries from the head, so the head is a live timer or the lane is empty.</summary>
        public void DropDeadHead()
        {
            while (Count > 0 && ring[First & (ring.Length - 1)].Timer.Kind == 0)
            {
                First++;
                Count--;
            }
        }

        public ScheduledTimer Take()
        {
            ref var entry = ref ring[First & (ring.Length - 1)];
            var timer = entry.Timer;
            entry = default;
            First++;
            Count--;
            return timer;
        }

        public SavedTimerLane Save(TimeSpan delay)
        {
            var timers = new List<SavedTimer>();
            for (var p = First; p < First + Count; p++)
            {
                var entry = ring[p & (ring.Length - 1)];
                if (entry.Timer.Kind != 0)
                {
                    timers.Add(Saved(p, entry.Timer, entry.Order));
                }
            }

            return new SavedTimerLane(delay, First, First + Count, timers);
        }

        public static Lane Load(SavedTimerLane saved)
        {
            var count = (int)(saved.End - saved.First);
            var size = 16;
            while (size < count)
            {
                size *= 2;
            }

            var lane = new Lane { ring = new Entry[size], First = saved.First, Count = count };
            foreach (var timer in saved.Timers)
            {
                lane.ring[timer.Position & (size - 1)] = new Entry(Timer(timer), new TimerOrder(timer.Due.UtcTicks, timer.Order));
            }

            return lane;
        }

        private readonly record struct Entry(ScheduledTimer Timer, TimerOrder Order);
    }
}
