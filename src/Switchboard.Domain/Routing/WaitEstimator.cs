namespace Switchboard.Routing;

/// <summary>
/// Expected wait from queue position, staffed agents and handle time: the queue-length predictor of
/// Whitt (1999, "Predicting queueing delays", Management Science 45(6)) and Ibrahim &amp; Whitt (2009,
/// "Real-time delay estimation in overloaded multiserver queues with abandonments", Management Science 55(10)).
/// </summary>
/// <remarks>
/// With <c>s</c> busy agent slots finishing contacts at rate <c>s/AHT</c> (exponential handle times), a contact with
/// <c>n</c> contacts ahead waits for <c>n + 1</c> completions: an Erlang(<c>n + 1</c>, <c>s/AHT</c>) time, with mean
/// <c>(n + 1)·AHT/s</c>. The range uses that distribution's quantiles, by the Wilson–Hilferty approximation of gamma
/// quantiles (error well under 1% of the value from <c>n = 0</c>). Abandonment of those ahead is ignored, so the
/// estimate leans long: customers are better told a wait that turns out shorter.
/// </remarks>
internal static class WaitEstimator
{
    public static WaitEstimate Estimate(int position, int agentSlots, double averageHandleTicks, double lowZ, double highZ)
    {
        if (agentSlots <= 0)
        {
            return WaitEstimate.Unknown(position);
        }

        var k = position + 1.0;
        var scale = averageHandleTicks / agentSlots;
        var mean = k * scale;
        return new WaitEstimate(
            Ticks(mean),
            Ticks(GammaQuantile(k, lowZ) * scale),
            Ticks(GammaQuantile(k, highZ) * scale),
            position,
            agentSlots);
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
