namespace Switchboard.Routing;

/// <summary>
/// What the engine expects a waiting contact to wait from now until an agent takes it:
/// the mean and a range between two quantiles (by default the 10th and 90th percentiles).
/// </summary>
/// <param name="Expected">The mean expected remaining wait.</param>
/// <param name="Low">The low end of the range.</param>
/// <param name="High">The high end of the range.</param>
/// <param name="Position">Contacts ahead of this one competing for the same agents.</param>
/// <param name="Agents">Staffed agent slots eligible for the contact (capacity on its channel, summed).</param>
public readonly record struct WaitEstimate(TimeSpan Expected, TimeSpan Low, TimeSpan High, int Position, int Agents)
{
    /// <summary>False when no eligible agent is staffed: nobody can say how long the wait will be.</summary>
    public bool IsKnown => Agents > 0;

    public static WaitEstimate Unknown(int position) => new(TimeSpan.MaxValue, TimeSpan.MaxValue, TimeSpan.MaxValue, position, 0);

    /// <summary>True when the wait may be longer than <paramref name="threshold"/>: the expected wait exceeds it, or
    /// nobody can say (no eligible agent staffed). The rule for offering a waiting customer a callback.</summary>
    public bool MayExceed(TimeSpan threshold) => !IsKnown || Expected > threshold;

    /// <summary>True when <paramref name="actual"/> fell inside the announced range.</summary>
    public bool Covers(TimeSpan actual) => IsKnown && actual >= Low && actual <= High;
}
