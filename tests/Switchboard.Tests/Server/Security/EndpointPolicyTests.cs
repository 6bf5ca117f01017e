using Microsoft.AspNetCore.Authorization;

namespace Switchboard.Tests.Server.Security;

/// <summary>Every endpoint says who may call it: a policy, or an explicit "anonymous" (issue 4, section 3).</summary>
public class EndpointPolicyTests
{
    [Fact]
    public async Task EveryEndpoint_NamesAPolicyOrIsExplicitlyAnonymous()
    {
        await using var app = await TestApp.StartAsync();
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();

        // One endpoint is the framework's own: running from a build (not a publish), MapStaticAssets adds a fallback that
        // serves files missing from the build's manifest, with no way to give it a policy; the fallback policy still
        // makes it need a signed-in user (a page asks one to sign in), which the last assertions check.
        const string StaticAssetDevelopmentFallback = "Fallback {**path:file}";
        var offenders = endpoints
            .Where(e => e.DisplayName != StaticAssetDevelopmentFallback)
            .Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is null
                && !e.Metadata.GetOrderedMetadata<IAuthorizeData>().Any(a => a.Policy is not null || a.Roles is not null))
            .Select(e => e.DisplayName ?? e.RoutePattern.RawText)
            .ToList();

        Assert.NotEmpty(endpoints);
        Assert.True(offenders.Count == 0, "Endpoints without a policy: " + string.Join(", ", offenders));
        var missing = await app.Client().GetAsync(new Uri("/no-such-file.css", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, missing.StatusCode);
        Assert.StartsWith("/sign-in?", missing.Headers.Location?.PathAndQuery, StringComparison.Ordinal);
    }
}
