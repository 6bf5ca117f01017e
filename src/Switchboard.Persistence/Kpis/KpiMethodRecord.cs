namespace Switchboard.Persistence.Kpis;

/// <summary>
/// One version of a KPI's method as agreed (never changed once stored: a revision is the next version). Version 1 of
/// every KPI is the catalogue's default and needs no row.
/// </summary>
public sealed class KpiMethodRecord
{
    public long Id { get; set; }

    /// <summary>The KPI's catalogue name, such as <c>service-level</c>.</summary>
    public required string Kpi { get; set; }

    /// <summary>2 and up, per KPI.</summary>
    public int Version { get; set; }

    /// <summary>The method's parameters as JSON (the API's own shape).</summary>
    public required string Parameters { get; set; }

    /// <summary>Why the method changed (who agreed it, with which client).</summary>
    public string? Note { get; set; }

    public DateTimeOffset Created { get; set; }

    /// <summary>The user who recorded it.</summary>
    public string? CreatedBy { get; set; }
}
