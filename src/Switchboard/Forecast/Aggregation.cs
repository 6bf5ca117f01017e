using Switchboard.Planning.Forecasting;

namespace Switchboard.Forecast;

/// <summary>Sums a history up to longer intervals (15-minute history, 30-minute forecast): calls add up, handle times are weighted by calls.</summary>
internal static class Aggregation
{
    public static HistoryCsv.QueueRows To(HistoryCsv.QueueRows queue, TimeSpan length, string path)
    {
        var calls = queue.History.Calls;
        if (length == calls.IntervalLength)
        {
            return queue;
        }

        if (length < calls.IntervalLength || length.Ticks % calls.IntervalLength.Ticks != 0)
        {
            throw new ForecastInputException(
                $"--interval {length.TotalMinutes:0.##}m: queue '{queue.History.Queue}' in {path} has {calls.IntervalLength.TotalMinutes:0.##}-minute intervals; forecast at that length or a multiple of it.");
        }

        var factor = (int)(length.Ticks / calls.IntervalLength.Ticks);

        // Whole longer intervals only: skip to the first one that starts on the longer grid, drop an unfinished last one.
        var skip = 0;
        while (skip < calls.Count && calls.IntervalStart(skip).UtcTicks % length.Ticks != 0)
        {
            skip++;
        }

        var groups = Math.Max(0, (calls.Count - skip) / factor);
        var summed = new double[groups];
        var handleTimes = queue.History.AverageHandleTimes is null ? null : new TimeSpan[groups];
        for (var g = 0; g < groups; g++)
        {
            double count = 0, seconds = 0, unweighted = 0;
            for (var i = skip + (g * factor); i < skip + ((g + 1) * factor); i++)
            {
                count += calls[i];
                if (queue.History.AverageHandleTimes is { } aht)
                {
                    seconds += calls[i] * aht[i].TotalSeconds;
                    unweighted += aht[i].TotalSeconds / factor;
                }
            }

            summed[g] = count;
            if (handleTimes is not null)
            {
                handleTimes[g] = TimeSpan.FromSeconds(count > 0 ? seconds / count : unweighted);
            }
        }

        var series = new IntervalSeries(calls.IntervalStart(skip), length, summed);
        return queue with { History = new QueueHistory(queue.History.Queue, series, handleTimes) };
    }
}
