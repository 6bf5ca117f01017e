using System.Globalization;
using System.Net;
using System.Text.Json;
using Switchboard.Contacts;
using Switchboard.Persistence;
using Switchboard.Server.Wallboard;

namespace Switchboard.Tests.Server.Wallboard;

/// <summary>What the web wallboard reads from the feed beyond the hub's first figures: the wait announced to a new
/// arrival, agents' names and contacts in hand, abandonment against the queue's limit, and the in-process listeners.</summary>
public class WallboardFeedTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ReadAsync_ContactsArrive_ShowsTheWaitTheContactsApiAnnouncedToTheLatest_AndTheSameAfterARestart(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = await app.AdministratorAsync();
        await Seed.ClientAsync(admin, "acme");
        await Seed.QueueAsync(admin, "billing", "acme");
        await Seed.AgentAsync(admin, "ann", "acme");
        var offeredAtOnce = await ArriveAsync(admin, "billing");
        var toldFirst = (await ReadAsync(app)).Queues.Single().ExpectedWait;
        app.Time.Advance(TimeSpan.FromSeconds(30));

        var waits = await ArriveAsync(admin, "billing");
        var before = (await ReadAsync(app)).Queues.Single().ExpectedWait;
        await app.RestartAsync();
        var after = (await ReadAsync(app)).Queues.Single().ExpectedWait;

        Assert.Equal(TimeSpan.Zero, toldFirst?.Expected);
        Assert.Equal(TimeSpan.Zero, Expected(offeredAtOnce));
        var told = Expected(waits);
        Assert.True(told > TimeSpan.Zero, $"A second contact for one busy agent is told a wait; it was told {told}.");
        Assert.Equal(new AnnouncedWait(told, Low(waits), High(waits), waits.GetProperty("expectedWait").GetProperty("position").GetInt32(), TestApp.Start.AddSeconds(30)), before);
        Assert.Equal(before, after);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ReadAsync_NoAgentStaffed_ShowsTheWaitAsUnknown(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = await app.AdministratorAsync();
        await Seed.ClientAsync(admin, "acme");
        await Seed.QueueAsync(admin, "billing", "acme");

        var created = await ArriveAsync(admin, "billing");
        var board = (await ReadAsync(app)).Queues.Single();

        Assert.False(created.GetProperty("expectedWait").GetProperty("known").GetBoolean());
        Assert.Equal(new AnnouncedWait(null, null, null, 0, TestApp.Start), board.ExpectedWait);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ReadAsync_AnAgentTakesAContact_ShowsTheAgentsNameAndTheContactInHand(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = await app.AdministratorAsync();
        await Seed.ClientAsync(admin, "acme");
        await Seed.QueueAsync(admin, "billing", "acme");
        var agent = await admin.PostAsJsonAsync("/api/agents", new
        {
            id = "ann",
            routingDomain = "acme",
            name = "Ann Lee",
            settings = new { skills = new[] { new { skill = "general", proficiency = 3 } }, languages = new[] { new { tag = "en", proficiency = 5 } } },
        });
        Assert.Equal(HttpStatusCode.Created, agent.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PutAsJsonAsync("/api/agents/ann/presence", new { presence = "available" })).StatusCode);

        var created = await ArriveAsync(admin, "billing");
        var offer = created.GetProperty("offer").GetProperty("id").GetInt64();
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/agents/ann/offers/{offer}/accept", null)).StatusCode);
        var board = await ReadAsync(app);

        var ann = board.Agents.Single();
        Assert.Equal(("ann", "Ann Lee", 1), (ann.Agent, ann.Name, ann.Contacts));
        Assert.Equal(new CurrentContact(created.GetProperty("id").GetGuid(), "billing", Channel.Voice, ContactState.Connected), ann.CurrentContacts.Single());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ReadAsync_AbandonmentAboveTheQueuesLimit_ShowsTheRateAndTheLimit_AndTheAlarm(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = await app.AdministratorAsync();
        await Seed.ClientAsync(admin, "acme");
        await Seed.QueueAsync(admin, "billing", "acme", settings: new
        {
            stages = new[] { new { after = "00:00:00", skills = new[] { new { skill = "general", minimum = 1 } } } },
            abandonmentLimit = 0.25,
        });
        await Seed.QueueAsync(admin, "sales", "acme");

        foreach (var queue in (string[])["billing", "sales"])
        {
            var contact = (await ArriveAsync(admin, queue)).GetProperty("id").GetString();
            app.Time.Advance(TimeSpan.FromSeconds(40));
            Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync($"/api/contacts/{contact}/abandon", null)).StatusCode);
        }

        var board = await ReadAsync(app);

        var billing = board.Queues.Single(q => q.Queue == "billing");
        var sales = board.Queues.Single(q => q.Queue == "sales");
        Assert.Equal((1.0, 0.25), (billing.AbandonmentRate, billing.AbandonmentLimit));
        Assert.Equal([QueueAlarmKind.AbandonmentAboveLimit], QueueAlarms.Of(billing, board.At).Select(a => a.Kind));
        Assert.Equal((1.0, (double?)null), (sales.AbandonmentRate, sales.AbandonmentLimit));
        Assert.Empty(QueueAlarms.Of(sales, board.At));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Listen_AContactArrives_TellsListenersOfThatClientsGroupsOnly_UntilDisposed(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = await app.AdministratorAsync();
        await Seed.TwoClientsAsync(admin);
        var feed = app.Services.GetRequiredService<WallboardFeed>();
        await feed.SettledAsync(TestContext.Current.CancellationToken);
        var globexTold = 0;
        var stoppedTold = 0;
        var acme = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var everyone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        // Listeners are told in the order they listened, all in one pass: by the time acme's viewer is told, globex's
        // would have been.
        using var globex = feed.Listen(WallboardFeed.ViewerGroup("globex"), () => Interlocked.Increment(ref globexTold));
        var stopped = feed.Listen(WallboardFeed.AllGroup, () => Interlocked.Increment(ref stoppedTold));
        stopped.Dispose();
        using var all = feed.Listen(WallboardFeed.AllGroup, () => everyone.TrySetResult());
        using var acmeViewer = feed.Listen(WallboardFeed.ViewerGroup("acme"), () => acme.TrySetResult());

        await ArriveAsync(admin, "acme-billing");
        await acme.Task.WaitAsync(Patience, TestContext.Current.CancellationToken);
        await everyone.Task.WaitAsync(Patience, TestContext.Current.CancellationToken);

        Assert.Equal((0, 0), (Volatile.Read(ref globexTold), Volatile.Read(ref stoppedTold)));
    }

    [Theory]
    [InlineData(true, null, "wallboard", null)]
    [InlineData(true, "acme", "wallboard:acme", "acme")]
    [InlineData(false, null, "wallboard:viewer:acme", "acme")]
    [InlineData(false, "acme", "wallboard:viewer:acme", "acme")]
    public void AudienceOf_StaffOrOwnClient_IsTheHubsGroup(bool staff, string? named, string group, string? client)
    {
        var scope = staff ? DataScope.AllClients : DataScope.OneClient("acme");

        var audience = WallboardFeed.AudienceOf(scope, named);

        Assert.Equal((group, client), audience);
    }

    [Fact]
    public void AudienceOf_AViewerNamingAnotherClientOrNoScope_IsNone()
    {
        Assert.Null(WallboardFeed.AudienceOf(DataScope.OneClient("acme"), "globex"));
        Assert.Null(WallboardFeed.AudienceOf(DataScope.Nothing, null));
        Assert.Null(WallboardFeed.AudienceOf(null, null));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ReadAsync_ClientContract_GivesTheTargetAndTheAgreedMethod_AndFollowsAChange(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = await app.AdministratorAsync();
        await Seed.ClientAsync(admin, "acme");
        await Seed.QueueAsync(admin, "billing", "acme");
        await Seed.AgentAsync(admin, "ann", "acme", available: false);
        await ArriveAsync(admin, "billing");
        var before = (await ReadAsync(app)).Queues.Single();

        var revised = await admin.PostAsJsonAsync("/api/kpis/service-level/methods", new { parameters = new { answerThreshold = "00:00:30" } });
        var contract = await admin.PutAsJsonAsync("/api/clients/acme/contract", new
        {
            contract = new { timeZone = "UTC", targets = new[] { new { kpi = "service-level", methodVersion = 2, target = 0.9, effectiveFrom = "2026-11-01" } } },
            version = 0,
        });
        await app.Services.GetRequiredService<WallboardFeed>().SettledAsync(TestContext.Current.CancellationToken);
        var after = (await ReadAsync(app)).Queues.Single();

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.OK), (revised.StatusCode, contract.StatusCode));
        Assert.Equal(("service-level@1", (double?)null, TimeSpan.FromSeconds(20), true), (before.ServiceLevelMethod, before.ServiceLevelTarget, before.ServiceLevelThreshold, before.ThresholdIsDefault));
        Assert.Equal(("service-level@2", (double?)0.9, TimeSpan.FromSeconds(30), false), (after.ServiceLevelMethod, after.ServiceLevelTarget, after.ServiceLevelThreshold, after.ThresholdIsDefault));
        Assert.Equal(1, after.ArrivedToday);
    }

    [Fact]
    public async Task ReadAsync_QueueWithItsOwnThreshold_SaysSoBesideTheMethod()
    {
        await using var app = await TestApp.StartAsync();
        var admin = await app.AdministratorAsync();
        await Seed.ClientAsync(admin, "acme");
        await Seed.QueueAsync(admin, "billing", "acme", settings: new
        {
            stages = new[] { new { after = "00:00:00", skills = new[] { new { skill = "general", minimum = 1 } } } },
            serviceLevelThreshold = "00:00:45",
        });

        await ArriveAsync(admin, "billing");
        var board = (await ReadAsync(app)).Queues.Single();

        Assert.Equal(("service-level@1 with the queue's 45 s threshold", TimeSpan.FromSeconds(45)), (board.ServiceLevelMethod, board.ServiceLevelThreshold));
    }

    private static async Task<WallboardView> ReadAsync(TestApp app) =>
        await app.Services.GetRequiredService<WallboardFeed>().ReadAsync(null, staff: true, TestContext.Current.CancellationToken);

    private static async Task<JsonElement> ArriveAsync(HttpClient admin, string queue)
    {
        var response = await admin.PostAsJsonAsync("/api/contacts", new { queue, language = "en" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static TimeSpan Expected(JsonElement created) => Wait(created, "expected");

    private static TimeSpan Low(JsonElement created) => Wait(created, "low");

    private static TimeSpan High(JsonElement created) => Wait(created, "high");

    private static TimeSpan Wait(JsonElement created, string figure) =>
        TimeSpan.Parse(created.GetProperty("expectedWait").GetProperty(figure).GetString()!, CultureInfo.InvariantCulture);
}
