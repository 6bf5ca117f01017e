using System.Net.ServerSentEvents;
using System.Text.Json;

namespace Switchboard.Tests.Server;

public class EventStreamTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Stream_ResumedFromACursor_GetsExactlyTheEventsAfterIt_ThenLiveOnes(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = await app.AdministratorAsync();
        await Seed.ClientAsync(admin, "acme");
        await Seed.QueueAsync(admin, "billing", "acme");
        await admin.PostAsJsonAsync("/api/contacts", new { queue = "billing", language = "en" });
        var page = await admin.GetFromJsonAsync<JsonElement>("/api/events");
        var cursor = page.GetProperty("cursor").GetString()!;
        await admin.PostAsJsonAsync("/api/contacts", new { queue = "billing", language = "en" });
        var expected = (await admin.GetFromJsonAsync<JsonElement>($"/api/events?after={cursor}")).GetProperty("events").GetArrayLength();

        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/events/stream");
        request.Headers.Add("Last-Event-ID", cursor);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        using var response = await admin.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        var items = SseParser.Create(await response.Content.ReadAsStreamAsync(timeout.Token)).EnumerateAsync(timeout.Token).GetAsyncEnumerator(timeout.Token);
        var seen = new List<JsonElement>();
        for (var i = 0; i < expected; i++)
        {
            Assert.True(await items.MoveNextAsync());
            seen.Add(JsonDocument.Parse(items.Current.Data).RootElement);
        }

        await admin.PostAsJsonAsync("/api/contacts", new { queue = "billing", language = "fr" });
        Assert.True(await items.MoveNextAsync());
        var live = JsonDocument.Parse(items.Current.Data).RootElement;

        Assert.Equal(1, expected);
        Assert.Equal("contactQueued", seen.Single().GetProperty("type").GetString());
        Assert.Equal("contactQueued", live.GetProperty("type").GetString());
        Assert.Equal(seen.Single().GetProperty("sequence").GetInt64() + 1, live.GetProperty("sequence").GetInt64());
        Assert.Equal(items.Current.EventId, live.GetProperty("cursor").GetString());
        await items.DisposeAsync();
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ClientViewer_ReadsOnlyItsOwnClientsEvents(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = await app.AdministratorAsync();
        await Seed.TwoClientsAsync(admin);
        await Seed.AgentAsync(admin, "ann", "globex");
        await admin.PostAsJsonAsync("/api/contacts", new { queue = "acme-billing", language = "en" });
        await admin.PostAsJsonAsync("/api/contacts", new { queue = "globex-sales", language = "en" });
        var viewer = app.Client(await app.TokenAsync("viewer@acme.example", ["client-viewer"], client: "acme"));

        var page = await viewer.GetFromJsonAsync<JsonElement>("/api/events");

        var events = page.GetProperty("events").EnumerateArray().ToList();
        Assert.NotEmpty(events);
        Assert.All(events, e => Assert.Equal("acme", e.GetProperty("client").GetString()));
    }
}
