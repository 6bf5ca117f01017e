using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Switchboard.Kpis;
using Switchboard.Persistence;
using Switchboard.Server.Security;

namespace Switchboard.Server.Kpis;

/// <summary>
/// KPI reports computed from the routing log (<c>GET /api/reports/kpis</c>), as JSON or CSV: rows per interval of the
/// client's local time and per queue, client, channel, language or agent, a summary per key for the whole period, and
/// the method of every figure. Nothing is pre-aggregated: the figures are recomputed from the stored events, so a new
/// method version applies to history at once.
/// </summary>
internal static class KpiReportsApi
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGroup("/reports").WithTags("Reports")
            .MapGet("/kpis", Report).RequireAuthorization(Policies.Reports);
    }

    /// <summary>
    /// The report for local dates <paramref name="from"/> (inclusive) to <paramref name="to"/> (exclusive) in
    /// <paramref name="timeZone"/> (IANA, default the client's contract zone, else UTC); <paramref name="interval"/> 15m,
    /// 30m, hour, day (default) or month; <paramref name="by"/> none (default), queue, client, channel, language or agent
    /// (staff only); <paramref name="methods"/> such as <c>service-level@2</c> (default: each KPI's latest version);
    /// <paramref name="format"/> json (default) or csv.
    /// </summary>
    public static async Task<Results<Ok<KpiReportView>, ContentHttpResult, ValidationProblem, ProblemHttpResult>> Report(
        ClaimsPrincipal user, SwitchboardDb db, TimeProvider time,
        string? from, string? to, string? interval, string? by, string? client, string? timeZone, string? methods, string? format,
        CancellationToken cancellationToken)
    {
        var outcome = await KpiReports.ComputeAsync(user, db, time, new KpiReportQuery(from, to, interval, by, client, timeZone, methods, format), cancellationToken);
        switch (outcome)
        {
            case { Refusal: ValidationProblem invalid }:
                return invalid;
            case { Refusal: ProblemHttpResult problem }:
                return problem;
        }

        var (report, view) = (outcome.Report!, outcome.View!);
        if (string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase))
        {
            var text = new StringBuilder();
            foreach (var line in KpiReportCsv.Lines(report))
            {
                text.Append(line).Append('\n');
            }

            return TypedResults.Text(text.ToString(), "text/csv; charset=utf-8");
        }

        return TypedResults.Ok(view);
    }
}
