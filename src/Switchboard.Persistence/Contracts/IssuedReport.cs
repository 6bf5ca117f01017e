namespace Switchboard.Persistence.Contracts;

/// <summary>
/// A client report as it was issued on the contract's reporting schedule: the document the client received, kept as
/// issued (JSON, HTML and PDF) so what was reported can be shown later even after a KPI method or the log's reading of
/// it changed. One per client and period; never updated.
/// </summary>
public sealed class IssuedReport
{
    public long Id { get; set; }

    public required string Client { get; set; }

    /// <summary>The period's label: <c>2026-W45</c>, <c>2026-11</c> or <c>2026-Q4</c>.</summary>
    public required string Period { get; set; }

    /// <summary>The period's first instant (local midnight in the client's zone).</summary>
    public DateTimeOffset From { get; set; }

    /// <summary>The instant the period ends before.</summary>
    public DateTimeOffset To { get; set; }

    public DateTimeOffset Issued { get; set; }

    /// <summary>The report in the API's JSON shape.</summary>
    public required string Json { get; set; }

    public required string Html { get; set; }

    public required byte[] Pdf { get; set; }
}
