using System.Net;
using System.Text.Json;
using Switchboard.Contacts;
using Switchboard.Server.RoutingDomains;

namespace Switchboard.Tests.Server;

/// <summary>Contact commands find a live contact's writer from the directory, and every other contact as before.</summary>
public class ContactDirectoryTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task End_LiveContactAfterARestart_IsFoundAgain(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var token = await app.AdministratorTokenAsync();
        var admin = app.Client(token);
        await SeedAsync(admin);
        var (id, offer) = await CreateAsync(admin);
        await admin.PostAsync($"/api/agents/ann/offers/{offer}/accept", null);

        await app.RestartAsync();
        var ended = await app.Client(token).PostAsync($"/api/contacts/{id}/end", null);

        Assert.Equal(HttpStatusCode.NoContent, ended.StatusCode);
        Assert.True(app.Services.GetRequiredService<ContactDirectory>().TryFind(id, out var domain, out var client));
        Assert.Equal(("acme", "acme"), (domain, client));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Entry_FollowsEachStoredChange_AndIsRebuiltWithItAfterARestart(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var token = await app.AdministratorTokenAsync();
        var admin = app.Client(token);
        await SeedAsync(admin);
        var (id, offer) = await CreateAsync(admin);
        app.Services.GetRequiredService<ContactDirectory>().TryFind(id, out DirectoryEntry offered);
        await admin.PostAsync($"/api/agents/ann/offers/{offer}/accept", null);
        app.Services.GetRequiredService<ContactDirectory>().TryFind(id, out DirectoryEntry connected);

        await app.RestartAsync();
        app.Services.GetRequiredService<ContactDirectory>().TryFind(id, out DirectoryEntry restored);
        await app.Client(token).PostAsync($"/api/contacts/{id}/end", null);
        app.Services.GetRequiredService<ContactDirectory>().TryFind(id, out DirectoryEntry ended);

        Assert.Equal((ContactState.Offered, "ann"), (offered.State, offered.Agent));
        Assert.Equal((ContactState.Connected, "ann"), (connected.State, connected.Agent));
        Assert.Equal(connected, restored);
        Assert.Equal((ContactState.WrapUp, "ann"), (ended.State, ended.Agent));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task End_CompletedContact_LeavesTheDirectoryAndIsRefused(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = await app.AdministratorAsync();
        await SeedAsync(admin);
        var (id, offer) = await CreateAsync(admin);
        await admin.PostAsync($"/api/agents/ann/offers/{offer}/accept", null);
        await admin.PostAsync($"/api/contacts/{id}/end", null);
        await admin.PostAsJsonAsync($"/api/contacts/{id}/wrap-up", new { disposition = "resolved" });

        var again = await admin.PostAsync($"/api/contacts/{id}/end", null);
        var unknown = await admin.PostAsync($"/api/contacts/{Guid.NewGuid()}/end", null);

        Assert.False(app.Services.GetRequiredService<ContactDirectory>().TryFind(id, out _, out _));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public void ForgetDomain_TwoDomains_ForgetsOnlyThatDomainsContacts()
    {
        var directory = new ContactDirectory();
        var kept = Guid.NewGuid();
        var forgotten = Guid.NewGuid();
        directory.Add(kept, "north", "acme");
        directory.Add(forgotten, "south", "globex");

        directory.ForgetDomain("south");

        Assert.True(directory.TryFind(kept, out _, out _));
        Assert.False(directory.TryFind(forgotten, out _, out _));
    }

    /// <summary>Client acme, its queue billing and agent ann.</summary>
    private static async Task SeedAsync(HttpClient admin)
    {
        await Seed.ClientAsync(admin, "acme");
        await Seed.QueueAsync(admin, "billing", "acme");
        await Seed.AgentAsync(admin, "ann", "acme");
    }

    private static async Task<(Guid Id, long Offer)> CreateAsync(HttpClient admin)
    {
        var created = await admin.PostAsJsonAsync("/api/contacts", new { queue = "billing", language = "en" });
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        return (body.GetProperty("id").GetGuid(), body.GetProperty("offer").GetProperty("id").GetInt64());
    }
}
