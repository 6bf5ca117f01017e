using System.Net;
using System.Text.Json;
using OtpNet;

namespace Switchboard.Tests.Server.Security;

public class SignInTests
{
    private const string Password = "Correct-Horse-42";

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task SignIn_WithPassword_SetsACookieThatOpensTheApi(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        await app.UserAsync("sue@test.example", Password, ["supervisor"]);
        var browser = app.Browser();

        var before = await browser.GetAsync("/api/clients");
        var signIn = await browser.PostAsJsonAsync("/api/auth/sign-in", new { email = "sue@test.example", password = Password });
        var after = await browser.GetAsync("/api/clients");
        var me = await browser.GetFromJsonAsync<JsonElement>("/api/auth/me");

        Assert.Equal(HttpStatusCode.Unauthorized, before.StatusCode);
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.Equal("supervisor", me.GetProperty("roles")[0].GetString());
    }

    [Fact]
    public async Task FiveWrongPasswords_LockTheAccount_EvenAgainstTheRightOne()
    {
        await using var app = await TestApp.StartAsync();
        await app.UserAsync("sue@test.example", Password, ["supervisor"]);
        var browser = app.Browser();

        var wrong = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            wrong.Add((await browser.PostAsJsonAsync("/api/auth/sign-in", new { email = "sue@test.example", password = "Wrong-Password-1" })).StatusCode);
        }

        var right = await browser.PostAsJsonAsync("/api/auth/sign-in", new { email = "sue@test.example", password = Password });

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.Unauthorized, 4), HttpStatusCode.Locked], wrong);
        Assert.Equal(HttpStatusCode.Locked, right.StatusCode);
    }

    [Fact]
    public async Task TwoFactor_OnceEnabled_SignInNeedsTheCurrentCode()
    {
        await using var app = await TestApp.StartAsync();
        await app.UserAsync("sue@test.example", Password, ["supervisor"]);
        var browser = app.Browser();
        await browser.PostAsJsonAsync("/api/auth/sign-in", new { email = "sue@test.example", password = Password });
        var csrf = await browser.GetFromJsonAsync<JsonElement>("/api/auth/antiforgery");
        browser.DefaultRequestHeaders.Add("X-CSRF-TOKEN", csrf.GetProperty("token").GetString());
        var setup = await (await browser.PostAsync("/api/auth/two-factor/setup", null)).Content.ReadFromJsonAsync<JsonElement>();
        var totp = new Totp(Base32Encoding.ToBytes(setup.GetProperty("sharedKey").GetString()!));
        var enabled = await browser.PostAsJsonAsync("/api/auth/two-factor/enable", new { code = totp.ComputeTotp() });
        await browser.PostAsync("/api/auth/sign-out", null);

        var fresh = app.Browser();
        var first = await (await fresh.PostAsJsonAsync("/api/auth/sign-in", new { email = "sue@test.example", password = Password })).Content.ReadFromJsonAsync<JsonElement>();
        var lockedBeforeCode = await fresh.GetAsync("/api/clients");
        var badCode = await fresh.PostAsJsonAsync("/api/auth/sign-in/two-factor", new { code = WrongCode(totp.ComputeTotp()) });
        var goodCode = await fresh.PostAsJsonAsync("/api/auth/sign-in/two-factor", new { code = totp.ComputeTotp() });
        var opened = await fresh.GetAsync("/api/clients");

        Assert.Equal(HttpStatusCode.NoContent, enabled.StatusCode);
        Assert.True(first.GetProperty("twoFactorRequired").GetBoolean());
        Assert.Equal(HttpStatusCode.Unauthorized, lockedBeforeCode.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, badCode.StatusCode);
        Assert.Equal(HttpStatusCode.OK, goodCode.StatusCode);
        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
    }

    [Fact]
    public async Task CookieChange_WithoutTheAntiforgeryHeader_IsRefused_AndWithItGoesThrough()
    {
        await using var app = await TestApp.StartAsync();
        await app.UserAsync("root@test.example", Password, ["administrator"]);
        var browser = app.Browser();
        await browser.PostAsJsonAsync("/api/auth/sign-in", new { email = "root@test.example", password = Password });

        var forged = await browser.PostAsJsonAsync("/api/clients", new { id = "acme", name = "Acme" });
        var csrf = await browser.GetFromJsonAsync<JsonElement>("/api/auth/antiforgery");
        browser.DefaultRequestHeaders.Add("X-CSRF-TOKEN", csrf.GetProperty("token").GetString());
        var genuine = await browser.PostAsJsonAsync("/api/clients", new { id = "acme", name = "Acme" });

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.Created, genuine.StatusCode);
    }

    [Fact]
    public async Task SignIn_ManyAttemptsFromOneAddress_AreSlowedDown()
    {
        await using var app = await TestApp.StartAsync();
        var browser = app.Browser();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 12; i++)
        {
            statuses.Add((await browser.PostAsJsonAsync("/api/auth/sign-in", new { email = $"nobody{i}@test.example", password = "Whatever-123" })).StatusCode);
        }

        Assert.All(statuses.Take(10), s => Assert.Equal(HttpStatusCode.Unauthorized, s));
        Assert.All(statuses.Skip(10), s => Assert.Equal(HttpStatusCode.TooManyRequests, s));
    }

    [Fact]
    public async Task Responses_CarrySecurityHeaders()
    {
        await using var app = await TestApp.StartAsync();

        var response = await app.Client().GetAsync("/health");

        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    private static string WrongCode(string code) => ((int.Parse(code, System.Globalization.CultureInfo.InvariantCulture) + 1) % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
}
