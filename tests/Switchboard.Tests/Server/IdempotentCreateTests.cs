using System.Net;
using System.Text.Json;

namespace Switchboard.Tests.Server;

public class IdempotentCreateTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ClientCreate_RetriedWithTheSameKey_GetsTheFirstAnswer_AnotherBodyIsRefused(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = await app.AdministratorAsync();
        admin.DefaultRequestHeaders.Add("Idempotency-Key", "onboard-acme");

        var first = await admin.PostAsJsonAsync("/api/clients", new { id = "acme", name = "Acme" });
        var retry = await admin.PostAsJsonAsync("/api/clients", new { id = "acme", name = "Acme" });
        var other = await admin.PostAsJsonAsync("/api/clients", new { id = "globex", name = "Globex" });
        var clients = await admin.GetFromJsonAsync<JsonElement[]>("/api/clients");

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal(first.Headers.Location, retry.Headers.Location);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await retry.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, other.StatusCode);
        Assert.Single(clients!);
    }

    [Fact]
    public async Task RefusedCreate_ReleasesTheKey_SoACorrectedRetryGoesThrough()
    {
        await using var app = await TestApp.StartAsync();
        var admin = await app.AdministratorAsync();
        admin.DefaultRequestHeaders.Add("Idempotency-Key", "onboard-acme");

        var refused = await admin.PostAsJsonAsync("/api/clients", new { id = "Not Valid", name = "Acme" });
        var corrected = await admin.PostAsJsonAsync("/api/clients", new { id = "acme", name = "Acme" });

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Created, corrected.StatusCode);
    }

    [Fact]
    public async Task TokenCreate_Retried_DoesNotShowTheSecretAgain()
    {
        await using var app = await TestApp.StartAsync();
        var admin = await app.AdministratorAsync();
        admin.DefaultRequestHeaders.Add("Idempotency-Key", "crm-token");

        var first = await admin.PostAsJsonAsync("/api/tokens", new { name = "crm" });
        var retry = await admin.PostAsJsonAsync("/api/tokens", new { name = "crm" });
        var tokens = await admin.GetFromJsonAsync<JsonElement[]>("/api/tokens");

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, retry.StatusCode);
        Assert.DoesNotContain("sb_", await retry.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Single(tokens!, t => t.GetProperty("name").GetString() == "crm");
    }
}
