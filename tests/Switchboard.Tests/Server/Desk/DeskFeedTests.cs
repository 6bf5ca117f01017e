using System.Net;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Switchboard.Persistence;
using Switchboard.Persistence.Events;
using Switchboard.Routing;
using Switchboard.Server.Realtime;
using Switchboard.Tests.Server.Realtime;

namespace Switchboard.Tests.Server.Desk;

/// <summary>What the web desk relies on in the server: an in-process watch that is told what a hub client is told, and
/// the complaint answer of a wrap-up kept in the log.</summary>
public class DeskFeedTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Watch_ContactOfferedAcceptedEnded_ToldEachCommittedChangeUntilDisposed(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = await AgentHubTests.AcmeWithAnnAsync(app);
        var dispatcher = app.Services.GetRequiredService<RealtimeDispatcher>();
        var desk = new Inbox();
        var watching = dispatcher.Watch("ann", "acme", desk);

        var created = await (await admin.PostAsJsonAsync("/api/contacts", new { queue = "billing", language = "en", vulnerableCustomer = true })).Content.ReadFromJsonAsync<JsonElement>();
        var offered = (OfferMade)await desk.NextAsync(m => m is OfferMade);
        await admin.PostAsync($"/api/agents/ann/offers/{offered.Offer}/accept", null);
        var accepted = (OfferEnded)await desk.NextAsync(m => m is OfferEnded);
        var connected = (ContactDetails)await desk.NextAsync(m => m is ContactDetails);
        watching.Dispose();
        // A second desk still watching: once it is told of the break, the dispatcher is past it for every desk.
        var other = new Inbox();
        using var still = dispatcher.Watch("ann", "acme", other);
        await admin.PostAsync($"/api/contacts/{created.GetProperty("id").GetString()}/end", null);
        await admin.PutAsJsonAsync("/api/agents/ann/presence", new { presence = "break", reason = "lunch" });
        var onBreak = (PresenceNow)await other.NextAsync(m => m is PresenceNow);

        Assert.Equal(created.GetProperty("id").GetGuid(), offered.Contact.Id);
        Assert.True(offered.Contact.Vulnerable);
        Assert.Equal(OfferEnd.Accepted, accepted.Reason);
        Assert.Equal(Switchboard.Contacts.ContactState.Connected, connected.State);
        Assert.Equal("lunch", onBreak.Reason);
        Assert.False(desk.Any(m => m is PresenceNow), "A disposed watch is told nothing more.");
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task WrapUp_ComplaintAnswered_KeptInTheDispositionEvent(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = await AgentHubTests.AcmeWithAnnAsync(app);
        var complaint = await HandleAsync(admin, new { disposition = "not-resolved", reason = "late delivery", complaint = true });
        var plain = await HandleAsync(admin, new { disposition = "resolved" });

        await using var db = await app.Services.GetRequiredService<IDbContextFactory<SwitchboardDb>>().CreateDbContextAsync();
        // The disposition travels on contactCompleted, or on dispositionRecorded while a minimum wrap-up still runs.
        var recorded = await db.Events.AsNoTracking()
            .Where(e => (e.Type == (int)RoutingEventType.ContactCompleted || e.Type == (int)RoutingEventType.DispositionRecorded) && e.Payload != null)
            .ToListAsync();
        var byContact = recorded.ToDictionary(e => e.Contact!.Value, e => (Switchboard.Contacts.Disposition)EventPayloads.Read(e).Detail!);

        Assert.Equal(new Switchboard.Contacts.Disposition("not-resolved", "late delivery") { Complaint = true }, byContact[complaint]);
        Assert.Equal(new Switchboard.Contacts.Disposition("resolved"), byContact[plain]);
        Assert.DoesNotContain("complaint", recorded.Single(e => e.Contact == plain).Payload, StringComparison.Ordinal);
    }

    private static async Task<Guid> HandleAsync(HttpClient admin, object wrapUp)
    {
        var created = await (await admin.PostAsJsonAsync("/api/contacts", new { queue = "billing", language = "en" })).Content.ReadFromJsonAsync<JsonElement>();
        var id = created.GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/agents/ann/offers/{created.GetProperty("offer").GetProperty("id").GetInt64()}/accept", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync($"/api/contacts/{id}/end", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsJsonAsync($"/api/contacts/{id}/wrap-up", wrapUp)).StatusCode);
        return id;
    }

    /// <summary>A desk that keeps what it is told, in order.</summary>
    private sealed class Inbox : IAgentClient
    {
        private readonly Channel<object> messages = Channel.CreateUnbounded<object>();
        private readonly List<object> seen = [];

        public Task DeskState(DeskState state) => Write(state);

        public Task OfferMade(OfferMade offer) => Write(offer);

        public Task OfferEnded(OfferEnded offer) => Write(offer);

        public Task ContactChanged(ContactDetails contact) => Write(contact);

        public Task PresenceChanged(PresenceNow presence) => Write(presence);

        public Task ChatMessage(Switchboard.Server.Chat.ChatMessageView message) => Write(message);

        public Task ChatTyping(Guid conversation) => Write(conversation);

        public async Task<object> NextAsync(Func<object, bool> wanted)
        {
            using var timeout = new CancellationTokenSource(Patience);
            while (true)
            {
                var message = await messages.Reader.ReadAsync(timeout.Token);
                if (wanted(message))
                {
                    return message;
                }
            }
        }

        public bool Any(Func<object, bool> wanted)
        {
            while (messages.Reader.TryRead(out var message))
            {
                seen.Add(message);
            }

            return seen.Exists(m => wanted(m));
        }

        private Task Write(object message) => messages.Writer.WriteAsync(message).AsTask();
    }
}
