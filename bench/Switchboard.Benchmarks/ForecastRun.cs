using System.Diagnostics;
using System.Text.Json;
using Switchboard.Planning.Forecasting;

namespace Switchboard.Benchmarks;

/// <summary>The <c>forecast</c> quick mode.</summary>
public static class ForecastRun
{
    // Forecasting: the bank series (auto model: every candidate backtested, the best fitted) and N synthetic queues;
    // medians of --runs runs after a warm-up run.
    public static int Run(string[] args)
    {
        int Option(string name, int fallback) => QuickOptions.Number(args, name, fallback);

        var runs = Option("--runs", 5);
        var queueCount = Option("--queues", 1000);
        // History per queue: --days (96 intervals each) or --weeks; four weeks by default.
        var days = Option("--days", 7 * Option("--weeks", 4));
        var bank = ForecastWorkload.BankTraining();
        var queues = ForecastWorkload.SyntheticQueues(queueCount, days, seed: 1);
        var options = new ForecastOptions();
        var bankModel = "";
        var chosen = new Dictionary<string, int>();
        // Wall-clock and CPU time: on a shared machine the CPU time of this (single-threaded) work is the steadier figure.
        var process = Process.GetCurrentProcess();
        var cpuTimes = new List<double>();
        double Time(Action action)
        {
            process.Refresh();
            var cpu = process.TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            action();
            clock.Stop();
            process.Refresh();
            cpuTimes.Add((process.TotalProcessorTime - cpu).TotalMilliseconds);
            return clock.Elapsed.TotalMilliseconds;
        }

        void Bank() => bankModel = Forecaster.Forecast(bank, ForecastWorkload.BankOptions).Model.ToString();
        void All()
        {
            chosen.Clear();
            foreach (var queue in queues)
            {
                var model = Forecaster.Forecast(queue, options).Model.ToString();
                chosen[model] = chosen.GetValueOrDefault(model) + 1;
            }
        }

        // Warm-up: the first bank forecast is timed on its own too (a cold command-line run pays the JIT once).
        var coldBank = Time(Bank);
        for (var i = 0; i < 20; i++)
        {
            Bank();
        }

        var bankTimes = Enumerable.Range(0, Math.Max(runs, 1) * 20).Select(_ => Time(Bank)).Order().ToList();
        All();
        cpuTimes.Clear();
        var allTimes = Enumerable.Range(0, runs).Select(_ => Time(All)).Order().ToList();
        var allCpu = cpuTimes.Order().ToList();

        // As the forecast command runs them: queues in parallel on every core.
        void Parallel() => System.Threading.Tasks.Parallel.ForEach(queues, queue => Forecaster.Forecast(queue, options));
        var parallelTimes = Enumerable.Range(0, runs).Select(_ => Time(Parallel)).Order().ToList();
        var summary = new Dictionary<string, object>
        {
            ["bank_model"] = bankModel,
            ["bank_cold_milliseconds"] = Math.Round(coldBank, 2),
            ["bank_median_milliseconds"] = Math.Round(bankTimes[bankTimes.Count / 2], 3),
            ["queues"] = queueCount,
            ["intervals_per_queue"] = days * 96,
            ["queues_median_seconds"] = Math.Round(allTimes[runs / 2] / 1000, 3),
            ["queues_min_seconds"] = Math.Round(allTimes[0] / 1000, 3),
            ["queues_median_cpu_seconds"] = Math.Round(allCpu[runs / 2] / 1000, 3),
            ["queues_parallel_median_seconds"] = Math.Round(parallelTimes[runs / 2] / 1000, 3),
            ["cores"] = Environment.ProcessorCount,
            ["queues_models"] = string.Join(" ", chosen.OrderBy(p => p.Key).Select(p => $"{p.Key}={p.Value}")),
        };
        Console.WriteLine(args.Contains("--json") ? JsonSerializer.Serialize(summary) : string.Join(Environment.NewLine, summary.Select(p => $"{p.Key,-28} {p.Value}")));
        return 0;
    }
}
