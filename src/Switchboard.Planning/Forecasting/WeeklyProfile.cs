namespace Switchboard.Planning.Forecasting;

/// <summary>
/// Day-of-week totals times intraday shares: each future day's total is a recency-weighted average of the same
/// weekday's past totals, each carried forward by a damped weekly trend; the day is spread over its intervals by that
/// weekday's share of each interval, smoothed over neighbouring intervals.
/// </summary>
/// <remarks>
/// <para>Only whole local days that are not special days are used. The weekly trend is the log ratio of the last
/// <see cref="TrendWeeks"/> weeks' day totals to the same weekdays one week earlier (matched days only), damped as in
/// Gardner and McKenzie's damped trend (1985, "Forecasting trends in time series", Management Science 31(10)): a day
/// <c>m</c> weeks after an observation is scaled by exp(g·(φ + φ² + … + φ^m)). With φ = 0.8 the trend can move a
/// forecast by at most four weeks' worth of growth; φ is fixed rather than fitted because two or three weekly ratios
/// cannot estimate it.</para>
/// <para>Smoothing (weights ¼, ½, ¼) keeps the shares of intervals that never saw a contact at zero, so closed hours stay closed.</para>
/// </remarks>
internal static class WeeklyProfile
{
    /// <summary>Weight of an observation per week of age: last week 1, the week before ½, and so on.</summary>
    public const double Recency = 0.5;

    /// <summary>φ: how much of the weekly trend carries into each further week.</summary>
    public const double TrendDamping = 0.8;

    /// <summary>How many recent weeks measure the trend.</summary>
    public const int TrendWeeks = 2;

    public static void Forecast(ReadOnlySpan<double> history, ReadOnlySpan<bool> excluded, SeasonalGrid grid, Span<double> forecast)
    {
        var perDay = grid.IntervalsPerDay;
        var firstDay = grid.FirstSlotOfDay == 0 ? 0 : 1;
        var lastDay = ((history.Length + grid.FirstSlotOfDay) / perDay) - 1;
        var totals = new double[Math.Max(lastDay + 1, 0)];
        var usable = new bool[totals.Length];
        for (var day = firstDay; day <= lastDay; day++)
        {
            var start = grid.DayStart(day);
            usable[day] = excluded.IsEmpty || !excluded.Slice(start, perDay).Contains(true);
            totals[day] = Sum(history.Slice(start, perDay));
        }

        var growth = WeeklyGrowth(totals, usable, firstDay, lastDay);
        var shares = new double[8 * perDay];
        var weights = new double[8];
        var observed = new int[8];
        for (var day = firstDay; day <= lastDay; day++)
        {
            if (!usable[day])
            {
                continue;
            }

            var weight = Math.Pow(Recency, (lastDay - day) / 7);
            var weekday = grid.Weekday(day);
            var values = history.Slice(grid.DayStart(day), perDay);
            for (var slot = 0; slot < perDay; slot++)
            {
                // Row 7 pools every weekday: the fallback for a weekday with no usable day.
                shares[(weekday * perDay) + slot] += weight * values[slot];
                shares[(7 * perDay) + slot] += weight * values[slot];
            }

            weights[weekday] += weight * totals[day];
            weights[7] += weight * totals[day];
            observed[weekday]++;
            observed[7]++;
        }

        for (var row = 0; row < 8; row++)
        {
            Normalise(shares.AsSpan(row * perDay, perDay));
        }

        var currentDay = -1;
        var dayTotal = 0.0;
        var row7 = 0;
        for (var h = 0; h < forecast.Length; h++)
        {
            var index = history.Length + h;
            var day = grid.Day(index);
            if (day != currentDay)
            {
                currentDay = day;
                var weekday = grid.Weekday(day);
                row7 = observed[weekday] > 0 ? weekday : 7;
                dayTotal = ProjectedTotal(totals, usable, grid, firstDay, lastDay, day, row7 == 7 ? -1 : weekday, growth);
            }

            forecast[h] = dayTotal * shares[(row7 * perDay) + grid.SlotOfDay(index)];
        }
    }

    private static double WeeklyGrowth(double[] totals, bool[] usable, int firstDay, int lastDay)
    {
        double recent = 0, earlier = 0;
        for (var day = Math.Max(firstDay + 7, lastDay - (7 * TrendWeeks) + 1); day <= lastDay; day++)
        {
            if (usable[day] && usable[day - 7])
            {
                recent += totals[day];
                earlier += totals[day - 7];
            }
        }

        return recent > 0 && earlier > 0 ? Math.Log(recent / earlier) : 0;
    }

    /// <summary>The weighted average of past totals of the weekday (any weekday when <paramref name="weekday"/> is −1), each carried forward to <paramref name="target"/>.</summary>
    private static double ProjectedTotal(double[] totals, bool[] usable, SeasonalGrid grid, int firstDay, int lastDay, int target, int weekday, double growth)
    {
        double sum = 0, weights = 0;
        for (var day = firstDay; day <= lastDay; day++)
        {
            if (!usable[day] || (weekday >= 0 && grid.Weekday(day) != weekday))
            {
                continue;
            }

            var weight = Math.Pow(Recency, (lastDay - day) / 7);
            var weeksAhead = (target - day + 6) / 7;
            sum += weight * totals[day] * Math.Exp(growth * DampedSum(weeksAhead));
            weights += weight;
        }

        return weights > 0 ? sum / weights : 0;
    }

    /// <summary>φ + φ² + … + φ^m.</summary>
    private static double DampedSum(int weeks) => TrendDamping * (1 - Math.Pow(TrendDamping, weeks)) / (1 - TrendDamping);

    private static void Normalise(Span<double> shares)
    {
        var total = Sum(shares);
        if (total <= 0)
        {
            shares.Clear();
            return;
        }

        var raw = shares.ToArray();
        var last = shares.Length - 1;
        for (var slot = 0; slot <= last; slot++)
        {
            shares[slot] = raw[slot] == 0 ? 0 : (0.25 * raw[Math.Max(slot - 1, 0)]) + (0.5 * raw[slot]) + (0.25 * raw[Math.Min(slot + 1, last)]);
        }

        var smoothed = Sum(shares);
        foreach (ref var share in shares)
        {
            share /= smoothed;
        }
    }

    private static double Sum(ReadOnlySpan<double> values)
    {
        var sum = 0.0;
        foreach (var value in values)
        {
            sum += value;
        }

        return sum;
    }
}
