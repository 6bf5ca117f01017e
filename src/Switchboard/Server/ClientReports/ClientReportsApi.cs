using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Switchboard.Persistence;
using Switchboard.Server.Security;

namespace Switchboard.Server.ClientReports;

/// <summary>
/// Client reports: on demand for any period (<c>GET /api/clients/{id}/reports/{period}</c>, a month such as 2026-11, a
/// week 2026-W45 or a quarter 2026-Q4), and the ones issued on the contract's schedule, as they were issued
/// (<c>GET /api/clients/{id}/reports</c>, <c>.../reports/{period}/issued</c>). JSON, or <c>?format=html</c> or <c>pdf</c>.
/// </summary>
internal static class ClientReportsApi
{
    /// <summary>A report issued on schedule, and where to read it.</summary>
    public sealed record IssuedView(string Period, DateTimeOffset From, DateTimeOffset To, DateTimeOffset Issued, string Html, string Pdf);

    public static void Map(RouteGroupBuilder api)
    {
        var group = api.MapGroup("/clients/{id}/reports").WithTags("Reports");
        group.MapGet("/", Issued).RequireAuthorization(Policies.Reports);
        group.MapGet("/{month}", Monthly).RequireAuthorization(Policies.Reports);
        group.MapGet("/{period}/issued", IssuedDocument).RequireAuthorization(Policies.Reports);
    }

    public static async Task<Results<Ok<IssuedView[]>, ProblemHttpResult>> Issued(string id, SwitchboardDb db, CancellationToken cancellationToken)
    {
        // The scope filter hides another client from a client viewer: to them it does not exist.
        if (!await db.Clients.AsNoTracking().AnyAsync(c => c.Id == id, cancellationToken))
        {
            return Problems.NotFound($"No client '{id}'.");
        }

        var rows = await db.IssuedReports.AsNoTracking().Where(r => r.Client == id)
            .Select(r => new { r.Period, r.From, r.To, r.Issued })
            .ToListAsync(cancellationToken);
        var path = $"/api/clients/{Uri.EscapeDataString(id)}/reports/";
        return TypedResults.Ok(rows.OrderByDescending(r => r.From)
            .Select(r => new IssuedView(r.Period, r.From, r.To, r.Issued, $"{path}{r.Period}/issued?format=html", $"{path}{r.Period}/issued?format=pdf"))
            .ToArray());
    }

    public static async Task<Results<ContentHttpResult, FileContentHttpResult, ValidationProblem, ProblemHttpResult>> IssuedDocument(
        string id, string period, string? format, SwitchboardDb db, CancellationToken cancellationToken)
    {
        var kind = (format ?? "json").ToLowerInvariant();
        if (kind is not ("json" or "html" or "pdf"))
        {
            return Problems.Field("format", "json, html or pdf.");
        }

        if (await db.IssuedReports.AsNoTracking().SingleOrDefaultAsync(r => r.Client == id && r.Period == period, cancellationToken) is not { } issued)
        {
            return Problems.NotFound($"No report for '{period}' was issued to client '{id}'.");
        }

        return kind switch
        {
            "html" => TypedResults.Text(issued.Html, "text/html; charset=utf-8"),
            "pdf" => TypedResults.File(issued.Pdf, "application/pdf", $"{issued.Client}-{issued.Period}.pdf"),
            _ => TypedResults.Text(issued.Json, "application/json; charset=utf-8"),
        };
    }

    public static async Task<Results<Ok<MonthlyReport>, ContentHttpResult, FileContentHttpResult, ValidationProblem, ProblemHttpResult>> Monthly(
        string id, string month, string? format, ClaimsPrincipal user, SwitchboardDb db, TimeProvider time, CancellationToken cancellationToken)
    {
        var kind = (format ?? "json").ToLowerInvariant();
        if (kind is not ("json" or "html" or "pdf"))
        {
            return Problems.Field("format", "json, html or pdf.");
        }

        var (report, refusal) = await MonthlyReports.BuildAsync(user, db, time, id, month, cancellationToken);
        switch (refusal)
        {
            case ValidationProblem invalid:
                return invalid;
            case ProblemHttpResult problem:
                return problem;
        }

        return kind switch
        {
            "html" => TypedResults.Text(MonthlyReportHtml.Render(report!), "text/html; charset=utf-8"),
            "pdf" => TypedResults.File(MonthlyReportPdf.Render(report!), "application/pdf", $"{report!.Client}-{report.Period}.pdf"),
            _ => TypedResults.Ok(report!),
        };
    }
}
