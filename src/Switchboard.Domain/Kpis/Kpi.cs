namespace Switchboard.Kpis;

/// <summary>What a KPI's value measures, and so how it reads.</summary>
public enum KpiUnit
{
    /// <summary>A share between 0 and 1 (shown as a percentage).</summary>
    Ratio = 1,

    /// <summary>A duration in seconds.</summary>
    Seconds = 2,

    /// <summary>A number of contacts (or contacts per agent).</summary>
    Count = 3,

    /// <summary>A score on the KPI's own scale (NPS from −100 to 100, effort from 1 to 5).</summary>
    Score = 4,
}

/// <summary>A KPI's stable name (kebab case, such as <c>service-level</c>), the key targets and reports refer to.</summary>
public readonly record struct KpiId
{
    public KpiId(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
    }

    public string Name { get; }

    public override string ToString() => Name;
}

/// <summary>One KPI of the catalogue: its name, what it means, how it reads and whether higher is better.</summary>
/// <param name="Id">The stable name.</param>
/// <param name="Title">A short human title.</param>
/// <param name="Unit">How the value reads.</param>
/// <param name="HigherIsBetter">True when a target is a floor (service level), false when it is a ceiling (abandonment), null
/// for volumes that have no better direction.</param>
/// <param name="Definition">One sentence saying how it is computed (docs/kpi-catalogue.md gives each formula in full).</param>
public sealed record Kpi(KpiId Id, string Title, KpiUnit Unit, bool? HigherIsBetter, string Definition)
{
    /// <summary>Whether a measured value meets a target for this KPI (a floor or a ceiling, by <see cref="HigherIsBetter"/>).</summary>
    public bool? Meets(double? value, double target) => value is not { } v || HigherIsBetter is not { } higher
        ? null
        : higher ? v >= target : v <= target;
}
