using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Switchboard.Persistence;
using Switchboard.Persistence.Directory;
using Switchboard.Server.Audit;
using Switchboard.Server.Idempotency;
using Switchboard.Server.RoutingDomains;
using Switchboard.Server.Security;

namespace Switchboard.Server.Clients;

/// <summary>Clients: the organisations whose customers the centre serves. Each lives in a routing domain (an agent
/// pool shared by one or more clients), by default its own.</summary>
internal static class ClientsApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var group = api.MapGroup("/clients").WithTags("Clients");
        group.MapPost("/", Create).RequireAuthorization(Policies.Administration).Idempotent();
        group.MapGet("/", List).RequireAuthorization(Policies.ContactsRead);
        group.MapGet("/{id}", Get).RequireAuthorization(Policies.ContactsRead);
        group.MapPut("/{id}", Update).RequireAuthorization(Policies.Administration);
    }

    public sealed record CreateClient(
        [property: Required, StringLength(64)] string Id,
        [property: Required, StringLength(200, MinimumLength = 1)] string Name,
        [property: StringLength(64)] string? RoutingDomain);

    public sealed record UpdateClient([property: Required, StringLength(200, MinimumLength = 1)] string Name, int Version);

    public sealed record ClientView(string Id, string Name, string RoutingDomain, DateTimeOffset Created, int Version)
    {
        public static ClientView From(ClientRecord c) => new(c.Id, c.Name, c.Domain, c.Created, c.Version);
    }

    /// <summary>Creates a client (and starts its routing domain); audited as <c>client.created</c>. The administration
    /// screens call this too, so both paths refuse and audit alike.</summary>
    public static async Task<Results<Created<ClientView>, ValidationProblem, ProblemHttpResult>> Create(
        CreateClient request, ClaimsPrincipal actor, SwitchboardDb db, RoutingDomainHost domains, TimeProvider time, AuditTrail audit,
        CancellationToken cancellationToken)
    {
        if (!Identifiers.IsValid(request.Id))
        {
            return Problems.Field("id", Identifiers.Rule);
        }

        var domain = request.RoutingDomain ?? request.Id;
        if (!Identifiers.IsValid(domain))
        {
            return Problems.Field("routingDomain", Identifiers.Rule);
        }

        if (await db.Clients.AnyAsync(c => c.Id == request.Id, cancellationToken))
        {
            return Problems.Conflict($"Client '{request.Id}' exists.");
        }

        var client = new ClientRecord { Id = request.Id, Name = request.Name.Trim(), Domain = domain, Created = time.GetUtcNow(), Version = 1 };
        db.Clients.Add(client);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            return Problems.Conflict($"Client '{request.Id}' exists.");
        }

        await domains.GetAsync(domain);
        await audit.RecordAsync(actor, "client.created", "client/" + client.Id, client.Id, $"routing domain {domain}");
        return TypedResults.Created($"/api/clients/{client.Id}", ClientView.From(client));
    }

    public static async Task<Ok<ClientView[]>> List(SwitchboardDb db, CancellationToken cancellationToken) =>
        TypedResults.Ok((await db.Clients.AsNoTracking().OrderBy(c => c.Id).ToListAsync(cancellationToken)).Select(ClientView.From).ToArray());

    public static async Task<Results<Ok<ClientView>, ProblemHttpResult>> Get(string id, SwitchboardDb db, CancellationToken cancellationToken) =>
        await db.Clients.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, cancellationToken) is { } client
            ? TypedResults.Ok(ClientView.From(client))
            : Problems.NotFound($"No client '{id}'.");

    /// <summary>Renames a client at the version read; audited as <c>client.changed</c>.</summary>
    public static async Task<Results<Ok<ClientView>, ProblemHttpResult>> Update(
        string id, UpdateClient request, ClaimsPrincipal actor, SwitchboardDb db, AuditTrail audit, CancellationToken cancellationToken)
    {
        var client = await db.Clients.SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (client is null)
        {
            return Problems.NotFound($"No client '{id}'.");
        }

        if (client.Version != request.Version)
        {
            return Problems.Conflict($"Client '{id}' is at version {client.Version}, not {request.Version}: read it again and retry.");
        }

        client.Name = request.Name.Trim();
        client.Version++;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Problems.Conflict($"Client '{id}' changed meanwhile: read it again and retry.");
        }

        await audit.RecordAsync(actor, "client.changed", "client/" + id, id, $"version {client.Version}");
        return TypedResults.Ok(ClientView.From(client));
    }
}
