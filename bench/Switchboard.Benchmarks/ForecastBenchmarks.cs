using BenchmarkDotNet.Attributes;
using Switchboard.Planning.Forecasting;

namespace Switchboard.Benchmarks;

/// <summary>Fit, backtest and forecast: the bank's three weeks (every model chosen by backtest), and 100 synthetic 15-minute queues.</summary>
[MemoryDiagnoser]
public class ForecastBenchmarks
{
    private QueueHistory bank = null!;
    private QueueHistory[] queues = null!;

    [GlobalSetup]
    public void Setup()
    {
        bank = ForecastWorkload.BankTraining();
        queues = ForecastWorkload.SyntheticQueues(100, days: 28, seed: 1);
    }

    [Benchmark]
    public QueueForecast BankWeek() => Forecaster.Forecast(bank, ForecastWorkload.BankOptions);

    [Benchmark]
    public int HundredQueues()
    {
        var options = new ForecastOptions();
        var total = 0;
        foreach (var queue in queues)
        {
            total += Forecaster.Forecast(queue, options).Calls.Count;
        }

        return total;
    }
}
