namespace Switchboard.Server.Evidence;

/// <summary>
/// What Switchboard can show an auditor about ISO 18295 conformance over a period [<see cref="From"/>, <see cref="To"/>)
/// (local midnights of <see cref="TimeZone"/>): one <see cref="EvidenceArea"/> per area of the standards, each with the
/// records kept as evidence, the period's figures from them, links to the records, and what is not yet evidenced.
/// </summary>
/// <param name="Client">The client the pack is limited to; null for the whole centre.</param>
public sealed record EvidencePack(
    DateTimeOffset From, DateTimeOffset To, string TimeZone, string? Client, DateTimeOffset Generated, IReadOnlyList<EvidenceArea> Areas);

/// <summary>
/// One area of ISO 18295-1 or -2 (as docs/iso-18295.md names it): the requirement in short, how far the platform
/// evidences it, the figures, and the gaps stated plainly.
/// </summary>
/// <param name="Id">A stable name, such as <c>information</c> or <c>client-relationship</c>.</param>
/// <param name="Standard">ISO 18295-1 (the centre) or ISO 18295-2 (the client).</param>
/// <param name="Records">The kinds of record the platform keeps as evidence for the area.</param>
public sealed record EvidenceArea(
    string Id, string Title, string Standard, string Requirement, EvidenceState State,
    IReadOnlyList<string> Records, IReadOnlyList<EvidenceItem> Items, IReadOnlyList<string> Gaps);

/// <summary>One figure for the period: what it counts, its value (null when there was nothing to measure), the value as
/// a person reads it, and where the underlying records are (an API path with its query, or null).</summary>
public sealed record EvidenceItem(string What, double? Value, string Shown, string? Link);

/// <summary>How far the platform evidences an area today.</summary>
public enum EvidenceState
{
    /// <summary>The platform records what the area asks for.</summary>
    Evidenced,

    /// <summary>Some of it; the gaps say what is missing.</summary>
    Partial,

    /// <summary>Nothing yet; the gaps say which release adds it.</summary>
    NotYet,
}
