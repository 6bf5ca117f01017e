namespace Switchboard.Routing;

/// <summary>
/// Contacts that reached a final state, kept for queries until the retention forgets them. They finish in time
/// order and are forgotten in the same order, so they sit in a ring addressed by ever-growing positions (what the
/// <see cref="ContactDirectory"/> stores for a finished id): adding and forgetting are O(1), with no hashing.
/// </summary>
internal sealed class FinishedContacts
{
    private Finished[] ring = new Finished[256];
    private long oldest;
    private long next;

    /// <summary>The summary of a kept contact, by the position <see cref="Add"/> gave it.</summary>
    public ref readonly ContactSummary this[long position] => ref ring[position & (ring.Length - 1)].Summary;

    public long Add(long ticks, long id, in ContactSummary summary)
    {
        if (next - oldest == ring.Length)
        {
            var grown = new Finished[ring.Length * 2];
            for (var p = oldest; p < next; p++)
            {
                grown[p & (grown.Length - 1)] = ring[p & (ring.Length - 1)];
            }

            ring = grown;
        }

        ring[next & (ring.Length - 1)] = new Finished(ticks, id, summary);
        return next++;
    }

    public long Oldest => oldest;

    /// <summary>Every kept contact, oldest first, with the instant it finished.</summary>
    public IEnumerable<(long Ticks, long Id, ContactSummary Summary)> Kept()
    {
        for (var p = oldest; p < next; p++)
        {
            var item = ring[p & (ring.Length - 1)];
            yield return (item.Ticks, item.Id, item.Summary);
        }
    }

    /// <summary>Makes an empty ring start at <paramref name="position"/>, so that <see cref="Add"/> continues the numbering.</summary>
    public void StartAt(long position)
    {
        if (next != oldest)
        {
            throw new InvalidOperationException("Only an empty ring can be moved.");
        }

        oldest = position;
        next = position;
    }

    /// <summary>Forgets the contacts that finished at or before <paramref name="horizon"/>, taking them out of the directory.</summary>
    public void Forget(long horizon, ContactDirectory directory)
    {
        while (oldest < next)
        {
            ref var item = ref ring[oldest & (ring.Length - 1)];
            if (item.Ticks > horizon)
            {
                return;
            }

            directory.Remove(item.Id);
            item = default;
            oldest++;
        }
    }

    private readonly struct Finished(long ticks, long id, ContactSummary summary)
    {
        public readonly long Ticks = ticks;
        public readonly long Id = id;
        public readonly ContactSummary Summary = summary;
    }
}
