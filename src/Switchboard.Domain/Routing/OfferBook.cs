namespace Switchboard.Routing;

/// <summary>
/// Offers by id. Ids are given in order and every offer is answered within its timeout, so the offers still kept
/// form a sliding window of ids: a ring indexed by id, with no hashing, forgotten from the oldest end once answered
/// longer ago than the retention.
/// </summary>
internal sealed class OfferBook
{
    private OfferRecord[] ring = new OfferRecord[256];
    private long oldest = 1;
    private long next = 1;

    public long Oldest => oldest;

    public long Next => next;

    public bool Contains(long id) => id >= oldest && id < next;

    /// <summary>The record of a kept offer; check <see cref="Contains"/> first.</summary>
    public ref OfferRecord this[long id] => ref ring[id & (ring.Length - 1)];

    public void Add(long id, in OfferRecord record)
    {
        if (id != next)
        {
            throw new InvalidOperationException($"Offer {id} is out of order (expected {next}).");
        }

        if (next - oldest >= ring.Length)
        {
            var grown = new OfferRecord[ring.Length * 2];
            for (var i = oldest; i < next; i++)
            {
                grown[i & (grown.Length - 1)] = ring[i & (ring.Length - 1)];
            }

            ring = grown;
        }

        ring[id & (ring.Length - 1)] = record;
        next = id + 1;
    }

    public IReadOnlyList<SavedOffer> Save()
    {
        var saved = new SavedOffer[next - oldest];
        for (var id = oldest; id < next; id++)
        {
            ref readonly var r = ref ring[id & (ring.Length - 1)];
            saved[id - oldest] = new SavedOffer(r.ContactId, At(r.FinishedTicks), r.Slot, r.Agent, At(r.ExpiresTicks), (int)r.Status, r.ExpiryTimer);
        }

        return saved;
    }

    /// <summary>Fills an empty book with the offers from <paramref name="first"/> on.</summary>
    public void Load(long first, IReadOnlyList<SavedOffer> saved)
    {
        var size = ring.Length;
        while (size < saved.Count + 1)
        {
            size *= 2;
        }

        ring = new OfferRecord[size];
        oldest = first;
        next = first + saved.Count;
        for (var i = 0; i < saved.Count; i++)
        {
            var s = saved[i];
            ring[(first + i) & (size - 1)] = new OfferRecord
            {
                ContactId = s.Contact,
                FinishedTicks = s.Finished.UtcTicks,
                Slot = s.Slot,
                Agent = s.Agent,
                ExpiresTicks = s.Expires.UtcTicks,
                Status = (OfferStatus)s.Status,
                ExpiryTimer = s.ExpiryTimer,
            };
        }
    }

    private static DateTimeOffset At(long ticks) => new(ticks, TimeSpan.Zero);

    /// <summary>Forgets answered offers from the oldest end, up to the first one still live or answered after <paramref name="horizon"/>.</summary>
    public void Forget(long horizon)
    {
        while (oldest < next)
        {
            ref var record = ref ring[oldest & (ring.Length - 1)];
            if (record.Status == OfferStatus.Live || record.FinishedTicks > horizon)
            {
                return;
            }

            record = default;
            oldest++;
        }
    }
}
