namespace Switchboard.Planning.Forecasting;

/// <summary>
/// WAPE and MASE, the two accuracy measures reports use (definitions in docs/forecasting.md). MASE follows
/// R. J. Hyndman and A. B. Koehler (2006), "Another look at measures of forecast accuracy", International Journal of
/// Forecasting 22(4), 679–688, with the seasonal naive forecast as the scale.
/// </summary>
public static class AccuracyMeasures
{
    /// <summary>Σ|actual − forecast| / Σ actual; null when nothing was observed (Σ actual = 0).</summary>
    public static double? Wape(ReadOnlySpan<double> actual, ReadOnlySpan<double> forecast)
    {
        var errors = Errors.Of(actual, forecast);
        return errors.Wape;
    }

    /// <summary>
    /// Mean |actual − forecast| divided by the mean |y_t − y_{t−m}| of the training series with season
    /// <paramref name="season"/> = m; null when the training series is no longer than one season or that scale is zero.
    /// </summary>
    public static double? Mase(ReadOnlySpan<double> actual, ReadOnlySpan<double> forecast, ReadOnlySpan<double> training, int season)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(season);
        return Errors.Of(actual, forecast).Mase(NaiveScale(training, season, []));
    }

    /// <summary>
    /// Accuracy of <paramref name="forecast"/> (one value per interval of <paramref name="actual"/>) per interval and
    /// per local day, MASE scaled by the one-week seasonal naive forecast on <paramref name="training"/> (per interval,
    /// and per whole local day with a seven-day season). Days are local at <paramref name="utcOffset"/>; a day cut by
    /// the start or end of <paramref name="actual"/> counts with the intervals it has.
    /// </summary>
    public static AccuracyReport Evaluate(IntervalSeries training, IntervalSeries actual, ReadOnlySpan<double> forecast, TimeSpan utcOffset = default)
    {
        ArgumentNullException.ThrowIfNull(training);
        ArgumentNullException.ThrowIfNull(actual);
        if (forecast.Length != actual.Count)
        {
            throw new ArgumentException("One forecast value per actual interval.", nameof(forecast));
        }

        var trainingGrid = SeasonalGrid.For(training.Start, training.IntervalLength, utcOffset);
        var grid = SeasonalGrid.For(actual.Start, actual.IntervalLength, utcOffset);
        var intervals = Errors.Of(actual.Values, forecast);
        var days = DayErrors(actual.Values, forecast, grid, []);
        return new AccuracyReport(
            new ForecastAccuracy(intervals.Wape, intervals.Mase(NaiveScale(training.Values, grid.IntervalsPerWeek, []))),
            new ForecastAccuracy(days.Wape, days.Mase(DayNaiveScale(training.Values, trainingGrid, []))));
    }

    /// <summary>Mean |y_t − y_{t−m}| over pairs where neither interval is excluded; null when there is no such pair.</summary>
    internal static double? NaiveScale(ReadOnlySpan<double> training, int season, ReadOnlySpan<bool> excluded)
    {
        var sum = 0.0;
        var count = 0;
        for (var t = season; t < training.Length; t++)
        {
            if (excluded.IsEmpty || (!excluded[t] && !excluded[t - season]))
            {
                sum += Math.Abs(training[t] - training[t - season]);
                count++;
            }
        }

        return count > 0 ? sum / count : null;
    }

    /// <summary>The naive scale of whole local days' totals with a seven-day season.</summary>
    internal static double? DayNaiveScale(ReadOnlySpan<double> training, SeasonalGrid grid, ReadOnlySpan<bool> excluded)
    {
        var perDay = grid.IntervalsPerDay;
        var firstDay = grid.FirstSlotOfDay == 0 ? 0 : 1;
        var dayCount = (training.Length + grid.FirstSlotOfDay) / perDay;
        if (dayCount - firstDay <= 7)
        {
            return null;
        }

        var totals = new double[dayCount - firstDay];
        var skip = new bool[totals.Length];
        for (var day = firstDay; day < dayCount; day++)
        {
            var start = grid.DayStart(day);
            foreach (var value in training.Slice(start, perDay))
            {
                totals[day - firstDay] += value;
            }

            skip[day - firstDay] = !excluded.IsEmpty && excluded.Slice(start, perDay).Contains(true);
        }

        return NaiveScale(totals, 7, skip);
    }

    /// <summary>Errors of local-day totals; intervals marked excluded are left out of both sides.</summary>
    internal static Errors DayErrors(ReadOnlySpan<double> actual, ReadOnlySpan<double> forecast, SeasonalGrid grid, ReadOnlySpan<bool> excluded)
    {
        var errors = default(Errors);
        var day = grid.Day(0);
        double actualDay = 0, forecastDay = 0;
        var any = false;
        for (var i = 0; i <= actual.Length; i++)
        {
            if (i == actual.Length || grid.Day(i) != day)
            {
                if (any)
                {
                    errors = errors.Add(actualDay, forecastDay);
                }

                if (i == actual.Length)
                {
                    break;
                }

                day = grid.Day(i);
                actualDay = forecastDay = 0;
                any = false;
            }

            if (excluded.IsEmpty || !excluded[i])
            {
                actualDay += actual[i];
                forecastDay += forecast[i];
                any = true;
            }
        }

        return errors;
    }

    /// <summary>Running totals of absolute errors and actuals; pooled across backtest origins before dividing.</summary>
    internal readonly record struct Errors(double AbsoluteError, double Actual, int Count)
    {
        public double? Wape => Actual > 0 ? AbsoluteError / Actual : null;

        public static Errors Of(ReadOnlySpan<double> actual, ReadOnlySpan<double> forecast, ReadOnlySpan<bool> excluded = default)
        {
            if (forecast.Length != actual.Length)
            {
                throw new ArgumentException("One forecast value per actual value.", nameof(forecast));
            }

            var errors = default(Errors);
            for (var i = 0; i < actual.Length; i++)
            {
                if (excluded.IsEmpty || !excluded[i])
                {
                    errors = errors.Add(actual[i], forecast[i]);
                }
            }

            return errors;
        }

        public Errors Add(double actual, double forecast) => new(AbsoluteError + Math.Abs(actual - forecast), Actual + actual, Count + 1);

        public Errors Add(Errors other) => new(AbsoluteError + other.AbsoluteError, Actual + other.Actual, Count + other.Count);

        public double? Mase(double? scale) => Count > 0 && scale is > 0 ? AbsoluteError / Count / scale.Value : null;
    }
}
