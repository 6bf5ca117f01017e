using System.Net;
using System.Text.Json;

namespace Switchboard.Tests.Server;

/// <summary>Changing a running queue's routing through the API: the engine takes the new stages at once, and keeps them across a restart.</summary>
public class QueueChangeTests
{
    private static object Needing(string skill) => new { stages = new[] { new { after = "00:00:00", skills = new[] { new { skill, minimum = 1 } } } } };

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Put_NewStages_AWaitingContactIsOfferedAtOnceAndTheChangeSurvivesARestart(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = await app.AdministratorAsync();
        await Seed.ClientAsync(admin, "acme");
        await Seed.QueueAsync(admin, "billing", "acme", skill: "billing");
        await Seed.AgentAsync(admin, "sam", "acme", skill: "sales");
        var created = await (await admin.PostAsJsonAsync("/api/contacts", new { queue = "billing", language = "en" })).Content.ReadFromJsonAsync<JsonElement>();
        var contact = created.GetProperty("id").GetString();

        var changed = await admin.PutAsJsonAsync("/api/queues/billing", new { name = "Billing", settings = Needing("sales"), version = 1 });
        var offers = await admin.GetFromJsonAsync<JsonElement[]>("/api/agents/sam/offers");
        await app.RestartAsync();
        admin = await app.AdministratorAsync();
        var queue = await admin.GetFromJsonAsync<JsonElement>("/api/queues/billing");
        await Seed.AgentAsync(admin, "sue", "acme", skill: "sales");
        var next = await (await admin.PostAsJsonAsync("/api/contacts", new { queue = "billing", language = "en" })).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(JsonValueKind.Null, created.GetProperty("offer").ValueKind);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal(contact, Assert.Single(offers!).GetProperty("contact").GetString());
        Assert.Equal((2, "Billing", "sales"), (
            queue.GetProperty("version").GetInt32(),
            queue.GetProperty("name").GetString(),
            queue.GetProperty("settings").GetProperty("stages")[0].GetProperty("skills")[0].GetProperty("skill").GetString()));
        Assert.Equal("sue", next.GetProperty("offer").GetProperty("agent").GetString());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Put_StaleVersionUnknownQueueOrBadSettings_IsRefusedAndChangesNothing(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = await app.AdministratorAsync();
        await Seed.ClientAsync(admin, "acme");
        await Seed.QueueAsync(admin, "billing", "acme", skill: "billing");

        var stale = await admin.PutAsJsonAsync("/api/queues/billing", new { name = "Billing", settings = Needing("sales"), version = 7 });
        var unknown = await admin.PutAsJsonAsync("/api/queues/nowhere", new { name = "Nowhere", settings = Needing("sales"), version = 1 });
        var noStages = await admin.PutAsJsonAsync("/api/queues/billing", new { name = "Billing", settings = new { stages = Array.Empty<object>() }, version = 1 });
        var queue = await admin.GetFromJsonAsync<JsonElement>("/api/queues/billing");
        var events = await admin.GetFromJsonAsync<JsonElement>("/api/events?limit=1000");

        Assert.Equal((HttpStatusCode.Conflict, HttpStatusCode.NotFound, HttpStatusCode.BadRequest), (stale.StatusCode, unknown.StatusCode, noStages.StatusCode));
        Assert.Contains("stages", await noStages.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(1, queue.GetProperty("version").GetInt32());
        Assert.DoesNotContain(events.GetProperty("events").EnumerateArray(), e => e.GetProperty("type").GetString() == "queueReconfigured");
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task PutAgent_ANewSkill_AWaitingContactIsOfferedAtOnce_AndAStaleVersionConflicts(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = await app.AdministratorAsync();
        await Seed.ClientAsync(admin, "acme");
        await Seed.QueueAsync(admin, "billing", "acme", skill: "billing");
        await Seed.AgentAsync(admin, "sam", "acme", skill: "sales");
        var contact = (await (await admin.PostAsJsonAsync("/api/contacts", new { queue = "billing", language = "en" })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        object Skilled(int version) => new
        {
            name = "Sam",
            settings = new { skills = new[] { new { skill = "sales", proficiency = 3 }, new { skill = "billing", proficiency = 2 } }, languages = new[] { new { tag = "en", proficiency = 5 } } },
            version,
        };

        var changed = await admin.PutAsJsonAsync("/api/agents/sam", Skilled(1));
        var stale = await admin.PutAsJsonAsync("/api/agents/sam", Skilled(1));
        var offers = await admin.GetFromJsonAsync<JsonElement[]>("/api/agents/sam/offers");
        var agent = await admin.GetFromJsonAsync<JsonElement>("/api/agents/sam");

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.Conflict), (changed.StatusCode, stale.StatusCode));
        Assert.Equal(contact, Assert.Single(offers!).GetProperty("contact").GetString());
        Assert.Equal((2, "Sam"), (agent.GetProperty("version").GetInt32(), agent.GetProperty("name").GetString()));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Put_TenChangesOfOneVersionAtOnce_OneWinsTheRestConflict(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = await app.AdministratorAsync();
        await Seed.ClientAsync(admin, "acme");
        await Seed.QueueAsync(admin, "billing", "acme", skill: "billing");

        var answers = await Task.WhenAll(Enumerable.Range(0, 10).Select(i =>
            admin.PutAsJsonAsync("/api/queues/billing", new { name = $"Billing {i}", settings = Needing("sales"), version = 1 })));
        var queue = await admin.GetFromJsonAsync<JsonElement>("/api/queues/billing");

        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.OK);
        Assert.Equal(9, answers.Count(a => a.StatusCode == HttpStatusCode.Conflict));
        Assert.Equal(2, queue.GetProperty("version").GetInt32());
    }
}
