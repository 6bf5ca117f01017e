using System.Net;
using System.Text.Json;

namespace Switchboard.Tests.Server.Security;

public class UsersAndTokensTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task RevokedToken_IsRefusedAtOnce(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = await app.AdministratorAsync();
        var created = await (await admin.PostAsJsonAsync("/api/tokens", new { name = "crm" })).Content.ReadFromJsonAsync<JsonElement>();
        var crm = app.Client(created.GetProperty("secret").GetString());
        var before = await crm.GetAsync("/api/clients");

        var revoked = await admin.DeleteAsync($"/api/tokens/{created.GetProperty("token").GetProperty("id").GetString()}");
        var after = await crm.GetAsync("/api/clients");

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }

    [Fact]
    public async Task ScopedToken_CanDoOnlyWhatItsScopesName()
    {
        await using var app = await TestApp.StartAsync();
        var admin = await app.AdministratorAsync();
        await Seed.ClientAsync(admin, "acme");
        var reader = app.Client(await app.TokenAsync("crm@test.example", ["administrator"], scopes: ["contacts:read"]));

        var read = await reader.GetAsync("/api/clients");
        var write = await reader.PostAsJsonAsync("/api/clients", new { id = "globex", name = "Globex" });

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, write.StatusCode);
    }

    [Fact]
    public async Task ClientViewer_CannotCreateUsers_NorTokensForOthers()
    {
        await using var app = await TestApp.StartAsync();
        var admin = await app.AdministratorAsync();
        await Seed.ClientAsync(admin, "acme");
        var viewer = app.Client(await app.TokenAsync("viewer@acme.example", ["client-viewer"], client: "acme"));
        var users = await admin.GetFromJsonAsync<JsonElement[]>("/api/users");
        var adminId = users!.First(u => u.GetProperty("roles")[0].GetString() == "administrator").GetProperty("id").GetString();

        var user = await viewer.PostAsJsonAsync("/api/users", new { email = "evil@test.example", password = "Evil-Password-12", roles = new[] { "administrator" } });
        var token = await viewer.PostAsJsonAsync("/api/tokens", new { name = "x", user = adminId });

        Assert.Equal(HttpStatusCode.Forbidden, user.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, token.StatusCode);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ChangingRoles_WithAStaleStamp_IsAConflict_AndTheChangeIsAudited(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = await app.AdministratorAsync();
        await Seed.ClientAsync(admin, "acme");
        var created = await (await admin.PostAsJsonAsync("/api/users",
            new { email = "sue@test.example", password = "Sue-Password-123", roles = new[] { "agent" } })).Content.ReadFromJsonAsync<JsonElement>();
        var id = created.GetProperty("id").GetString();
        var stamp = created.GetProperty("concurrencyStamp").GetString();

        var first = await admin.PutAsJsonAsync($"/api/users/{id}", new { roles = new[] { "supervisor" }, concurrencyStamp = stamp });
        var stale = await admin.PutAsJsonAsync($"/api/users/{id}", new { roles = new[] { "administrator" }, concurrencyStamp = stamp });
        var now = await admin.GetFromJsonAsync<JsonElement>($"/api/users/{id}");
        var auditor = app.Client(await app.TokenAsync("auditor@test.example", ["auditor"]));
        var trail = await auditor.GetFromJsonAsync<JsonElement[]>("/api/audit?limit=1000");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal("supervisor", Assert.Single(now.GetProperty("roles").EnumerateArray()).GetString());
        Assert.Contains(trail!, e => e.GetProperty("action").GetString() == "user.permissions.changed" && e.GetProperty("resource").GetString() == $"user/{id}");
    }
}
