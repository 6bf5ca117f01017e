namespace Switchboard.Routing;

/// <summary>
/// The contacts of one routing group in service order: a first-in-first-out ring for entries that arrive in order
/// (nearly all: arrivals of equal priority, stages reached, which come due in arrival order) and a heap for the rest
/// (higher priorities, contacts back from a rejected offer, transfers). The head is the smaller of the two heads,
/// so taking the next contact is O(1) in the common case and O(log n) otherwise.
/// </summary>
/// <remarks>Entries are never removed from the middle: those whose contact moved on are skipped when they surface.</remarks>
internal sealed class WaitingLine
{
    private (ContactRef Ref, ContactKey Key)[] ring = new (ContactRef, ContactKey)[8];
    private int head;
    private int ringCount;
    private readonly PriorityQueue<ContactRef, ContactKey> heap = new();

    public int Count => ringCount + heap.Count;

    public int RingCount => ringCount;

    public PriorityQueue<ContactRef, ContactKey> Heap => heap;

    public ref readonly (ContactRef Ref, ContactKey Key) RingAt(int i) => ref ring[(head + i) & (ring.Length - 1)];

    public void Enqueue(ContactRef entry, ContactKey key)
    {
        if (ringCount == 0 || key.CompareTo(RingAt(ringCount - 1).Key) > 0)
        {
            if (ringCount == ring.Length)
            {
                Grow();
            }

            ring[(head + ringCount) & (ring.Length - 1)] = (entry, key);
            ringCount++;
        }
        else
        {
            heap.Enqueue(entry, key);
        }
    }

    public bool TryPeek(out ContactRef entry, out ContactKey key)
    {
        var inHeap = heap.TryPeek(out var heapEntry, out var heapKey);
        if (ringCount > 0 && (!inHeap || ring[head].Key.CompareTo(heapKey) < 0))
        {
            (entry, key) = ring[head];
            return true;
        }

        entry = heapEntry;
        key = heapKey;
        return inHeap;
    }

    /// <summary>Removes the entry <see cref="TryPeek"/> returns.</summary>
    public void Dequeue()
    {
        var inHeap = heap.TryPeek(out _, out var heapKey);
        if (ringCount > 0 && (!inHeap || ring[head].Key.CompareTo(heapKey) < 0))
        {
            ring[head] = default;
            head = (head + 1) & (ring.Length - 1);
            ringCount--;
        }
        else
        {
            heap.Dequeue();
        }
    }

    /// <summary>Keeps only the entries <paramref name="isValid"/> accepts, in order.</summary>
    public void Compact<TState>(TState state, Func<TState, ContactRef, ContactKey, bool> isValid, List<(ContactRef, ContactKey)> scratch)
    {
        var kept = 0;
        for (var i = 0; i < ringCount; i++)
        {
            var item = RingAt(i);
            if (isValid(state, item.Ref, item.Key))
            {
                ring[(head + kept) & (ring.Length - 1)] = item;
                kept++;
            }
        }

        for (var i = kept; i < ringCount; i++)
        {
            ring[(head + i) & (ring.Length - 1)] = default;
        }

        ringCount = kept;
        scratch.Clear();
        foreach (var (entry, key) in heap.UnorderedItems)
        {
            if (isValid(state, entry, key))
            {
                scratch.Add((entry, key));
            }
        }

        heap.Clear();
        heap.EnqueueRange(scratch);
        scratch.Clear();
    }

    private void Grow()
    {
        var grown = new (ContactRef, ContactKey)[ring.Length * 2];
        for (var i = 0; i < ringCount; i++)
        {
            grown[i] = RingAt(i);
        }

        ring = grown;
        head = 0;
    }
}
