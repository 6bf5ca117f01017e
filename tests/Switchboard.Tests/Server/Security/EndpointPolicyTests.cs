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

        var offenders = endpoints
            .Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is null
                && !e.Metadata.GetOrderedMetadata<IAuthorizeData>().Any(a => a.Policy is not null || a.Roles is not null))
            .Select(e => e.DisplayName ?? e.RoutePattern.RawText)
            .ToList();

        Assert.NotEmpty(endpoints);
        Assert.True(offenders.Count == 0, "Endpoints without a policy: " + string.Join(", ", offenders));
    }
}
