using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;

namespace Switchboard.Tests.Server.Realtime;

public class SupervisorHubTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task QueueChanged_AContactArrivesAndIsAnswered_WaitingGoesUpThenDown(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = await app.AdministratorAsync();
        await Seed.ClientAsync(admin, "acme");
        await Seed.QueueAsync(admin, "billing", "acme");
        await Seed.AgentAsync(admin, "ann", "acme", available: false);
        await using var board = await Board.OpenAsync(app, await app.TokenAsync("sue@test.example", ["supervisor"]));
        var first = await board.NextAsync("Wallboard");

        var created = await (await admin.PostAsJsonAsync("/api/contacts", new { queue = "billing", language = "en" })).Content.ReadFromJsonAsync<JsonElement>();
        var arrived = await board.NextAsync("QueueChanged", q => q.GetProperty("waiting").GetInt32() == 1);
        await admin.PutAsJsonAsync("/api/agents/ann/presence", new { presence = "available" });
        var offer = (await admin.GetFromJsonAsync<JsonElement[]>("/api/agents/ann/offers"))!.Single().GetProperty("id").GetInt64();
        await admin.PostAsync($"/api/agents/ann/offers/{offer}/accept", null);
        var answered = await board.NextAsync("QueueChanged", q => q.GetProperty("waiting").GetInt32() == 0);
        var busy = await board.NextAsync("AgentChanged", a => a.GetProperty("presence").GetString() == "busy");

        var queue = first.GetProperty("queues").EnumerateArray().Single();
        Assert.Equal(("billing", "acme", 0), (queue.GetProperty("queue").GetString(), queue.GetProperty("client").GetString(), queue.GetProperty("waiting").GetInt32()));
        Assert.Equal("offline", first.GetProperty("agents").EnumerateArray().Single().GetProperty("presence").GetString());
        Assert.Equal(1, arrived.GetProperty("arrivedToday").GetInt32());
        Assert.Equal(1, answered.GetProperty("answeredToday").GetInt32());
        Assert.Equal("ann", busy.GetProperty("agent").GetString());
        Assert.NotNull(created.GetProperty("id").GetString());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Wallboard_AnsweredAndAbandonedAtKnownWaits_ServiceLevelByTheQueuesThreshold_AndTheSameAfterARestart(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = await app.AdministratorAsync();
        await Seed.ClientAsync(admin, "acme");
        await Seed.QueueAsync(admin, "billing", "acme", settings: new
        {
            stages = new[] { new { after = "00:00:00", skills = new[] { new { skill = "general", minimum = 1 } } } },
            serviceLevelThreshold = "00:00:20",
            serviceLevelTarget = 0.8,
        });
        await Seed.AgentAsync(admin, "ann", "acme", available: false);

        await AnswerAfterAsync(app, admin, TimeSpan.FromSeconds(10));
        await AnswerAfterAsync(app, admin, TimeSpan.FromSeconds(30));
        await AbandonAfterAsync(app, admin, TimeSpan.FromSeconds(40));
        await AbandonAfterAsync(app, admin, TimeSpan.FromSeconds(5));
        var supervisor = await app.TokenAsync("sue@test.example", ["supervisor"]);
        JsonElement before;
        await using (var board = await Board.OpenAsync(app, supervisor))
        {
            before = (await board.NextAsync("Wallboard")).GetProperty("queues").EnumerateArray().Single();
        }

        await app.RestartAsync();
        await using var again = await Board.OpenAsync(app, supervisor, client: "acme");
        var after = (await again.NextAsync("Wallboard")).GetProperty("queues").EnumerateArray().Single();

        Assert.Equal((4, 2, 1, 2), (
            before.GetProperty("arrivedToday").GetInt32(), before.GetProperty("answeredToday").GetInt32(),
            before.GetProperty("answeredWithinThreshold").GetInt32(), before.GetProperty("abandonedToday").GetInt32()));
        // One answered in time, over two answered and one abandoned after the threshold; the 5-second abandon is left out.
        Assert.Equal(1.0 / 3, before.GetProperty("serviceLevel").GetDouble(), 9);
        Assert.Equal(0.8, before.GetProperty("serviceLevelTarget").GetDouble());
        Assert.True(before.GetProperty("belowTarget").GetBoolean());
        Assert.False(before.GetProperty("thresholdIsDefault").GetBoolean());
        foreach (var figure in (string[])["arrivedToday", "answeredToday", "answeredWithinThreshold", "abandonedToday", "serviceLevel", "belowTarget"])
        {
            Assert.Equal(before.GetProperty(figure).ToString(), after.GetProperty(figure).ToString());
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Wallboard_AQueueWithATimeZone_StartsItsDayAtLocalMidnight(string provider)
    {
        // 09:00 UTC on Monday is 18:00 in Tokyo; six hours later Tokyo's Tuesday has begun while London's Monday goes on.
        await using var app = await TestApp.StartAsync(provider);
        var admin = await app.AdministratorAsync();
        await Seed.ClientAsync(admin, "acme");
        await Seed.QueueAsync(admin, "tokyo", "acme", settings: new
        {
            stages = new[] { new { after = "00:00:00", skills = new[] { new { skill = "general", minimum = 1 } } } },
            openingHours = new { timeZone = "Asia/Tokyo", weekly = Enum.GetNames<DayOfWeek>().Select(day => new { day = day.ToLowerInvariant(), from = "00:00:00", to = "00:00:00" }) },
        });
        await Seed.QueueAsync(admin, "london", "acme");
        await Seed.AgentAsync(admin, "ann", "acme");
        foreach (var queue in (string[])["tokyo", "london"])
        {
            var created = await (await admin.PostAsJsonAsync("/api/contacts", new { queue, language = "en" })).Content.ReadFromJsonAsync<JsonElement>();
            var contact = created.GetProperty("id").GetString();
            Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/agents/ann/offers/{created.GetProperty("offer").GetProperty("id").GetInt64()}/accept", null)).StatusCode);
            await admin.PostAsync($"/api/contacts/{contact}/end", null);
            await admin.PostAsJsonAsync($"/api/contacts/{contact}/wrap-up", new { disposition = "resolved" });
        }

        var supervisor = await app.TokenAsync("sue@test.example", ["supervisor"]);
        JsonElement evening;
        await using (var board = await Board.OpenAsync(app, supervisor))
        {
            evening = (await board.NextAsync("Wallboard")).GetProperty("queues");
        }

        app.Time.Advance(TimeSpan.FromHours(6));
        await app.RestartAsync();
        await using var later = await Board.OpenAsync(app, supervisor);
        var afterMidnight = (await later.NextAsync("Wallboard")).GetProperty("queues");

        static int Answered(JsonElement queues, string queue) =>
            queues.EnumerateArray().Single(q => q.GetProperty("queue").GetString() == queue).GetProperty("answeredToday").GetInt32();
        Assert.Equal((1, 1), (Answered(evening, "tokyo"), Answered(evening, "london")));
        Assert.Equal((0, 1), (Answered(afterMidnight, "tokyo"), Answered(afterMidnight, "london")));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Connect_AnAgentsToken_IsRefused(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var agent = await app.TokenAsync("ann@test.example", ["agent"], agent: "ann");

        await using var connection = Board.Build(app, agent, client: null);

        await Assert.ThrowsAnyAsync<Exception>(() => connection.StartAsync());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task AccessTokenInTheQuery_IsTakenForHubsOnly(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var supervisor = await app.TokenAsync("sue@test.example", ["supervisor"]);
        var anonymous = app.Client();

        var hub = await anonymous.PostAsync($"/hubs/supervisor/negotiate?negotiateVersion=1&access_token={supervisor}", null);
        var hubWithout = await anonymous.PostAsync("/hubs/supervisor/negotiate?negotiateVersion=1", null);
        var api = await anonymous.GetAsync($"/api/queues?access_token={supervisor}");

        Assert.Equal(HttpStatusCode.OK, hub.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, hubWithout.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Wallboard_AClientViewer_SeesOnlyItsOwnQueues_AndNoAgents_OnJoiningAndInLaterPushes(string provider)
    {
        // Two clients on one floor: the agents serve both, so even their counts would tell of the other client.
        await using var app = await TestApp.StartAsync(provider);
        var admin = await app.AdministratorAsync();
        await Seed.TwoClientsAsync(admin, "floor");
        await Seed.AgentAsync(admin, "ann", "floor", available: false);
        await using var staff = await Board.OpenAsync(app, await app.TokenAsync("sue@test.example", ["supervisor"]));
        await using var viewer = await Board.OpenAsync(app, await app.TokenAsync("vic@acme.example", ["client-viewer"], client: "acme"));
        var staffFirst = await staff.NextAsync("Wallboard");
        var viewerFirst = await viewer.NextAsync("Wallboard");

        // Each change is seen pushed to staff before the next, and the viewer's last push comes after all of them, so
        // anything of globex's or of ann's sent to the viewer would have arrived before it.
        await admin.PostAsJsonAsync("/api/contacts", new { queue = "globex-sales", language = "en" });
        await staff.NextAsync("QueueChanged", q => q.GetProperty("queue").GetString() == "globex-sales" && q.GetProperty("waiting").GetInt32() == 1);
        await admin.PutAsJsonAsync("/api/agents/ann/presence", new { presence = "break", reason = "training" });
        await staff.NextAsync("AgentChanged", a => a.GetProperty("presence").GetString() == "break");
        await admin.PostAsJsonAsync("/api/contacts", new { queue = "acme-billing", language = "en" });
        var viewerLast = await viewer.NextAsync("QueueChanged", q => q.GetProperty("waiting").GetInt32() == 1);
        var pushed = viewer.Seen;

        Assert.Equal(["acme-billing", "globex-sales"], Queues(staffFirst));
        Assert.Single(staffFirst.GetProperty("agents").EnumerateArray());
        Assert.Equal(["acme-billing"], Queues(viewerFirst));
        Assert.Empty(viewerFirst.GetProperty("agents").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, viewerFirst.GetProperty("queues")[0].GetProperty("agentsByPresence").ValueKind);
        Assert.Equal("acme-billing", viewerLast.GetProperty("queue").GetString());
        Assert.DoesNotContain(pushed, m => m.Name == "AgentChanged");
        Assert.All(pushed.Where(m => m.Name == "QueueChanged"), m =>
        {
            Assert.Equal("acme", m.Body.GetProperty("client").GetString());
            Assert.Equal(JsonValueKind.Null, m.Body.GetProperty("agentsByPresence").ValueKind);
        });
        Assert.DoesNotContain("globex", string.Join("\n", pushed.Select(m => m.Body.GetRawText())), StringComparison.Ordinal);
        Assert.DoesNotContain("ann", string.Join("\n", pushed.Select(m => m.Body.GetRawText())), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Connect_AClientViewerNamingAnotherClient_IsRefused_ButItsOwnClientIsNot(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = await app.AdministratorAsync();
        await Seed.TwoClientsAsync(admin);
        var viewer = await app.TokenAsync("vic@acme.example", ["client-viewer"], client: "acme");
        var anonymous = app.Client();

        var other = await anonymous.PostAsync($"/hubs/supervisor/negotiate?negotiateVersion=1&client=globex&access_token={viewer}", null);
        var own = await anonymous.PostAsync($"/hubs/supervisor/negotiate?negotiateVersion=1&client=acme&access_token={viewer}", null);
        await using var refused = Board.Build(app, viewer, client: "globex");
        var connecting = await Record.ExceptionAsync(() => refused.StartAsync());
        await using var board = await Board.OpenAsync(app, viewer, client: "acme");
        var first = await board.NextAsync("Wallboard");

        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.OK), (other.StatusCode, own.StatusCode));
        Assert.Equal(HttpStatusCode.Forbidden, Assert.IsType<HttpRequestException>(connecting).StatusCode);
        Assert.Equal(["acme-billing"], Queues(first));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Connect_ATokenScopedToSupervision_StillWatches_ButOneScopedToContactsIsRefused(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var supervision = await app.TokenAsync("sue@test.example", ["supervisor"], scopes: ["supervision"]);
        var contacts = await app.TokenAsync("sam@test.example", ["supervisor"], scopes: ["contacts:read"]);
        var anonymous = app.Client();

        var watching = await anonymous.PostAsync($"/hubs/supervisor/negotiate?negotiateVersion=1&access_token={supervision}", null);
        var refused = await anonymous.PostAsync($"/hubs/supervisor/negotiate?negotiateVersion=1&access_token={contacts}", null);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.Forbidden), (watching.StatusCode, refused.StatusCode));
    }

    private static string[] Queues(JsonElement board) =>
        [.. board.GetProperty("queues").EnumerateArray().Select(q => q.GetProperty("queue").GetString()!).Order(StringComparer.Ordinal)];

    private static async Task<JsonElement> ArriveAsync(HttpClient admin) =>
        await (await admin.PostAsJsonAsync("/api/contacts", new { queue = "billing", language = "en" })).Content.ReadFromJsonAsync<JsonElement>();

    private static async Task AnswerAfterAsync(TestApp app, HttpClient admin, TimeSpan wait)
    {
        var contact = (await ArriveAsync(admin)).GetProperty("id").GetString();
        app.Time.Advance(wait);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PutAsJsonAsync("/api/agents/ann/presence", new { presence = "available" })).StatusCode);
        var offer = (await admin.GetFromJsonAsync<JsonElement[]>("/api/agents/ann/offers"))!.Single().GetProperty("id").GetInt64();
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/agents/ann/offers/{offer}/accept", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync($"/api/contacts/{contact}/end", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsJsonAsync($"/api/contacts/{contact}/wrap-up", new { disposition = "resolved" })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PutAsJsonAsync("/api/agents/ann/presence", new { presence = "break", reason = "notes" })).StatusCode);
    }

    private static async Task AbandonAfterAsync(TestApp app, HttpClient admin, TimeSpan wait)
    {
        var contact = (await ArriveAsync(admin)).GetProperty("id").GetString();
        app.Time.Advance(wait);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync($"/api/contacts/{contact}/abandon", null)).StatusCode);
    }

    /// <summary>A supervisor's wallboard connected to the in-memory server.</summary>
    private static class Board
    {
        private static readonly string[] Messages = ["Wallboard", "QueueChanged", "AgentChanged"];

        public static Task<HubInbox> OpenAsync(TestApp app, string token, string? client = null) =>
            HubInbox.OpenAsync(app, Path(client), token, Messages);

        public static HubConnection Build(TestApp app, string token, string? client) => HubInbox.Build(app, Path(client), token);

        private static string Path(string? client) => "/hubs/supervisor" + (client is null ? "" : "?client=" + client);
    }
}
