using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Attributes;
using Switchboard.Planning.Staffing;

namespace Switchboard.Benchmarks;

/// <summary>One row of the staffing workload, ready to staff.</summary>
internal sealed record StaffingCase(IntervalTraffic Traffic, QueueModel.ErlangA Abandonment, StaffingTarget Target);

/// <summary>Staffing every row of bench/workloads/plan-4800.csv, and one exact staffing of 10,000 Erlangs.</summary>
[MemoryDiagnoser]
public class StaffingBenchmarks
{
    private StaffingCase[] cases = [];

    [GlobalSetup]
    public void Setup() => cases = StaffingRun.Load(StaffingRun.DefaultWorkload);

    /// <summary>Erlang C required agents for the row's service-level target, all 4,800 rows.</summary>
    [Benchmark(OperationsPerInvoke = 4800)]
    public int ErlangCStaffing() => StaffingRun.ErlangC(cases);

    /// <summary>Erlang A required agents (the row's patience) for the row's target, all 4,800 rows.</summary>
    [Benchmark(OperationsPerInvoke = 4800)]
    public int ErlangAStaffing() => StaffingRun.ErlangA(cases);

    /// <summary>The baseline: Erlang C staffing by the plain loop, B(n) carried from n = 0, every row.</summary>
    [Benchmark(OperationsPerInvoke = 4800, Baseline = true)]
    public int PlainLoopErlangCStaffing() => StaffingRun.PlainLoop(cases);

    /// <summary>10,000 Erlangs (AHT 180 s) staffed exactly to 80/20 with Erlang C.</summary>
    [Benchmark]
    public int TenThousandErlangs() => StaffingRun.TenThousandErlangs();
}

/// <summary>The quick mode: <c>staffing --workload FILE [--runs N] [--json]</c>, medians over runs of the mean time per row.</summary>
internal static class StaffingRun
{
    public const string DefaultWorkload = "bench/workloads/plan-4800.csv";

    private static readonly IntervalTraffic TenThousand = new(10_000, TimeSpan.FromSeconds(180), TimeSpan.FromSeconds(180));
    private static readonly StaffingTarget EightyTwenty = new StaffingTarget.ServiceLevel(new ServiceLevelTarget(0.8, TimeSpan.FromSeconds(20)));

    public static StaffingCase[] Load(string path)
    {
        if (!File.Exists(path))
        {
            // BenchmarkDotNet runs from its own build folder: look for the file from the repository root upwards.
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, path)))
            {
                directory = directory.Parent;
            }

            path = directory is null ? path : Path.Combine(directory.FullName, path);
        }

        return File.ReadLines(path).Skip(1).Select(line =>
        {
            var f = line.Split(',');
            double N(int i) => double.Parse(f[i], CultureInfo.InvariantCulture);
            return new StaffingCase(
                new IntervalTraffic(N(2), TimeSpan.FromMinutes(30), TimeSpan.FromSeconds(N(3))),
                new QueueModel.ErlangA(TimeSpan.FromSeconds(N(4))),
                new StaffingTarget.ServiceLevel(new ServiceLevelTarget(N(5) / 100, TimeSpan.FromSeconds(N(6)))));
        }).ToArray();
    }

    public static int ErlangC(StaffingCase[] cases)
    {
        var sum = 0;
        foreach (var c in cases)
        {
            sum += StaffingCalculator.RequiredAgents(QueueModel.ErlangC.Instance, c.Traffic, c.Target);
        }

        return sum;
    }

    public static int ErlangA(StaffingCase[] cases)
    {
        var sum = 0;
        foreach (var c in cases)
        {
            sum += StaffingCalculator.RequiredAgents(c.Abandonment, c.Traffic, c.Target);
        }

        return sum;
    }

    /// <summary>
    /// What a careful hand-written loop does: Erlang B by its stable recursion from n = 0, carried forward, and the
    /// service level tested at every stable n. The yardstick for <see cref="ErlangC(StaffingCase[])"/>; it must agree with it.
    /// </summary>
    public static int PlainLoop(StaffingCase[] cases)
    {
        var sum = 0;
        foreach (var c in cases)
        {
            var load = c.Traffic.OfferedLoad;
            var target = ((StaffingTarget.ServiceLevel)c.Target).Target;
            var threshold = target.Threshold.TotalSeconds / c.Traffic.AverageHandleTime.TotalSeconds;
            var b = 1.0;
            for (var n = 1; ; n++)
            {
                b = load * b / (n + (load * b));
                if (n > load)
                {
                    var waiting = n * b / (n - (load * (1 - b)));
                    if (1 - (waiting * Math.Exp(-(n - load) * threshold)) >= target.Fraction)
                    {
                        sum += n;
                        break;
                    }
                }
            }
        }

        return sum;
    }

    public static int TenThousandErlangs() => StaffingCalculator.RequiredAgents(QueueModel.ErlangC.Instance, TenThousand, EightyTwenty);

    public static Dictionary<string, object> Run(string path, int runs)
    {
        var cases = Load(path);

        // Warm up (tiered JIT, dynamic PGO), then time whole passes over the file.
        for (var i = 0; i < 5; i++)
        {
            PlainLoop(cases);
            ErlangC(cases);
            ErlangA(cases);
            TenThousandErlangs();
        }

        var erlangC = Median(runs, () => ErlangC(cases), cases.Length);
        var erlangA = Median(runs, () => ErlangA(cases), cases.Length);
        var plainLoop = Median(runs, () => PlainLoop(cases), cases.Length);
        var tenThousand = Median(runs, () =>
        {
            var sum = 0;
            for (var i = 0; i < 1000; i++)
            {
                sum += TenThousandErlangs();
            }

            return sum;
        }, 1000);
        return new Dictionary<string, object>
        {
            ["workload"] = path,
            ["rows"] = cases.Length,
            ["runs"] = runs,
            ["erlang_c_staffing_microseconds_per_row"] = Math.Round(erlangC, 4),
            ["plain_loop_erlang_c_microseconds_per_row"] = Math.Round(plainLoop, 4),
            ["erlang_c_speedup_over_plain_loop"] = Math.Round(plainLoop / erlangC, 2),
            ["erlang_a_staffing_microseconds_per_row"] = Math.Round(erlangA, 3),
            ["ten_thousand_erlangs_microseconds"] = Math.Round(tenThousand, 3),
            ["ten_thousand_erlangs_agents"] = TenThousandErlangs(),
            ["erlang_c_agent_intervals"] = ErlangC(cases),
            ["plain_loop_agent_intervals"] = PlainLoop(cases),
            ["erlang_a_agent_intervals"] = ErlangA(cases),
        };
    }

    private static double Median(int runs, Func<int> pass, int operations)
    {
        var perOperation = new double[runs];
        var keep = 0;
        for (var r = 0; r < runs; r++)
        {
            var clock = Stopwatch.StartNew();
            keep += pass();
            perOperation[r] = clock.Elapsed.TotalMicroseconds / operations;
        }

        GC.KeepAlive(keep);
        Array.Sort(perOperation);
        return perOperation[runs / 2];
    }
}
