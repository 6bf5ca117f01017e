namespace Switchboard.Planning.Staffing;

/// <summary>
/// The Erlang C model (M/M/N): Poisson arrivals, exponential handle times, N identical agents, an infinite queue and no abandonment.
/// </summary>
/// <remarks>
/// <para>With offered load A = arrival rate × average handle time (in Erlangs) and N agents (N &gt; A for a stable queue):</para>
/// <list type="bullet">
/// <item>Erlang B by the stable recursion B(0) = 1, B(n) = A·B(n−1) / (n + A·B(n−1)); no factorials or powers, so no overflow for large N.</item>
/// <item>Probability of waiting C(N, A) = N·B / (N − A·(1 − B)).</item>
/// <item>Service level P(W ≤ t) = 1 − C·e^(−(N − A)·t / AHT).</item>
/// <item>Average speed of answer ASA = C·AHT / (N − A).</item>
/// </list>
/// <para>Source: N. Gans, G. Koole, A. Mandelbaum (2003), "Telephone call centers: tutorial, review and research prospects",
/// Manufacturing &amp; Service Operations Management 5(2), 79–141, section 4.1.</para>
/// </remarks>
public static class ErlangC
{
    /// <summary>Erlang B: the probability that an arrival finds all <paramref name="agents"/> busy in a loss system (M/M/N/N).</summary>
    /// <param name="offeredLoad">A, in Erlangs (≥ 0).</param>
    public static double ErlangB(int agents, double offeredLoad)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(agents);
        CheckLoad(offeredLoad);
        var b = 1.0;
        for (var n = 1; n <= agents; n++)
        {
            b = offeredLoad * b / (n + (offeredLoad * b));
        }

        return b;
    }

    /// <summary>C(N, A): the probability that an arrival has to wait. 1 when N ≤ A (the queue grows without bound).</summary>
    /// <param name="offeredLoad">A, in Erlangs (≥ 0).</param>
    public static double ProbabilityOfWaiting(int agents, double offeredLoad)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(agents);
        CheckLoad(offeredLoad);
        if (agents <= offeredLoad)
        {
            return 1;
        }

        var b = ErlangB(agents, offeredLoad);
        return agents * b / (agents - (offeredLoad * (1 - b)));
    }

    /// <summary>The share of arrivals answered within <paramref name="threshold"/>: P(W ≤ t) = 1 − C·e^(−(N − A)·t / AHT). 0 when N ≤ A.</summary>
    public static double ServiceLevel(int agents, double offeredLoad, TimeSpan averageHandleTime, TimeSpan threshold)
    {
        CheckHandleTime(averageHandleTime);
        ArgumentOutOfRangeException.ThrowIfLessThan(threshold, TimeSpan.Zero);
        var c = ProbabilityOfWaiting(agents, offeredLoad);
        if (agents <= offeredLoad)
        {
            return 0;
        }

        return 1 - (c * Math.Exp(-(agents - offeredLoad) * threshold.TotalSeconds / averageHandleTime.TotalSeconds));
    }

    /// <summary>The mean wait over all arrivals (answered at once counting as 0): C·AHT / (N − A). <see cref="TimeSpan.MaxValue"/> when N ≤ A.</summary>
    public static TimeSpan AverageSpeedOfAnswer(int agents, double offeredLoad, TimeSpan averageHandleTime)
    {
        CheckHandleTime(averageHandleTime);
        var c = ProbabilityOfWaiting(agents, offeredLoad);
        if (agents <= offeredLoad)
        {
            return TimeSpan.MaxValue;
        }

        return TimeSpan.FromSeconds(c * averageHandleTime.TotalSeconds / (agents - offeredLoad));
    }

    /// <summary>The fewest agents whose service level reaches <paramref name="target"/> (0 to 1, below 1).</summary>
    public static int AgentsFor(double target, double offeredLoad, TimeSpan averageHandleTime, TimeSpan threshold)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(target, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(target, 1);
        var agents = Math.Max(1, (int)Math.Floor(offeredLoad) + 1);
        while (ServiceLevel(agents, offeredLoad, averageHandleTime, threshold) < target)
        {
            agents++;
        }

        return agents;
    }

    private static void CheckLoad(double offeredLoad)
    {
        if (!double.IsFinite(offeredLoad) || offeredLoad < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(offeredLoad), offeredLoad, "The offered load is a finite number of Erlangs, at least 0.");
        }
    }

    private static void CheckHandleTime(TimeSpan averageHandleTime) =>
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(averageHandleTime, TimeSpan.Zero);
}
