using Microsoft.Extensions.Options;
using Switchboard.Server.Hosting;

namespace Switchboard.Server.Security;

/// <summary>
/// A browser sends the sign-in cookie with a WebSocket or an event stream that any page opens, and neither is covered
/// by antiforgery (a WebSocket upgrade is a GET, and the hub negotiate POST already is): so a hub or event-stream request
/// that is signed in with the cookie must come from the server's own origin or one of
/// <see cref="SecuritySettings.AllowedOrigins"/>, else it is refused with 403 before it is upgraded. Requests with an
/// API token (header or hub <c>access_token</c>) carry no ambient credential and are not checked.
/// </summary>
/// <remarks>Services come through the constructor, as in <see cref="CsrfProtection"/>: parameters of <c>InvokeAsync</c>
/// would be resolved from the request's scope on every request.</remarks>
internal sealed class OriginCheck
{
    private readonly RequestDelegate next;
    private readonly IProblemDetailsService problems;
    private readonly HashSet<string> allowed;

    public OriginCheck(RequestDelegate next, IProblemDetailsService problems, IOptions<ServerSettings> settings)
    {
        this.next = next;
        this.problems = problems;
        allowed = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var origin in settings.Value.Security.AllowedOrigins)
        {
            allowed.Add(Normalize(origin) ?? throw new InvalidOperationException(
                $"Switchboard:Security:AllowedOrigins: '{origin}' is not an origin such as https://wallboard.example.com."));
        }
    }

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        var guarded = request.Path.StartsWithSegments("/hubs", StringComparison.Ordinal)
            || request.Path.StartsWithSegments("/_blazor", StringComparison.Ordinal)
            || request.Path.StartsWithSegments("/api/events/stream", StringComparison.Ordinal);
        var cookieSignedIn = ApiTokenHandler.SignedInWithCookie(context);
        if (!guarded || !cookieSignedIn || Allowed(request))
        {
            await next(context);
            return;
        }

        await problems.WriteAsync(context, StatusCodes.Status403Forbidden, "Origin not allowed",
            "A live connection made with the sign-in cookie must come from this server's own pages or an origin in Switchboard:Security:AllowedOrigins.");
    }

    private bool Allowed(HttpRequest request)
    {
        var origin = request.Headers.Origin.ToString();
        if (origin.Length == 0)
        {
            // Browsers send Origin on every WebSocket and cross-origin request, and leave it off a same-origin GET; a
            // client without one is no browser. Fetch metadata, where sent, still tells a cross-site request apart.
            var site = request.Headers["Sec-Fetch-Site"].ToString();
            return site.Length == 0 || site is "same-origin" or "none";
        }

        if (Normalize(origin) is not { } normalized)
        {
            // Includes "null", the origin of sandboxed frames and local files.
            return false;
        }

        if (allowed.Contains(normalized))
        {
            return true;
        }

        // The same host and port as the request. Not the scheme: behind a proxy that ends TLS the request arrives as
        // http while the page's origin is https, and the host is what a hostile page cannot pretend to be. A Host
        // without a port was reached on its scheme's default port, so only a page on a default port matches it.
        var page = new Uri(normalized);
        return string.Equals(page.Host, request.Host.Host, StringComparison.OrdinalIgnoreCase)
            && (request.Host.Port is { } port ? page.Port == port : page.IsDefaultPort);
    }

    /// <summary>An origin as browsers write it (<c>scheme://host[:port]</c>, default port left out), or null if it is none.</summary>
    internal static string? Normalize(string origin) =>
        Uri.TryCreate(origin.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.AbsolutePath is "/" or "" && uri.Query.Length == 0
            ? uri.GetLeftPart(UriPartial.Authority)
            : null;
}
