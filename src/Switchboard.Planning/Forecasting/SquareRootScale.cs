namespace Switchboard.Planning.Forecasting;

/// <summary>
/// The square-root scale that Holt-Winters and STL work on. Counts of contacts are close to Poisson, whose variance
/// equals its mean; on the square-root scale the noise is about the same size in every interval (Anscombe 1948,
/// "The transformation of Poisson, binomial and negative-binomial data", Biometrika 35), so a busy hour's noise does
/// not swamp a quiet hour's signal when parameters are fitted by squared error. Seasonal effects grow with the level
/// there (a quieter week has lower peaks, not just a lower floor), zero stays defined, and the squared-back forecast
/// is near a median, which is what absolute-error measures such as WAPE reward.
/// </summary>
internal static class SquareRootScale
{
    public static double[] To(ReadOnlySpan<double> values)
    {
        var result = new double[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            result[i] = Math.Sqrt(values[i]);
        }

        return result;
    }

    /// <summary>v², or 0 where v is negative, in place.</summary>
    public static void Back(Span<double> values)
    {
        foreach (ref var value in values)
        {
            value = value > 0 ? value * value : 0;
        }
    }
}
