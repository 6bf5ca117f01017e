namespace Switchboard.Planning.Staffing;

/// <summary>
/// The Erlang C model (M/M/N): Poisson arrivals, exponential handle times, N identical agents, an infinite queue, first
/// come first served, and no abandonment.
/// </summary>
/// <remarks>
/// <para>With offered load A = arrival rate × average handle time (in Erlangs), N agents (N &gt; A for a stable queue) and
/// R = (1 − B)/B the odds against blocking of <see cref="ErlangB"/>:</para>
/// <list type="bullet">
/// <item>Probability of waiting C(N, A) = 1 / (1 + R·(1 − A/N)); equal to the textbook N·B / (N − A·(1 − B)), but a
/// quotient of positive terms, exact to rounding.</item>
/// <item>Service level P(W ≤ t) = 1 − C·e^(−(N − A)·t / AHT) (waits beyond 0 are exponential with rate (N − A)/AHT).</item>
/// <item>Average speed of answer ASA = C·AHT / (N − A); occupancy A / N.</item>
/// </list>
/// <para>Source: N. Gans, G. Koole, A. Mandelbaum (2003), "Telephone call centers: tutorial, review and research prospects",
/// Manufacturing &amp; Service Operations Management 5(2), 79–141, section 4.1; L. Kleinrock, "Queueing Systems" vol. 1 (1975), §3.5.</para>
/// </remarks>
public static class ErlangC
{
    /// <summary>Erlang B: the probability that an arrival finds all <paramref name="agents"/> busy in a loss system (M/M/N/N).</summary>
    /// <param name="offeredLoad">A, in Erlangs (≥ 0).</param>
    public static double ErlangB(int agents, double offeredLoad) => Staffing.ErlangB.Blocking(agents, offeredLoad);

    /// <summary>C(N, A): the probability that an arrival has to wait. 1 when N ≤ A (the queue grows without bound).</summary>
    /// <param name="offeredLoad">A, in Erlangs (≥ 0).</param>
    public static double ProbabilityOfWaiting(int agents, double offeredLoad)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(agents);
        Staffing.ErlangB.CheckLoad(offeredLoad);
        return agents <= offeredLoad ? 1 : Waiting(agents, offeredLoad, Staffing.ErlangB.OddsAgainst(agents, offeredLoad));
    }

    /// <summary>The share of arrivals answered within <paramref name="threshold"/>: P(W ≤ t) = 1 − C·e^(−(N − A)·t / AHT). 0 when N ≤ A.</summary>
    public static double ServiceLevel(int agents, double offeredLoad, TimeSpan averageHandleTime, TimeSpan threshold)
    {
        CheckHandleTime(averageHandleTime);
        ArgumentOutOfRangeException.ThrowIfLessThan(threshold, TimeSpan.Zero);
        var c = ProbabilityOfWaiting(agents, offeredLoad);
        return agents <= offeredLoad ? 0 : ServiceLevel(agents, offeredLoad, c, threshold.TotalSeconds / averageHandleTime.TotalSeconds);
    }

    /// <summary>The mean wait over all arrivals (answered at once counting as 0): C·AHT / (N − A). <see cref="TimeSpan.MaxValue"/> when N ≤ A.</summary>
    public static TimeSpan AverageSpeedOfAnswer(int agents, double offeredLoad, TimeSpan averageHandleTime)
    {
        CheckHandleTime(averageHandleTime);
        var c = ProbabilityOfWaiting(agents, offeredLoad);
        return agents <= offeredLoad ? TimeSpan.MaxValue : Seconds(c * averageHandleTime.TotalSeconds / (agents - offeredLoad));
    }

    /// <summary>The fewest agents whose service level reaches <paramref name="target"/> (0 to 1, below 1).</summary>
    public static int AgentsFor(double target, double offeredLoad, TimeSpan averageHandleTime, TimeSpan threshold) =>
        StaffingCalculator.RequiredAgents(
            QueueModel.ErlangC.Instance,
            new IntervalTraffic(offeredLoad, averageHandleTime, averageHandleTime),
            new StaffingTarget.ServiceLevel(new ServiceLevelTarget(target, threshold), ServiceLevelDefinition.AllArrivals));

    /// <summary>Everything the model predicts for <paramref name="agents"/> on <paramref name="traffic"/>, with service level measured at <paramref name="threshold"/>.</summary>
    public static QueuePerformance Evaluate(int agents, IntervalTraffic traffic, TimeSpan threshold)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(agents);
        ArgumentOutOfRangeException.ThrowIfLessThan(threshold, TimeSpan.Zero);
        var load = traffic.OfferedLoad;
        return Evaluate(agents, load, traffic.AverageHandleTime, threshold, agents <= load ? 0 : Staffing.ErlangB.OddsAgainst(agents, load));
    }

    /// <summary>The performance for N agents given R(N) already computed (staffing carries it from one N to the next).</summary>
    internal static QueuePerformance Evaluate(int agents, double load, TimeSpan averageHandleTime, TimeSpan threshold, double odds)
    {
        if (agents <= load)
        {
            return new QueuePerformance(agents, load, 1, 0, 0, 0, TimeSpan.MaxValue, TimeSpan.MaxValue, 1, threshold);
        }

        var c = Waiting(agents, load, odds);
        var aht = averageHandleTime.TotalSeconds;
        var asa = Seconds(c * aht / (agents - load));
        return new QueuePerformance(
            agents,
            load,
            c,
            0,
            ServiceLevel(agents, load, c, threshold.TotalSeconds / aht),
            0,
            asa,
            asa,
            load / agents,
            threshold);
    }

    /// <summary>C from the odds against blocking: 1 / (1 + R·(N − A)/N). Requires N &gt; A.</summary>
    internal static double Waiting(int agents, double load, double odds) => 1 / (1 + (odds * ((agents - load) / agents)));

    /// <summary>1 − C·e^(−(N − A)·t/AHT), with t/AHT given. Requires N &gt; A.</summary>
    internal static double ServiceLevel(int agents, double load, double waiting, double thresholdInHandleTimes) =>
        1 - (waiting * Math.Exp(-(agents - load) * thresholdInHandleTimes));

    private static TimeSpan Seconds(double seconds) => seconds >= TimeSpan.MaxValue.TotalSeconds ? TimeSpan.MaxValue : TimeSpan.FromSeconds(seconds);

    private static void CheckHandleTime(TimeSpan averageHandleTime) =>
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(averageHandleTime, TimeSpan.Zero);
}
