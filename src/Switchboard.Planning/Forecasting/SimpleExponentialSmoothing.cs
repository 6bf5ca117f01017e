namespace Switchboard.Planning.Forecasting;

/// <summary>
/// Simple exponential smoothing, l_t = l_{t−1} + α·(y_t − l_{t−1}), with α in [0, 1] chosen by golden-section search
/// to minimise the sum of squared one-step errors, starting from the first value.
/// </summary>
internal static class SimpleExponentialSmoothing
{
    /// <summary>The final level: the flat forecast for every future point.</summary>
    public static double Level(ReadOnlySpan<double> y)
    {
        var values = y.ToArray();
        var alpha = GoldenSection(a => Run(values, a).SquaredErrors, 0, 1, iterations: 30);
        return Run(values, alpha).Level;
    }

    private static (double Level, double SquaredErrors) Run(double[] y, double alpha)
    {
        var level = y[0];
        var squares = 0.0;
        for (var t = 1; t < y.Length; t++)
        {
            var error = y[t] - level;
            squares += error * error;
            level += alpha * error;
        }

        return (level, squares);
    }

    private static double GoldenSection(Func<double, double> f, double low, double high, int iterations)
    {
        var ratio = (Math.Sqrt(5) - 1) / 2;
        var a = high - (ratio * (high - low));
        var b = low + (ratio * (high - low));
        double fa = f(a), fb = f(b);
        for (var i = 0; i < iterations; i++)
        {
            if (fa < fb)
            {
                high = b;
                b = a;
                fb = fa;
                a = high - (ratio * (high - low));
                fa = f(a);
            }
            else
            {
                low = a;
                a = b;
                fa = fb;
                b = low + (ratio * (high - low));
                fb = f(b);
            }
        }

        return (low + high) / 2;
    }
}
