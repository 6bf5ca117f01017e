using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Switchboard.Persistence;
using Switchboard.Persistence.Events;
using Switchboard.Routing;
using Switchboard.Server.RoutingDomains;

namespace Switchboard.Tests.Server;

/// <summary>A routing domain restarts from its newest usable snapshot and the log after it, or from the whole log.</summary>
public class RoutingSnapshotTests
{
    private const string Domain = "acme";

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Restart_FromASnapshotAndTheEventsAfterIt_SameContactsOffersAndAgents(string provider)
    {
        await using var app = await TestApp.StartAsync(provider, configuration: ["--Switchboard:Routing:SnapshotEvery=5"]);
        var admin = await BusyDayAsync(app);
        // The graceful stop writes a snapshot covering everything; without it, the next start must use an older
        // snapshot taken along the way and replay the events after it.
        await app.RestartAsync();
        var before = await StateAsync(app, admin = await app.AdministratorAsync());
        var (total, newest) = await LogAndNewestSnapshotAsync(app);
        await ExecuteAsync(app, db => db.Snapshots.Where(s => s.Domain == Domain && s.Sequence == newest).ExecuteDeleteAsync());

        await app.RestartAsync();
        var after = await StateAsync(app, await app.AdministratorAsync());
        var load = (await Host(app).GetAsync(Domain)).LastLoad;

        Assert.Equal(before, after);
        Assert.InRange(load.Events, 1, total - 1);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Restart_EverySnapshotCorrupt_ReplaysTheWholeLogToTheSameState(string provider)
    {
        await using var app = await TestApp.StartAsync(provider, configuration: ["--Switchboard:Routing:SnapshotEvery=5"]);
        var admin = await BusyDayAsync(app);
        var before = await StateAsync(app, admin);
        await app.RestartAsync();
        var (total, _) = await LogAndNewestSnapshotAsync(app);
        await ExecuteAsync(app, db => db.Snapshots.Where(s => s.Domain == Domain).ExecuteUpdateAsync(s => s.SetProperty(x => x.Payload, new byte[] { 1, 2, 3 })));

        await app.RestartAsync();
        var after = await StateAsync(app, await app.AdministratorAsync());
        var load = (await Host(app).GetAsync(Domain)).LastLoad;

        Assert.Equal(before, after);
        Assert.Equal(total, load.Events);
    }

    [Fact]
    public async Task Snapshots_OfALargerState_WaitForAsManyEventsAsItHeldEntries()
    {
        await using var app = await TestApp.StartAsync(configuration: ["--Switchboard:Routing:SnapshotEvery=5"]);
        var admin = await app.AdministratorAsync();
        await Seed.ClientAsync(admin, Domain);
        await Seed.QueueAsync(admin, "billing", Domain);

        // Nobody serves the queue, so every contact stays in the state the snapshots hold. Snapshots are written in the
        // background and the next is only started by a stored batch after the last one is written, so contacts keep
        // coming until two are stored after the state grew (however slowly a loaded machine writes them): the first
        // snapshot, taken after five events, holds too little to tell.
        var databases = app.Services.GetRequiredService<IDbContextFactory<SwitchboardDb>>();
        for (var i = 0; i < 400; i++)
        {
            (await admin.PostAsJsonAsync("/api/contacts", new { queue = "billing", language = "en" })).EnsureSuccessStatusCode();
            await using var db = await databases.CreateDbContextAsync();
            if (i >= 60 && await db.Snapshots.CountAsync(s => s.Domain == Domain && s.Sequence > 40) >= 2)
            {
                break;
            }
        }

        var (older, newer) = await TwoNewestSnapshotsAsync(app);
        var entries = older.State.Contacts.Count + older.State.Finished.Count + older.State.Offers.Count;

        Assert.True(entries > 5, $"The older snapshot held only {entries} entries.");
        Assert.InRange(newer.Sequence - older.Sequence, entries, long.MaxValue);
    }

    /// <summary>Contacts waiting, offered, connected, in wrap-up and completed, with two agents at work.</summary>
    private static async Task<HttpClient> BusyDayAsync(TestApp app)
    {
        var admin = await app.AdministratorAsync();
        await Seed.ClientAsync(admin, Domain);
        await Seed.QueueAsync(admin, "billing", Domain);
        await Seed.AgentAsync(admin, "ann", Domain);
        await Seed.AgentAsync(admin, "bob", Domain);
        var ids = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            var created = await (await admin.PostAsJsonAsync("/api/contacts", new { queue = "billing", language = "en" })).Content.ReadFromJsonAsync<JsonElement>();
            ids.Add(created.GetProperty("id").GetString()!);
            app.Time.Advance(TimeSpan.FromSeconds(3));
        }

        // Ann takes her offer and finishes it; bob leaves his open.
        var offer = Assert.Single((await admin.GetFromJsonAsync<JsonElement[]>("/api/agents/ann/offers"))!);
        (await admin.PostAsync(new Uri($"/api/agents/ann/offers/{offer.GetProperty("id").GetInt64()}/accept", UriKind.Relative), null)).EnsureSuccessStatusCode();
        var contact = offer.GetProperty("contact").GetString();
        (await admin.PostAsync(new Uri($"/api/contacts/{contact}/end", UriKind.Relative), null)).EnsureSuccessStatusCode();
        return admin;
    }

    /// <summary>What the API shows of every contact, offer and agent, and the engine's own logical view.</summary>
    private static async Task<string> StateAsync(TestApp app, HttpClient admin)
    {
        var contacts = await admin.GetStringAsync(new Uri("/api/contacts", UriKind.Relative));
        var ann = await admin.GetStringAsync(new Uri("/api/agents/ann/offers", UriKind.Relative));
        var bob = await admin.GetStringAsync(new Uri("/api/agents/bob/offers", UriKind.Relative));
        var agents = await admin.GetStringAsync(new Uri("/api/agents", UriKind.Relative));
        var domain = await Host(app).GetAsync(Domain);
        var engine = await domain.Run(batch => JsonSerializer.Serialize(batch.Engine.Snapshot()));
        return string.Join('\n', contacts, ann, bob, agents, engine);
    }

    private static async Task<(long Events, long NewestSnapshot)> LogAndNewestSnapshotAsync(TestApp app)
    {
        var databases = app.Services.GetRequiredService<IDbContextFactory<SwitchboardDb>>();
        await using var db = await databases.CreateDbContextAsync();
        var events = await db.Events.CountAsync(e => e.Domain == Domain);
        var snapshots = await db.Snapshots.Where(s => s.Domain == Domain).Select(s => s.Sequence).ToListAsync();
        Assert.Equal(2, snapshots.Count);
        return (events, snapshots.Max());
    }

    /// <summary>The two newest snapshots of the domain once they are written (they are written in the background).</summary>
    private static async Task<((long Sequence, EngineState State) Older, (long Sequence, EngineState State) Newer)> TwoNewestSnapshotsAsync(TestApp app)
    {
        var databases = app.Services.GetRequiredService<IDbContextFactory<SwitchboardDb>>();
        for (var attempt = 0; ; attempt++)
        {
            await using var db = await databases.CreateDbContextAsync();
            var newest = await db.Snapshots.Where(s => s.Domain == Domain).OrderByDescending(s => s.Sequence).Take(2).ToListAsync();
            if (newest.Count == 2 || attempt == 100)
            {
                Assert.Equal(2, newest.Count);
                return ((newest[1].Sequence, EngineStates.Read(newest[1].Format, newest[1].Payload)), (newest[0].Sequence, EngineStates.Read(newest[0].Format, newest[0].Payload)));
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }
    }

    private static async Task ExecuteAsync(TestApp app, Func<SwitchboardDb, Task<int>> change)
    {
        var databases = app.Services.GetRequiredService<IDbContextFactory<SwitchboardDb>>();
        await using var db = await databases.CreateDbContextAsync();
        Assert.True(await change(db) > 0);
    }

    private static RoutingDomainHost Host(TestApp app) => app.Services.GetRequiredService<RoutingDomainHost>();
}
