using System.Collections.Concurrent;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Switchboard.Persistence;
using Switchboard.Persistence.Security;

namespace Switchboard.Server.Security;

/// <summary>
/// API tokens for integrations: <c>Authorization: Bearer sb_…</c>. The secret is 256 random bits shown once; only its
/// SHA-256 is stored (a slow password hash adds nothing for a secret that cannot be guessed, and would cost every
/// request). A token acts as its user, narrowed to its scopes; revoking it takes effect at once in this process.
/// </summary>
internal sealed class ApiTokens(IDbContextFactory<SwitchboardDb> databases, TimeProvider time)
{
    public const string Prefix = "sb_";

    /// <summary>How long a checked token is trusted without reading the database again.</summary>
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, (ClaimsPrincipal? User, DateTimeOffset Until)> cache = new(StringComparer.Ordinal);

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    /// <summary>Creates a token for the user; returns the stored row and the secret (which is not stored).</summary>
    public async Task<(ApiToken Token, string Secret)> CreateAsync(Guid userId, string name, IEnumerable<string> scopes, DateTimeOffset? expires, CancellationToken cancellationToken)
    {
        var secret = Prefix + Base64Url(RandomNumberGenerator.GetBytes(32));
        var token = new ApiToken
        {
            Id = Guid.CreateVersion7(time.GetUtcNow()),
            UserId = userId,
            Name = name,
            SecretHash = Hash(secret),
            Scopes = string.Join(' ', scopes.Distinct(StringComparer.Ordinal)),
            Created = time.GetUtcNow(),
            Expires = expires,
        };
        await using var db = await databases.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        db.ApiTokens.Add(token);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return (token, secret);
    }

    /// <summary>Forgets cached checks so a revoked token or a changed user takes effect at once.</summary>
    public void Forget() => cache.Clear();

    public async Task<ClaimsPrincipal?> AuthenticateAsync(string secret, string scheme, CancellationToken cancellationToken)
    {
        var hash = Hash(secret);
        var now = time.GetUtcNow();
        if (cache.TryGetValue(hash, out var cached) && cached.Until > now)
        {
            return cached.User;
        }

        await using var db = await databases.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var token = await db.ApiTokens.AsNoTracking().SingleOrDefaultAsync(t => t.SecretHash == hash, cancellationToken).ConfigureAwait(false);
        ClaimsPrincipal? principal = null;
        if (token is not null && token.Revoked is null && (token.Expires is not { } expires || expires > now))
        {
            var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == token.UserId, cancellationToken).ConfigureAwait(false);
            if (user is not null && (user.LockoutEnd is not { } lockout || lockout <= now))
            {
                var roles = await (from ur in db.UserRoles
                                   join r in db.Roles on ur.RoleId equals r.Id
                                   where ur.UserId == user.Id
                                   select r.Name).ToListAsync(cancellationToken).ConfigureAwait(false);
                principal = PrincipalFor(user, roles.OfType<string>(), scheme, token);
            }
        }

        if (cache.Count > 10_000)
        {
            cache.Clear();
        }

        cache[hash] = (principal, now + CacheFor);
        return principal;
    }

    /// <summary>The claims of a user, as both sign-in paths give them.</summary>
    public static ClaimsPrincipal PrincipalFor(SwitchboardUser user, IEnumerable<string> roles, string scheme, ApiToken? token)
    {
        ArgumentNullException.ThrowIfNull(user);
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, user.Id.ToString()),
            new(ClaimTypes.Name, user.UserName ?? user.Id.ToString()),
        };
        if (user.Email is { } email)
        {
            claims.Add(new(ClaimTypes.Email, email));
        }

        claims.AddRange(roles.Select(r => new Claim(ClaimTypes.Role, r)));
        if (user.Client is { } client)
        {
            claims.Add(new(SwitchboardClaims.Client, client));
        }

        if (user.Agent is { } agent)
        {
            claims.Add(new(SwitchboardClaims.Agent, agent));
        }

        if (token is not null)
        {
            claims.Add(new(SwitchboardClaims.Token, token.Name));
            claims.Add(new(SwitchboardClaims.Scopes, token.Scopes));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme, ClaimTypes.Name, ClaimTypes.Role));
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

/// <summary>Authenticates <c>Authorization: Bearer sb_…</c> requests.</summary>
internal sealed class ApiTokenHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiTokens tokens)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiToken";

    /// <summary>Whether a request presents an API token: the bearer header, or for the hubs only the query string.</summary>
    public static bool CarriesToken(HttpRequest request) => Secret(request) is not null;

    /// <summary>
    /// Whether the request's user was signed in by the browser's cookie, an ambient credential any page can make a
    /// browser send (so CSRF and origin checks apply), rather than by an API token the caller had to present.
    /// </summary>
    public static bool SignedInWithCookie(HttpContext context) => context.User.Identity?.IsAuthenticated == true && !CarriesToken(context.Request);

    // Browsers cannot set a header on a WebSocket or an event stream, so SignalR clients send the token in the query
    // string; it is taken there for the hubs only (request lines are kept out of the logs: see ServerHost).
    private static string? Secret(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return header["Bearer ".Length..].Trim();
        }

        return request.Path.StartsWithSegments("/hubs", StringComparison.Ordinal) && request.Query["access_token"].ToString() is { Length: > 0 } fromQuery
            ? fromQuery
            : null;
    }

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (Secret(Request) is not { } secret)
        {
            return AuthenticateResult.NoResult();
        }

        if (!secret.StartsWith(ApiTokens.Prefix, StringComparison.Ordinal) || secret.Length > 200)
        {
            return AuthenticateResult.Fail("Not a Switchboard API token.");
        }

        var principal = await tokens.AuthenticateAsync(secret, SchemeName, Context.RequestAborted).ConfigureAwait(false);
        return principal is null
            ? AuthenticateResult.Fail("Unknown, expired or revoked token.")
            : AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }
}
