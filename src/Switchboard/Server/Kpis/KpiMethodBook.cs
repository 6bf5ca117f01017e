using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Switchboard.Kpis;
using Switchboard.Persistence;

namespace Switchboard.Server.Kpis;

/// <summary>
/// Every KPI's method versions: version 1 is the catalogue's default (no row), later ones are rows of
/// <c>kpi_methods</c>. Read per request: methods change rarely, and a report must use what is stored now.
/// </summary>
internal sealed class KpiMethodBook
{
    /// <summary>How parameters are stored and shown: the API's own JSON shape.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    private readonly Dictionary<KpiId, List<StoredMethod>> versions;

    private KpiMethodBook(Dictionary<KpiId, List<StoredMethod>> versions) => this.versions = versions;

    /// <summary>One version with when and why it was agreed (null for the catalogue's version 1).</summary>
    public sealed record StoredMethod(KpiMethod Method, string? Note, DateTimeOffset? Created, string? CreatedBy);

    public static async Task<KpiMethodBook> LoadAsync(SwitchboardDb db, CancellationToken cancellationToken)
    {
        var versions = KpiCatalogue.All.ToDictionary(
            k => k.Id,
            k => new List<StoredMethod> { new(new KpiMethod(k.Id, 1, new KpiParameters()), null, null, null) });
        var rows = await db.KpiMethods.AsNoTracking().OrderBy(m => m.Kpi).ThenBy(m => m.Version).ToListAsync(cancellationToken);
        foreach (var row in rows)
        {
            // A row for a KPI the catalogue no longer has is kept, not shown.
            if (KpiCatalogue.Find(row.Kpi) is { } kpi)
            {
                versions[kpi.Id].Add(new StoredMethod(new KpiMethod(kpi.Id, row.Version, Parse(row.Parameters)), row.Note, row.Created, row.CreatedBy));
            }
        }

        return new KpiMethodBook(versions);
    }

    public static KpiParameters Parse(string json) =>
        JsonSerializer.Deserialize<KpiParameters>(json, Json) ?? throw new InvalidOperationException("A stored KPI method has no parameters.");

    public static string Write(KpiParameters parameters) => JsonSerializer.Serialize(parameters, Json);

    /// <summary>A KPI's versions, oldest first.</summary>
    public IReadOnlyList<StoredMethod> VersionsOf(KpiId kpi) => versions[kpi];

    /// <summary>One version of a KPI's method, or null when it has no such version.</summary>
    public KpiMethod? Find(KpiId kpi, int version) =>
        versions.TryGetValue(kpi, out var list) ? list.FirstOrDefault(m => m.Method.Version == version)?.Method : null;

    /// <summary>The latest version of every KPI.</summary>
    public KpiMethodSet Latest()
    {
        var set = KpiMethodSet.Defaults;
        foreach (var list in versions.Values)
        {
            if (list.Count > 1)
            {
                set = set.With(list[^1].Method);
            }
        }

        return set;
    }

    /// <summary>
    /// The latest versions, with the ones named in <paramref name="choice"/> instead (<c>service-level@2,offered@1</c>), or
    /// the refusal saying which part is wrong.
    /// </summary>
    public (KpiMethodSet? Methods, string? Error) Choose(string? choice, KpiMethodSet? start = null)
    {
        var set = start ?? Latest();
        if (string.IsNullOrWhiteSpace(choice))
        {
            return (set, null);
        }

        foreach (var part in choice.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var at = part.LastIndexOf('@');
            if (at <= 0 || !int.TryParse(part[(at + 1)..], System.Globalization.CultureInfo.InvariantCulture, out var version))
            {
                return (null, $"'{part}' is not KPI@VERSION, such as service-level@2.");
            }

            if (KpiCatalogue.Find(part[..at]) is not { } kpi)
            {
                return (null, $"'{part[..at]}' is not a KPI of the catalogue.");
            }

            if (versions[kpi.Id].FirstOrDefault(m => m.Method.Version == version) is not { } stored)
            {
                return (null, $"{kpi.Id} has no version {version}.");
            }

            set = set.With(stored.Method);
        }

        return (set, null);
    }
}
