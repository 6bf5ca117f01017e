using System.Security.Claims;
using Switchboard.Persistence.Security;

namespace Switchboard.Tests.Server.Administration;

/// <summary>Signed-in people as a screen's circuit sees them (the claims the sign-in cookie carries).</summary>
internal static class Administrators
{
    public static ClaimsPrincipal Person(string email, params string[] roles) => new(new ClaimsIdentity(
        [new Claim(ClaimTypes.NameIdentifier, Guid.NewGuid().ToString()), new Claim(ClaimTypes.Email, email), .. roles.Select(r => new Claim(ClaimTypes.Role, r))],
        "Identity.Application"));

    public static ClaimsPrincipal Administrator { get; } = Person("admin@centre.example", Roles.Administrator);
}
