using System.Globalization;
using System.Text;

namespace Switchboard.Benchmarks;

/// <summary>
/// The staffing benchmark's workload: 50 queues over 96 half-hour intervals (two days) in the <c>plan</c> CSV format.
/// Each queue has a peak volume drawn log-uniformly from 40 to 2,000 calls per 30 minutes and a day shaped by a morning
/// and an afternoon peak with quiet nights (volumes from 5 up), an AHT of 120–600 s (±10% by interval), an average
/// patience of 60–300 s, and a target of 80/20 (60% of queues) or 90/30. One seed gives one file.
/// </summary>
internal static class StaffingWorkload
{
    public const string Header = "queue,interval_start,calls,aht_seconds,patience_seconds,target_percent,target_seconds";

    public static string Generate(int seed = 18295, int queues = 50, int intervals = 96)
    {
        var random = new Random(seed);
        var start = new DateTimeOffset(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);
        var csv = new StringBuilder().AppendLine(Header);
        for (var q = 0; q < queues; q++)
        {
            var peak = 40 * Math.Pow(50, random.NextDouble());
            var aht = 120 + (480 * random.NextDouble());
            var patience = 60 + (240 * random.NextDouble());
            var (percent, seconds) = random.NextDouble() < 0.6 ? (80, 20) : (90, 30);
            var morning = 10 + random.NextDouble();
            var afternoon = 14.5 + (1.5 * random.NextDouble());
            for (var i = 0; i < intervals; i++)
            {
                var at = start.AddMinutes(30 * i);
                var hour = at.Hour + (at.Minute / 60.0) + 0.25;
                var shape = 0.04 + (0.96 * Math.Max(Bump(hour, morning, 2.0), 0.85 * Bump(hour, afternoon, 2.5)));
                var calls = Math.Max(5, (int)Math.Round(peak * shape * (0.9 + (0.2 * random.NextDouble()))));
                var rowAht = (int)Math.Round(aht * (0.9 + (0.2 * random.NextDouble())));
                csv.Append(CultureInfo.InvariantCulture, $"q{q + 1:00},{at:yyyy-MM-ddTHH:mm:ssZ},{calls},{rowAht},{(int)Math.Round(patience)},{percent},{seconds}").Append('\n');
            }
        }

        return csv.ToString().ReplaceLineEndings("\n");
    }

    private static double Bump(double hour, double centre, double width) => Math.Exp(-0.5 * Math.Pow((hour - centre) / width, 2));
}
