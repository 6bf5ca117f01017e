using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Switchboard.Persistence;
using Switchboard.Server.Audit;
using Switchboard.Server.Hosting;
using Switchboard.Server.Security;

namespace Switchboard.Server.Evidence;

/// <summary>The ISO 18295 evidence pack (<c>GET /api/evidence?from=&amp;to=&amp;client=&amp;timeZone=</c>): JSON, or <c>format=html</c>.</summary>
internal static class EvidenceApi
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGroup("/evidence").WithTags("Reports")
            .MapGet("/", Pack).RequireAuthorization(Policies.Evidence).Audited("evidence.read");
    }

    public static async Task<Results<Ok<EvidencePack>, ContentHttpResult, ValidationProblem, ProblemHttpResult>> Pack(
        string? from, string? to, string? client, string? timeZone, string? format, ClaimsPrincipal user, SwitchboardDb db, TimeProvider time,
        IOptions<JsonOptions> json, IOptions<ServerSettings> settings, CancellationToken cancellationToken)
    {
        var kind = (format ?? "json").ToLowerInvariant();
        if (kind is not ("json" or "html"))
        {
            return Problems.Field("format", "json or html.");
        }

        var (pack, refusal) = await EvidencePacks.BuildAsync(
            user, db, time, json.Value.SerializerOptions, settings.Value.Routing.WellBeingBreakReason, new EvidenceQuery(from, to, client, timeZone), cancellationToken);
        switch (refusal)
        {
            case ValidationProblem invalid:
                return invalid;
            case ProblemHttpResult problem:
                return problem;
        }

        return kind == "html" ? TypedResults.Text(EvidencePackHtml.Render(pack!), "text/html; charset=utf-8") : TypedResults.Ok(pack!);
    }
}
