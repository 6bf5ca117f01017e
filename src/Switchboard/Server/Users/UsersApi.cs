using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Switchboard.Persistence;
using Switchboard.Persistence.Security;
using Switchboard.Server.Audit;
using Switchboard.Server.Security;

namespace Switchboard.Server.Users;

/// <summary>Users and their API tokens. Every permission change is audited.</summary>
internal static class UsersApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var users = api.MapGroup("/users").WithTags("Users");
        users.MapPost("/", Create).RequireAuthorization(Policies.Administration);
        users.MapGet("/", List).RequireAuthorization(Policies.Administration).Audited("user.list");
        users.MapGet("/{id:guid}", Get).RequireAuthorization(Policies.Administration).Audited("user.read");
        users.MapPut("/{id:guid}", Update).RequireAuthorization(Policies.Administration);
        users.MapPost("/{id:guid}/lock", Lock).RequireAuthorization(Policies.Administration);
        users.MapPost("/{id:guid}/unlock", Unlock).RequireAuthorization(Policies.Administration);

        var tokens = api.MapGroup("/tokens").WithTags("Users");
        tokens.MapPost("/", CreateToken).RequireAuthorization(Policies.SignedIn);
        tokens.MapGet("/", ListTokens).RequireAuthorization(Policies.SignedIn);
        tokens.MapDelete("/{id:guid}", RevokeToken).RequireAuthorization(Policies.SignedIn);
    }

    public sealed record CreateUser(
        [property: Required, EmailAddress, StringLength(256)] string Email,
        [property: Required, StringLength(200)] string Password,
        [property: Required, MinLength(1), MaxLength(5)] IReadOnlyList<string> Roles,
        [property: StringLength(64)] string? Client,
        [property: StringLength(64)] string? Agent);

    /// <summary>New roles and links; <see cref="ConcurrencyStamp"/> is the one read (409 if the user changed since).</summary>
    public sealed record UpdateUser(
        [property: Required, MinLength(1), MaxLength(5)] IReadOnlyList<string> Roles,
        [property: StringLength(64)] string? Client,
        [property: StringLength(64)] string? Agent,
        [property: Required] string ConcurrencyStamp);

    public sealed record UserView(Guid Id, string Email, IReadOnlyList<string> Roles, string? Client, string? Agent, bool TwoFactorEnabled, DateTimeOffset? LockedUntil, string ConcurrencyStamp);

    public sealed record CreateTokenRequest([property: Required, StringLength(100, MinimumLength = 1)] string Name, IReadOnlyList<string>? Scopes, DateTimeOffset? Expires, Guid? User);

    public sealed record TokenView(Guid Id, Guid User, string Name, IReadOnlyList<string> Scopes, DateTimeOffset Created, DateTimeOffset? Expires, DateTimeOffset? Revoked);

    /// <summary>A new token: <see cref="Secret"/> is shown this once and never stored.</summary>
    public sealed record TokenCreated(TokenView Token, string Secret);

    public static async Task<Results<Created<UserView>, ValidationProblem, ProblemHttpResult>> Create(
        CreateUser request, ClaimsPrincipal actor, IServiceProvider services, UserManager<SwitchboardUser> users, SwitchboardDb db, AuditTrail audit)
    {
        if (await CheckLinksAsync(request.Roles, request.Client, request.Agent, db) is { } invalid)
        {
            return invalid;
        }

        if (await users.FindByEmailAsync(request.Email) is not null)
        {
            return Problems.Conflict($"A user {request.Email} exists.");
        }

        var created = await Accounts.CreateUserAsync(services, request.Email, request.Password, request.Roles, request.Client, request.Agent);
        if (!created.Succeeded)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["password"] = [.. created.Errors.Select(e => e.Description)] });
        }

        var user = (await users.FindByEmailAsync(request.Email))!;
        await audit.RecordAsync(actor, "user.created", "user/" + user.Id, request.Client, "roles " + string.Join(",", request.Roles));
        return TypedResults.Created($"/api/users/{user.Id}", await ViewAsync(users, user));
    }

    public static async Task<Ok<UserView[]>> List(UserManager<SwitchboardUser> users, CancellationToken cancellationToken)
    {
        var all = await users.Users.AsNoTracking().OrderBy(u => u.Email).Take(1000).ToListAsync(cancellationToken);
        var views = new List<UserView>(all.Count);
        foreach (var user in all)
        {
            views.Add(await ViewAsync(users, user));
        }

        return TypedResults.Ok(views.ToArray());
    }

    public static async Task<Results<Ok<UserView>, ProblemHttpResult>> Get(Guid id, UserManager<SwitchboardUser> users) =>
        await users.FindByIdAsync(id.ToString()) is { } user ? TypedResults.Ok(await ViewAsync(users, user)) : Problems.NotFound($"No user {id}.");

    public static async Task<Results<Ok<UserView>, ValidationProblem, ProblemHttpResult>> Update(
        Guid id, UpdateUser request, ClaimsPrincipal actor, UserManager<SwitchboardUser> users, SwitchboardDb db, AuditTrail audit, ApiTokens tokens)
    {
        if (await users.FindByIdAsync(id.ToString()) is not { } user)
        {
            return Problems.NotFound($"No user {id}.");
        }

        if (!string.Equals(user.ConcurrencyStamp, request.ConcurrencyStamp, StringComparison.Ordinal))
        {
            return Problems.Conflict("The user changed since you read it: read it again and retry.");
        }

        if (await CheckLinksAsync(request.Roles, request.Client, request.Agent, db) is { } invalid)
        {
            return invalid;
        }

        var before = await users.GetRolesAsync(user);
        user.Client = request.Client;
        user.Agent = request.Agent;
        var updated = await users.UpdateAsync(user);
        if (!updated.Succeeded)
        {
            return updated.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.ConcurrencyFailure))
                ? Problems.Conflict("The user changed meanwhile: read it again and retry.")
                : Problems.Invalid(string.Join(" ", updated.Errors.Select(e => e.Description)));
        }

        await users.RemoveFromRolesAsync(user, before.Except(request.Roles, StringComparer.Ordinal));
        await users.AddToRolesAsync(user, request.Roles.Except(before, StringComparer.Ordinal));
        await users.UpdateSecurityStampAsync(user);
        tokens.Forget();
        await audit.RecordAsync(actor, "user.permissions.changed", "user/" + user.Id, request.Client,
            $"roles {string.Join(",", before)} -> {string.Join(",", request.Roles)}; agent {request.Agent ?? "-"}");
        return TypedResults.Ok(await ViewAsync(users, user));
    }

    public static Task<Results<Ok<UserView>, ProblemHttpResult>> Lock(Guid id, ClaimsPrincipal actor, UserManager<SwitchboardUser> users, AuditTrail audit, ApiTokens tokens, TimeProvider time) =>
        SetLockAsync(id, DateTimeOffset.MaxValue, actor, users, audit, tokens);

    public static Task<Results<Ok<UserView>, ProblemHttpResult>> Unlock(Guid id, ClaimsPrincipal actor, UserManager<SwitchboardUser> users, AuditTrail audit, ApiTokens tokens) =>
        SetLockAsync(id, null, actor, users, audit, tokens);

    private static async Task<Results<Ok<UserView>, ProblemHttpResult>> SetLockAsync(
        Guid id, DateTimeOffset? until, ClaimsPrincipal actor, UserManager<SwitchboardUser> users, AuditTrail audit, ApiTokens tokens)
    {
        if (await users.FindByIdAsync(id.ToString()) is not { } user)
        {
            return Problems.NotFound($"No user {id}.");
        }

        await users.SetLockoutEnabledAsync(user, true);
        await users.SetLockoutEndDateAsync(user, until);
        if (until is null)
        {
            await users.ResetAccessFailedCountAsync(user);
        }

        await users.UpdateSecurityStampAsync(user);
        tokens.Forget();
        await audit.RecordAsync(actor, until is null ? "user.unlocked" : "user.locked", "user/" + user.Id);
        return TypedResults.Ok(await ViewAsync(users, user));
    }

    public static async Task<Results<Created<TokenCreated>, ValidationProblem, ProblemHttpResult>> CreateToken(
        CreateTokenRequest request, ClaimsPrincipal actor, UserManager<SwitchboardUser> users, ApiTokens tokens, AuditTrail audit, TimeProvider time, CancellationToken cancellationToken)
    {
        var scopes = request.Scopes ?? [];
        if (scopes.FirstOrDefault(s => !Policies.All.Contains(s, StringComparer.Ordinal)) is { } unknown)
        {
            return Problems.Field("scopes", $"Unknown scope '{unknown}': one of {string.Join(", ", Policies.All)}.");
        }

        if (request.Expires is { } expires && expires <= time.GetUtcNow())
        {
            return Problems.Field("expires", "Must be in the future.");
        }

        var self = Guid.Parse(actor.UserId()!);
        var owner = request.User ?? self;
        if (owner != self && !actor.IsInRole(Roles.Administrator))
        {
            return Problems.Forbidden("Only administrators create tokens for other users.");
        }

        if (await users.FindByIdAsync(owner.ToString()) is null)
        {
            return Problems.Field("user", $"No user {owner}.");
        }

        var (token, secret) = await tokens.CreateAsync(owner, request.Name.Trim(), scopes, request.Expires, cancellationToken);
        await audit.RecordAsync(actor, "token.created", "token/" + token.Id, detail: $"for user {owner}, scopes '{token.Scopes}'");
        return TypedResults.Created($"/api/tokens/{token.Id}", new TokenCreated(View(token), secret));
    }

    public static async Task<Ok<TokenView[]>> ListTokens(ClaimsPrincipal actor, SwitchboardDb db, CancellationToken cancellationToken)
    {
        var self = Guid.Parse(actor.UserId()!);
        var query = db.ApiTokens.AsNoTracking();
        if (!actor.IsInRole(Roles.Administrator))
        {
            query = query.Where(t => t.UserId == self);
        }

        var rows = await query.OrderBy(t => t.Created).Take(1000).ToListAsync(cancellationToken);
        return TypedResults.Ok(rows.Select(View).ToArray());
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> RevokeToken(
        Guid id, ClaimsPrincipal actor, SwitchboardDb db, ApiTokens tokens, AuditTrail audit, TimeProvider time, CancellationToken cancellationToken)
    {
        var token = await db.ApiTokens.SingleOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (token is null || (token.UserId != Guid.Parse(actor.UserId()!) && !actor.IsInRole(Roles.Administrator)))
        {
            return Problems.NotFound($"No token {id}.");
        }

        token.Revoked ??= time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        tokens.Forget();
        await audit.RecordAsync(actor, "token.revoked", "token/" + token.Id);
        return TypedResults.NoContent();
    }

    private static async Task<ValidationProblem?> CheckLinksAsync(IReadOnlyList<string> roles, string? client, string? agent, SwitchboardDb db)
    {
        if (roles.FirstOrDefault(r => !Roles.All.Contains(r, StringComparer.Ordinal)) is { } unknown)
        {
            return Problems.Field("roles", $"Unknown role '{unknown}': one of {string.Join(", ", Roles.All)}.");
        }

        if (roles.Contains(Roles.ClientViewer) && client is null)
        {
            return Problems.Field("client", "A client viewer needs the client whose data they see.");
        }

        if (client is not null && !await db.Clients.AnyAsync(c => c.Id == client))
        {
            return Problems.Field("client", $"No client '{client}'.");
        }

        if (agent is not null && !await db.Agents.AnyAsync(a => a.Id == agent))
        {
            return Problems.Field("agent", $"No agent '{agent}'.");
        }

        return null;
    }

    private static async Task<UserView> ViewAsync(UserManager<SwitchboardUser> users, SwitchboardUser user) =>
        new(user.Id, user.Email ?? "", [.. await users.GetRolesAsync(user)], user.Client, user.Agent, user.TwoFactorEnabled, user.LockoutEnd, user.ConcurrencyStamp ?? "");

    private static TokenView View(ApiToken t) =>
        new(t.Id, t.UserId, t.Name, t.Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries), t.Created, t.Expires, t.Revoked);
}
