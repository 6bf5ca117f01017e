using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Switchboard.Kpis;
using Switchboard.Routing;

namespace Switchboard.Benchmarks;

/// <summary>The <c>kpis</c> quick mode: a simulated month's routing log through one <see cref="KpiReportBuilder"/> (issue #6).</summary>
public static class KpiRun
{
    // Days are simulated one at a time and their events kept in one reused list, so at most a day of events is in
    // memory. Only the KPI work is timed (each day's Apply loop, then Build), on the Stopwatch (wall time of this one
    // thread) and as process CPU time (which also counts the runtime's own threads: JIT tiering, the GC).
    public static int Run(string[] args)
    {
        int Option(string name, int fallback) => QuickOptions.Number(args, name, fallback);

        var queues = Option("--queues", 100);
        var days = Option("--days", 30);
        var process = Process.GetCurrentProcess();
        var events = new List<RoutingEvent>();
        long contactOffset = 0, sequenceOffset = 0, contacts = 0, eventCount = 0;
        var simulation = TimeSpan.Zero;
        var kpiWall = TimeSpan.Zero;
        var kpiCpu = TimeSpan.Zero;
        var kpiPauses = TimeSpan.Zero;
        var peakBuilderBytes = 0L;

        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        var by = Array.IndexOf(args, "--by") is var at and >= 0 && at + 1 < args.Length ? Enum.Parse<KpiBreakdown>(args[at + 1], ignoreCase: true) : KpiBreakdown.Queue;
        var builder = new KpiReportBuilder(KpiWorkload.Request(days, by));
        for (var day = 0; day < days; day++)
        {
            var simulating = Stopwatch.StartNew();
            contacts += KpiWorkload.SimulateDay(queues, day, events, ref contactOffset, ref sequenceOffset);
            simulation += simulating.Elapsed;
            eventCount += events.Count;

            process.Refresh();
            var cpu = process.TotalProcessorTime;
            var paused = GC.GetTotalPauseDuration();
            var applying = Stopwatch.StartNew();
            foreach (ref readonly var e in CollectionsMarshal.AsSpan(events))
            {
                builder.Apply(e);
            }

            kpiWall += applying.Elapsed;
            kpiPauses += GC.GetTotalPauseDuration() - paused;
            process.Refresh();
            kpiCpu += process.TotalProcessorTime - cpu;

            // What the builder holds: everything reachable less the start and the (cleared) day buffer's array.
            events.Clear();
            var held = GC.GetTotalMemory(forceFullCollection: true) - baseline - ((long)events.Capacity * Unsafe.SizeOf<RoutingEvent>());
            peakBuilderBytes = Math.Max(peakBuilderBytes, held);
        }

        process.Refresh();
        var buildCpu = process.TotalProcessorTime;
        var buildPaused = GC.GetTotalPauseDuration();
        var building = Stopwatch.StartNew();
        var report = builder.Build();
        var buildWall = building.Elapsed;
        kpiPauses += GC.GetTotalPauseDuration() - buildPaused;
        process.Refresh();
        kpiCpu += process.TotalProcessorTime - buildCpu;
        kpiWall += buildWall;

        var summary = new Dictionary<string, object>
        {
            ["queues"] = queues,
            ["days"] = days,
            ["events"] = eventCount,
            ["contacts"] = contacts,
            ["rows"] = report.Rows.Count,
            ["kpi_seconds"] = Math.Round(kpiWall.TotalSeconds, 3),
            ["kpi_cpu_seconds"] = Math.Round(kpiCpu.TotalSeconds, 3),
            ["build_seconds"] = Math.Round(buildWall.TotalSeconds, 3),
            ["kpi_gc_pause_seconds"] = Math.Round(kpiPauses.TotalSeconds, 3),
            ["events_per_second"] = Math.Round(eventCount / kpiWall.TotalSeconds),
            ["builder_peak_megabytes"] = Math.Round(peakBuilderBytes / 1048576.0, 1),
            ["simulation_seconds"] = Math.Round(simulation.TotalSeconds, 2),
            ["peak_working_set_megabytes"] = Math.Round(process.PeakWorkingSet64 / 1048576.0, 1),
        };

        // A digest of the whole report as CSV: equal digests before and after a change to the core mean equal figures.
        if (args.Contains("--digest"))
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            foreach (var line in KpiReportCsv.Lines(report))
            {
                hash.AppendData(Encoding.UTF8.GetBytes(line + "\n"));
            }

            summary["report_sha256"] = Convert.ToHexStringLower(hash.GetHashAndReset());
        }

        Console.WriteLine(args.Contains("--json") ? JsonSerializer.Serialize(summary) : string.Join(Environment.NewLine, summary.Select(p => $"{p.Key,-28} {p.Value}")));
        return 0;
    }
}
