using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Switchboard.Persistence.Security;

namespace Switchboard.Server.Security;

/// <summary>
/// The authorization policies; every endpoint names one (a test fails for any endpoint without). Roles say who may;
/// a token's scopes can only narrow what its user may.
/// </summary>
internal static class Policies
{
    /// <summary>Set up clients, queues, agents, users and tokens.</summary>
    public const string Administration = "administration";

    /// <summary>Watch and steer the floor: live queues, agents' presence, any contact.</summary>
    public const string Supervision = "supervision";

    /// <summary>
    /// Watch the wallboard: the centre's staff every client's queues and agents, a client viewer its own client's queues
    /// only (and no agents). A token scoped to <see cref="Supervision"/> may watch it too, as it could before viewers.
    /// </summary>
    public const string Wallboard = "wallboard";

    /// <summary>Create and move contacts (channel adapters, agents, supervisors).</summary>
    public const string ContactsWrite = "contacts:write";

    /// <summary>Read contacts and their history (a client viewer, only its own client's).</summary>
    public const string ContactsRead = "contacts:read";

    /// <summary>Work as an agent: presence, offers, wrap-up (one's own, or any for a supervisor).</summary>
    public const string AgentWork = "agent:work";

    /// <summary>Read the event stream for integrations.</summary>
    public const string EventsRead = "events:read";

    /// <summary>Read the audit trail.</summary>
    public const string AuditRead = "audit:read";

    /// <summary>Record what a client supplied (ISO 18295-2): the centre's supervisors, or the client's own viewers.</summary>
    public const string ClientInformation = "client-information:write";

    /// <summary>Read KPI reports: the centre's staff for every client, a client viewer its own client's only.</summary>
    public const string Reports = "reports:read";

    /// <summary>Read the ISO 18295 evidence pack: the centre's own records over a period, for its staff and auditors.</summary>
    public const string Evidence = "evidence:read";

    /// <summary>Register complaints and take them through their handling: the centre's agents and supervisors.</summary>
    public const string ComplaintsWrite = "complaints:write";

    /// <summary>Read complaints: the centre's staff and auditors every client's, a client viewer its own client's only.</summary>
    public const string ComplaintsRead = "complaints:read";

    /// <summary>Any signed-in user (their own account).</summary>
    public const string SignedIn = "signed-in";

    public static IReadOnlyList<string> All { get; } =
        [Administration, Supervision, Wallboard, ContactsWrite, ContactsRead, AgentWork, EventsRead, AuditRead, Reports, ClientInformation, Evidence, ComplaintsWrite, ComplaintsRead, SignedIn];

    public static void Add(AuthorizationOptions options)
    {
        Add(options, Administration, Roles.Administrator);
        Add(options, Supervision, Roles.Administrator, Roles.Supervisor);
        options.AddPolicy(Wallboard, policy => policy
            .RequireAuthenticatedUser()
            .RequireRole(Roles.Administrator, Roles.Supervisor, Roles.ClientViewer)
            .AddRequirements(new TokenScopeRequirement(Wallboard, Supervision), new OwnClientRequirement(OwnClientRequirement.QueryParameter)));
        Add(options, ContactsWrite, Roles.Administrator, Roles.Supervisor, Roles.Agent);
        Add(options, ContactsRead, Roles.Administrator, Roles.Supervisor, Roles.Agent, Roles.ClientViewer, Roles.Auditor);
        Add(options, AgentWork, Roles.Administrator, Roles.Supervisor, Roles.Agent);
        Add(options, EventsRead, Roles.Administrator, Roles.Supervisor, Roles.ClientViewer, Roles.Auditor);
        Add(options, AuditRead, Roles.Administrator, Roles.Auditor);
        Add(options, ClientInformation, Roles.Administrator, Roles.Supervisor, Roles.ClientViewer);
        options.AddPolicy(Reports, policy => policy
            .RequireAuthenticatedUser()
            .RequireRole(Roles.Administrator, Roles.Supervisor, Roles.ClientViewer, Roles.Auditor)
            .AddRequirements(new TokenScopeRequirement(Reports), new OwnClientRequirement(OwnClientRequirement.QueryParameter)));
        Add(options, Evidence, Roles.Administrator, Roles.Supervisor, Roles.Auditor);
        Add(options, ComplaintsWrite, Roles.Administrator, Roles.Supervisor, Roles.Agent);
        Add(options, ComplaintsRead, Roles.Administrator, Roles.Supervisor, Roles.Agent, Roles.ClientViewer, Roles.Auditor);
        Add(options, SignedIn, [.. Roles.All]);
    }

    private static void Add(AuthorizationOptions options, string name, params string[] roles) =>
        options.AddPolicy(name, policy => policy
            .RequireAuthenticatedUser()
            .RequireRole(roles)
            .AddRequirements(new TokenScopeRequirement(name)));
}

/// <summary>
/// A request made with an API token passes a policy only if the token's scopes name it, or one of the other
/// <paramref name="Scopes"/> that also grant it (or the token has no scopes).
/// </summary>
internal sealed record TokenScopeRequirement(params IReadOnlyList<string> Scopes) : IAuthorizationRequirement;

internal sealed class TokenScopeHandler : AuthorizationHandler<TokenScopeRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, TokenScopeRequirement requirement)
    {
        var scopes = context.User.FindFirst(SwitchboardClaims.Scopes)?.Value;
        if (string.IsNullOrEmpty(scopes) || scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries).Intersect(requirement.Scopes, StringComparer.Ordinal).Any())
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}

/// <summary>
/// A client viewer may name only its own client in the query parameter or route value <paramref name="Parameter"/> (or
/// none, meaning its own); staff may name any. Checked at the HTTP endpoint, so another client's board is refused with 403 before
/// a hub connection exists.
/// </summary>
internal sealed record OwnClientRequirement(string Parameter) : IAuthorizationRequirement
{
    /// <summary>The query parameter that narrows a view to one client (<c>?client=ID</c>).</summary>
    public const string QueryParameter = "client";
}

internal sealed class OwnClientHandler : AuthorizationHandler<OwnClientRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, OwnClientRequirement requirement)
    {
        var scope = context.User.DataScope();
        // The endpoint gives the request; a hub method invocation gives its connection, which holds the request it began with.
        var request = context.Resource switch
        {
            HttpContext http => http.Request,
            HubInvocationContext invocation => invocation.Context.GetHttpContext()?.Request,
            _ => null,
        };
        // A screen may name the client in its route instead (/clients/{client}/contract).
        var named = request?.Query[requirement.Parameter].ToString() is { Length: > 0 } queried
            ? queried
            : request?.RouteValues[requirement.Parameter] as string;
        // A screen in a Blazor circuit is checked with no request at all (its route, or nothing, as the resource): the
        // request that opened the page passed this check already, and the page itself shows a viewer only its own
        // client (WallboardFeed.AudienceOf).
        var page = context.Resource is not (HttpContext or HubInvocationContext);
        if (scope.Staff || (scope.Client is { Length: > 0 } && (page || (request is not null && (string.IsNullOrEmpty(named) || scope.Includes(named))))))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
