namespace Switchboard.Planning.Forecasting;

/// <summary>The forecasting models Switchboard knows (docs/forecasting.md describes each).</summary>
public enum ForecastModel
{
    /// <summary>Each interval repeats the same interval one week earlier.</summary>
    SeasonalNaiveWeek = 1,

    /// <summary>Each interval repeats the same interval one day earlier.</summary>
    SeasonalNaiveDay,

    /// <summary>Day-of-week totals (recency-weighted, with a damped weekly trend) times smoothed intraday shares per weekday.</summary>
    WeeklyProfile,

    /// <summary>Holt-Winters exponential smoothing with a daily and a weekly season (Taylor 2003), additive, with an AR(1) error term.</summary>
    HoltWinters,

    /// <summary>STL decomposition (Cleveland et al. 1990) with a weekly season; the seasonally adjusted part by simple exponential smoothing.</summary>
    Stl,
}

/// <summary>What each model needs.</summary>
public static class ForecastModels
{
    /// <summary>Every model, in the order reports list them.</summary>
    public static IReadOnlyList<ForecastModel> All { get; } =
        [ForecastModel.SeasonalNaiveWeek, ForecastModel.SeasonalNaiveDay, ForecastModel.WeeklyProfile, ForecastModel.HoltWinters, ForecastModel.Stl];

    /// <summary>The shortest history a model can be fitted on: one day for the daily naive model, one week for the
    /// weekly naive and profile models, two weeks for Holt-Winters and STL (two weekly cycles to start from).</summary>
    public static TimeSpan MinimumHistory(ForecastModel model) => model switch
    {
        ForecastModel.SeasonalNaiveDay => TimeSpan.FromDays(1),
        ForecastModel.SeasonalNaiveWeek or ForecastModel.WeeklyProfile => TimeSpan.FromDays(7),
        ForecastModel.HoltWinters or ForecastModel.Stl => TimeSpan.FromDays(14),
        _ => throw new ArgumentOutOfRangeException(nameof(model), model, "Unknown model."),
    };

    internal static int MinimumIntervals(ForecastModel model, int intervalsPerDay) =>
        (int)(MinimumHistory(model).Ticks / TimeSpan.TicksPerDay) * intervalsPerDay;
}
