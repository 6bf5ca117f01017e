using Switchboard.Planning.Forecasting;

namespace Switchboard.Tests.Forecasting;

public class ForecasterTests
{
    private const int Days = 21;
    private static readonly DateOnly FirstForecastDay = DateOnly.FromDateTime(Synthetic.Monday.UtcDateTime).AddDays(Days);

    [Fact]
    public void Forecast_StartsWhereTheHistoryEnds()
    {
        var history = Synthetic.History(Days, seed: 1);

        var forecast = Forecaster.Forecast(new QueueHistory("q", history), new ForecastOptions { Horizon = TimeSpan.FromDays(2) });

        Assert.Equal(history.End, forecast.Calls.Start);
        Assert.Equal(Synthetic.HalfHour, forecast.Calls.IntervalLength);
        Assert.Equal(96, forecast.Calls.Count);
        Assert.Null(forecast.AverageHandleTimes);
    }

    [Fact]
    public void Forecast_ClosedDay_IsZeroAllDay()
    {
        var history = Synthetic.History(Days, seed: 2);
        var options = new ForecastOptions { Model = ForecastModel.WeeklyProfile, SpecialDays = [new SpecialDay.Closed(FirstForecastDay.AddDays(1))] };

        var forecast = Forecaster.Forecast(new QueueHistory("q", history), options);

        Assert.All(Day(forecast, 1), v => Assert.Equal(0, v));
        Assert.True(Day(forecast, 0).Sum() > 0);
        Assert.True(Day(forecast, 2).Sum() > 0);
    }

    [Fact]
    public void Forecast_CampaignDay_MultipliesThatDayOnly()
    {
        var history = Synthetic.History(Days, seed: 3);
        var plain = Forecaster.Forecast(new QueueHistory("q", history), new ForecastOptions { Model = ForecastModel.WeeklyProfile });
        var options = new ForecastOptions { Model = ForecastModel.WeeklyProfile, SpecialDays = [new SpecialDay.Campaign(FirstForecastDay.AddDays(2), 1.5)] };

        var forecast = Forecaster.Forecast(new QueueHistory("q", history), options);

        Assert.Equal(Day(plain, 2).Select(v => v * 1.5), Day(forecast, 2));
        Assert.Equal(Day(plain, 3), Day(forecast, 3));
    }

    [Fact]
    public void Forecast_DayLikeSaturday_TakesTheForecastSaturdaysPattern()
    {
        var history = Synthetic.History(Days, seed: 4);
        var plain = Forecaster.Forecast(new QueueHistory("q", history), new ForecastOptions { Model = ForecastModel.WeeklyProfile });

        // Day 2 of the forecast is a Wednesday; the forecast's Saturday is day 5.
        var options = new ForecastOptions { Model = ForecastModel.WeeklyProfile, SpecialDays = [new SpecialDay.LikeWeekday(FirstForecastDay.AddDays(2), DayOfWeek.Saturday)] };
        var forecast = Forecaster.Forecast(new QueueHistory("q", history), options);

        Assert.Equal(DayOfWeek.Wednesday, FirstForecastDay.AddDays(2).DayOfWeek);
        Assert.Equal(Day(plain, 5), Day(forecast, 2));
    }

    [Fact]
    public void Forecast_DayLikeAWeekdayBeyondTheHorizon_UsesTheModelsForecastForIt()
    {
        var history = Synthetic.History(Days, seed: 5);
        var week = Forecaster.Forecast(new QueueHistory("q", history), new ForecastOptions { Model = ForecastModel.WeeklyProfile });
        var options = new ForecastOptions
        {
            Model = ForecastModel.WeeklyProfile,
            Horizon = TimeSpan.FromDays(1),
            SpecialDays = [new SpecialDay.LikeWeekday(FirstForecastDay, DayOfWeek.Friday)],
        };

        var forecast = Forecaster.Forecast(new QueueHistory("q", history), options);

        Assert.Equal(Day(week, 4), Day(forecast, 0));
    }

    [Fact]
    public void Forecast_SpecialDayInHistory_IsLeftOutOfFitting()
    {
        // A Wednesday in the last week had ten times its volume (a campaign); marked, it must not move the forecast.
        var clean = Synthetic.History(Days, seed: 6);
        var values = clean.Values.ToArray();
        var campaignDay = 14 + 2;
        for (var i = campaignDay * 48; i < (campaignDay + 1) * 48; i++)
        {
            values[i] *= 10;
        }

        var spiked = new IntervalSeries(clean.Start, clean.IntervalLength, values);
        var marked = new SpecialDay.Campaign(DateOnly.FromDateTime(Synthetic.Monday.UtcDateTime).AddDays(campaignDay), 10);

        // Not the daily naive model: it repeats the last day only, a closed Sunday here.
        foreach (var model in ForecastModels.All.Where(m => m != ForecastModel.SeasonalNaiveDay))
        {
            var unmarked = Forecaster.Forecast(new QueueHistory("q", spiked), new ForecastOptions { Model = model });
            var withMark = Forecaster.Forecast(new QueueHistory("q", spiked), new ForecastOptions { Model = model, SpecialDays = [marked] });
            var reference = Forecaster.Forecast(new QueueHistory("q", clean), new ForecastOptions { Model = model });

            var expected = reference.Calls.Values;
            Assert.True(
                AccuracyMeasures.Wape(expected, withMark.Calls.Values) < AccuracyMeasures.Wape(expected, unmarked.Calls.Values),
                $"{model}: marking the campaign day should bring the forecast nearer the clean history's: {AccuracyMeasures.Wape(expected, withMark.Calls.Values)} vs {AccuracyMeasures.Wape(expected, unmarked.Calls.Values)}");
            Assert.InRange(AccuracyMeasures.Wape(expected, withMark.Calls.Values)!.Value, 0, 0.15);
        }
    }

    [Fact]
    public void Forecast_OneWeekOfHistory_ForecastsWithoutABacktest()
    {
        var history = Synthetic.History(7, seed: 7);

        var forecast = Forecaster.Forecast(new QueueHistory("q", history), new ForecastOptions());

        Assert.Empty(forecast.Backtests);
        Assert.Null(forecast.ModelBacktest);
        Assert.Equal(ForecastModel.WeeklyProfile, forecast.Model);
        Assert.InRange(AccuracyMeasures.Wape(Synthetic.ExpectedAfter(7, 7), forecast.Calls.Values)!.Value, 0, 0.2);
    }

    [Fact]
    public void Forecast_TenDays_BacktestsOnlyTheModelsThatFitBeforeTheFirstOrigin()
    {
        var history = Synthetic.History(10, seed: 8);

        var forecast = Forecaster.Forecast(new QueueHistory("q", history), new ForecastOptions());

        Assert.Equal(
            [ForecastModel.SeasonalNaiveWeek, ForecastModel.SeasonalNaiveDay, ForecastModel.WeeklyProfile],
            forecast.Backtests.Select(b => b.Model).Order());
    }

    [Fact]
    public void Forecast_AllZeros_ForecastsZerosWithUndefinedAccuracy()
    {
        var history = new IntervalSeries(Synthetic.Monday, Synthetic.HalfHour, new double[21 * 48]);

        var forecast = Forecaster.Forecast(new QueueHistory("q", history), new ForecastOptions());

        Assert.All(forecast.Calls.Values.ToArray(), v => Assert.Equal(0, v));
        Assert.All(forecast.Backtests, b => Assert.Null(b.Accuracy.Intervals.Wape));
        Assert.All(forecast.Backtests, b => Assert.Null(b.Accuracy.Days.Mase));
    }

    [Fact]
    public void Forecast_RequestedModelNeedsMoreHistory_Throws()
    {
        var history = Synthetic.History(10, seed: 9);

        var e = Assert.Throws<ArgumentException>(() => Forecaster.Forecast(new QueueHistory("q", history), new ForecastOptions { Model = ForecastModel.Stl }));

        Assert.Contains("14 days", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Forecast_LessThanADay_Throws()
    {
        var history = new IntervalSeries(Synthetic.Monday, Synthetic.HalfHour, new double[40]);

        Assert.Throws<ArgumentException>(() => Forecaster.Forecast(new QueueHistory("q", history), new ForecastOptions()));
    }

    [Fact]
    public void Forecast_HorizonNotWholeIntervals_Throws()
    {
        var history = Synthetic.History(7, seed: 10);

        Assert.Throws<ArgumentException>(() => Forecaster.Forecast(new QueueHistory("q", history), new ForecastOptions { Horizon = TimeSpan.FromMinutes(45) }));
    }

    [Fact]
    public void Forecast_HandleTimes_WeightByCallsAndShrinkTowardTheOverallAverage()
    {
        // One week, hourly: Monday 09:00 has 90 calls at 300 s; every other open hour 10 calls at 100 s; nights empty.
        var calls = new double[7 * 24];
        var handleTimes = new TimeSpan[calls.Length];
        for (var i = 0; i < calls.Length; i++)
        {
            var open = i % 24 is >= 8 and < 18;
            calls[i] = i == 9 ? 90 : open ? 10 : 0;
            handleTimes[i] = TimeSpan.FromSeconds(i == 9 ? 300 : open ? 100 : 9999);
        }

        var history = new QueueHistory("q", new IntervalSeries(Synthetic.Monday, TimeSpan.FromHours(1), calls), handleTimes);
        var options = new ForecastOptions { Horizon = TimeSpan.FromDays(1), HandleTimeShrinkage = 30 };

        var aht = Forecaster.Forecast(history, options).AverageHandleTimes!;

        // Overall: (90·300 + 69·10·100) / (90 + 690) = 96,000 / 780 s.
        var overall = 96_000.0 / 780;
        Assert.Equal(((90 * 300) + (30 * overall)) / 120, aht[9].TotalSeconds, 2);
        Assert.Equal(((10 * 100) + (30 * overall)) / 40, aht[10].TotalSeconds, 2);
        Assert.Equal(overall, aht[2].TotalSeconds, 2);
    }

    [Fact]
    public void Forecast_UtcOffset_PlacesWeekdaysOnLocalDays()
    {
        // The same local pattern recorded at UTC−05:00: local midnight Monday is 05:00 UTC.
        var local = Synthetic.History(Days, seed: 15);
        var shifted = new IntervalSeries(local.Start + TimeSpan.FromHours(5), local.IntervalLength, local.Values.ToArray());
        var special = new SpecialDay.Closed(FirstForecastDay);

        var inLocalDays = Forecaster.Forecast(new QueueHistory("q", shifted), new ForecastOptions { UtcOffset = TimeSpan.FromHours(-5), SpecialDays = [special], Model = ForecastModel.WeeklyProfile });
        var reference = Forecaster.Forecast(new QueueHistory("q", local), new ForecastOptions { SpecialDays = [special], Model = ForecastModel.WeeklyProfile });

        Assert.Equal(reference.Calls.Values.ToArray(), inLocalDays.Calls.Values.ToArray());
    }

    private static double[] Day(QueueForecast forecast, int day) => forecast.Calls.Values.Slice(day * 48, 48).ToArray();
}
