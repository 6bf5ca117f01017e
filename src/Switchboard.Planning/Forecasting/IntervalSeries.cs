namespace Switchboard.Planning.Forecasting;

/// <summary>
/// One quantity measured per interval, without gaps: value <c>i</c> belongs to the interval that starts at
/// <see cref="Start"/> + i × <see cref="IntervalLength"/> and ends (exclusive) one interval later.
/// </summary>
/// <remarks>
/// Values are finite and never negative (contacts per interval, for instance). The values are copied on the way in and
/// exposed as a read-only span, which a record's generated members cannot print or compare: hence a class.
/// </remarks>
public sealed class IntervalSeries
{
    private readonly double[] values;

    /// <param name="start">The first interval's start; a UTC instant (offset zero).</param>
    /// <param name="intervalLength">Positive, and a whole number of intervals makes a day (5, 10, 15, 30 or 60 minutes, say).</param>
    /// <param name="values">One value per interval, each finite and at least 0.</param>
    public IntervalSeries(DateTimeOffset start, TimeSpan intervalLength, IEnumerable<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (start.Offset != TimeSpan.Zero)
        {
            throw new ArgumentException("The start is a UTC instant (offset zero).", nameof(start));
        }

        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(intervalLength, TimeSpan.Zero);
        if (TimeSpan.TicksPerDay % intervalLength.Ticks != 0)
        {
            throw new ArgumentException("A whole number of intervals makes a day.", nameof(intervalLength));
        }

        this.values = [.. values];
        foreach (var value in this.values)
        {
            if (!double.IsFinite(value) || value < 0)
            {
                throw new ArgumentException($"Every value is finite and at least 0; found {value}.", nameof(values));
            }
        }

        Start = start;
        IntervalLength = intervalLength;
    }

    /// <summary>The first interval's start (UTC).</summary>
    public DateTimeOffset Start { get; }

    /// <summary>The length of every interval.</summary>
    public TimeSpan IntervalLength { get; }

    /// <summary>The values, one per interval, oldest first.</summary>
    public ReadOnlySpan<double> Values => values;

    /// <summary>The number of intervals.</summary>
    public int Count => values.Length;

    /// <summary>The end of the last interval (exclusive): where a forecast from this history starts.</summary>
    public DateTimeOffset End => IntervalStart(values.Length);

    /// <summary>How many intervals make a day.</summary>
    public int IntervalsPerDay => (int)(TimeSpan.TicksPerDay / IntervalLength.Ticks);

    /// <summary>The start of interval <paramref name="index"/> (UTC).</summary>
    public DateTimeOffset IntervalStart(int index) => Start + (IntervalLength * index);

    /// <summary>The value of interval <paramref name="index"/>.</summary>
    public double this[int index] => values[index];

    /// <summary>The intervals from <paramref name="first"/> on, <paramref name="count"/> of them.</summary>
    public IntervalSeries Slice(int first, int count) => new(IntervalStart(first), IntervalLength, values.AsSpan(first, count).ToArray());
}
