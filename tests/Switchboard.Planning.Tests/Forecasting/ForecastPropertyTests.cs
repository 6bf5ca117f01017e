using CsCheck;
using Switchboard.Planning.Forecasting;

namespace Switchboard.Tests.Forecasting;

public class ForecastPropertyTests
{
    /// <summary>Hourly histories of 14 to 24 days, each interval 0 to 50 calls, a third of them empty.</summary>
    private static readonly Gen<double[]> Histories =
        Gen.Int[14, 24].SelectMany(days => Gen.Frequency((1, Gen.Const(0.0)), (2, Gen.Int[0, 50].Select(v => (double)v))).Array[days * 24]);

    [Fact]
    public void Forecast_AnyHistoryAnyModel_IsFiniteAndNeverNegative()
    {
        Gen.Select(Histories, Gen.Int[0, 4].Select(i => ForecastModels.All[i])).Sample(
            (values, model) =>
            {
                var history = new QueueHistory("q", new IntervalSeries(Synthetic.Monday, TimeSpan.FromHours(1), values));

                var forecast = Forecaster.Forecast(history, new ForecastOptions { Model = model, Horizon = TimeSpan.FromDays(3) });

                Assert.All(forecast.Calls.Values.ToArray(), v => Assert.True(double.IsFinite(v) && v >= 0, $"{model}: {v}"));
            },
            iter: 60);
    }

    [Fact]
    public void Forecast_HistoryStartingAtAnyHourAndOffset_CoversTheHorizonWithoutNegatives()
    {
        Gen.Select(Histories, Gen.Int[0, 23], Gen.Int[-12, 14]).Sample(
            (values, startHour, offsetHours) =>
            {
                var start = Synthetic.Monday.AddHours(startHour);
                var history = new QueueHistory("q", new IntervalSeries(start, TimeSpan.FromHours(1), values));
                var local = DateOnly.FromDateTime(start.UtcDateTime.AddHours(offsetHours));
                var options = new ForecastOptions
                {
                    UtcOffset = TimeSpan.FromHours(offsetHours),
                    Horizon = TimeSpan.FromDays(8),
                    SpecialDays = [new SpecialDay.Closed(local.AddDays(3)), new SpecialDay.LikeWeekday(local.AddDays(values.Length / 24), DayOfWeek.Sunday)],
                };

                var forecast = Forecaster.Forecast(history, options);

                Assert.Equal(8 * 24, forecast.Calls.Count);
                Assert.All(forecast.Calls.Values.ToArray(), v => Assert.True(double.IsFinite(v) && v >= 0));
            },
            iter: 40);
    }

    [Fact]
    public void Forecast_ScaledHistory_ScalesTheForecast()
    {
        Gen.Select(Histories, Gen.Double[0.1, 20]).Sample(
            (values, factor) =>
            {
                var series = new IntervalSeries(Synthetic.Monday, TimeSpan.FromHours(1), values);
                var scaled = new IntervalSeries(Synthetic.Monday, TimeSpan.FromHours(1), values.Select(v => v * factor));

                var forecast = Forecaster.Forecast(new QueueHistory("q", series), new ForecastOptions());
                var scaledForecast = Forecaster.Forecast(new QueueHistory("q", scaled), new ForecastOptions());

                Assert.Equal(forecast.Model, scaledForecast.Model);
                for (var i = 0; i < forecast.Calls.Count; i++)
                {
                    Assert.Equal(forecast.Calls[i] * factor, scaledForecast.Calls[i], 1e-6 * (1 + (forecast.Calls[i] * factor)));
                }
            },
            iter: 30);
    }

    [Fact]
    public void Wape_ScaledActualsAndForecast_IsUnchanged()
    {
        Gen.Select(Gen.Double[0, 100].Array[1, 50], Gen.Double[0.01, 100]).Sample(
            (actual, factor) =>
            {
                var forecast = actual.Select((v, i) => v + (i % 3) - 1).ToArray();

                var wape = AccuracyMeasures.Wape(actual, forecast);
                var scaled = AccuracyMeasures.Wape([.. actual.Select(v => v * factor)], [.. forecast.Select(v => v * factor)]);

                Assert.Equal(wape.HasValue, scaled.HasValue);
                if (wape is { } w)
                {
                    Assert.Equal(w, scaled!.Value, 1e-9 * (1 + w));
                }
            });
    }
}
