using System.Net;
using System.Net.WebSockets;
using System.Text;

namespace Switchboard.Tests.Server.Security;

/// <summary>Hubs and the event stream opened with the sign-in cookie must come from an allowed origin (issue 4).</summary>
public class OriginCheckTests
{
    private const string Password = "Correct-Horse-42";
    private const string Foreign = "https://evil.example";
    private const string Configured = "https://wallboard.example.com";

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task HubUpgrade_WithTheCookie_FromTheSameOriginJoins_FromAForeignOneIs403_AndAConfiguredOneJoins(string provider)
    {
        await using var app = await TestApp.StartAsync(provider, configuration: ["--Switchboard:Security:AllowedOrigins:0=" + Configured + "/"]);
        var cookie = await SignInAsync(app);

        var same = await UpgradeAsync(app, "/hubs/supervisor", origin: "http://localhost", cookie);
        var foreign = await UpgradeAsync(app, "/hubs/supervisor", origin: Foreign, cookie);
        var configured = await UpgradeAsync(app, "/hubs/supervisor", origin: Configured, cookie);
        var sandboxed = await UpgradeAsync(app, "/hubs/agent", origin: "null", cookie);
        var otherPort = await UpgradeAsync(app, "/hubs/supervisor", origin: "http://localhost:8080", cookie);

        Assert.Equal("{}", same);
        Assert.Equal("403", foreign);
        Assert.Equal("{}", configured);
        Assert.Equal("403", sandboxed);
        Assert.Equal("403", otherPort);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task HubUpgrade_WithATokenAndNoCookie_IsNotChecked(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var token = await app.TokenAsync("sam@test.example", ["supervisor"]);

        var noOrigin = await UpgradeAsync(app, "/hubs/supervisor?access_token=" + token, origin: null, cookie: null);
        var anyOrigin = await UpgradeAsync(app, "/hubs/supervisor?access_token=" + token, origin: Foreign, cookie: null);

        Assert.Equal(("{}", "{}"), (noOrigin, anyOrigin));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task EventStream_WithTheCookie_FromAForeignOrigin_IsAProblem403_FromTheSameOrItsOwnPageOpens(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        // An event in the log, so an opened stream sends it (and its headers) at once.
        var admin = await app.AdministratorAsync();
        await Seed.ClientAsync(admin, "acme");
        await Seed.QueueAsync(admin, "billing", "acme");
        await admin.PostAsJsonAsync("/api/contacts", new { queue = "billing", language = "en" });
        var browser = app.Browser();
        await app.UserAsync("sue@test.example", Password, ["supervisor"]);
        Assert.Equal(HttpStatusCode.OK, (await browser.PostAsJsonAsync("/api/auth/sign-in", new { email = "sue@test.example", password = Password })).StatusCode);

        var foreign = await StreamAsync(browser, ("Origin", Foreign));
        var crossSite = await StreamAsync(browser, ("Sec-Fetch-Site", "cross-site"));
        var same = await StreamAsync(browser, ("Origin", "http://localhost"));
        var ownPage = await StreamAsync(browser, ("Sec-Fetch-Site", "same-origin"));
        var page = await StreamAsync(app.Client(), ("Origin", Foreign));

        Assert.Equal((HttpStatusCode.Forbidden, "application/problem+json"), (foreign.Status, foreign.MediaType));
        Assert.Contains("Origin not allowed", foreign.Body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, crossSite.Status);
        Assert.Equal((HttpStatusCode.OK, "text/event-stream"), (same.Status, same.MediaType));
        Assert.Equal(HttpStatusCode.OK, ownPage.Status);
        // Without a cookie nothing is ambient: it is simply not signed in.
        Assert.Equal(HttpStatusCode.Unauthorized, page.Status);
    }

    /// <summary>Signs in as a supervisor and returns the sign-in cookie as a browser would send it.</summary>
    private static async Task<string> SignInAsync(TestApp app)
    {
        await app.UserAsync("sue@test.example", Password, ["supervisor"]);
        var signIn = await app.Client().PostAsJsonAsync("/api/auth/sign-in", new { email = "sue@test.example", password = Password });
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        return signIn.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).Single(c => c.StartsWith("switchboard=", StringComparison.Ordinal));
    }

    /// <summary>
    /// Opens a WebSocket to a hub (SignalR accepts one without negotiating) and completes the SignalR handshake: "{}"
    /// when the hub took it, else the status code the upgrade was refused with.
    /// </summary>
    private static async Task<string> UpgradeAsync(TestApp app, string path, string? origin, string? cookie)
    {
        var client = app.Server.CreateWebSocketClient();
        client.ConfigureRequest = request =>
        {
            if (origin is not null)
            {
                request.Headers.Origin = origin;
            }

            if (cookie is not null)
            {
                request.Headers.Cookie = cookie;
            }
        };
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        WebSocket socket;
        try
        {
            socket = await client.ConnectAsync(new Uri(new Uri("ws://localhost"), path), timeout.Token);
        }
        catch (InvalidOperationException refused) when (refused.Message.Contains("status code", StringComparison.OrdinalIgnoreCase))
        {
            return refused.Message[^3..];
        }

        using (socket)
        {
            await socket.SendAsync(Encoding.UTF8.GetBytes("{\"protocol\":\"json\",\"version\":1}\u001e"), WebSocketMessageType.Text, endOfMessage: true, timeout.Token);
            var buffer = new byte[4096];
            var received = await socket.ReceiveAsync(buffer, timeout.Token);
            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token);
            return Encoding.UTF8.GetString(buffer, 0, received.Count).Split('\u001e')[0];
        }
    }

    /// <summary>Opens the event stream and closes it again: its status, media type and (for a refusal) body.</summary>
    private static async Task<(HttpStatusCode Status, string? MediaType, string Body)> StreamAsync(HttpClient client, (string Name, string Value) header)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/events/stream");
        request.Headers.Add(header.Name, header.Value);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        // An open stream never ends: only a refusal's body is read, and disposing the response closes the stream.
        var body = response.IsSuccessStatusCode ? "" : await response.Content.ReadAsStringAsync(timeout.Token);
        return (response.StatusCode, response.Content.Headers.ContentType?.MediaType, body);
    }
}
