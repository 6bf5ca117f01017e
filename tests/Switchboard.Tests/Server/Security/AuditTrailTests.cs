using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Switchboard.Persistence;

namespace Switchboard.Tests.Server.Security;

public class AuditTrailTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ReadsOfPersonalData_AreInTheTrail_AndTheChainIsIntact(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var (auditor, contact) = await SeedAsync(app);

        var entries = await auditor.GetFromJsonAsync<JsonElement[]>("/api/audit");
        var verified = await auditor.GetFromJsonAsync<JsonElement>("/api/audit/verify");
        var again = await auditor.GetFromJsonAsync<JsonElement[]>("/api/audit");

        Assert.Contains(entries!, e => e.GetProperty("action").GetString() == "contact.read" && e.GetProperty("resource").GetString() == $"/api/contacts/{contact}");
        Assert.True(verified.GetProperty("intact").GetBoolean());
        Assert.Contains(again!, e => e.GetProperty("action").GetString() == "audit.read");
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ChangedRow_IsFoundAtThatRow(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var (auditor, _) = await SeedAsync(app);
        await using (var db = await Database(app))
        {
            await db.AuditEntries.Where(e => e.Id == 2).ExecuteUpdateAsync(s => s.SetProperty(e => e.Actor, "someone else"));
        }

        var verified = await auditor.GetFromJsonAsync<JsonElement>("/api/audit/verify");

        Assert.False(verified.GetProperty("intact").GetBoolean());
        Assert.Equal(2, verified.GetProperty("brokenAt").GetInt64());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task RemovedRow_IsFoundWhereItWas(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var (auditor, _) = await SeedAsync(app);
        await using (var db = await Database(app))
        {
            await db.AuditEntries.Where(e => e.Id == 2).ExecuteDeleteAsync();
        }

        var verified = await auditor.GetFromJsonAsync<JsonElement>("/api/audit/verify");

        Assert.False(verified.GetProperty("intact").GetBoolean());
        Assert.Equal(2, verified.GetProperty("brokenAt").GetInt64());
    }

    [Fact]
    public async Task ClientViewer_CannotReadTheTrail()
    {
        await using var app = await TestApp.StartAsync();
        var admin = await app.AdministratorAsync();
        await Seed.ClientAsync(admin, "acme");
        var viewer = app.Client(await app.TokenAsync("viewer@acme.example", ["client-viewer"], client: "acme"));

        var response = await viewer.GetAsync("/api/audit");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    private static async Task<(HttpClient Auditor, string Contact)> SeedAsync(TestApp app)
    {
        var admin = await app.AdministratorAsync();
        await Seed.ClientAsync(admin, "acme");
        await Seed.QueueAsync(admin, "billing", "acme");
        var created = await (await admin.PostAsJsonAsync("/api/contacts", new { queue = "billing", language = "en" })).Content.ReadFromJsonAsync<JsonElement>();
        var contact = created.GetProperty("id").GetString()!;
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/api/contacts/{contact}")).StatusCode);
        }

        return (app.Client(await app.TokenAsync("auditor@test.example", ["auditor"])), contact);
    }

    private static Task<SwitchboardDb> Database(TestApp app) => app.Services.GetRequiredService<IDbContextFactory<SwitchboardDb>>().CreateDbContextAsync();
}
