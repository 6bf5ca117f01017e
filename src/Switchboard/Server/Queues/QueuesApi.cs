using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Switchboard.Persistence;
using Switchboard.Persistence.Directory;
using Switchboard.Queues;
using Switchboard.Routing;
using Switchboard.Server.Audit;
using Switchboard.Server.Idempotency;
using Switchboard.Server.RoutingDomains;
using Switchboard.Server.Security;

namespace Switchboard.Server.Queues;

/// <summary>Queues: where a client's contacts wait, and the stages that say which agents may take them.</summary>
internal static class QueuesApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var group = api.MapGroup("/queues").WithTags("Queues");
        group.MapPost("/", Create).RequireAuthorization(Policies.Administration).Idempotent();
        group.MapGet("/", List).RequireAuthorization(Policies.ContactsRead);
        group.MapGet("/{id}", Get).RequireAuthorization(Policies.ContactsRead);
        group.MapPut("/{id}", Update).RequireAuthorization(Policies.Administration);
        group.MapGet("/{id}/live", Live).RequireAuthorization(Policies.ContactsRead);
    }

    public sealed record CreateQueue(
        [property: Required, StringLength(64)] string Id,
        [property: Required, StringLength(64)] string Client,
        [property: Required, StringLength(200, MinimumLength = 1)] string Name,
        [property: Required] QueueSettings Settings);

    /// <summary>A queue's new name and settings; <see cref="Version"/> is the one read (409 if it changed since).</summary>
    public sealed record UpdateQueue(
        [property: Required, StringLength(200, MinimumLength = 1)] string Name,
        [property: Required] QueueSettings Settings,
        int Version);

    /// <summary>A queue; <see cref="Open"/> and <see cref="NextOpening"/> are its opening hours at the time of reading.</summary>
    public sealed record QueueView(
        string Id, string Client, string RoutingDomain, string Name, QueueSettings Settings, bool Open, DateTimeOffset? NextOpening,
        DateTimeOffset Created, DateTimeOffset Updated, int Version);

    /// <summary>The queue now: who waits, for how long, and what a new arrival would be told.</summary>
    public sealed record QueueLive(
        string Id, int Waiting, DateTimeOffset? LongestWaitingSince, TimeSpan? LongestWait, TimeSpan AverageHandleTime, bool Open, DateTimeOffset? NextOpening, DateTimeOffset At);

    /// <summary>Creates a queue and gives it to its routing domain; audited as <c>queue.created</c> (the administration
    /// screens call this too).</summary>
    public static async Task<Results<Created<QueueView>, ValidationProblem, ProblemHttpResult>> Create(
        CreateQueue request, ClaimsPrincipal actor, SwitchboardDb db, RoutingDomainHost domains, TimeProvider time, AuditTrail audit,
        IOptions<JsonOptions> json, CancellationToken cancellationToken)
    {
        if (!Identifiers.IsValid(request.Id))
        {
            return Problems.Field("id", Identifiers.Rule);
        }

        var client = await db.Clients.AsNoTracking().SingleOrDefaultAsync(c => c.Id == request.Client, cancellationToken);
        if (client is null)
        {
            return Problems.Field("client", $"No client '{request.Client}'.");
        }

        var (definition, field, error) = request.Settings.ToDefinition(request.Id);
        if (definition is null)
        {
            return Problems.Field("settings." + field, error!);
        }

        if (await db.Queues.IgnoreQueryFilters().AnyAsync(q => q.Id == request.Id, cancellationToken))
        {
            return Problems.Conflict($"Queue '{request.Id}' exists.");
        }

        var now = time.GetUtcNow();
        var record = new QueueRecord
        {
            Id = request.Id,
            Client = client.Id,
            Domain = client.Domain,
            Name = request.Name.Trim(),
            Definition = JsonSerializer.Serialize(request.Settings, json.Value.SerializerOptions),
            Created = now,
            Updated = now,
            Version = 1,
        };
        var domain = await domains.GetAsync(client.Domain);
        var result = await domain.Change(batch => batch.Engine.ConfigureQueue(definition, batch.Now), store => store.Queues.Add(record));
        if (result == RoutingResult.Done)
        {
            await audit.RecordAsync(actor, "queue.created", "queue/" + record.Id, record.Client);
        }

        return result == RoutingResult.Done
            ? TypedResults.Created($"/api/queues/{record.Id}", await ViewAsync(record, db, json.Value.SerializerOptions, time.GetUtcNow(), cancellationToken))
            : Problems.From(result);
    }

    public static async Task<Ok<QueueView[]>> List(SwitchboardDb db, IOptions<JsonOptions> json, TimeProvider time, string? client, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var query = db.Queues.AsNoTracking();
        if (client is not null)
        {
            query = query.Where(q => q.Client == client);
        }

        var rows = await query.OrderBy(q => q.Id).ToListAsync(cancellationToken);
        var views = new QueueView[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            views[i] = await ViewAsync(rows[i], db, json.Value.SerializerOptions, now, cancellationToken);
        }

        return TypedResults.Ok(views);
    }

    public static async Task<Results<Ok<QueueView>, ProblemHttpResult>> Get(string id, SwitchboardDb db, IOptions<JsonOptions> json, TimeProvider time, CancellationToken cancellationToken) =>
        await db.Queues.AsNoTracking().SingleOrDefaultAsync(q => q.Id == id, cancellationToken) is { } queue
            ? TypedResults.Ok(await ViewAsync(queue, db, json.Value.SerializerOptions, time.GetUtcNow(), cancellationToken))
            : Problems.NotFound($"No queue '{id}'.");

    /// <summary>
    /// Changes a queue's name and settings while it runs: the routing domain's writer gives the engine the new stages,
    /// selection and limits (waiting contacts keep their place) and stores the row with that event. Audited as
    /// <c>queue.changed</c>.
    /// </summary>
    public static async Task<Results<Ok<QueueView>, ValidationProblem, ProblemHttpResult>> Update(
        string id, UpdateQueue request, ClaimsPrincipal actor, SwitchboardDb db, RoutingDomainHost domains, DirectoryChanges changes, QueueDirectory directory,
        TimeProvider time, AuditTrail audit, IOptions<JsonOptions> json, CancellationToken cancellationToken)
    {
        var (definition, field, error) = request.Settings.ToDefinition(id);
        if (definition is null)
        {
            return Problems.Field("settings." + field, error!);
        }

        using var _ = await changes.EnterAsync(cancellationToken);
        var record = await db.Queues.AsNoTracking().SingleOrDefaultAsync(q => q.Id == id, cancellationToken);
        if (record is null)
        {
            return Problems.NotFound($"No queue '{id}'.");
        }

        if (record.Version != request.Version)
        {
            return Problems.Conflict($"Queue '{id}' is at version {record.Version}, not {request.Version}: read it again and retry.");
        }

        var settingsJson = JsonSerializer.Serialize(request.Settings, json.Value.SerializerOptions);
        var name = request.Name.Trim();
        var now = time.GetUtcNow();
        var domain = await domains.GetAsync(record.Domain);
        var result = await domain.Change(batch => batch.Engine.ReconfigureQueue(definition, batch.Now), store =>
        {
            store.Queues.Attach(record);
            record.Name = name;
            record.Definition = settingsJson;
            record.Updated = now;
            record.Version = request.Version + 1;
        });
        directory.Forget(id);
        if (result == RoutingResult.Done)
        {
            await audit.RecordAsync(actor, "queue.changed", "queue/" + id, record.Client, $"version {record.Version}");
        }

        return result == RoutingResult.Done
            ? TypedResults.Ok(await ViewAsync(record, db, json.Value.SerializerOptions, time.GetUtcNow(), cancellationToken))
            : Problems.From(result);
    }

    public static async Task<Results<Ok<QueueLive>, ProblemHttpResult>> Live(
        string id, ClaimsPrincipal user, QueueDirectory queues, RoutingDomainHost domains, CancellationToken cancellationToken)
    {
        if (await queues.FindAsync(id, cancellationToken) is not { } queue || !user.DataScope().Includes(queue.Client))
        {
            return Problems.NotFound($"No queue '{id}'.");
        }

        var domain = await domains.GetAsync(queue.Domain);
        var live = await domain.Run(batch => (Snapshot: batch.Engine.FindQueue(new QueueId(id)), batch.Now));
        var (open, next) = queue.OpenAt(live.Now);
        return live.Snapshot is { } s
            ? TypedResults.Ok(new QueueLive(id, s.Waiting, s.LongestWaitingSince, live.Now - s.LongestWaitingSince, s.AverageHandleTime, open, next, live.Now))
            : Problems.NotFound($"Queue '{id}' is not running.");
    }

    private static QueueSettings Settings(QueueRecord record, JsonSerializerOptions options) =>
        JsonSerializer.Deserialize<QueueSettings>(record.Definition, options) ?? throw new InvalidOperationException($"Queue {record.Id} has no settings.");

    private static async Task<QueueView> ViewAsync(QueueRecord r, SwitchboardDb db, JsonSerializerOptions options, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var settings = Settings(r, options);
        var (open, next) = new QueueEntry(r.Client, r.Domain, await QueueDirectory.HoursAsync(db, r.Client, settings, cancellationToken)).OpenAt(now);
        return new(r.Id, r.Client, r.Domain, r.Name, settings, open, next, r.Created, r.Updated, r.Version);
    }
}
