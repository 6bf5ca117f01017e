using System.Net;

namespace Switchboard.Tests.Server;

/// <summary>A routing domain whose next due moment is months away (a certification's expiry) still sleeps and stops.</summary>
public class RoutingDomainSleepTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Restart_CertificationExpiringInAHundredDays_StopsAndStartsCleanly(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = await app.AdministratorAsync();
        await Seed.ClientAsync(admin, "acme");
        var certified = new { skill = "billing", proficiency = 3, certifiedUntil = TestApp.Start.AddDays(100) };
        (await admin.PostAsJsonAsync("/api/agents", new { id = "ada", routingDomain = "acme", name = "Ada", settings = new { skills = new[] { certified } } }))
            .EnsureSuccessStatusCode();

        await app.RestartAsync();

        Assert.Equal(HttpStatusCode.OK, (await (await app.AdministratorAsync()).GetAsync(new Uri("/api/agents/ada", UriKind.Relative))).StatusCode);
    }
}
