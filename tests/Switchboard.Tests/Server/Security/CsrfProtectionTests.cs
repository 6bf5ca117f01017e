using System.Net;

namespace Switchboard.Tests.Server.Security;

/// <summary>The screens' circuit: blazor.web.js sends no antiforgery header, so its POSTs are guarded by origin instead.</summary>
public class CsrfProtectionTests
{
    private const string Password = "Correct-Horse-42";

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task CircuitNegotiate_WithTheCookie_FromItsOwnPageIsServed_FromAForeignOriginIs403_AndAnApiChangeStillNeedsTheHeader(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var browser = app.Browser();
        await app.UserAsync("ann@test.example", Password, ["agent"]);
        Assert.Equal(HttpStatusCode.OK, (await browser.PostAsJsonAsync("/api/auth/sign-in", new { email = "ann@test.example", password = Password }, TestContext.Current.CancellationToken)).StatusCode);

        var own = await NegotiateAsync(browser, "http://localhost");
        var foreign = await NegotiateAsync(browser, "https://evil.example");
        var apiChange = await browser.PutAsJsonAsync("/api/agents/ann/presence", new { presence = "available" }, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, own);
        Assert.Equal(HttpStatusCode.Forbidden, foreign);
        Assert.Equal(HttpStatusCode.BadRequest, apiChange.StatusCode);
    }

    private static async Task<HttpStatusCode> NegotiateAsync(HttpClient browser, string origin)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/_blazor/negotiate?negotiateVersion=1");
        request.Headers.Add("Origin", origin);
        using var response = await browser.SendAsync(request, TestContext.Current.CancellationToken);
        return response.StatusCode;
    }
}
