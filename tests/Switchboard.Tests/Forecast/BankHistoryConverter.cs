using System.Globalization;
using System.Text;

namespace Switchboard.Tests.Forecast;

/// <summary>
/// Turns the anonymous bank's CSV (<c>date,weekday,slot,vru_entries,queue_arrivals</c>, half-hour slots from local
/// midnight, Israel daylight time UTC+03:00 in August 1999) into the forecast command's history format. The same
/// recipe as a shell one-liner is in docs/forecasting.md.
/// </summary>
internal static class BankHistoryConverter
{
    public static readonly TimeSpan IsraelDaylightTime = TimeSpan.FromHours(3);

    public static string BankPath => Path.Combine(AppContext.BaseDirectory, "Forecast", "Data", "anonymous-bank-1999-08-30min.csv");

    /// <summary>The history CSV of queue <paramref name="queue"/> for the bank's days up to and including <paramref name="lastDay"/>.</summary>
    public static string Convert(string bankCsv, string queue, DateOnly lastDay)
    {
        var history = new StringBuilder("queue,interval_start,calls\n");
        foreach (var line in bankCsv.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Skip(1))
        {
            var fields = line.Split(',');
            var date = DateOnly.ParseExact(fields[0], "yyyy-MM-dd", CultureInfo.InvariantCulture);
            if (date > lastDay)
            {
                continue;
            }

            var slot = int.Parse(fields[2], CultureInfo.InvariantCulture);
            var local = new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), IsraelDaylightTime).AddMinutes(30 * slot);
            history.Append(CultureInfo.InvariantCulture, $"{queue},{local.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'},{fields[3]}\n");
        }

        return history.ToString();
    }
}
