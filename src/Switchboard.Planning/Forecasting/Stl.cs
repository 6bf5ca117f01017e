namespace Switchboard.Planning.Forecasting;

/// <summary>
/// STL, the seasonal-trend decomposition by loess of R. B. Cleveland, W. S. Cleveland, J. E. McRae and I. Terpenning
/// (1990), "STL: A seasonal-trend decomposition procedure based on loess", Journal of Official Statistics 6(1), 3–73,
/// with a weekly season, on the square-root scale (<see cref="SquareRootScale"/>); the forecast repeats the last week's seasonal component and adds a simple exponential
/// smoothing forecast of the seasonally adjusted series (trend plus remainder), as R's <c>stlf</c> does by default.
/// </summary>
/// <remarks>
/// The inner loop runs twice and the robustness loop not at all (the paper's non-robust defaults). The cycle-subseries
/// are smoothed by locally constant loess (degree 0, as R's <c>stl</c> does by default): with the few weekly cycles a
/// contact centre's history holds, a local line through them extrapolates noise into the last week's seasonal
/// component, which is the one the forecast repeats. Smoothing spans:
/// seasonal 7 (cycles), low-pass the smallest odd number ≥ the period, trend the smallest odd number
/// ≥ 1.5·period / (1 − 1.5/7). Loess is evaluated every ⌈span/10⌉ points and linearly interpolated between, as in the paper.
/// </remarks>
internal static class Stl
{
    private const int SeasonalSpan = 7;
    private const int InnerPasses = 2;

    public static void Forecast(ReadOnlySpan<double> history, SeasonalGrid grid, Span<double> forecast)
    {
        history = SquareRootScale.To(history);
        var period = grid.IntervalsPerWeek;
        var n = history.Length;
        var seasonal = new double[n];
        var trend = new double[n];
        Decompose(history, period, seasonal, trend);

        var adjusted = new double[n];
        for (var t = 0; t < n; t++)
        {
            adjusted[t] = history[t] - seasonal[t];
        }

        var level = SimpleExponentialSmoothing.Level(adjusted);
        for (var h = 0; h < forecast.Length; h++)
        {
            forecast[h] = level + seasonal[n - period + (h % period)];
        }

        SquareRootScale.Back(forecast);
    }

    /// <summary>Splits <paramref name="y"/> into seasonal and trend components (the remainder is what is left).</summary>
    public static void Decompose(ReadOnlySpan<double> y, int period, Span<double> seasonal, Span<double> trend)
    {
        var n = y.Length;
        var lowPassSpan = OddAtLeast(period);
        var trendSpan = OddAtLeast(1.5 * period / (1 - (1.5 / SeasonalSpan)));
        var cycles = new double[n + (2 * period)];
        var lowPass = new double[n + (2 * period)];
        var averaged = new double[n + (2 * period)];
        var work = new double[n];
        var subseries = new double[(n / period) + 1];

        // Every cycle-subseries has one of two lengths, and loess is linear in the data: its weights, once per length.
        var fullCycles = (n + period - 1) / period;
        var longRows = SubseriesRows(fullCycles);
        var shortRows = SubseriesRows(fullCycles - 1);
        trend.Clear();
        for (var pass = 0; pass < InnerPasses; pass++)
        {
            // 1-2. Detrend, then smooth each cycle-subseries, extended one cycle either side.
            for (var k = 0; k < period; k++)
            {
                var m = 0;
                for (var t = k; t < n; t += period)
                {
                    subseries[m++] = y[t] - trend[t];
                }

                var rows = m == fullCycles ? longRows : shortRows;
                for (var i = 0; i < m + 2; i++)
                {
                    var fit = 0.0;
                    for (var j = 0; j < m; j++)
                    {
                        fit += rows[(i * m) + j] * subseries[j];
                    }

                    cycles[(i * period) + k] = fit;
                }
            }

            // 3. Low-pass filter of the cycles: moving averages of period, period and 3 (n + 2·period values become n), then loess.
            var length = MovingAverage(cycles, period, lowPass);
            length = MovingAverage(lowPass.AsSpan(0, length), period, averaged);
            length = MovingAverage(averaged.AsSpan(0, length), 3, lowPass);
            Loess.Smooth(lowPass.AsSpan(0, length), lowPassSpan, work);

            // 4-6. Seasonal = cycles − low-pass; deseasonalise; smooth for the trend.
            for (var t = 0; t < n; t++)
            {
                seasonal[t] = cycles[period + t] - work[t];
                lowPass[t] = y[t] - seasonal[t];
            }

            Loess.Smooth(lowPass.AsSpan(0, n), trendSpan, trend);
        }
    }

    /// <summary>The loess rows of a cycle-subseries of <paramref name="m"/> points at x = −1 … m (m + 2 rows of m weights).</summary>
    private static double[] SubseriesRows(int m)
    {
        var rows = new double[Math.Max(m, 0) * (m + 2)];
        for (var x = -1; m > 0 && x <= m; x++)
        {
            var row = rows.AsSpan((x + 1) * m, m);
            if (m == 1)
            {
                row[0] = 1;
                continue;
            }

            var left = Loess.Window(m, SeasonalSpan, x);
            Loess.Row(m, SeasonalSpan, x, left, row.Slice(left, Math.Min(SeasonalSpan, m)), locallyConstant: true);
        }

        return rows;
    }

    private static int MovingAverage(ReadOnlySpan<double> values, int span, Span<double> result)
    {
        var count = values.Length - span + 1;
        var sum = 0.0;
        for (var i = 0; i < span; i++)
        {
            sum += values[i];
        }

        result[0] = sum / span;
        for (var i = 1; i < count; i++)
        {
            sum += values[i + span - 1] - values[i - 1];
            result[i] = sum / span;
        }

        return count;
    }

    private static int OddAtLeast(double value)
    {
        var n = (int)Math.Ceiling(value);
        return n % 2 == 0 ? n + 1 : n;
    }
}
