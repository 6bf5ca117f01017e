namespace Switchboard.Kpis;

/// <summary>
/// The waits of one report cell, for percentiles in bounded memory: exact while there are few (most 15-minute cells of
/// a queue hold a handful), then a histogram of whole seconds, exact up to two minutes and within 1/32 of the value
/// beyond (an answer at 10 minutes is placed within 19 s). A percentile read from the histogram is the upper bound of its
/// bucket, so it never flatters the centre.
/// </summary>
public sealed class WaitDistribution
{
    private const int ExactLimit = 64;
    private const int LinearSeconds = 128;
    private const int SubBuckets = 32;
    private const int Doublings = 11; // 128 s .. 262,144 s (three days); longer waits share the last bucket.
    private const int Buckets = LinearSeconds + (Doublings * SubBuckets) + 1;

    private long[]? exact = new long[4];
    private int[]? histogram;
    private bool exactSorted;

    /// <summary>How many waits were added.</summary>
    public long Count { get; private set; }

    public void Add(TimeSpan wait)
    {
        var ticks = Math.Max(0, wait.Ticks);
        Count++;
        if (exact is not null)
        {
            if (Count <= ExactLimit)
            {
                if (Count > exact.Length)
                {
                    Array.Resize(ref exact, Math.Min(ExactLimit, exact.Length * 2));
                }

                exact[Count - 1] = ticks;
                exactSorted = false;
                return;
            }

            histogram = new int[Buckets];
            for (var i = 0; i < ExactLimit; i++)
            {
                histogram[Bucket(exact[i])]++;
            }

            exact = null;
        }

        histogram![Bucket(ticks)]++;
    }

    /// <summary>The nearest-rank percentile (0 &lt; <paramref name="share"/> ≤ 1), or null when there are no waits.</summary>
    public TimeSpan? Percentile(double share)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(share);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(share, 1);
        if (Count == 0)
        {
            return null;
        }

        var rank = (long)Math.Ceiling(share * Count);
        if (exact is not null)
        {
            // Sorted in place, once for all the percentiles of a report: the order of the exact waits means nothing else.
            if (!exactSorted)
            {
                Array.Sort(exact, 0, (int)Count);
                exactSorted = true;
            }

            return TimeSpan.FromTicks(exact[rank - 1]);
        }

        long seen = 0;
        for (var b = 0; b < Buckets; b++)
        {
            seen += histogram![b];
            if (seen >= rank)
            {
                return UpperBound(b);
            }
        }

        return UpperBound(Buckets - 1);
    }

    // Bucket b < 128 holds waits in (b-1, b] seconds (a wait of 20.3 s is not within 20 s); above, each doubling of the
    // wait is cut into 32 equal buckets.
    private static int Bucket(long ticks)
    {
        var seconds = (ticks + TimeSpan.TicksPerSecond - 1) / TimeSpan.TicksPerSecond;
        if (seconds < LinearSeconds)
        {
            return (int)seconds;
        }

        var doubling = 63 - (int)long.LeadingZeroCount(seconds) - 7; // 0 for 128..255 s
        if (doubling >= Doublings)
        {
            return Buckets - 1;
        }

        var start = 128L << doubling;
        var width = start / SubBuckets;
        return LinearSeconds + (doubling * SubBuckets) + (int)((seconds - start) / width);
    }

    private static TimeSpan UpperBound(int bucket)
    {
        if (bucket < LinearSeconds)
        {
            return TimeSpan.FromSeconds(bucket);
        }

        if (bucket == Buckets - 1)
        {
            return TimeSpan.FromSeconds(128L << Doublings);
        }

        var doubling = (bucket - LinearSeconds) / SubBuckets;
        var sub = (bucket - LinearSeconds) % SubBuckets;
        var start = 128L << doubling;
        var width = start / SubBuckets;
        return TimeSpan.FromSeconds(start + ((sub + 1) * width) - 1);
    }
}
