using System.Net;
using System.Text.Json;

namespace Switchboard.Tests.Server;

public class ContactLifecycleTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Contact_OfferedAcceptedEndedWrappedUp_IsCompletedWithItsHistory(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = await app.AdministratorAsync();
        await Seed.ClientAsync(admin, "acme");
        await Seed.QueueAsync(admin, "billing", "acme");
        await Seed.AgentAsync(admin, "ann", "acme");

        var created = await admin.PostAsJsonAsync("/api/contacts", new { queue = "billing", language = "en", channel = "voice" });
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        var id = body.GetProperty("id").GetString();
        var offer = body.GetProperty("offer").GetProperty("id").GetInt64();
        var accepted = await admin.PostAsync($"/api/agents/ann/offers/{offer}/accept", null);
        var ended = await admin.PostAsync($"/api/contacts/{id}/end", null);
        var wrapped = await admin.PostAsJsonAsync($"/api/contacts/{id}/wrap-up", new { disposition = "resolved", reason = "invoice" });
        var contact = await admin.GetFromJsonAsync<JsonElement>($"/api/contacts/{id}");
        var history = await admin.GetFromJsonAsync<JsonElement[]>($"/api/contacts/{id}/events");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, ended.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, wrapped.StatusCode);
        Assert.Equal("completed", contact.GetProperty("state").GetString());
        Assert.Equal("resolved", contact.GetProperty("disposition").GetString());
        Assert.Equal(
            ["contactQueued", "contactOffered", "offerAccepted", "conversationEnded", "contactCompleted"],
            history!.Select(e => e.GetProperty("type").GetString()).ToArray());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Create_WithAPreferredAgent_OfferedToThemOverTheAgentIdleLongest_BadWaitsAre400(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = await app.AdministratorAsync();
        await Seed.ClientAsync(admin, "acme");
        await Seed.QueueAsync(admin, "billing", "acme");
        await Seed.AgentAsync(admin, "bob", "acme");
        app.Time.Advance(TimeSpan.FromSeconds(5));
        await Seed.AgentAsync(admin, "ann", "acme");

        var preferred = await admin.PostAsJsonAsync("/api/contacts", new { queue = "billing", language = "en", preferredAgent = "ann", preferredAgentWait = "00:10:00" });
        var negative = await admin.PostAsJsonAsync("/api/contacts", new { queue = "billing", language = "en", preferredAgent = "ann", preferredAgentWait = "-00:10:00" });
        var waitAlone = await admin.PostAsJsonAsync("/api/contacts", new { queue = "billing", language = "en", preferredAgentWait = "00:10:00" });
        var badAgent = await admin.PostAsJsonAsync("/api/contacts", new { queue = "billing", language = "en", preferredAgent = "not an id!" });
        var unreadable = await admin.PostAsJsonAsync("/api/contacts", new { queue = "billing", language = "en", preferredAgent = "ann", preferredAgentWait = "soon" });

        Assert.Equal(HttpStatusCode.Created, preferred.StatusCode);
        Assert.Equal("ann", (await preferred.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("offer").GetProperty("agent").GetString());
        foreach (var (response, field) in new[] { (negative, "preferredAgentWait"), (waitAlone, "preferredAgentWait"), (badAgent, "preferredAgent") })
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _), await response.Content.ReadAsStringAsync());
        }

        Assert.Equal(HttpStatusCode.BadRequest, unreadable.StatusCode);
        Assert.Equal("application/problem+json", unreadable.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task List_ContactsArrivedInOneInstant_PagesThroughEachOnce(string provider)
    {
        // The fake clock stands still, so every contact arrives at the same instant: a cursor on arrival alone would
        // skip or repeat them at a page boundary.
        await using var app = await TestApp.StartAsync(provider);
        var admin = await app.AdministratorAsync();
        await Seed.ClientAsync(admin, "acme");
        await Seed.QueueAsync(admin, "billing", "acme");
        var created = new List<string>();
        for (var i = 0; i < 7; i++)
        {
            var response = await admin.PostAsJsonAsync("/api/contacts", new { queue = "billing", language = "en" });
            created.Add((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!);
        }

        var seen = new List<string>();
        var pages = 0;
        for (var next = "/api/contacts?queue=billing&limit=3"; next is not null; pages++)
        {
            var response = await admin.GetAsync(next);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            seen.AddRange((await response.Content.ReadFromJsonAsync<JsonElement[]>())!.Select(c => c.GetProperty("id").GetString()!));
            next = response.Headers.TryGetValues("Link", out var links) ? links.Single().Split('>')[0].TrimStart('<') : null;
        }

        var badCursor = await admin.GetAsync("/api/contacts?cursor=not-a-cursor");

        Assert.Equal(created.Order(), seen.Order());
        Assert.Equal(3, pages);
        Assert.Equal(HttpStatusCode.BadRequest, badCursor.StatusCode);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Contact_RetriedWithTheSameIdempotencyKey_IsCreatedOnce(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = await app.AdministratorAsync();
        await Seed.ClientAsync(admin, "acme");
        await Seed.QueueAsync(admin, "billing", "acme");
        admin.DefaultRequestHeaders.Add("Idempotency-Key", "order-42");

        var first = await admin.PostAsJsonAsync("/api/contacts", new { queue = "billing", language = "en" });
        var retry = await admin.PostAsJsonAsync("/api/contacts", new { queue = "billing", language = "en" });
        var other = await admin.PostAsJsonAsync("/api/contacts", new { queue = "billing", language = "fr" });
        var all = await admin.GetFromJsonAsync<JsonElement[]>("/api/contacts");

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal(
            (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString(),
            (await retry.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, other.StatusCode);
        Assert.Single(all!);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Restart_RebuildsTheEngineFromTheLog_AndGoesOnRouting(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = await app.AdministratorAsync();
        await Seed.ClientAsync(admin, "acme");
        await Seed.QueueAsync(admin, "billing", "acme");
        var waiting = await (await admin.PostAsJsonAsync("/api/contacts", new { queue = "billing", language = "en" })).Content.ReadFromJsonAsync<JsonElement>();

        await app.RestartAsync();
        admin = await app.AdministratorAsync();
        await Seed.AgentAsync(admin, "ann", "acme");
        var offers = await admin.GetFromJsonAsync<JsonElement[]>("/api/agents/ann/offers");

        Assert.Equal(waiting.GetProperty("id").GetString(), Assert.Single(offers!).GetProperty("contact").GetString());
    }
}
