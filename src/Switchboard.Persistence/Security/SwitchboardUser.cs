using Microsoft.AspNetCore.Identity;

namespace Switchboard.Persistence.Security;

/// <summary>A person (or integration owner) who signs in. Roles come from ASP.NET Core Identity.</summary>
public sealed class SwitchboardUser : IdentityUser<Guid>
{
    /// <summary>For a client viewer: the one client whose data they may see.</summary>
    public string? Client { get; set; }

    /// <summary>For an agent: the agent profile they work as.</summary>
    public string? Agent { get; set; }

    public DateTimeOffset Created { get; set; }
}
