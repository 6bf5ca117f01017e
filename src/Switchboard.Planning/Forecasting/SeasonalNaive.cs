namespace Switchboard.Planning.Forecasting;

/// <summary>The seasonal naive forecast: every interval repeats the interval one season earlier (the last season, cycled).</summary>
internal static class SeasonalNaive
{
    public static void Forecast(ReadOnlySpan<double> history, int season, Span<double> forecast)
    {
        var lastSeason = history[^season..];
        for (var h = 0; h < forecast.Length; h++)
        {
            forecast[h] = lastSeason[h % season];
        }
    }
}
