using Switchboard.Kpis;

namespace Switchboard.Server.ClientReports;

/// <summary>
/// The report to a client for one reporting period, a month unless the contract says weekly or quarterly (ISO 18295-2:
/// the client checks the centre's performance): every contracted KPI
/// against its target with the method noted, the exceptions explained, daily trends, survey results, the complaint
/// summary and the client's own obligations, met or missed. Built from the routing log by the KPI catalogue.
/// </summary>
public sealed record MonthlyReport(
    string Client,
    string ClientName,
    string Period,
    string Cadence,
    string TimeZone,
    DateTimeOffset From,
    DateTimeOffset To,
    DateTimeOffset Generated,
    IReadOnlyList<MonthlyFigure> Figures,
    IReadOnlyList<string> Exceptions,
    IReadOnlyList<DailyPoint> Days,
    IReadOnlyList<MonthlyObligation> Obligations,
    string Complaints)
{
    /// <summary>The report's title, such as "ACME: monthly report 2026-11".</summary>
    public string Heading => $"{ClientName}: {Cadence} report {Period}";
}

/// <summary>One KPI for the period: its value, the method it was measured with, and the agreed target when there is one.</summary>
public sealed record MonthlyFigure(string Kpi, string Title, KpiUnit Unit, double? Value, string Method, string MethodParameters, double? Target, bool? Met)
{
    /// <summary>The value as a person reads it: a percentage, seconds, a count or a score.</summary>
    public string Shown => Format(Value, Unit);

    /// <summary>The target as a person reads it, with "at least" or "at most".</summary>
    public string TargetShown(bool? higherIsBetter) => Target is null ? "no target agreed" : (higherIsBetter == false ? "at most " : "at least ") + Format(Target, Unit);

    public static string Format(double? value, KpiUnit unit) => value is not { } v
        ? "none"
        : unit switch
        {
            KpiUnit.Ratio => (v * 100).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + "%",
            KpiUnit.Seconds => v.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + " s",
            KpiUnit.Score => v.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture),
            _ => v.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture),
        };
}

/// <summary>One day of the period's trend: offered, answered and the service level with its target that day.</summary>
public sealed record DailyPoint(DateOnly Day, double Offered, double Answered, double? ServiceLevel, double? ServiceLevelTarget);

/// <summary>Information the client supplied in the period, and whether it came as early as the contract asks.</summary>
public sealed record MonthlyObligation(string Kind, DateTimeOffset Supplied, DateTimeOffset EffectiveAt, string Summary, bool? OnTime);
