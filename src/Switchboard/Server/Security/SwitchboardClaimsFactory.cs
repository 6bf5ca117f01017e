using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Switchboard.Persistence.Security;

namespace Switchboard.Server.Security;

/// <summary>Puts the client and agent a user belongs to on their sign-in cookie, as the token path does.</summary>
internal sealed class SwitchboardClaimsFactory(UserManager<SwitchboardUser> users, RoleManager<IdentityRole<Guid>> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<SwitchboardUser, IdentityRole<Guid>>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(SwitchboardUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var identity = await base.GenerateClaimsAsync(user);
        if (user.Client is { } client)
        {
            identity.AddClaim(new Claim(SwitchboardClaims.Client, client));
        }

        if (user.Agent is { } agent)
        {
            identity.AddClaim(new Claim(SwitchboardClaims.Agent, agent));
        }

        return identity;
    }
}
