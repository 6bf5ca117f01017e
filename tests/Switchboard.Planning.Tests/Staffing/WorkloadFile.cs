using System.Globalization;
using Switchboard.Planning.Staffing;

namespace Switchboard.Tests.Staffing;

/// <summary>The committed benchmark workload (bench/workloads/plan-4800.csv): 50 queues × 96 half-hour intervals.</summary>
internal static class WorkloadFile
{
    public static IReadOnlyList<Row> Rows { get; } = Read();

    private static List<Row> Read()
    {
        var rows = new List<Row>();
        foreach (var line in File.ReadLines(Path.Combine(AppContext.BaseDirectory, "plan-4800.csv")).Skip(1))
        {
            var f = line.Split(',');
            rows.Add(new Row(
                new IntervalTraffic(double.Parse(f[2], CultureInfo.InvariantCulture), TimeSpan.FromMinutes(30), TimeSpan.FromSeconds(int.Parse(f[3], CultureInfo.InvariantCulture))),
                TimeSpan.FromSeconds(int.Parse(f[4], CultureInfo.InvariantCulture)),
                new ServiceLevelTarget(int.Parse(f[5], CultureInfo.InvariantCulture) / 100.0, TimeSpan.FromSeconds(int.Parse(f[6], CultureInfo.InvariantCulture)))));
        }

        return rows;
    }

    public sealed record Row(IntervalTraffic Traffic, TimeSpan Patience, ServiceLevelTarget Target);
}
