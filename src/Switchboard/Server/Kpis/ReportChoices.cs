using System.Globalization;
using Switchboard.Kpis;

namespace Switchboard.Server.Kpis;

/// <summary>A period the reports screen picks in one click, counted in the report's time zone.</summary>
public enum QuickPeriod
{
    Today = 1,
    Yesterday = 2,
    LastSevenDays = 3,
    ThisMonth = 4,
    LastMonth = 5,
}

/// <summary>
/// What the reports screen asks for: the client (blank: all, for staff; a client viewer's own always), the local dates
/// <see cref="First"/> to <see cref="Last"/> (both included), the interval and breakdown as the API names them, the time
/// zone (blank: the client's contract zone, else UTC) and the KPI charted over the intervals.
/// </summary>
public sealed class ReportChoices
{
    /// <summary>The main KPIs, in the order the summary shows them.</summary>
    public static IReadOnlyList<KpiId> Main { get; } =
    [
        KpiCatalogue.Offered, KpiCatalogue.Answered, KpiCatalogue.Abandoned, KpiCatalogue.ServiceLevel, KpiCatalogue.AverageSpeedOfAnswer,
        KpiCatalogue.AbandonmentRate, KpiCatalogue.AverageHandleTime, KpiCatalogue.WaitP90, KpiCatalogue.ExpectedWaitWithinRange,
    ];

    public string Client { get; set; } = "";

    public DateOnly First { get; set; }

    public DateOnly Last { get; set; }

    /// <summary>15m, 30m, hour, day or month.</summary>
    public string Interval { get; set; } = "day";

    /// <summary>none, queue, client, channel, language or agent (agent: the centre's staff only).</summary>
    public string By { get; set; } = "none";

    public string TimeZone { get; set; } = "";

    /// <summary>The KPI the chart shows, by its catalogue name.</summary>
    public string Charted { get; set; } = KpiCatalogue.ServiceLevel.Name;

    /// <summary>Sets <see cref="First"/> and <see cref="Last"/> to <paramref name="period"/> around <paramref name="today"/>.</summary>
    public void Pick(QuickPeriod period, DateOnly today)
    {
        var month = new DateOnly(today.Year, today.Month, 1);
        (First, Last) = period switch
        {
            QuickPeriod.Today => (today, today),
            QuickPeriod.Yesterday => (today.AddDays(-1), today.AddDays(-1)),
            QuickPeriod.LastSevenDays => (today.AddDays(-6), today),
            QuickPeriod.ThisMonth => (month, today),
            QuickPeriod.LastMonth => (month.AddMonths(-1), month.AddDays(-1)),
            _ => throw new ArgumentOutOfRangeException(nameof(period), period, "Not a quick period."),
        };
    }

    /// <summary>The API's query for these choices (its <c>to</c> is the day after <see cref="Last"/>).</summary>
    public KpiReportQuery ToQuery() => new(
        Text(First), Text(Last.AddDays(1)), Interval, By, Blank(Client), Blank(TimeZone));

    /// <summary>The API's address for the same report as CSV, which the browser's sign-in cookie authorises.</summary>
    public static string CsvLink(KpiReportQuery query)
    {
        var parts = new List<string> { "from=" + query.From, "to=" + query.To };
        Add(parts, "interval", query.Interval);
        Add(parts, "by", query.By);
        Add(parts, "client", query.Client);
        Add(parts, "timeZone", query.TimeZone);
        parts.Add("format=csv");
        return "/api/reports/kpis?" + string.Join('&', parts);
    }

    private static void Add(List<string> parts, string name, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            parts.Add(name + "=" + Uri.EscapeDataString(value.Trim()));
        }
    }

    private static string Text(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string? Blank(string text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
