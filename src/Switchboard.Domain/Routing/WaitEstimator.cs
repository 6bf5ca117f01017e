namespace Switchboard.Routing;

/// <summary>
/// Expected wait from queue position, staffed agents, handle time and the queue's abandonment rate: the queue-length
/// predictors of Whitt (1999, "Predicting queueing delays", Management Science 45(6)) and, with abandonment, of
/// Ibrahim &amp; Whitt (2009, "Real-time delay estimation in overloaded multiserver queues with abandonments",
/// Management Science 55(10)), their QL_m.
/// </summary>
/// <remarks>
/// <para>With <c>s</c> busy agent slots finishing contacts at rate <c>μ = 1/AHT</c> each, and each customer ahead
/// abandoning at rate <c>θ</c> (exponential patience), a contact with <c>n</c> contacts ahead moves up one place at rate
/// <c>sμ + iθ</c> while <c>i</c> are still ahead, and is served at rate <c>sμ</c> once at the head. Its wait is the sum
/// of those <c>n + 1</c> exponential stages: mean <c>Σ 1/(sμ + iθ)</c> and variance <c>Σ 1/(sμ + iθ)²</c>
/// for <c>i = 0..n</c>. Without abandonment (<c>θ = 0</c>) that is Erlang(<c>n + 1</c>, <c>sμ</c>), mean
/// <c>(n + 1)·AHT/s</c>: Whitt's original predictor.</para>
/// <para>The sums are evaluated in constant time whatever the position, through the digamma and trigamma functions
/// (<c>Σ_{i&lt;m} 1/(x + i) = ψ(x + m) − ψ(x)</c>), taken as differences of their asymptotic series so that nothing
/// cancels. The range uses the quantiles of a gamma distribution with the same mean and variance (exact when
/// <c>θ = 0</c>) by the Wilson–Hilferty approximation (error well under 1% of the value from <c>n = 0</c>).</para>
/// </remarks>
internal static class WaitEstimator
{
    /// <summary>Positions up to this are summed term by term: exact and as fast as the series.</summary>
    private const int DirectSumLimit = 32;

    /// <summary>Where the truncated asymptotic series are accurate to about 1e-14 relative (the first term left out of
    /// trigamma's, 5/(66·x¹¹), is 4e-15 at 16).</summary>
    private const double AsymptoticFrom = 16;

    /// <param name="position">Contacts ahead.</param>
    /// <param name="agentSlots">Staffed agent slots serving them.</param>
    /// <param name="averageHandleTicks">AHT, in ticks.</param>
    /// <param name="abandonmentRatePerTick">θ, abandonments per waiting customer per tick (0: nobody abandons).</param>
    public static WaitEstimate Estimate(int position, int agentSlots, double averageHandleTicks, double abandonmentRatePerTick, double lowZ, double highZ)
    {
        if (agentSlots <= 0)
        {
            return WaitEstimate.Unknown(position);
        }

        var serviceRate = agentSlots / averageHandleTicks;
        var stages = position + 1.0;
        double mean, variance;
        if (abandonmentRatePerTick <= 0 || double.IsNaN(abandonmentRatePerTick))
        {
            mean = stages / serviceRate;
            variance = stages / (serviceRate * serviceRate);
        }
        else
        {
            // In units of 1/θ the stage rates are x, x + 1, ..., x + n.
            var x = serviceRate / abandonmentRatePerTick;
            var (sum, squares) = StageSums(x, position + 1);
            mean = sum / abandonmentRatePerTick;
            variance = squares / (abandonmentRatePerTick * abandonmentRatePerTick);
        }

        var shape = mean * mean / variance;
        var scale = variance / mean;
        return new WaitEstimate(
            Ticks(mean),
            Ticks(GammaQuantile(shape, lowZ) * scale),
            Ticks(GammaQuantile(shape, highZ) * scale),
            position,
            agentSlots);
    }

    /// <summary>Σ 1/(x + i) and Σ 1/(x + i)² for i = 0..m−1 (x &gt; 0, m ≥ 1): ψ(x + m) − ψ(x) and ψ₁(x) − ψ₁(x + m).</summary>
    internal static (double Sum, double Squares) StageSums(double x, int m)
    {
        double sum = 0, squares = 0;

        // Few terms are summed one by one; otherwise x is lifted into the asymptotic region by peeling terms off.
        while (m > 0 && (m <= DirectSumLimit || x < AsymptoticFrom))
        {
            var inverse = 1 / (x + m - 1);
            if (m > DirectSumLimit)
            {
                inverse = 1 / x;
                x++;
            }

            sum += inverse;
            squares += inverse * inverse;
            m--;
        }

        if (m == 0)
        {
            return (sum, squares);
        }

        // ψ(y) ~ ln y − 1/(2y) − 1/(12y²) + 1/(120y⁴) − 1/(252y⁶) + 1/(240y⁸) and
        // ψ₁(y) ~ 1/y + 1/(2y²) + 1/(6y³) − 1/(30y⁵) + 1/(42y⁷) − 1/(30y⁹), each term differenced between y = x + m and x;
        // ln y − ln x and 1/x − 1/y are taken as ln(1 + m/x) and m/(x·y), so nothing cancels.
        var y = x + m;
        static double DigammaTail(double z)
        {
            var inverse = 1 / z;
            var square = inverse * inverse;
            return (-inverse / 2) - (square * ((1.0 / 12) - (square * ((1.0 / 120) - (square * ((1.0 / 252) - (square / 240)))))));
        }

        static double TrigammaTail(double z)
        {
            var inverse = 1 / z;
            var square = inverse * inverse;
            return square * ((1.0 / 2) + (inverse * ((1.0 / 6) - (square * ((1.0 / 30) - (square * ((1.0 / 42) - (square / 30))))))));
        }

        return (
            sum + LogOnePlus(m / x) + (DigammaTail(y) - DigammaTail(x)),
            squares + (m / (x * y)) + (TrigammaTail(x) - TrigammaTail(y)));
    }

    /// <summary>ln(1 + u) without losing the digits of a tiny u (a nearly zero abandonment rate makes m/x tiny).</summary>
    private static double LogOnePlus(double u)
    {
        var w = 1 + u;
        return w == 1 ? u : Math.Log(w) * u / (w - 1);
    }

    private static TimeSpan Ticks(double ticks) =>
        ticks >= TimeSpan.MaxValue.Ticks ? TimeSpan.MaxValue : TimeSpan.FromTicks((long)Math.Round(Math.Max(0, ticks)));

    /// <summary>Wilson–Hilferty: the cube root of a gamma variable is nearly normal.</summary>
    private static double GammaQuantile(double shape, double z)
    {
        var c = 1.0 / (9.0 * shape);
        var root = 1.0 - c + (z * Math.Sqrt(c));
        return root <= 0 ? 0 : shape * root * root * root;
    }

    /// <summary>The standard normal quantile, by Acklam's rational approximation (relative error below 1.2e-9).</summary>
    public static double StandardNormalQuantile(double p)
    {
        ReadOnlySpan<double> a = [-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00];
        ReadOnlySpan<double> b = [-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01, -1.328068155288572e+01];
        ReadOnlySpan<double> c = [-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00];
        ReadOnlySpan<double> d = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00];
        const double low = 0.02425;
        if (p < low)
        {
            var q = Math.Sqrt(-2 * Math.Log(p));
            return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
        }

        if (p > 1 - low)
        {
            var q = Math.Sqrt(-2 * Math.Log(1 - p));
            return -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
        }

        var r = p - 0.5;
        var s = r * r;
        return (((((a[0] * s + a[1]) * s + a[2]) * s + a[3]) * s + a[4]) * s + a[5]) * r / (((((b[0] * s + b[1]) * s + b[2]) * s + b[3]) * s + b[4]) * s + 1);
    }
}
