using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;

namespace Switchboard.Tests.Server.Realtime;

public class AgentHubTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Accept_OfferPushedToTheDesk_WinsOverTheHub_ThenHttpGets409(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = await AcmeWithAnnAsync(app);
        var token = await app.TokenAsync("ann@test.example", ["agent"], agent: "ann");
        await using var desk = await Desk.OpenAsync(app, token);
        var state = await desk.NextAsync("DeskState");

        var created = await (await admin.PostAsJsonAsync("/api/contacts", new { queue = "billing", language = "en" })).Content.ReadFromJsonAsync<JsonElement>();
        var offered = await desk.NextAsync("OfferMade");
        var listed = (await app.Client(token).GetFromJsonAsync<JsonElement[]>("/api/agents/ann/offers"))!.Single();
        var offer = offered.GetProperty("offer").GetInt64();
        var reply = await desk.Connection.InvokeAsync<string>("Accept", offer);
        var ended = await desk.NextAsync("OfferEnded");
        var second = await app.Client(token).PostAsync($"/api/agents/ann/offers/{offer}/accept", null);

        Assert.Equal("available", state.GetProperty("presence").GetProperty("presence").GetString());
        Assert.Equal(created.GetProperty("id").GetString(), offered.GetProperty("contact").GetProperty("id").GetString());
        Assert.Equal("billing", offered.GetProperty("contact").GetProperty("queue").GetString());
        Assert.Equal(listed.GetProperty("expiresAt").GetDateTimeOffset(), offered.GetProperty("expiresAt").GetDateTimeOffset());
        Assert.True(offered.GetProperty("expiresAt").GetDateTimeOffset() > TestApp.Start);
        Assert.Equal(listed.GetProperty("id").GetInt64(), offer);
        Assert.Equal("accepted", reply);
        Assert.Equal("accepted", ended.GetProperty("reason").GetString());
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task OfferEnded_ClockPassesTheExpiry_DeskToldItExpired(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = await AcmeWithAnnAsync(app);
        await using var desk = await Desk.OpenAsync(app, await app.TokenAsync("ann@test.example", ["agent"], agent: "ann"));
        await desk.NextAsync("DeskState");
        await admin.PostAsJsonAsync("/api/contacts", new { queue = "billing", language = "en" });
        var offered = await desk.NextAsync("OfferMade");

        app.Time.Advance(offered.GetProperty("expiresAt").GetDateTimeOffset() - app.Time.GetUtcNow() + TimeSpan.FromSeconds(1));
        var ended = await desk.NextAsync("OfferEnded");

        Assert.Equal(offered.GetProperty("offer").GetInt64(), ended.GetProperty("offer").GetInt64());
        Assert.Equal("expired", ended.GetProperty("reason").GetString());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task OnConnected_OfferAlreadyLive_DeskStateHoldsItWithItsExpiry(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = await AcmeWithAnnAsync(app);
        await admin.PostAsJsonAsync("/api/contacts", new { queue = "billing", language = "en", vulnerableCustomer = true });
        var token = await app.TokenAsync("ann@test.example", ["agent"], agent: "ann");
        var listed = (await app.Client(token).GetFromJsonAsync<JsonElement[]>("/api/agents/ann/offers"))!.Single();

        await using var desk = await Desk.OpenAsync(app, token);
        var state = await desk.NextAsync("DeskState");

        var offer = state.GetProperty("offers").EnumerateArray().Single();
        Assert.Equal(listed.GetProperty("id").GetInt64(), offer.GetProperty("offer").GetInt64());
        Assert.Equal(listed.GetProperty("expiresAt").GetDateTimeOffset(), offer.GetProperty("expiresAt").GetDateTimeOffset());
        Assert.Equal("billing", offer.GetProperty("contact").GetProperty("queue").GetString());
        Assert.True(offer.GetProperty("contact").GetProperty("vulnerable").GetBoolean());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task SetPresence_ThroughTheHub_PushedBackAndSeenOverHttp(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = await AcmeWithAnnAsync(app);
        var token = await app.TokenAsync("ann@test.example", ["agent"], agent: "ann");
        await using var desk = await Desk.OpenAsync(app, token);
        await desk.NextAsync("DeskState");

        await desk.Connection.InvokeAsync("SetPresence", "break", "lunch");
        var pushed = await desk.NextAsync("PresenceChanged");
        var agent = await app.Client(token).GetFromJsonAsync<JsonElement>("/api/agents/ann");

        Assert.Equal("break", pushed.GetProperty("presence").GetString());
        Assert.Equal("lunch", pushed.GetProperty("reason").GetString());
        Assert.Equal("break", agent.GetProperty("live").GetProperty("presence").GetString());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task OnConnected_AgentJoiningAsAnother_IsRefused_SupervisorMayJoin(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = await AcmeWithAnnAsync(app);
        await Seed.AgentAsync(admin, "bob", "acme");
        var bob = await app.TokenAsync("bob@test.example", ["agent"], agent: "bob");
        var supervisor = await app.TokenAsync("sue@test.example", ["supervisor"]);

        var refused = await Desk.RefusedAsync(app, bob, "ann");
        await using var watched = await Desk.OpenAsync(app, supervisor, "ann");
        var state = await watched.NextAsync("DeskState");

        Assert.True(refused);
        Assert.Equal("ann", state.GetProperty("agent").GetString());
    }

    /// <summary>Client acme with queue billing and agent ann, available; returns the administrator's client.</summary>
    internal static async Task<HttpClient> AcmeWithAnnAsync(TestApp app)
    {
        var admin = await app.AdministratorAsync();
        await Seed.ClientAsync(admin, "acme");
        await Seed.QueueAsync(admin, "billing", "acme");
        await Seed.AgentAsync(admin, "ann", "acme");
        return admin;
    }

    /// <summary>An agent desk connected to the in-memory server.</summary>
    private static class Desk
    {
        private static readonly string[] Messages = ["DeskState", "OfferMade", "OfferEnded", "ContactChanged", "PresenceChanged"];

        public static Task<HubInbox> OpenAsync(TestApp app, string token, string? agent = null) =>
            HubInbox.OpenAsync(app, Path(agent), token, Messages);

        /// <summary>True when the server closes the connection (or refuses to start it) instead of sending a desk.</summary>
        public static async Task<bool> RefusedAsync(TestApp app, string token, string agent)
        {
            await using var connection = HubInbox.Build(app, Path(agent), token);
            var closed = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
            var state = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
            connection.Closed += error => { closed.TrySetResult(error); return Task.CompletedTask; };
            connection.On<JsonElement>("DeskState", body => state.TrySetResult(body));
            try
            {
                await connection.StartAsync();
            }
            catch (Exception)
            {
                return true;
            }

            var first = await Task.WhenAny(closed.Task, state.Task).WaitAsync(HubInbox.Patience);
            return first == closed.Task;
        }

        private static string Path(string? agent) => "/hubs/agent" + (agent is null ? "" : "?agent=" + agent);
    }
}
