using Microsoft.AspNetCore.Identity;
using Switchboard.Persistence.Security;

namespace Switchboard.Server.Security;

/// <summary>Creating users and roles, shared by the API, the <c>admin</c> commands and the first start.</summary>
internal static class Accounts
{
    public static async Task EnsureRolesAsync(IServiceProvider services)
    {
        var roles = services.GetRequiredService<RoleManager<IdentityRole<Guid>>>();
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                var created = await roles.CreateAsync(new IdentityRole<Guid>(role) { Id = Guid.CreateVersion7() });
                if (!created.Succeeded)
                {
                    throw new InvalidOperationException($"Cannot create role {role}: {string.Join("; ", created.Errors.Select(e => e.Description))}");
                }
            }
        }
    }

    public static async Task<IdentityResult> CreateUserAsync(IServiceProvider services, string email, string password, IReadOnlyList<string> roles, string? client, string? agent)
    {
        await EnsureRolesAsync(services);
        var users = services.GetRequiredService<UserManager<SwitchboardUser>>();
        var time = services.GetRequiredService<TimeProvider>();
        var user = new SwitchboardUser
        {
            Id = Guid.CreateVersion7(time.GetUtcNow()),
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            Client = client,
            Agent = agent,
            Created = time.GetUtcNow(),
        };
        var result = await users.CreateAsync(user, password);
        if (!result.Succeeded)
        {
            return result;
        }

        return await users.AddToRolesAsync(user, roles);
    }
}
