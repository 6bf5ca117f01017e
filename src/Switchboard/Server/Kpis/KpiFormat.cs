using System.Globalization;
using Switchboard.Kpis;

namespace Switchboard.Server.Kpis;

/// <summary>How the screens write a KPI's figure in its unit, and its target and whether it was met in words (never by
/// colour alone).</summary>
public static class KpiFormat
{
    /// <summary>What a figure with no value reads as (no contact to measure in the interval).</summary>
    public const string NoValue = "–";

    /// <summary>
    /// A ratio as a percentage with one decimal (0.853 → <c>85.3%</c>); seconds as <c>m:ss</c> (<c>h:mm:ss</c> from an hour
    /// on), rounded to the second; a count whole (with thousands separators) unless it has a fraction (contacts per agent).
    /// </summary>
    public static string Value(KpiUnit unit, double? value) => value is not { } v || double.IsNaN(v)
        ? NoValue
        : unit switch
        {
            KpiUnit.Ratio => (v * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%",
            KpiUnit.Seconds => Duration(TimeSpan.FromSeconds(Math.Round(v, MidpointRounding.AwayFromZero))),
            _ => v == Math.Floor(v) ? v.ToString("#,0", CultureInfo.InvariantCulture) : v.ToString("#,0.0", CultureInfo.InvariantCulture),
        };

    /// <summary>The figure of <paramref name="kpi"/> (by its catalogue name) in its unit; a name not in the catalogue reads as a plain number.</summary>
    public static string Value(string kpi, double? value) => Value(KpiCatalogue.Find(kpi)?.Unit ?? KpiUnit.Count, value);

    /// <summary>A target with its direction: <c>at least 80.0%</c> for a floor, <c>at most 0:30</c> for a ceiling.</summary>
    public static string Target(string kpi, double target)
    {
        var definition = KpiCatalogue.Find(kpi);
        var text = Value(definition?.Unit ?? KpiUnit.Count, target);
        return definition?.HigherIsBetter switch
        {
            true => "at least " + text,
            false => "at most " + text,
            null => text,
        };
    }

    /// <summary>Whether a target was met, in words; null (no target, or nothing measured) reads as empty.</summary>
    public static string Met(bool? met) => met switch
    {
        true => "met",
        false => "not met",
        null => "",
    };

    private static string Duration(TimeSpan span) => span >= TimeSpan.FromHours(1)
        ? ((int)span.TotalHours).ToString(CultureInfo.InvariantCulture) + span.ToString(@"\:mm\:ss", CultureInfo.InvariantCulture)
        : ((int)span.TotalMinutes).ToString(CultureInfo.InvariantCulture) + span.ToString(@"\:ss", CultureInfo.InvariantCulture);
}
