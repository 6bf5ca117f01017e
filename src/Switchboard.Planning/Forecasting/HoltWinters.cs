namespace Switchboard.Planning.Forecasting;

/// <summary>
/// Double seasonal Holt-Winters exponential smoothing after J. W. Taylor (2003), "Short-term electricity demand
/// forecasting using double seasonal exponential smoothing", Journal of the Operational Research Society 54(8), 799–805:
/// a level, a daily and a weekly seasonal index, and a first-order autoregressive adjustment of the one-step error.
/// </summary>
/// <remarks>
/// <para>Taylor's seasonal indices are multiplicative; contact volumes have closed hours with zero contacts, where a
/// multiplicative index divides by zero, so this is the additive form on the square-root scale (<see cref="SquareRootScale"/>), which
/// behaves multiplicatively where volumes are large and stays defined at zero. The trend
/// term is left out: a per-interval slope carried over a week-long horizon is fragile, and weekly level changes are the
/// level's job. With error e_t = y_t − (l_{t−1} + d_{t−s1} + w_{t−s2}):</para>
/// <code>
/// l_t = l_{t−1} + α·e_t
/// d_t = δ·(y_t − l_t − w_{t−s2}) + (1 − δ)·d_{t−s1}
/// w_t = ω·(y_t − l_t − d_{t−s1}) + (1 − ω)·w_{t−s2}
/// ŷ_t(k) = l_t + d_{t−s1+k} + w_{t−s2+k} + φ^k·e_t
/// </code>
/// <para>α, δ, ω and φ (each in [0, 1]) minimise the sum of squared one-step errors; the indices start from the first
/// two weeks' averages. Intervals of special days are skipped: the state moves on as if the forecast had come true.</para>
/// </remarks>
internal static class HoltWinters
{
    /// <summary>Simplex evaluations for a fit from scratch, and for one that starts from earlier parameters.</summary>
    private const int ColdEvaluations = 120;
    private const int WarmEvaluations = 50;

    /// <summary>The smoothing parameters: level α, daily δ, weekly ω, error autocorrelation φ.</summary>
    public readonly record struct Parameters(double Level, double Daily, double Weekly, double ErrorAutocorrelation);

    /// <summary>Fits the parameters; from <paramref name="start"/> with a smaller search when given (the backtest's fit, say).</summary>
    public static Parameters Fit(ReadOnlySpan<double> history, ReadOnlySpan<bool> excluded, SeasonalGrid grid, Parameters? start = null)
    {
        var y = SquareRootScale.To(history);
        var state = new State(y, grid);
        var skip = excluded.ToArray();
        var best = NelderMead.Minimise(
            p => state.Run(y, skip, new Parameters(p[0], p[1], p[2], p[3]), []),
            start is { } s ? [s.Level, s.Daily, s.Weekly, s.ErrorAutocorrelation] : [0.1, 0.05, 0.05, 0.5],
            step: start is null ? 0.15 : 0.05,
            start is null ? ColdEvaluations : WarmEvaluations);
        return new Parameters(best[0], best[1], best[2], best[3]);
    }

    public static void Forecast(ReadOnlySpan<double> history, ReadOnlySpan<bool> excluded, SeasonalGrid grid, Parameters parameters, Span<double> forecast)
    {
        var y = SquareRootScale.To(history);
        new State(y, grid).Run(y, excluded, parameters, forecast);
        SquareRootScale.Back(forecast);
    }

    /// <summary>The starting indices, and scratch space for one run of the recursions.</summary>
    private sealed class State
    {
        private readonly double startLevel;
        private readonly double[] startDaily;
        private readonly double[] startWeekly;
        private readonly double[] daily;
        private readonly double[] weekly;

        public State(ReadOnlySpan<double> y, SeasonalGrid grid)
        {
            var perDay = grid.IntervalsPerDay;
            var perWeek = grid.IntervalsPerWeek;
            if (y.Length < 2 * perWeek)
            {
                throw new ArgumentException("Holt-Winters needs two weeks of history.", nameof(y));
            }

            startDaily = new double[perDay];
            startWeekly = new double[perWeek];
            daily = new double[perDay];
            weekly = new double[perWeek];
            for (var day = 0; day < 14; day++)
            {
                var values = y.Slice(day * perDay, perDay);
                var mean = Mean(values);
                for (var slot = 0; slot < perDay; slot++)
                {
                    startDaily[slot] += (values[slot] - mean) / 14;
                }
            }

            for (var week = 0; week < 2; week++)
            {
                var values = y.Slice(week * perWeek, perWeek);
                var mean = Mean(values);
                for (var slot = 0; slot < perWeek; slot++)
                {
                    startWeekly[slot] += (values[slot] - mean - startDaily[slot % perDay]) / 2;
                }
            }

            startLevel = Mean(y[..perWeek]);
        }

        /// <summary>Runs the recursions over the history and returns the sum of squared one-step errors; fills <paramref name="forecast"/> from the end state.</summary>
        public double Run(ReadOnlySpan<double> y, ReadOnlySpan<bool> excluded, Parameters p, Span<double> forecast)
        {
            var daily = this.daily;
            var weekly = this.weekly;
            startDaily.CopyTo(daily, 0);
            startWeekly.CopyTo(weekly, 0);
            var level = startLevel;
            var previousError = 0.0;
            var squares = 0.0;
            int d = 0, w = 0;
            for (var t = 0; t < y.Length; t++)
            {
                var ds = daily[d];
                var ws = weekly[w];
                var fitted = level + ds + ws;
                if (!excluded.IsEmpty && excluded[t])
                {
                    previousError = 0;
                }
                else
                {
                    var error = y[t] - fitted;
                    var oneStep = error - (p.ErrorAutocorrelation * previousError);
                    squares += oneStep * oneStep;
                    level += p.Level * error;
                    daily[d] = ds + (p.Daily * (y[t] - level - ws - ds));
                    weekly[w] = ws + (p.Weekly * (y[t] - level - ds - ws));
                    previousError = error;
                }

                if (++d == daily.Length)
                {
                    d = 0;
                }

                if (++w == weekly.Length)
                {
                    w = 0;
                }
            }

            var adjustment = previousError;
            for (var k = 0; k < forecast.Length; k++)
            {
                adjustment *= p.ErrorAutocorrelation;
                forecast[k] = (level + daily[(d + k) % daily.Length] + weekly[(w + k) % weekly.Length] + adjustment);
            }

            return squares;
        }

        private static double Mean(ReadOnlySpan<double> values)
        {
            var sum = 0.0;
            foreach (var v in values)
            {
                sum += v;
            }

            return sum / values.Length;
        }
    }
}
