using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Switchboard.Agents;
using Switchboard.Persistence;
using Switchboard.Persistence.Directory;
using Switchboard.Persistence.Security;
using Switchboard.Routing;
using Switchboard.Server.Audit;
using Switchboard.Server.Idempotency;
using Switchboard.Server.RoutingDomains;
using Switchboard.Server.Security;

namespace Switchboard.Server.Agents;

/// <summary>Agents: their profiles (administration), and their work (presence, offers).</summary>
internal static class AgentsApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var group = api.MapGroup("/agents").WithTags("Agents");
        group.MapPost("/", Create).RequireAuthorization(Policies.Administration).Idempotent();
        group.MapGet("/", List).RequireAuthorization(Policies.Supervision).Audited("agent.list");
        group.MapGet("/{id}", Get).RequireAuthorization(Policies.AgentWork).Audited("agent.read");
        group.MapPut("/{id}", Update).RequireAuthorization(Policies.Administration);
        group.MapPut("/{id}/presence", SetPresence).RequireAuthorization(Policies.AgentWork);
        group.MapGet("/{id}/offers", Offers).RequireAuthorization(Policies.AgentWork);
        group.MapPost("/{id}/offers/{offer:long}/accept", Accept).RequireAuthorization(Policies.AgentWork);
        group.MapPost("/{id}/offers/{offer:long}/reject", Reject).RequireAuthorization(Policies.AgentWork);
    }

    public sealed record CreateAgent(
        [property: Required, StringLength(64)] string Id,
        [property: Required, StringLength(64)] string RoutingDomain,
        [property: Required, StringLength(200, MinimumLength = 1)] string Name,
        [property: Required] AgentSettings Settings);

    public sealed record UpdateAgent([property: Required, StringLength(200, MinimumLength = 1)] string Name, [property: Required] AgentSettings Settings, int Version);

    public sealed record PresenceChange(Presence Presence, [property: StringLength(100)] string? Reason);

    /// <summary>An agent as configured, and (when running) their presence now.</summary>
    public sealed record AgentView(string Id, string RoutingDomain, string Name, AgentSettings Settings, AgentLive? Live, DateTimeOffset Created, DateTimeOffset Updated, int Version);

    public sealed record AgentLive(Presence Presence, string? BreakReason, DateTimeOffset Since, IReadOnlyList<Guid> Contacts);

    /// <summary>An offer waiting for the agent's answer.</summary>
    public sealed record OfferView(long Id, Guid Contact, DateTimeOffset ExpiresAt);

    public sealed record OfferAnswer(long Offer, OfferReply Reply);

    /// <summary>Creates an agent's profile in its routing domain; audited as <c>agent.created</c> (the administration
    /// screens call this too).</summary>
    public static async Task<Results<Created<AgentView>, ValidationProblem, ProblemHttpResult>> Create(
        CreateAgent request, ClaimsPrincipal actor, SwitchboardDb db, RoutingDomainHost domains, TimeProvider time, AuditTrail audit,
        IOptions<JsonOptions> json, CancellationToken cancellationToken)
    {
        if (!Identifiers.IsValid(request.Id))
        {
            return Problems.Field("id", Identifiers.Rule);
        }

        if (!await db.Clients.AnyAsync(c => c.Domain == request.RoutingDomain, cancellationToken))
        {
            return Problems.Field("routingDomain", $"No client is in routing domain '{request.RoutingDomain}'.");
        }

        var (profile, field, error) = request.Settings.ToProfile(request.Id);
        if (profile is null)
        {
            return Problems.Field("settings." + field, error!);
        }

        if (await db.Agents.AnyAsync(a => a.Id == request.Id, cancellationToken))
        {
            return Problems.Conflict($"Agent '{request.Id}' exists.");
        }

        var now = time.GetUtcNow();
        var record = new AgentRecord
        {
            Id = request.Id,
            Domain = request.RoutingDomain,
            Name = request.Name.Trim(),
            Profile = JsonSerializer.Serialize(request.Settings, json.Value.SerializerOptions),
            Created = now,
            Updated = now,
            Version = 1,
        };
        var domain = await domains.GetAsync(request.RoutingDomain);
        // The writer checks again: two creates of one id may both have passed the read above.
        var (exists, result) = await domain.Run(batch =>
        {
            if (batch.Engine.FindAgent(profile.Id) is not null)
            {
                return (true, RoutingResult.Done);
            }

            var configured = batch.Engine.ConfigureAgent(profile, batch.Now);
            if (configured == RoutingResult.Done)
            {
                batch.Stage(store => store.Agents.Add(record));
            }

            return (false, configured);
        });
        if (exists)
        {
            return Problems.Conflict($"Agent '{request.Id}' exists.");
        }

        if (result == RoutingResult.Done)
        {
            await audit.RecordAsync(actor, "agent.created", "agent/" + record.Id, detail: $"routing domain {record.Domain}");
        }

        return result == RoutingResult.Done
            ? TypedResults.Created($"/api/agents/{record.Id}", View(record, null, json.Value.SerializerOptions))
            : Problems.From(result);
    }

    public static async Task<Ok<AgentView[]>> List(SwitchboardDb db, IOptions<JsonOptions> json, string? routingDomain, CancellationToken cancellationToken)
    {
        var query = db.Agents.AsNoTracking();
        if (routingDomain is not null)
        {
            query = query.Where(a => a.Domain == routingDomain);
        }

        var rows = await query.OrderBy(a => a.Id).ToListAsync(cancellationToken);
        return TypedResults.Ok(rows.Select(r => View(r, null, json.Value.SerializerOptions)).ToArray());
    }

    public static async Task<Results<Ok<AgentView>, ProblemHttpResult>> Get(
        string id, ClaimsPrincipal user, SwitchboardDb db, RoutingDomainHost domains, IOptions<JsonOptions> json, CancellationToken cancellationToken)
    {
        if (!MayActAs(user, id))
        {
            return Problems.Forbidden("Agents may only see their own profile.");
        }

        var record = await db.Agents.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (record is null)
        {
            return Problems.NotFound($"No agent '{id}'.");
        }

        var domain = await domains.GetAsync(record.Domain);
        var live = await domain.Run(batch => batch.Engine.FindAgent(new AgentId(id)) is { } a
            ? new AgentLive(a.Presence, a.BreakReason, a.Since, [.. a.Contacts.Select(c => batch.IdOf(c) ?? Guid.Empty)])
            : null);
        return TypedResults.Ok(View(record, live, json.Value.SerializerOptions));
    }

    /// <summary>Changes an agent's name and profile at the version read; audited as <c>agent.changed</c>.</summary>
    public static async Task<Results<Ok<AgentView>, ValidationProblem, ProblemHttpResult>> Update(
        string id, UpdateAgent request, ClaimsPrincipal actor, SwitchboardDb db, RoutingDomainHost domains, DirectoryChanges changes, TimeProvider time,
        AuditTrail audit, IOptions<JsonOptions> json, CancellationToken cancellationToken)
    {
        using var _ = await changes.EnterAsync(cancellationToken);
        var record = await db.Agents.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (record is null)
        {
            return Problems.NotFound($"No agent '{id}'.");
        }

        var (profile, field, error) = request.Settings.ToProfile(id);
        if (profile is null)
        {
            return Problems.Field("settings." + field, error!);
        }

        if (record.Version != request.Version)
        {
            return Problems.Conflict($"Agent '{id}' is at version {record.Version}, not {request.Version}: read it again and retry.");
        }

        var profileJson = JsonSerializer.Serialize(request.Settings, json.Value.SerializerOptions);
        var name = request.Name.Trim();
        var now = time.GetUtcNow();
        var domain = await domains.GetAsync(record.Domain);
        var result = await domain.Change(batch => batch.Engine.ConfigureAgent(profile, batch.Now), store =>
        {
            store.Agents.Attach(record);
            record.Name = name;
            record.Profile = profileJson;
            record.Updated = now;
            record.Version = request.Version + 1;
        });
        if (result == RoutingResult.Done)
        {
            await audit.RecordAsync(actor, "agent.changed", "agent/" + id, detail: $"version {record.Version}");
        }

        return result == RoutingResult.Done
            ? TypedResults.Ok(View(record, null, json.Value.SerializerOptions))
            : Problems.From(result);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> SetPresence(
        string id, PresenceChange request, ClaimsPrincipal user, AgentDirectory agents, RoutingDomainHost domains, CancellationToken cancellationToken)
    {
        if (!MayActAs(user, id))
        {
            return Problems.Forbidden("Agents may only change their own presence.");
        }

        return await ChangePresenceAsync(id, request.Presence, request.Reason, agents, domains, cancellationToken) switch
        {
            null => Problems.NotFound($"No agent '{id}'."),
            RoutingResult.Done => TypedResults.NoContent(),
            var result => Problems.From(result.Value),
        };
    }

    /// <summary>Sets an agent's presence: the one path both HTTP and the agent hub take. Null when there is no such agent.
    /// The caller has already checked <see cref="MayActAs"/>.</summary>
    public static async Task<RoutingResult?> ChangePresenceAsync(
        string id, Presence presence, string? reason, AgentDirectory agents, RoutingDomainHost domains, CancellationToken cancellationToken)
    {
        if (await agents.DomainOfAsync(id, cancellationToken) is not { } domainId)
        {
            return null;
        }

        var domain = await domains.GetAsync(domainId);
        return await domain.Run(batch => batch.Engine.SetPresence(new AgentId(id), presence, batch.Now, reason));
    }

    public static async Task<Results<Ok<OfferView[]>, ProblemHttpResult>> Offers(
        string id, ClaimsPrincipal user, AgentDirectory agents, RoutingDomainHost domains, CancellationToken cancellationToken)
    {
        if (!MayActAs(user, id))
        {
            return Problems.Forbidden("Agents may only see their own offers.");
        }

        if (await agents.DomainOfAsync(id, cancellationToken) is not { } domainId)
        {
            return Problems.NotFound($"No agent '{id}'.");
        }

        var domain = await domains.GetAsync(domainId);
        var offers = await domain.Run(batch =>
        {
            var agent = new AgentId(id);
            var found = new List<OfferView>();
            if (batch.Engine.FindAgent(agent) is { } snapshot)
            {
                foreach (var contact in snapshot.Contacts)
                {
                    if (batch.Engine.FindContact(contact) is { LiveOffer: { } offerId } && batch.Engine.FindOffer(offerId) is { } offer && offer.Agent == agent)
                    {
                        found.Add(new OfferView(offer.Id.Value, batch.IdOf(contact) ?? Guid.Empty, offer.ExpiresAt));
                    }
                }
            }

            return found.ToArray();
        });
        return TypedResults.Ok(offers);
    }

    public static Task<Results<Ok<OfferAnswer>, ProblemHttpResult>> Accept(
        string id, long offer, ClaimsPrincipal user, AgentDirectory agents, RoutingDomainHost domains, CancellationToken cancellationToken) =>
        Answer(id, offer, accept: true, user, agents, domains, cancellationToken);

    public static Task<Results<Ok<OfferAnswer>, ProblemHttpResult>> Reject(
        string id, long offer, ClaimsPrincipal user, AgentDirectory agents, RoutingDomainHost domains, CancellationToken cancellationToken) =>
        Answer(id, offer, accept: false, user, agents, domains, cancellationToken);

    /// <summary>Accepts or rejects an offer over HTTP.</summary>
    public static async Task<Results<Ok<OfferAnswer>, ProblemHttpResult>> Answer(
        string id, long offer, bool accept, ClaimsPrincipal user, AgentDirectory agents, RoutingDomainHost domains, CancellationToken cancellationToken)
    {
        if (!MayActAs(user, id))
        {
            return Problems.Forbidden("Agents may only answer their own offers.");
        }

        var reply = await AnswerOfferAsync(id, offer, accept, agents, domains, cancellationToken);
        return reply switch
        {
            null => Problems.NotFound($"No agent '{id}'."),
            OfferReply.Accepted or OfferReply.Rejected => TypedResults.Ok(new OfferAnswer(offer, reply.Value)),
            OfferReply.Unknown => Problems.NotFound($"Agent '{id}' has no offer {offer}."),
            _ => Problems.Conflict(RefusalOf(reply.Value)),
        };
    }

    /// <summary>Accepts or rejects an offer: the one path both HTTP and the agent hub take, so exactly one of any number
    /// of simultaneous answers wins (the writer answers them one at a time). Null when there is no such agent; the caller
    /// has already checked <see cref="MayActAs"/>.</summary>
    public static async Task<OfferReply?> AnswerOfferAsync(
        string id, long offer, bool accept, AgentDirectory agents, RoutingDomainHost domains, CancellationToken cancellationToken)
    {
        if (await agents.DomainOfAsync(id, cancellationToken) is not { } domainId)
        {
            return null;
        }

        var domain = await domains.GetAsync(domainId);
        return await domain.Run(batch =>
        {
            var offerId = new OfferId(offer);
            if (batch.Engine.FindOffer(offerId) is not { } found || found.Agent != new AgentId(id))
            {
                return OfferReply.Unknown;
            }

            return accept ? batch.Engine.Accept(offerId, batch.Now) : batch.Engine.Reject(offerId, batch.Now);
        });
    }

    /// <summary>Why an answer was refused, in words for the agent (a 409 over HTTP, a hub error on the desk).</summary>
    public static string RefusalOf(OfferReply reply) => reply switch
    {
        OfferReply.Unknown => "There is no such offer for this agent.",
        OfferReply.AlreadyAccepted => "The offer was already accepted.",
        OfferReply.AlreadyRejected => "The offer was already rejected.",
        OfferReply.Expired => "The offer expired.",
        OfferReply.Withdrawn => "The offer was withdrawn (the customer left, or the agent's presence changed).",
        _ => throw new InvalidOperationException($"Unexpected reply {reply}."),
    };

    /// <summary>An agent acts for themself; supervisors and administrators for anyone.</summary>
    public static bool MayActAs(ClaimsPrincipal user, string agent) =>
        user.IsInRole(Roles.Administrator) || user.IsInRole(Roles.Supervisor) || string.Equals(user.AgentId(), agent, StringComparison.Ordinal);

    private static AgentView View(AgentRecord r, AgentLive? live, JsonSerializerOptions options) =>
        new(r.Id, r.Domain, r.Name, JsonSerializer.Deserialize<AgentSettings>(r.Profile, options)!, live, r.Created, r.Updated, r.Version);
}
