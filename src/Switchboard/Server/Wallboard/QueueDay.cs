namespace Switchboard.Server.Wallboard;

/// <summary>
/// One queue's answered and abandoned contacts on one UTC day, as counts per whole second of wait (the last bucket holds
/// every wait of an hour or more). Keeping the waits rather than a count "within the threshold" lets a threshold agreed
/// anew during the day apply to the whole day at once, in constant memory.
/// </summary>
internal sealed class QueueDay(DateOnly day)
{
    private const int Buckets = 3601;
    private readonly int[] answered = new int[Buckets];
    private readonly int[] abandoned = new int[Buckets];

    public DateOnly Day { get; } = day;

    /// <summary>Contacts that entered the queue this day.</summary>
    public int Arrived { get; private set; }

    public int Answered { get; private set; }

    public int Abandoned { get; private set; }

    public void CountArrival() => Arrived++;

    public void CountAnswer(TimeSpan wait)
    {
        answered[Bucket(wait)]++;
        Answered++;
    }

    public void CountAbandon(TimeSpan wait)
    {
        abandoned[Bucket(wait)]++;
        Abandoned++;
    }

    /// <summary>Answered with a wait of at most <paramref name="threshold"/> (whole seconds).</summary>
    public int AnsweredWithin(TimeSpan threshold) => Sum(answered, threshold);

    /// <summary>Abandoned with a wait of at most <paramref name="threshold"/>: the short abandons.</summary>
    public int AbandonedWithin(TimeSpan threshold) => Sum(abandoned, threshold);

    /// <summary>
    /// Answered within the threshold over answered plus abandoned after it (short abandons left out); null before anyone
    /// has been answered or has abandoned after the threshold.
    /// </summary>
    public double? ServiceLevel(TimeSpan threshold)
    {
        var within = AnsweredWithin(threshold);
        var counted = Answered + Abandoned - AbandonedWithin(threshold);
        return counted == 0 ? null : (double)within / counted;
    }

    // A wait of 20.3 s is not "within 20 s": round up to the second, so bucket k holds waits in (k-1, k].
    private static int Bucket(TimeSpan wait) =>
        wait <= TimeSpan.Zero ? 0 : (int)Math.Min(Buckets - 1, (wait.Ticks + TimeSpan.TicksPerSecond - 1) / TimeSpan.TicksPerSecond);

    private static int Sum(int[] counts, TimeSpan threshold)
    {
        var last = (int)Math.Clamp(threshold.Ticks / TimeSpan.TicksPerSecond, 0, Buckets - 1);
        var sum = 0;
        for (var k = 0; k <= last; k++)
        {
            sum += counts[k];
        }

        return sum;
    }
}
