using System.Security.Claims;
using Switchboard.Persistence;
using Switchboard.Persistence.Security;

namespace Switchboard.Server.Security;

/// <summary>The claims Switchboard puts on a signed-in user, and what they mean for the data they may see.</summary>
internal static class SwitchboardClaims
{
    /// <summary>The client a client viewer belongs to.</summary>
    public const string Client = "switchboard:client";

    /// <summary>The agent profile a user works as.</summary>
    public const string Agent = "switchboard:agent";

    /// <summary>Space-separated scopes of the API token used (absent for a person's sign-in).</summary>
    public const string Scopes = "switchboard:scopes";

    /// <summary>The API token's name (for the audit trail).</summary>
    public const string Token = "switchboard:token";

    public static string? UserId(this ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.NameIdentifier);

    public static string? AgentId(this ClaimsPrincipal user) => user.FindFirstValue(Agent);

    /// <summary>Who to write in the audit trail.</summary>
    public static string Actor(this ClaimsPrincipal user) =>
        (user.FindFirstValue(ClaimTypes.Email) ?? user.UserId() ?? "anonymous") + (user.FindFirstValue(Token) is { } token ? " (token " + token + ")" : "");

    /// <summary>
    /// Whose data the user may see: the centre's staff all clients; a client viewer its own client; anyone else
    /// nothing. A user holding a staff role sees all even if also a client viewer.
    /// </summary>
    public static DataScope DataScope(this ClaimsPrincipal user)
    {
        if (user.Identity?.IsAuthenticated != true)
        {
            return Persistence.DataScope.Nothing;
        }

        if (user.IsInRole(Roles.Administrator) || user.IsInRole(Roles.Supervisor) || user.IsInRole(Roles.Agent) || user.IsInRole(Roles.Auditor))
        {
            return Persistence.DataScope.AllClients;
        }

        return user.IsInRole(Roles.ClientViewer) && user.FindFirstValue(Client) is { Length: > 0 } client
            ? Persistence.DataScope.OneClient(client)
            : Persistence.DataScope.Nothing;
    }
}
