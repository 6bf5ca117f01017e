using Microsoft.AspNetCore.Antiforgery;

namespace Switchboard.Server.Security;

/// <summary>
/// Cookies travel with every request a browser makes, even one a hostile page starts, so a change made with the sign-in
/// cookie must also carry the antiforgery token (header <see cref="HeaderName"/>, from <c>GET /api/auth/antiforgery</c>).
/// Requests with a bearer token carry no ambient credential and are exempt.
/// </summary>
/// <remarks>Services come through the constructor (both are singletons): parameters of <c>InvokeAsync</c> are resolved from
/// the request's scope on every request.</remarks>
internal sealed class CsrfProtection(RequestDelegate next, IAntiforgery antiforgery, IProblemDetailsService problems)
{
    public const string HeaderName = "X-CSRF-TOKEN";

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        var unsafeMethod = !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method) || HttpMethods.IsTrace(request.Method));
        var cookieSignedIn = ApiTokenHandler.SignedInWithCookie(context);
        // The Blazor circuit's own negotiate POST cannot carry the header (the framework's script sends it); OriginCheck
        // guards /_blazor instead: a cookie-signed connection there must come from this server's own pages.
        var circuit = request.Path.StartsWithSegments("/_blazor", StringComparison.Ordinal);
        if (unsafeMethod && cookieSignedIn && !circuit && !await antiforgery.IsRequestValidAsync(context))
        {
            await problems.WriteAsync(context, StatusCodes.Status400BadRequest, "Missing antiforgery token",
                $"A change made with the sign-in cookie needs the {HeaderName} header from GET /api/auth/antiforgery.");
            return;
        }

        await next(context);
    }
}

/// <summary>Headers that keep browsers from sniffing, framing or leaking what the API returns.</summary>
internal sealed class SecurityHeaders(RequestDelegate next)
{
    private const string DataPolicy = "default-src 'none'; frame-ancestors 'none'";

    private const string PagePolicy = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
        + "font-src 'self' data:; connect-src 'self'; base-uri 'self'; form-action 'self'; object-src 'none'; frame-ancestors 'none'";

    public Task InvokeAsync(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        // The reference page loads its own scripts and styles; the screens load this server's own scripts and styles
        // (the component library sets inline styles) and talk back only to it; everything else is data and may load nothing.
        var path = context.Request.Path;
        if (!path.StartsWithSegments("/reference"))
        {
            headers.ContentSecurityPolicy = Web.WebSetup.IsPagePath(path) ? PagePolicy : DataPolicy;
        }

        return next(context);
    }
}

/// <summary>Refuses bodies larger than any request of this API needs, before anything reads them.</summary>
internal sealed class BodySizeLimit(RequestDelegate next, IProblemDetailsService problems)
{
    /// <summary>1 MiB: the largest real body (a queue with eight stages, an agent with a hundred skills) is a few kilobytes.</summary>
    public const long MaximumBytes = 1 << 20;

    public async Task InvokeAsync(HttpContext context)
    {
        if (context.Request.ContentLength > MaximumBytes)
        {
            await problems.WriteAsync(context, StatusCodes.Status413PayloadTooLarge, "Body too large", $"Request bodies are limited to {MaximumBytes} bytes.");
            return;
        }

        if (context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaximumBytes;
        }

        await next(context);
    }
}
