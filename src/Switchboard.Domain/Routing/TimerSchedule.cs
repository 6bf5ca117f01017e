namespace Switchboard.Routing;

/// <summary>
/// The engine's pending timers, fired in (due, scheduling order) order.
/// </summary>
/// <remarks>
/// Most timers are "this long from now" with a handful of distinct lengths (offer timeouts, wrap-up limits, stage
/// delays). Since time never goes back, timers of one length come due in the order they were set, so each length
/// gets a first-in-first-out lane: setting and firing are O(1), and the next timer is the earliest lane head.
/// Timers at arbitrary instants (callback windows, certification expiry) go to a heap.
/// </remarks>
internal sealed class TimerSchedule
{
    private const int MaximumLanes = 256;

    private readonly Dictionary<long, int> laneByDelay = [];
    private readonly List<Queue<(ScheduledTimer Timer, TimerOrder Order)>> lanes = [];
    private readonly PriorityQueue<ScheduledTimer, TimerOrder> instants = new();
    private long sequence;

    /// <summary>The lane holding the earliest timer (−1: the heap); valid while <see cref="bestKnown"/>.</summary>
    private int best;
    private TimerOrder bestOrder;
    private bool bestKnown;

    public int Count { get; private set; }

    public void After(long now, long delay, ScheduledTimer timer)
    {
        if (!laneByDelay.TryGetValue(delay, out var lane))
        {
            if (lanes.Count >= MaximumLanes)
            {
                At(now + delay, timer);
                return;
            }

            lane = lanes.Count;
            lanes.Add(new Queue<(ScheduledTimer, TimerOrder)>());
            laneByDelay.Add(delay, lane);
        }

        var order = new TimerOrder(now + delay, ++sequence);
        var queue = lanes[lane];
        queue.Enqueue((timer, order));
        Count++;
        if (bestKnown && queue.Count == 1 && order.CompareTo(bestOrder) < 0)
        {
            best = lane;
            bestOrder = order;
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
        return best < 0 ? instants.Dequeue() : lanes[best].Dequeue().Timer;
    }

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
            if (lanes[i].TryPeek(out var head) && head.Order.CompareTo(bestOrder) < 0)
            {
                best = i;
                bestOrder = head.Order;
            }
        }

        bestKnown = true;
    }
}
