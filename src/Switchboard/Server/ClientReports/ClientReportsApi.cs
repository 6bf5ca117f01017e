using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Switchboard.Persistence;
using Switchboard.Server.Security;

namespace Switchboard.Server.ClientReports;

/// <summary>The monthly client report (<c>GET /api/clients/{id}/reports/{month}</c>): JSON, or <c>?format=html</c> or <c>pdf</c>.</summary>
internal static class ClientReportsApi
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGroup("/clients/{id}/reports").WithTags("Reports")
            .MapGet("/{month}", Monthly).RequireAuthorization(Policies.Reports);
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
            "pdf" => TypedResults.File(MonthlyReportPdf.Render(report!), "application/pdf", $"{report!.Client}-{report.Month}.pdf"),
            _ => TypedResults.Ok(report!),
        };
    }
}
