using Switchboard.Planning.Forecasting;

namespace Switchboard.Tests.Forecasting;

/// <summary>Each model on four weeks of a known weekly pattern with Poisson noise: the week after is close to the expected volume.</summary>
public class ForecastModelTests
{
    private const int Days = 28;

    // Tolerances: WAPE against the expected (noise-free) volume. Repeating one noisy week errs by the Poisson noise
    // itself (about 0.15 at these volumes); averaging over weeks (the profile, with recency weights worth about 2.6
    // weeks) cuts it toward 0.08; Holt-Winters' level follows the last hours of the history and STL's seasonal
    // component rests on four cycles, so both sit between.
    [Theory]
    [InlineData(ForecastModel.WeeklyProfile, 0.09)]
    [InlineData(ForecastModel.HoltWinters, 0.12)]
    [InlineData(ForecastModel.Stl, 0.12)]
    [InlineData(ForecastModel.SeasonalNaiveWeek, 0.20)]
    public void Forecast_WeeklyPattern_RecoversTheExpectedVolume(ForecastModel model, double tolerance)
    {
        var history = Synthetic.History(Days, seed: 11);

        var forecast = Forecaster.Forecast(new QueueHistory("q", history), new ForecastOptions { Model = model });

        var wape = AccuracyMeasures.Wape(Synthetic.ExpectedAfter(Days, 7), forecast.Calls.Values);
        Assert.InRange(wape!.Value, 0, tolerance);
    }

    [Fact]
    public void Forecast_SeasonalNaiveDayOnTheSamePatternEveryDay_RecoversIt()
    {
        var history = Synthetic.History(Days, seed: 12, weekly: false, noise: false);

        var forecast = Forecaster.Forecast(new QueueHistory("q", history), new ForecastOptions { Model = ForecastModel.SeasonalNaiveDay });

        Assert.Equal(Synthetic.ExpectedAfter(Days, 7, weekly: false), forecast.Calls.Values.ToArray());
    }

    [Fact]
    public void Forecast_WeeklyPatternWithoutNoise_EveryModelButTheDailyNaiveIsNearlyExact()
    {
        var history = Synthetic.History(Days, seed: 0, noise: false);
        var expected = Synthetic.ExpectedAfter(Days, 7);

        foreach (var model in ForecastModels.All.Where(m => m != ForecastModel.SeasonalNaiveDay))
        {
            var forecast = Forecaster.Forecast(new QueueHistory("q", history), new ForecastOptions { Model = model });

            Assert.InRange(AccuracyMeasures.Wape(expected, forecast.Calls.Values)!.Value, 0, 0.03);
        }
    }

    [Fact]
    public void Forecast_Auto_ChoosesAModelThatBeatsTheDailyNaiveInTheBacktest()
    {
        var history = Synthetic.History(Days, seed: 13);

        var forecast = Forecaster.Forecast(new QueueHistory("q", history), new ForecastOptions());

        Assert.Equal(5, forecast.Backtests.Count);
        Assert.Equal(forecast.Backtests[0].Model, forecast.Model);
        Assert.NotEqual(ForecastModel.SeasonalNaiveDay, forecast.Model);
        Assert.True(forecast.Backtests.Select(b => b.Accuracy.Intervals.Wape!.Value).SequenceEqual(forecast.Backtests.Select(b => b.Accuracy.Intervals.Wape!.Value).Order()));
        Assert.All(forecast.Backtests, b => Assert.InRange(b.Accuracy.Intervals.Mase!.Value, 0.1, 3));
    }

    [Fact]
    public void Forecast_ClosedNights_StayZero()
    {
        var history = Synthetic.History(Days, seed: 14);

        foreach (var model in ForecastModels.All)
        {
            var forecast = Forecaster.Forecast(new QueueHistory("q", history), new ForecastOptions { Model = model });

            // Sunday is closed all day and 02:00 every night: no model may put contacts there.
            Assert.All(Enumerable.Range(0, 7), day => Assert.Equal(0, forecast.Calls[(day * 48) + 4], 6));
        }
    }
}
