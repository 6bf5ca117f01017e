using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Switchboard.Persistence;
using Switchboard.Persistence.Security;

namespace Switchboard.Server.Security;

/// <summary>People sign in with ASP.NET Core Identity (hashed passwords, lockout, optional TOTP) and a cookie;
/// integrations send an API token. Either way the same roles and policies apply.</summary>
internal static class SecuritySetup
{
    /// <summary>Picks the token handler when a bearer token is sent, the Identity cookie otherwise.</summary>
    public const string Scheme = "Switchboard";

    public static IServiceCollection AddSwitchboardSecurity(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.AddScoped(provider =>
        {
            var db = provider.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<SwitchboardDb>>().CreateDbContext();
            var http = provider.GetRequiredService<IHttpContextAccessor>();
            var circuit = provider.GetRequiredService<Web.CircuitUser>();
            // A screen's circuit sees what its user may; a request likewise; background work, with neither, every client.
            // Read at each query, so a circuit's user is known by the time its first query runs.
            db.ScopeFrom(() => circuit.User is { } screenUser ? screenUser.DataScope()
                : http.HttpContext is { } context ? context.User.DataScope()
                : DataScope.AllClients);
            return db;
        });
        services.AddSingleton<ApiTokens>();
        services.AddSingleton<IAuthorizationHandler, TokenScopeHandler>();
        services.AddSingleton<IAuthorizationHandler, OwnClientHandler>();

        services.AddAuthentication(Scheme)
            .AddPolicyScheme(Scheme, "Cookie or API token", options => options.ForwardDefaultSelector = context =>
                ApiTokenHandler.CarriesToken(context.Request) ? ApiTokenHandler.SchemeName : IdentityConstants.ApplicationScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiTokenHandler>(ApiTokenHandler.SchemeName, null)
            .AddIdentityCookies();
        services.ConfigureApplicationCookie(options =>
        {
            options.Cookie.Name = "switchboard";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.SlidingExpiration = true;
            options.ExpireTimeSpan = TimeSpan.FromHours(10);
            // The API answers 401 and 403 and never redirects; a page sends a person to the sign-in page.
            options.LoginPath = Web.WebSetup.SignInPath;
            options.ReturnUrlParameter = "returnUrl";
            options.Events.OnRedirectToLogin = context =>
            {
                if (Web.WebSetup.IsPagePath(context.Request.Path))
                {
                    context.Response.Redirect(context.RedirectUri);
                }
                else
                {
                    context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                }

                return Task.CompletedTask;
            };
            options.Events.OnRedirectToAccessDenied = context =>
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
        });

        services.AddIdentityCore<SwitchboardUser>(options =>
            {
                options.User.RequireUniqueEmail = true;
                options.Password.RequiredLength = 12;
                options.Password.RequireNonAlphanumeric = false;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                options.Lockout.AllowedForNewUsers = true;
            })
            .AddRoles<IdentityRole<Guid>>()
            .AddEntityFrameworkStores<SwitchboardDb>()
            .AddSignInManager()
            .AddClaimsPrincipalFactory<SwitchboardClaimsFactory>()
            .AddDefaultTokenProviders();
        services.AddAntiforgery(options =>
        {
            options.HeaderName = CsrfProtection.HeaderName;
            options.Cookie.Name = "switchboard-csrf";
            options.Cookie.SameSite = SameSiteMode.Strict;
        });

        services.AddAuthorization(options =>
        {
            Policies.Add(options);
            // Nothing is open unless it says so: an endpoint without a policy needs a signed-in user.
            options.FallbackPolicy = options.GetPolicy(Policies.SignedIn);
        });
        return services;
    }
}
