using Microsoft.AspNetCore.Authorization;
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

    /// <summary>Any signed-in user (their own account).</summary>
    public const string SignedIn = "signed-in";

    public static IReadOnlyList<string> All { get; } =
        [Administration, Supervision, ContactsWrite, ContactsRead, AgentWork, EventsRead, AuditRead, SignedIn];

    public static void Add(AuthorizationOptions options)
    {
        Add(options, Administration, Roles.Administrator);
        Add(options, Supervision, Roles.Administrator, Roles.Supervisor);
        Add(options, ContactsWrite, Roles.Administrator, Roles.Supervisor, Roles.Agent);
        Add(options, ContactsRead, Roles.Administrator, Roles.Supervisor, Roles.Agent, Roles.ClientViewer, Roles.Auditor);
        Add(options, AgentWork, Roles.Administrator, Roles.Supervisor, Roles.Agent);
        Add(options, EventsRead, Roles.Administrator, Roles.Supervisor, Roles.ClientViewer, Roles.Auditor);
        Add(options, AuditRead, Roles.Administrator, Roles.Auditor);
        Add(options, SignedIn, [.. Roles.All]);
    }

    private static void Add(AuthorizationOptions options, string name, params string[] roles) =>
        options.AddPolicy(name, policy => policy
            .RequireAuthenticatedUser()
            .RequireRole(roles)
            .AddRequirements(new TokenScopeRequirement(name)));
}

/// <summary>A request made with an API token passes a policy only if the token's scopes name it (or it has none).</summary>
internal sealed record TokenScopeRequirement(string Scope) : IAuthorizationRequirement;

internal sealed class TokenScopeHandler : AuthorizationHandler<TokenScopeRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, TokenScopeRequirement requirement)
    {
        var scopes = context.User.FindFirst(SwitchboardClaims.Scopes)?.Value;
        if (string.IsNullOrEmpty(scopes) || scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains(requirement.Scope, StringComparer.Ordinal))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
