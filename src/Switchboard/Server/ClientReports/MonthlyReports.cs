using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Switchboard.Contracts;
using Switchboard.Kpis;
using Switchboard.Persistence;
using Switchboard.Server.Contracts;
using Switchboard.Server.Kpis;

namespace Switchboard.Server.ClientReports;

/// <summary>
/// Builds a client's monthly report from the same KPI reports the API serves (<see cref="KpiReports"/>), in the
/// contract's time zone and measured the agreed way, for the API, the screens and <c>switchboard report client</c>.
/// </summary>
internal static class MonthlyReports
{
    // The KPIs every monthly report shows besides the contracted ones, in this order.
    private static readonly KpiId[] Always =
    [
        KpiCatalogue.Offered, KpiCatalogue.Answered, KpiCatalogue.Abandoned, KpiCatalogue.ServiceLevel, KpiCatalogue.AverageSpeedOfAnswer,
        KpiCatalogue.WaitP90, KpiCatalogue.AbandonmentRate, KpiCatalogue.TimeToHuman, KpiCatalogue.AverageHandleTime,
        KpiCatalogue.ExpectedWaitWithinRange, KpiCatalogue.CallbackPromisesKept, KpiCatalogue.SurveyResponseRate,
        KpiCatalogue.CustomerSatisfaction, KpiCatalogue.ResolvedBySurvey, KpiCatalogue.FirstContactResolution, KpiCatalogue.NetPromoterScore,
        KpiCatalogue.CustomerEffort, KpiCatalogue.ComplaintsReceived, KpiCatalogue.ComplaintsPerThousandContacts,
        KpiCatalogue.ComplaintsAcknowledgedOnTime, KpiCatalogue.ComplaintsRespondedOnTime, KpiCatalogue.ComplaintTimeToFinalResponse,
        KpiCatalogue.ComplaintsEscalated, KpiCatalogue.ComplaintsReopened, KpiCatalogue.ComplaintHandlingSatisfaction,
    ];

    /// <summary>The report for <paramref name="period"/> (a month yyyy-MM, a week yyyy-Www or a quarter yyyy-Qn) as
    /// <paramref name="user"/> may see it, or the refusal the API answers.</summary>
    public static Task<(MonthlyReport? Report, IResult? Refusal)> BuildAsync(
        ClaimsPrincipal user, SwitchboardDb db, TimeProvider time, string client, string? period, CancellationToken cancellationToken) =>
        ReportingPeriod.TryParse(period, out var chosen)
            ? BuildAsync(user, db, time, client, chosen, cancellationToken)
            : Task.FromResult<(MonthlyReport?, IResult?)>((null, Problems.Field("month", "A month, such as 2026-11 (or a week, 2026-W45, or a quarter, 2026-Q4).")));

    /// <summary>The report for one period of the client's local dates.</summary>
    public static async Task<(MonthlyReport? Report, IResult? Refusal)> BuildAsync(
        ClaimsPrincipal user, SwitchboardDb db, TimeProvider time, string client, ReportingPeriod period, CancellationToken cancellationToken)
    {
        var (first, next) = (period.First, period.End);
        // The scope filter hides another client from a client viewer: to them it does not exist.
        if (await db.Clients.AsNoTracking().SingleOrDefaultAsync(c => c.Id == client, cancellationToken) is not { } record)
        {
            return (null, Problems.NotFound($"No client '{client}'."));
        }

        var contract = await ContractsApi.ContractAsync(db, client, cancellationToken);
        var zone = contract?.TimeZone ?? TimeZoneInfo.Utc;
        var query = new KpiReportQuery(Day(first), Day(next), "day", null, client, zone.Id, null, null);
        var outcome = await KpiReports.ComputeAsync(user, db, time, query, cancellationToken);
        if (outcome.Refusal is { } refusal)
        {
            return (null, refusal);
        }

        var view = outcome.View!;
        var summary = view.Summary.SingleOrDefault()?.Figures;
        var methods = view.Methods.ToDictionary(m => m.Kpi, StringComparer.Ordinal);
        var targeted = contract?.Targets.Select(t => t.Kpi).Distinct().ToList() ?? [];
        var shown = targeted.Concat(Always.Where(k => !targeted.Contains(k))).ToList();
        var figures = new List<MonthlyFigure>(shown.Count);
        var exceptions = new List<string>();
        foreach (var kpi in shown)
        {
            var entry = KpiCatalogue.Find(kpi)!;
            var figure = summary?.GetValueOrDefault(kpi.Name);
            var method = methods[kpi.Name];
            figures.Add(new MonthlyFigure(kpi.Name, entry.Title, entry.Unit, figure?.Value, $"{kpi.Name}@{method.Version}", KpiMethodBook.Write(method.Parameters), figure?.Target, figure?.Met));
            if (figure?.Provisional == true)
            {
                exceptions.Add(kpi == KpiCatalogue.FirstContactResolution
                    ? $"{entry.Title} is provisional: a contact near the period's end may still be followed by a repeat within the method's window."
                    : $"{entry.Title} is provisional: some complaints received in the period are still within their targets.");
            }

            if (contract?.TargetOn(kpi, first) is { } target && (figure?.Target is null || figure.Met != true))
            {
                exceptions.Add(Exception(entry, figure, target, method.Version, view.Rows));
            }
        }

        foreach (var change in contract?.Targets.Where(t => t.EffectiveFrom > first && t.EffectiveFrom < next) ?? [])
        {
            exceptions.Add($"The {KpiCatalogue.Find(change.Kpi)?.Title ?? change.Kpi.Name} target changed on {change.EffectiveFrom:yyyy-MM-dd} to {MonthlyFigure.Format(change.Target, KpiCatalogue.Find(change.Kpi)?.Unit ?? KpiUnit.Count)} (method version {change.MethodVersion}); the period is judged against the target in force on its first day, each day against its own.");
        }

        // Every day of the period has a point, a quiet one too (nothing offered, no service level).
        var rows = view.Rows.ToDictionary(r => DateOnly.FromDateTime(r.Start.DateTime));
        var levelVersion = methods[KpiCatalogue.ServiceLevel.Name].Version;
        var days = new List<DailyPoint>();
        for (var day = first; day < next; day = day.AddDays(1))
        {
            days.Add(rows.TryGetValue(day, out var r)
                ? new DailyPoint(day, r.Figures[KpiCatalogue.Offered.Name].Value ?? 0, r.Figures[KpiCatalogue.Answered.Name].Value ?? 0, r.Figures[KpiCatalogue.ServiceLevel.Name].Value, r.Figures[KpiCatalogue.ServiceLevel.Name].Target)
                : new DailyPoint(day, 0, 0, null, contract?.TargetOn(KpiCatalogue.ServiceLevel, day) is { } t && t.MethodVersion == levelVersion ? t.Target : null));
        }

        var supplied = await db.ClientInformation.AsNoTracking()
            .Where(i => i.Client == client && i.Supplied >= view.From && i.Supplied < view.To)
            .OrderBy(i => i.Id)
            .ToListAsync(cancellationToken);
        var obligations = supplied
            .Select(i => (Row: i, View: ContractsApi.View(i, contract)))
            .Select(i => new MonthlyObligation(i.Row.Kind, i.View.Supplied, i.View.EffectiveAt, i.View.Summary, i.View.OnTime))
            .ToList();
        foreach (var late in obligations.Where(o => o.OnTime == false))
        {
            exceptions.Add($"The client's {late.Kind} \"{late.Summary}\" came later than the contract's lead time (received {late.Supplied.UtcDateTime:yyyy-MM-dd}, effective {late.EffectiveAt.UtcDateTime:yyyy-MM-dd}).");
        }

        return (new MonthlyReport(
            client, record.Name, period.Label, period.Cadence.ToString().ToLowerInvariant(), zone.Id, view.From, view.To, time.GetUtcNow(),
            figures, exceptions, days, obligations,
            ComplaintSummary(summary)), null);
    }

    private static string Exception(Kpi entry, KpiFigureView? figure, Switchboard.Contracts.KpiTarget target, int version, IReadOnlyList<KpiRowView> days)
    {
        var agreed = MonthlyFigure.Format(target.Target, entry.Unit);
        if (figure?.Value is null)
        {
            return $"{entry.Title}: nothing to measure in this period against the target of {agreed}.";
        }

        if (figure.Target is null)
        {
            return $"{entry.Title}: the target of {agreed} is measured with method version {target.MethodVersion}, but this report used version {version}; it is not judged.";
        }

        var missed = days.Where(d => d.Figures.GetValueOrDefault(entry.Id.Name)?.Met == false).ToList();
        var worst = entry.HigherIsBetter == false
            ? missed.MaxBy(d => d.Figures[entry.Id.Name].Value)
            : missed.MinBy(d => d.Figures[entry.Id.Name].Value);
        var detail = worst is null
            ? ""
            : $"; below target on {missed.Count} of {days.Count(d => d.Figures.GetValueOrDefault(entry.Id.Name)?.Value is not null)} days with figures, the worst {MonthlyFigure.Format(worst.Figures[entry.Id.Name].Value, entry.Unit)} on {worst.Start:yyyy-MM-dd}";
        return $"{entry.Title} was {MonthlyFigure.Format(figure.Value, entry.Unit)} against a target of {agreed} (method {entry.Id}@{version}){detail}.";
    }

    // The complaint KPIs (with their targets) are in the figures above; this says in words what they add up to.
    private static string ComplaintSummary(IReadOnlyDictionary<string, KpiFigureView>? figures)
    {
        string Of(KpiId kpi) => KpiFormat.Value(kpi.Name, figures?.GetValueOrDefault(kpi.Name)?.Value);
        var received = figures?.GetValueOrDefault(KpiCatalogue.ComplaintsReceived.Name)?.Value ?? 0;
        return received == 0
            ? "No complaint was received in this period."
            : $"{Of(KpiCatalogue.ComplaintsReceived)} complaints received ({Of(KpiCatalogue.ComplaintsPerThousandContacts)} per 1,000 handled contacts); "
              + $"acknowledged on time {Of(KpiCatalogue.ComplaintsAcknowledgedOnTime)}, final responses on time {Of(KpiCatalogue.ComplaintsRespondedOnTime)}, "
              + $"mean time to final response {Of(KpiCatalogue.ComplaintTimeToFinalResponse)} of business hours; escalated {Of(KpiCatalogue.ComplaintsEscalated)}, "
              + $"reopened {Of(KpiCatalogue.ComplaintsReopened)}; satisfaction with complaint handling {Of(KpiCatalogue.ComplaintHandlingSatisfaction)}. "
              + "Each complaint counts in the period it was received.";
    }

    private static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
