namespace Switchboard.Planning.Forecasting;

/// <summary>How to forecast: how far ahead, with which model, in which local calendar, around which special days.</summary>
public sealed record ForecastOptions
{
    /// <summary>How far ahead to forecast from the end of the history; a whole number of intervals. Default 7 days.</summary>
    public TimeSpan Horizon { get; init; } = TimeSpan.FromDays(7);

    /// <summary>The model to use; null (the default) chooses per queue by backtest.</summary>
    public ForecastModel? Model { get; init; }

    /// <summary>
    /// The centre's offset from UTC, which places its local midnight: days of the week, day totals and special days are
    /// local days. A whole number of intervals; default zero (days are UTC days).
    /// </summary>
    public TimeSpan UtcOffset { get; init; }

    /// <summary>Days announced as special (closed, like another weekday, campaign), in the history or the forecast period. Default none.</summary>
    public IReadOnlyList<SpecialDay> SpecialDays { get; init; } = [];

    /// <summary>
    /// How many contacts' worth of weight the overall average handle time gets when an interval of the week's own
    /// average is estimated: with few contacts the estimate stays near the overall average. Default 30 contacts.
    /// </summary>
    public double HandleTimeShrinkage { get; init; } = 30;
}
