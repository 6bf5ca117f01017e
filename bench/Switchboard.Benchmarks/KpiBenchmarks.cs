using BenchmarkDotNet.Attributes;
using Switchboard.Kpis;
using Switchboard.Routing;

namespace Switchboard.Benchmarks;

/// <summary>One simulated day of the KPI workload (100 queues, about 340,000 routing events) through a report builder.</summary>
[MemoryDiagnoser]
public class KpiBenchmarks
{
    private RoutingEvent[] events = [];

    [GlobalSetup]
    public void Setup()
    {
        var day = new List<RoutingEvent>();
        long contacts = 0, sequences = 0;
        KpiWorkload.SimulateDay(100, 0, day, ref contacts, ref sequences);
        events = [.. day];
    }

    /// <summary>The day's 15-minute report by queue in Paris time: every event applied, then the rows built.</summary>
    [Benchmark]
    public int ReportDay()
    {
        var builder = new KpiReportBuilder(KpiWorkload.Request(days: 1));
        foreach (ref readonly var e in events.AsSpan())
        {
            builder.Apply(e);
        }

        return builder.Build().Rows.Count;
    }
}
