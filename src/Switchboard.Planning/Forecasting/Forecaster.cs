namespace Switchboard.Planning.Forecasting;

/// <summary>
/// Forecasts a queue's contacts (and handle time) per interval: leaves special days out of the history, backtests the
/// candidate models on the end of the history, forecasts with the best (or the requested) model, then applies the
/// special days of the forecast period. Pure: the same input gives the same forecast.
/// </summary>
/// <remarks>
/// The backtest holds back the last whole days of history beyond the first week, up to <see cref="BacktestDays"/>:
/// from the start of that window and every <see cref="BacktestOriginStep"/> days after it (the rolling origin;
/// Tashman 2000, "Out-of-sample tests of forecasting accuracy", International Journal of Forecasting 16(4)) each
/// model forecasts to the end of the history, fitted only on what came before. Errors are pooled over all origins; the lowest interval-level WAPE wins. A model takes part
/// only if its <see cref="ForecastModels.MinimumHistory"/> fits before the first origin. Holt-Winters fits its
/// parameters at the first origin and keeps them for the later ones; its final fit on the whole history starts its
/// search from them.
/// </remarks>
public static class Forecaster
{
    /// <summary>The most days the backtest holds back.</summary>
    public const int BacktestDays = 7;

    /// <summary>Days between backtest origins.</summary>
    public const int BacktestOriginStep = 2;

    /// <summary>Forecasts <paramref name="history"/> over <see cref="ForecastOptions.Horizon"/> from the history's end.</summary>
    /// <exception cref="ArgumentException">The options do not fit the history (horizon or UTC offset not whole intervals),
    /// handle times do not match the calls, or the history is too short for the requested model (or for any model: under a day).</exception>
    public static QueueForecast Forecast(QueueHistory history, ForecastOptions options)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(options);
        var calls = history.Calls;
        var length = calls.IntervalLength;
        if (options.Horizon <= TimeSpan.Zero || options.Horizon.Ticks % length.Ticks != 0)
        {
            throw new ArgumentException($"The horizon is a positive whole number of {length.TotalMinutes:0.##}-minute intervals.", nameof(options));
        }

        if (options.UtcOffset.Ticks % length.Ticks != 0)
        {
            throw new ArgumentException("The UTC offset is a whole number of intervals, so local days start on an interval.", nameof(options));
        }

        if (history.AverageHandleTimes is { } handleTimes && handleTimes.Count != calls.Count)
        {
            throw new ArgumentException("Handle times, when given, are one per interval of the calls.", nameof(history));
        }

        var grid = SeasonalGrid.For(calls.Start, length, options.UtcOffset);
        var n = calls.Count;
        var firstDate = DateOnly.FromDateTime(calls.Start.UtcDateTime + options.UtcOffset);
        var excluded = SpecialDayMask(options.SpecialDays, firstDate, grid, n);
        var y = Impute(calls.Values, excluded, grid);

        var eligible = ForecastModels.All.Where(m => ForecastModels.MinimumIntervals(m, grid.IntervalsPerDay) <= n).ToList();
        if (options.Model is { } requested && !eligible.Contains(requested))
        {
            throw new ArgumentException(
                $"{requested} needs at least {ForecastModels.MinimumHistory(requested).TotalDays:0} days of history; queue '{history.Queue}' has {n * length.TotalDays:0.##}.",
                nameof(history));
        }

        if (eligible.Count == 0)
        {
            throw new ArgumentException($"Forecasting needs at least a day of history; queue '{history.Queue}' has {n * length.TotalHours:0.##} hours.", nameof(history));
        }

        var backtests = Backtests(y, excluded, grid, options.Model is { } only ? [only] : eligible, out var backtestParameters);
        var model = options.Model
            ?? (backtests.Count > 0 ? backtests[0].Model : eligible.Contains(ForecastModel.WeeklyProfile) ? ForecastModel.WeeklyProfile : ForecastModel.SeasonalNaiveDay);

        var horizon = (int)(options.Horizon.Ticks / length.Ticks);
        var forecastGrid = grid.Shift(n);
        var forecastDate = DateOnly.FromDateTime(calls.End.UtcDateTime + options.UtcOffset);
        var needsWeekAhead = options.SpecialDays.Any(d => d is SpecialDay.LikeWeekday);
        var raw = new double[horizon + (needsWeekAhead ? grid.IntervalsPerWeek : 0)];
        Run(model, y, excluded, grid, raw, fixedParameters: null, warmStart: backtestParameters);
        var forecast = ApplySpecialDays(raw, horizon, options.SpecialDays, forecastDate, forecastGrid);

        var aht = history.AverageHandleTimes is { } past
            ? HandleTimes.Forecast(calls.Values, past, excluded, grid, options.HandleTimeShrinkage, horizon)
            : null;
        return new QueueForecast(history.Queue, new IntervalSeries(calls.End, length, forecast), aht, model, backtests);
    }

    private static List<Backtest> Backtests(double[] y, bool[] excluded, SeasonalGrid grid, IReadOnlyList<ForecastModel> candidates, out HoltWinters.Parameters? holtWinters)
    {
        holtWinters = null;
        var n = y.Length;
        var perDay = grid.IntervalsPerDay;
        var days = Math.Min(BacktestDays, (n - grid.IntervalsPerWeek) / perDay);
        var results = new List<Backtest>();
        if (days < 1)
        {
            return results;
        }

        var firstOrigin = n - (days * perDay);
        var intervalScale = AccuracyMeasures.NaiveScale(y, grid.IntervalsPerWeek, excluded);
        var dayScale = AccuracyMeasures.DayNaiveScale(y, grid, excluded);
        var forecast = new double[n - firstOrigin];
        foreach (var model in candidates)
        {
            if (ForecastModels.MinimumIntervals(model, perDay) > firstOrigin)
            {
                continue;
            }

            HoltWinters.Parameters? parameters = null;
            AccuracyMeasures.Errors intervals = default, dayTotals = default;
            for (var origin = firstOrigin; origin < n; origin += BacktestOriginStep * perDay)
            {
                var ahead = forecast.AsSpan(0, n - origin);
                parameters = Run(model, y.AsSpan(0, origin), excluded.AsSpan(0, origin), grid, ahead, parameters, warmStart: null);
                var actual = y.AsSpan(origin);
                var skip = excluded.AsSpan(origin);
                intervals = intervals.Add(AccuracyMeasures.Errors.Of(actual, ahead, skip));
                dayTotals = dayTotals.Add(AccuracyMeasures.DayErrors(actual, ahead, grid.Shift(origin), skip));
            }

            holtWinters ??= parameters;
            results.Add(new Backtest(model, new AccuracyReport(
                new ForecastAccuracy(intervals.Wape, intervals.Mase(intervalScale)),
                new ForecastAccuracy(dayTotals.Wape, dayTotals.Mase(dayScale)))));
        }

        // Best first; a model that could not be judged (nothing observed) goes last; ties keep the listed order.
        return [.. results.OrderBy(b => b.Accuracy.Intervals.Wape ?? double.PositiveInfinity)];
    }

    /// <summary>Fills <paramref name="forecast"/> with <paramref name="model"/>'s forecast after <paramref name="y"/>;
    /// returns the Holt-Winters parameters used (<paramref name="fixedParameters"/>, else fitted, from
    /// <paramref name="warmStart"/> when given), null for other models.</summary>
    private static HoltWinters.Parameters? Run(
        ForecastModel model, ReadOnlySpan<double> y, ReadOnlySpan<bool> excluded, SeasonalGrid grid, Span<double> forecast, HoltWinters.Parameters? fixedParameters, HoltWinters.Parameters? warmStart)
    {
        var parameters = RunModel(model, y, excluded, grid, forecast, fixedParameters, warmStart);
        KeepClosedIntervalsClosed(y, excluded, grid, forecast);
        return parameters;
    }

    /// <summary>
    /// An interval of the week that never saw a contact on an ordinary day of the history (night, Sunday) forecasts
    /// exactly zero: smoothing models otherwise leave a trace of the neighbouring hours there.
    /// </summary>
    private static void KeepClosedIntervalsClosed(ReadOnlySpan<double> y, ReadOnlySpan<bool> excluded, SeasonalGrid grid, Span<double> forecast)
    {
        var seen = new bool[grid.IntervalsPerWeek];
        var busy = new bool[grid.IntervalsPerWeek];
        for (var t = 0; t < y.Length; t++)
        {
            if (excluded.IsEmpty || !excluded[t])
            {
                var slot = grid.SlotOfWeek(t);
                seen[slot] = true;
                busy[slot] |= y[t] > 0;
            }
        }

        for (var h = 0; h < forecast.Length; h++)
        {
            var slot = grid.SlotOfWeek(y.Length + h);
            if (seen[slot] && !busy[slot])
            {
                forecast[h] = 0;
            }
        }
    }

    private static HoltWinters.Parameters? RunModel(
        ForecastModel model, ReadOnlySpan<double> y, ReadOnlySpan<bool> excluded, SeasonalGrid grid, Span<double> forecast, HoltWinters.Parameters? fixedParameters, HoltWinters.Parameters? warmStart)
    {
        switch (model)
        {
            case ForecastModel.SeasonalNaiveWeek:
                SeasonalNaive.Forecast(y, grid.IntervalsPerWeek, forecast);
                return null;
            case ForecastModel.SeasonalNaiveDay:
                SeasonalNaive.Forecast(y, grid.IntervalsPerDay, forecast);
                return null;
            case ForecastModel.WeeklyProfile:
                WeeklyProfile.Forecast(y, excluded, grid, forecast);
                return null;
            case ForecastModel.HoltWinters:
                var parameters = fixedParameters ?? HoltWinters.Fit(y, excluded, grid, warmStart);
                HoltWinters.Forecast(y, excluded, grid, parameters, forecast);
                return parameters;
            case ForecastModel.Stl:
                Stl.Forecast(y, grid, forecast);
                return null;
            default:
                throw new ArgumentOutOfRangeException(nameof(model), model, "Unknown model.");
        }
    }

    /// <summary>Marks every interval of the special days that fall in the history.</summary>
    private static bool[] SpecialDayMask(IReadOnlyList<SpecialDay> specialDays, DateOnly firstDate, SeasonalGrid grid, int count)
    {
        var mask = new bool[count];
        foreach (var special in specialDays)
        {
            var start = grid.DayStart(special.Date.DayNumber - firstDate.DayNumber);
            for (var i = Math.Max(start, 0); i < Math.Min(start + grid.IntervalsPerDay, count); i++)
            {
                mask[i] = true;
            }
        }

        return mask;
    }

    /// <summary>The history with special days' intervals replaced by the mean of the same interval of the week on
    /// ordinary days (else of the same interval of the day; else 0), so models that need an unbroken series get one.</summary>
    private static double[] Impute(ReadOnlySpan<double> values, bool[] excluded, SeasonalGrid grid)
    {
        var y = values.ToArray();
        if (!excluded.Contains(true))
        {
            return y;
        }

        var weekSums = new double[grid.IntervalsPerWeek];
        var weekCounts = new int[grid.IntervalsPerWeek];
        var daySums = new double[grid.IntervalsPerDay];
        var dayCounts = new int[grid.IntervalsPerDay];
        for (var t = 0; t < y.Length; t++)
        {
            if (!excluded[t])
            {
                weekSums[grid.SlotOfWeek(t)] += y[t];
                weekCounts[grid.SlotOfWeek(t)]++;
                daySums[grid.SlotOfDay(t)] += y[t];
                dayCounts[grid.SlotOfDay(t)]++;
            }
        }

        for (var t = 0; t < y.Length; t++)
        {
            if (excluded[t])
            {
                var week = grid.SlotOfWeek(t);
                var day = grid.SlotOfDay(t);
                y[t] = weekCounts[week] > 0 ? weekSums[week] / weekCounts[week] : dayCounts[day] > 0 ? daySums[day] / dayCounts[day] : 0;
            }
        }

        return y;
    }

    /// <summary>
    /// The first <paramref name="horizon"/> values of <paramref name="raw"/> with the special days applied: closed days
    /// are zero, a campaign multiplies its day, and a day "like" a weekday takes the model's forecast for the nearest
    /// day of that weekday (the earlier on a tie), interval by interval.
    /// </summary>
    private static double[] ApplySpecialDays(double[] raw, int horizon, IReadOnlyList<SpecialDay> specialDays, DateOnly firstDate, SeasonalGrid grid)
    {
        var forecast = raw[..horizon];
        var perDay = grid.IntervalsPerDay;
        foreach (var special in specialDays)
        {
            var day = special.Date.DayNumber - firstDate.DayNumber;
            var start = grid.DayStart(day);
            if (start + perDay <= 0 || start >= horizon)
            {
                continue;
            }

            var source = special is SpecialDay.LikeWeekday like ? NearestWeekday(day, SeasonalGrid.MondayBased(like.Weekday), grid) : day;
            for (var i = Math.Max(start, 0); i < Math.Min(start + perDay, horizon); i++)
            {
                forecast[i] = special switch
                {
                    SpecialDay.Closed => 0,
                    SpecialDay.Campaign campaign => raw[i] * campaign.Factor,
                    _ => raw[i + ((source - day) * perDay)],
                };
            }
        }

        return forecast;
    }

    /// <summary>The day of weekday <paramref name="weekday"/> nearest to <paramref name="day"/>, the earlier on a tie
    /// unless it starts before the forecast does (the forecast runs a week past the horizon, so the later one is always there).</summary>
    private static int NearestWeekday(int day, int weekday, SeasonalGrid grid)
    {
        var after = day + ((weekday - grid.Weekday(day) + 7) % 7);
        var before = after - 7;
        return after != day && day - before <= after - day && grid.DayStart(before) >= 0 ? before : after;
    }
}
