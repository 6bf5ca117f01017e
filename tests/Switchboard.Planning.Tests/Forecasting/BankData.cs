using System.Globalization;
using Switchboard.Planning.Forecasting;

namespace Switchboard.Tests.Forecasting;

/// <summary>The anonymous bank's August 1999 half-hourly VRU entries (Data/README.md), as a UTC series.</summary>
internal static class BankData
{
    /// <summary>Israel daylight time, in force all of August 1999.</summary>
    public static readonly TimeSpan UtcOffset = TimeSpan.FromHours(3);

    public static readonly TimeSpan HalfHour = TimeSpan.FromMinutes(30);

    public const int PerDay = 48;

    public static string Path => System.IO.Path.Combine(AppContext.BaseDirectory, "Forecasting", "Data", "anonymous-bank-1999-08-30min.csv");

    /// <summary>All 31 days; interval 0 starts at local midnight of 1 August (21:00 UTC on 31 July).</summary>
    public static IntervalSeries VruEntries()
    {
        var values = new List<double>();
        foreach (var line in File.ReadLines(Path).Skip(1))
        {
            var fields = line.Split(',');
            values.Add(double.Parse(fields[3], CultureInfo.InvariantCulture));
        }

        var start = new DateTimeOffset(1999, 8, 1, 0, 0, 0, UtcOffset).ToUniversalTime();
        return new IntervalSeries(start, HalfHour, values);
    }
}
