using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Switchboard.Kpis;
using Switchboard.Persistence;
using Switchboard.Persistence.Kpis;
using Switchboard.Server.Audit;
using Switchboard.Server.Security;
using Switchboard.Server.Wallboard;

namespace Switchboard.Server.Kpis;

/// <summary>
/// The KPI catalogue and its method versions (<c>/api/kpis</c>): what each KPI means and how it is computed. A method
/// is never changed: revising one records the next version, and reports name the version of every figure
/// (docs/kpi-catalogue.md).
/// </summary>
internal static class KpisApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var group = api.MapGroup("/kpis").WithTags("KPIs");
        group.MapGet("/", List).RequireAuthorization(Policies.SignedIn);
        group.MapPost("/{kpi}/methods", Revise).RequireAuthorization(Policies.Administration);
        KpiReportsApi.Map(api);
    }

    public sealed record MethodView(int Version, KpiParameters Parameters, string? Note, DateTimeOffset? Created, string? CreatedBy);

    public sealed record KpiView(string Id, string Title, KpiUnit Unit, bool? HigherIsBetter, string Definition, IReadOnlyList<MethodView> Methods);

    /// <summary>A revision of a KPI's method: the full parameters (fields left out take the catalogue's defaults).</summary>
    public sealed record ReviseMethod([property: Required] KpiParameters Parameters, [property: StringLength(1000)] string? Note);

    public static async Task<Ok<KpiView[]>> List(SwitchboardDb db, CancellationToken cancellationToken)
    {
        var book = await KpiMethodBook.LoadAsync(db, cancellationToken);
        return TypedResults.Ok(KpiCatalogue.All.Select(k => View(k, book)).ToArray());
    }

    /// <summary>Records the next version of a KPI's method; audited as <c>kpi.method.revised</c>.</summary>
    public static async Task<Results<Created<MethodView>, ValidationProblem, ProblemHttpResult>> Revise(
        string kpi, ReviseMethod request, ClaimsPrincipal actor, SwitchboardDb db, TimeProvider time, AuditTrail audit, WallboardFeed wallboard,
        CancellationToken cancellationToken)
    {
        if (KpiCatalogue.Find(kpi) is not { } entry)
        {
            return Problems.NotFound($"No KPI '{kpi}' in the catalogue.");
        }

        if (request.Parameters.Problem() is { } problem)
        {
            return Problems.Field("parameters." + problem.Field, problem.Error);
        }

        var book = await KpiMethodBook.LoadAsync(db, cancellationToken);
        var latest = book.VersionsOf(entry.Id)[^1].Method;
        if (latest.Parameters == request.Parameters)
        {
            return Problems.Conflict($"{entry.Id} version {latest.Version} has these parameters already.");
        }

        var row = new KpiMethodRecord
        {
            Kpi = entry.Id.Name,
            Version = latest.Version + 1,
            Parameters = KpiMethodBook.Write(request.Parameters),
            Note = request.Note?.Trim(),
            Created = time.GetUtcNow(),
            CreatedBy = actor.Actor(),
        };
        db.KpiMethods.Add(row);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The unique (kpi, version) index: someone else revised it meanwhile.
            return Problems.Conflict($"{entry.Id} was revised meanwhile: read it again and retry.");
        }

        await audit.RecordAsync(actor, "kpi.method.revised", $"kpi/{entry.Id}/{row.Version}", detail: row.Parameters);
        wallboard.MeasuresChanged(null);
        return TypedResults.Created($"/api/kpis#{entry.Id}", new MethodView(row.Version, request.Parameters, row.Note, row.Created, row.CreatedBy));
    }

    private static KpiView View(Kpi kpi, KpiMethodBook book) => new(
        kpi.Id.Name,
        kpi.Title,
        kpi.Unit,
        kpi.HigherIsBetter,
        kpi.Definition,
        book.VersionsOf(kpi.Id).Select(m => new MethodView(m.Method.Version, m.Method.Parameters, m.Note, m.Created, m.CreatedBy)).ToList());
}
