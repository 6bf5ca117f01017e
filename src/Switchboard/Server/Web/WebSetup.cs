using Microsoft.AspNetCore.Identity;
using MudBlazor.Services;
using Switchboard.Persistence.Security;
using Switchboard.Server.Security;

namespace Switchboard.Server.Web;

/// <summary>The web application (ADR 0007): Blazor components rendered on the server, interactive over a SignalR
/// circuit, with MudBlazor's components. Sign-in pages are plain HTML forms, since only a full request can set the cookie.</summary>
internal static class WebSetup
{
    /// <summary>Where the sign-in page lives; the cookie sends people here when a page needs them signed in.</summary>
    public const string SignInPath = "/sign-in";

    public static IServiceCollection AddSwitchboardWeb(this IServiceCollection services)
    {
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddCascadingAuthenticationState();
        services.AddScoped<CircuitUser>();
        services.AddScoped<Microsoft.AspNetCore.Components.Server.Circuits.CircuitHandler>(provider => provider.GetRequiredService<CircuitUser>());
        services.AddMudServices();
        return services;
    }

    public static void MapSwitchboardWeb(this WebApplication app)
    {
        app.MapStaticAssets().AllowAnonymous();
        app.MapRazorComponents<App>()
            .AddInteractiveServerRenderMode()
            .RequireAuthorization(Policies.SignedIn);
        app.MapPost("/sign-out", SignOutAsync).RequireAuthorization(Policies.SignedIn).ExcludeFromDescription();
    }

    /// <summary>True for the paths of the API and the machinery (which answer 401 and never redirect), false for pages.</summary>
    public static bool IsPagePath(PathString path) =>
        !(path.StartsWithSegments("/api") || path.StartsWithSegments("/hubs") || path.StartsWithSegments("/health")
            || path.StartsWithSegments("/metrics") || path.StartsWithSegments("/openapi") || path.StartsWithSegments("/_blazor"));

    /// <summary>A return address taken from a query string is followed only if it stays on this server.</summary>
    public static string LocalOrHome(string? returnUrl) =>
        returnUrl is { Length: > 0 } && returnUrl[0] == '/' && !returnUrl.StartsWith("//", StringComparison.Ordinal)
            && !returnUrl.StartsWith("/\\", StringComparison.Ordinal) && Uri.IsWellFormedUriString(returnUrl, UriKind.Relative)
            ? returnUrl
            : "/";

    private static async Task<IResult> SignOutAsync(SignInManager<SwitchboardUser> signIn)
    {
        await signIn.SignOutAsync();
        return TypedResults.LocalRedirect(SignInPath);
    }
}
