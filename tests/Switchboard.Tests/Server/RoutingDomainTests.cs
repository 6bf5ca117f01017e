using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Switchboard.Persistence;
using Switchboard.Persistence.Events;
using Switchboard.Contacts;
using Switchboard.Queues;
using Switchboard.Routing;
using Switchboard.Server.RoutingDomains;
using Switchboard.Skills;

namespace Switchboard.Tests.Server;

public class RoutingDomainTests
{
    /// <summary>
    /// When a batch cannot be stored (here: another writer took the next sequence number, as a second node would), its
    /// callers get 503, nothing of it is visible, and the domain rebuilds from the log and goes on.
    /// </summary>
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task StoreFails_CallerGets503_NothingIsKept_AndTheDomainRecovers(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = await app.AdministratorAsync();
        await Seed.ClientAsync(admin, "acme");
        await Seed.QueueAsync(admin, "billing", "acme");
        await Seed.AgentAsync(admin, "ann", "acme", available: false);
        await StealNextSequenceAsync(app, "acme");

        var failed = await admin.PostAsJsonAsync("/api/contacts", new { queue = "billing", language = "en" });
        var problem = await failed.Content.ReadAsStringAsync();
        var retried = await admin.PostAsJsonAsync("/api/contacts", new { queue = "billing", language = "en" });
        var contacts = await admin.GetFromJsonAsync<JsonElement[]>("/api/contacts");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, failed.StatusCode);
        Assert.True(failed.Headers.RetryAfter is not null);
        Assert.DoesNotContain("   at ", problem, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, retried.StatusCode);
        Assert.Single(contacts!);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task UnansweredOffer_ExpiresWhenTheClockPassesItsDeadline_AndTheContactWaitsAgain(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = await app.AdministratorAsync();
        await Seed.ClientAsync(admin, "acme");
        await Seed.QueueAsync(admin, "billing", "acme");
        await Seed.AgentAsync(admin, "ann", "acme");
        var created = await (await admin.PostAsJsonAsync("/api/contacts", new { queue = "billing", language = "en" })).Content.ReadFromJsonAsync<JsonElement>();
        var id = created.GetProperty("id").GetString();

        using var feed = app.Services.GetRequiredService<EventFeed>().Subscribe();

        app.Time.Advance(TimeSpan.FromSeconds(21));
        await feed.NextAsync(e => e.Type == (int)RoutingEventType.OfferExpired && e.Contact == Guid.Parse(id!));
        var history = (await admin.GetFromJsonAsync<JsonElement[]>($"/api/contacts/{id}/events"))!;

        Assert.Contains(history, e => e.GetProperty("type").GetString() == "offerExpired");
    }

    [Fact]
    public async Task Batch_AContactOfferedEarlierInTheSameBatch_IsNamedByItsPublicId()
    {
        // A request answered in the batch where another request created the contact (an agent listing offers, say)
        // must see its public id, though the domain learns of the arrival only when the batch is projected.
        await using var app = await TestApp.StartAsync();
        var admin = await app.AdministratorAsync();
        await Seed.ClientAsync(admin, "acme");
        await Seed.QueueAsync(admin, "billing", "acme");
        await Seed.AgentAsync(admin, "ann", "acme");
        var domain = await app.Services.GetRequiredService<RoutingDomainHost>().GetAsync("acme");

        var (arrived, named) = await domain.Run<(Guid, Guid?)>(batch =>
        {
            var arrival = (ContactArrival.Queued)batch.Enqueue(
                new NewContact(Channel.Voice, new QueueId("billing"), new Language("en")) { Attributes = new ContactAttributes("acme", false, false) }, "acme", null);
            return (arrival.Id, batch.IdOf(arrival.Outcome.Contact));
        });

        Assert.Equal(arrived, named);
    }

    private static async Task StealNextSequenceAsync(TestApp app, string domain)
    {
        var databases = app.Services.GetRequiredService<IDbContextFactory<SwitchboardDb>>();
        await using var db = await databases.CreateDbContextAsync();
        var last = await db.Events.Where(e => e.Domain == domain).MaxAsync(e => e.Sequence);
        db.Events.Add(new StoredEvent
        {
            Domain = domain,
            Sequence = last + 1,
            At = app.Time.GetUtcNow(),
            Type = (int)RoutingEventType.AgentPresenceChanged,
            Agent = "ann",
            Number = (int)Switchboard.Agents.Presence.Offline,
        });
        await db.SaveChangesAsync();
    }
}
