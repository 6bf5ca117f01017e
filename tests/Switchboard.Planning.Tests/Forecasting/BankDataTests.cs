using Switchboard.Planning.Forecasting;

namespace Switchboard.Tests.Forecasting;

/// <summary>The published split: train on 1–21 August 1999, test on 22–28 August (336 half-hours).</summary>
public class BankDataTests(ITestOutputHelper output)
{
    private const int TrainingDays = 21;
    private const int TestDays = 7;

    [Fact]
    public void Forecast_TestWeek_BeatsSeasonalNaiveAtIntervalAndDayLevel()
    {
        var all = BankData.VruEntries();
        var training = all.Slice(0, TrainingDays * BankData.PerDay);
        var test = all.Slice(training.Count, TestDays * BankData.PerDay);
        var options = new ForecastOptions { Horizon = TimeSpan.FromDays(TestDays), UtcOffset = BankData.UtcOffset };

        var chosen = Forecaster.Forecast(new QueueHistory("bank", training), options);
        var naive = Forecaster.Forecast(new QueueHistory("bank", training), options with { Model = ForecastModel.SeasonalNaiveWeek });
        var ours = AccuracyMeasures.Evaluate(training, test, chosen.Calls.Values, BankData.UtcOffset);
        var baseline = AccuracyMeasures.Evaluate(training, test, naive.Calls.Values, BankData.UtcOffset);

        foreach (var b in chosen.Backtests)
        {
            output.WriteLine($"{b.Model}: {b.Accuracy}");
        }

        foreach (var m in ForecastModels.All)
        {
            var f = Forecaster.Forecast(new QueueHistory("bank", training), options with { Model = m });
            output.WriteLine($"test {m}: {AccuracyMeasures.Evaluate(training, test, f.Calls.Values, BankData.UtcOffset)}");
        }

        output.WriteLine($"chosen {chosen.Model}: {ours}; naive {baseline}");
        Assert.Equal(0.278, baseline.Intervals.Wape!.Value, 3);
        Assert.Equal(0.080, baseline.Days.Wape!.Value, 3);
        Assert.True(ours.Intervals.Wape < baseline.Intervals.Wape, $"interval WAPE {ours.Intervals.Wape} vs naive {baseline.Intervals.Wape}");
        Assert.True(ours.Days.Wape < baseline.Days.Wape, $"day WAPE {ours.Days.Wape} vs naive {baseline.Days.Wape}");
    }
}
