namespace Switchboard.Planning.Forecasting;

/// <summary>A queue's forecast, the model that made it and how the candidate models did in the backtest.</summary>
/// <param name="Calls">Expected contacts per interval, from the end of the history; never negative.</param>
/// <param name="AverageHandleTimes">Expected average handle time per interval of <paramref name="Calls"/>; null when the history had none.</param>
/// <param name="Backtests">Each candidate model's accuracy in the rolling-origin backtest on the end of the history, best first;
/// empty when the history was too short to hold any back (the model was then chosen by default or by request).</param>
public sealed record QueueForecast(
    string Queue,
    IntervalSeries Calls,
    IReadOnlyList<TimeSpan>? AverageHandleTimes,
    ForecastModel Model,
    IReadOnlyList<Backtest> Backtests)
{
    /// <summary>The chosen model's backtest; null when there was none.</summary>
    public Backtest? ModelBacktest => Backtests.FirstOrDefault(b => b.Model == Model);
}

/// <summary>How one model did in a backtest.</summary>
public sealed record Backtest(ForecastModel Model, AccuracyReport Accuracy);

/// <summary>Accuracy per interval and per local day (each day's intervals summed before comparing).</summary>
public sealed record AccuracyReport(ForecastAccuracy Intervals, ForecastAccuracy Days);

/// <summary>Two scale-free error measures (docs/forecasting.md).</summary>
/// <param name="Wape">Weighted absolute percentage error: Σ|actual − forecast| / Σ actual. 0 is perfect; null when nothing was observed.</param>
/// <param name="Mase">Mean absolute scaled error: the mean absolute error divided by the in-sample mean absolute error of
/// the seasonal naive forecast with a one-week season. Below 1 beats that naive forecast; null when the scale is zero or unknown.</param>
public sealed record ForecastAccuracy(double? Wape, double? Mase);
