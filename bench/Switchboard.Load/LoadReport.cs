using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Switchboard.Load;

/// <summary>Latency percentiles of one request kind, in milliseconds.</summary>
internal sealed record Percentiles(string Kind, int Count, double P50, double P90, double P99, double Max)
{
    /// <summary>How the reports are written with <c>--json</c> (camelCase names).</summary>
    public static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    public static Percentiles Of(string kind, List<long> ticks)
    {
        ticks.Sort();
        double At(double q) => ticks.Count == 0 ? 0 : Math.Round(ticks[Math.Min(ticks.Count - 1, (int)(ticks.Count * q))] * 1000.0 / Stopwatch.Frequency, 2);
        return new Percentiles(kind, ticks.Count, At(0.5), At(0.9), At(0.99), ticks.Count == 0 ? 0 : Math.Round(ticks[^1] * 1000.0 / Stopwatch.Frequency, 2));
    }
}

/// <summary>One measured window: throughput, latency per request kind and overall, failures, and CPU per lifecycle.</summary>
internal sealed record LoadReport(
    string Database,
    int Agents,
    int Customers,
    double Seconds,
    int Lifecycles,
    double LifecyclesPerSecond,
    double RequestsPerSecond,
    IReadOnlyList<Percentiles> Latency,
    int Waited,
    IReadOnlyDictionary<string, int> Failures,
    double ServerCpuMillisecondsPerLifecycle,
    double ServerCpuCores,
    double LoadGeneratorCpuCores,
    double EventsPerLifecycle,
    double RequestsPerBatch,
    double MeanBatchStoreMilliseconds)
{
    public static LoadReport From(LoadSettings settings, Customer[] customers, double seconds, ServerFigures server, TimeSpan loadCpu)
    {
        var latency = new List<Percentiles>();
        var all = new List<long>();
        var requests = 0;
        foreach (var kind in LifecycleLoad.Kinds)
        {
            var ticks = customers.SelectMany(c => c.Latencies.GetValueOrDefault(kind) ?? []).ToList();
            if (ticks.Count > 0)
            {
                latency.Add(Percentiles.Of(kind, ticks));
                all.AddRange(ticks);
                requests += ticks.Count;
            }
        }

        latency.Add(Percentiles.Of("all requests", all));
        latency.Add(Percentiles.Of("lifecycle", [.. customers.SelectMany(c => c.Latencies.GetValueOrDefault("lifecycle") ?? [])]));
        var failures = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var (key, count) in customers.SelectMany(c => c.Failures))
        {
            failures[key] = failures.GetValueOrDefault(key) + count;
        }

        var lifecycles = customers.Sum(c => c.Lifecycles);
        // Writer batches also carry the timer work and the customers' lifecycles that straddle the window's edges;
        // requests per batch counts the writer's requests only (every request but find-offer goes through it).
        var written = requests - (latency.FirstOrDefault(l => l.Kind == "find-offer")?.Count ?? 0);
        return new LoadReport(
            settings.Database,
            settings.Agents,
            settings.Customers,
            Math.Round(seconds, 2),
            lifecycles,
            Math.Round(lifecycles / seconds, 1),
            Math.Round(requests / seconds, 1),
            latency,
            customers.Sum(c => c.Waited),
            failures,
            lifecycles == 0 ? 0 : Math.Round(server.Cpu.TotalMilliseconds / lifecycles, 3),
            Math.Round(server.Cpu.TotalSeconds / seconds, 2),
            Math.Round(loadCpu.TotalSeconds / seconds, 2),
            lifecycles == 0 ? 0 : Math.Round((double)server.Events / lifecycles, 2),
            server.Batches == 0 ? 0 : Math.Round((double)written / server.Batches, 1),
            server.Batches == 0 ? 0 : Math.Round(server.StoreSeconds * 1000 / server.Batches, 3));
    }

    public string ToJson() => JsonSerializer.Serialize(this, Percentiles.Web);

    public string ToTable()
    {
        var text = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        text.AppendLine(c, $"{Database}: {Agents} agents, {Customers} customers, {Seconds} s measured");
        text.AppendLine(c, $"lifecycles/s {LifecyclesPerSecond}  ({Lifecycles} complete; {Waited} waited for an offer)   requests/s {RequestsPerSecond}");
        text.AppendLine(c, $"server CPU {ServerCpuMillisecondsPerLifecycle} ms per lifecycle, {ServerCpuCores} cores busy; load generator {LoadGeneratorCpuCores} cores");
        text.AppendLine(c, $"writer: {EventsPerLifecycle} events per lifecycle, {RequestsPerBatch} requests per batch, {MeanBatchStoreMilliseconds} ms to store a batch");
        text.AppendLine(c, $"{"request",-14} {"count",8} {"p50 ms",8} {"p90 ms",8} {"p99 ms",8} {"max ms",8}");
        foreach (var l in Latency)
        {
            text.AppendLine(c, $"{l.Kind,-14} {l.Count,8} {l.P50,8} {l.P90,8} {l.P99,8} {l.Max,8}");
        }

        foreach (var (key, count) in Failures)
        {
            text.AppendLine(c, $"failed: {key} x{count}");
        }

        return text.ToString();
    }
}

/// <summary>Restart after a crash: the log's size, time from process start to ready, and the routing domain's replay.</summary>
internal sealed record RestartReport(string Database, long Events, IReadOnlyList<double> StartToReadySeconds, IReadOnlyList<double> ReplaySeconds, double MedianStartToReadySeconds,
    double MedianReplaySeconds, long ReplayedEvents)
{
    public string ToJson() => JsonSerializer.Serialize(this, Percentiles.Web);

    public string ToTable() => string.Create(CultureInfo.InvariantCulture,
        $"""
        {Database}: {Events} events in the log, killed with SIGKILL and restarted {StartToReadySeconds.Count} times
        start to ready (s): median {MedianStartToReadySeconds}  runs {string.Join(", ", StartToReadySeconds)}
        replay (s):         median {MedianReplaySeconds}  runs {string.Join(", ", ReplaySeconds)}  ({ReplayedEvents} events replayed)
        """);
}
