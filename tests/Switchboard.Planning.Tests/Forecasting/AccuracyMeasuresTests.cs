using Switchboard.Planning.Forecasting;

namespace Switchboard.Tests.Forecasting;

public class AccuracyMeasuresTests
{
    [Fact]
    public void Wape_HandComputed_IsAbsoluteErrorsOverActuals()
    {
        double[] actual = [10, 0, 30, 20];
        double[] forecast = [12, 1, 24, 20];

        var wape = AccuracyMeasures.Wape(actual, forecast);

        // |−2| + |−1| + |6| + 0 = 9 over 60.
        Assert.Equal(0.15, wape!.Value, 12);
    }

    [Fact]
    public void Wape_NothingObserved_IsUndefined()
    {
        var wape = AccuracyMeasures.Wape([0, 0, 0], [1, 0, 2]);

        Assert.Null(wape);
    }

    [Fact]
    public void Mase_HandComputed_ScalesBySeasonalNaiveInSample()
    {
        double[] training = [1, 2, 3, 2, 4, 5];
        double[] actual = [4, 4];
        double[] forecast = [3, 6];

        var mase = AccuracyMeasures.Mase(actual, forecast, training, season: 2);

        // In-sample naive errors with season 2: |3−1|, |2−2|, |4−3|, |5−2| → mean 6/4 = 1.5; forecast MAE (1 + 2)/2 = 1.5.
        Assert.Equal(1.0, mase!.Value, 12);
    }

    [Fact]
    public void Mase_ConstantTraining_IsUndefinedRatherThanInfinite()
    {
        var mase = AccuracyMeasures.Mase([1], [2], [5, 5, 5, 5], season: 2);

        Assert.Null(mase);
    }

    [Fact]
    public void Mase_TrainingNoLongerThanASeason_IsUndefined()
    {
        var mase = AccuracyMeasures.Mase([1], [2], [5, 6], season: 2);

        Assert.Null(mase);
    }

    [Fact]
    public void Evaluate_DayLevel_ComparesLocalDayTotals()
    {
        // Two days of hourly data starting at local midnight at UTC+02:00; errors cancel within day 1, not within day 2.
        var start = new DateTimeOffset(2024, 3, 3, 22, 0, 0, TimeSpan.Zero);
        var hour = TimeSpan.FromHours(1);
        var actualValues = Enumerable.Repeat(10.0, 48).ToArray();
        var forecast = actualValues.Select((v, i) => i < 24 ? v + (i % 2 == 0 ? 1 : -1) : v + 2).ToArray();
        var training = new IntervalSeries(start - TimeSpan.FromDays(14), hour, Enumerable.Range(0, 14 * 24).Select(i => (double)(i / 24 % 7)));

        var report = AccuracyMeasures.Evaluate(training, new IntervalSeries(start, hour, actualValues), forecast, TimeSpan.FromHours(2));

        Assert.Equal(72.0 / 480, report.Intervals.Wape!.Value, 12);
        Assert.Equal(48.0 / 480, report.Days.Wape!.Value, 12);
        // Day totals of the training repeat weekly, so the day-level naive scale is zero: MASE is undefined there.
        Assert.Null(report.Days.Mase);
        Assert.Null(report.Intervals.Mase);
    }

    [Fact]
    public void Evaluate_ForecastLengthDiffers_Throws()
    {
        var series = new IntervalSeries(Synthetic.Monday, Synthetic.HalfHour, [1, 2, 3]);

        Assert.Throws<ArgumentException>(() => AccuracyMeasures.Evaluate(series, series, [1, 2]));
    }
}
