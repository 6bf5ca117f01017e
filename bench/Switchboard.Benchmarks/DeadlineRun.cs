using System.Diagnostics;
using System.Text.Json;
using Switchboard.ServiceLevels;

namespace Switchboard.Benchmarks;

/// <summary>
/// The <c>deadlines</c> quick mode (issue #7): every open clock of <see cref="DeadlineWorkload"/> evaluated at one
/// instant on one thread, as a breach monitor's sweep does. Two sweeps are timed: the first pass, where every warning
/// and breach reached is new (each one a new event object), and the steady state, once those were recorded.
/// </summary>
public static class DeadlineRun
{
    public static int Run(string[] args)
    {
        int Option(string name, int fallback) => QuickOptions.Number(args, name, fallback);

        var cases = Option("--cases", 1_000_000);
        var runs = Option("--runs", 7);
        var setup = Stopwatch.StartNew();
        var workload = new DeadlineWorkload(cases, Option("--seed", 18295));
        setup.Stop();

        var readings = new ClockReading[8];
        var newEvents = new List<ClockEvent>();
        var breached = 0;

        // One sweep: every clock read at the instant; the new events gathered for the host to store.
        (double Seconds, long Allocated) Sweep()
        {
            newEvents.Clear();
            breached = 0;
            var allocated = GC.GetAllocatedBytesForCurrentThread();
            var clock = Stopwatch.StartNew();
            foreach (var serviceClock in workload.Clocks)
            {
                var count = serviceClock.Evaluate(DeadlineWorkload.Now, readings, newEvents);
                for (var t = 0; t < count; t++)
                {
                    breached += readings[t].Breached ? 1 : 0;
                }
            }

            clock.Stop();
            return (clock.Elapsed.TotalSeconds, GC.GetAllocatedBytesForCurrentThread() - allocated);
        }

        (double Median, long Allocated) Median()
        {
            Sweep();
            var seconds = new List<double>();
            long allocated = 0;
            for (var run = 0; run < runs; run++)
            {
                GC.Collect();
                var (s, bytes) = Sweep();
                seconds.Add(s);
                allocated = bytes;
            }

            seconds.Sort();
            return (seconds[runs / 2], allocated);
        }

        var first = Median();
        var firstEvents = newEvents.Count;
        var targetsBreached = breached;
        Record(workload.Clocks);

        var steady = Median();
        var summary = new Dictionary<string, object>
        {
            ["cases"] = cases,
            ["runs"] = runs,
            ["targets_breached"] = targetsBreached,
            ["first_pass_new_events"] = firstEvents,
            ["first_pass_median_seconds"] = Math.Round(first.Median, 4),
            ["first_pass_ns_per_case"] = Math.Round(first.Median * 1e9 / cases, 1),
            ["first_pass_allocated_bytes_per_case"] = Math.Round((double)first.Allocated / cases, 1),
            ["steady_new_events"] = newEvents.Count,
            ["steady_median_seconds"] = Math.Round(steady.Median, 4),
            ["steady_ns_per_case"] = Math.Round(steady.Median * 1e9 / cases, 1),
            ["steady_allocated_bytes_per_case"] = Math.Round((double)steady.Allocated / cases, 1),
            ["setup_seconds"] = Math.Round(setup.Elapsed.TotalSeconds, 2),
        };
        Console.WriteLine(args.Contains("--json") ? JsonSerializer.Serialize(summary) : string.Join(Environment.NewLine, summary.Select(p => $"{p.Key,-38} {p.Value}")));
        return 0;
    }

    // The host's part after a sweep: each clock's new warnings and breaches stored and applied to it.
    static void Record(ServiceClock[] clocks)
    {
        var readings = new ClockReading[8];
        var mine = new List<ClockEvent>();
        foreach (var clock in clocks)
        {
            mine.Clear();
            clock.Evaluate(DeadlineWorkload.Now, readings, mine);
            mine.ForEach(clock.Apply);
        }
    }
}
