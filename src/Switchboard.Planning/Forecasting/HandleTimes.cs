namespace Switchboard.Planning.Forecasting;

/// <summary>
/// The average handle time forecast: for each interval of the week, the contact-weighted average of its past handle
/// times, shrunk toward the overall contact-weighted average by a prior worth <c>shrinkage</c> contacts:
/// (Σ cᵢ·aᵢ + k·ā) / (Σ cᵢ + k). Intervals that rarely see a contact (nights) thus forecast close to the overall average
/// instead of to a handful of calls, and an interval that never saw one gets exactly the overall average.
/// </summary>
internal static class HandleTimes
{
    public static TimeSpan[] Forecast(ReadOnlySpan<double> calls, IReadOnlyList<TimeSpan> handleTimes, ReadOnlySpan<bool> excluded, SeasonalGrid grid, double shrinkage, int horizon)
    {
        var perWeek = grid.IntervalsPerWeek;
        var weighted = new double[perWeek];
        var contacts = new double[perWeek];
        double allWeighted = 0, allContacts = 0;
        for (var t = 0; t < calls.Length; t++)
        {
            if (calls[t] <= 0 || (!excluded.IsEmpty && excluded[t]))
            {
                continue;
            }

            var slot = grid.SlotOfWeek(t);
            var seconds = handleTimes[t].TotalSeconds;
            weighted[slot] += calls[t] * seconds;
            contacts[slot] += calls[t];
            allWeighted += calls[t] * seconds;
            allContacts += calls[t];
        }

        var overall = allContacts > 0 ? allWeighted / allContacts : 0;
        var forecast = new TimeSpan[horizon];
        for (var h = 0; h < horizon; h++)
        {
            var slot = grid.SlotOfWeek(calls.Length + h);
            var denominator = contacts[slot] + shrinkage;
            var seconds = denominator > 0 ? (weighted[slot] + (shrinkage * overall)) / denominator : overall;
            forecast[h] = TimeSpan.FromSeconds(Math.Round(seconds, 3));
        }

        return forecast;
    }
}
