using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Switchboard.Persistence;
using Switchboard.Tests.Server.Chat;

namespace Switchboard.Tests.Server.Contacts;

/// <summary>Customer keys on contacts from every channel, and a customer's history across channels, never across clients.</summary>
public class CustomerKeysTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task History_AVoiceContactAndALaterChatOfTheSameEmail_ShowInEachOthersHistory_WithTheOutcome(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = await ChatApiTests.SeedAsync(app);
        var voice = await CreateAsync(admin, "billing", new { phone = "+44 1632 960961", email = "Jo@Example.com" });
        var offer = (await admin.GetFromJsonAsync<JsonElement[]>("/api/agents/ann/offers"))![0].GetProperty("id").GetInt64();
        await admin.PostAsync($"/api/agents/ann/offers/{offer}/accept", null);
        await admin.PostAsync($"/api/contacts/{voice}/end", null);
        var wrapped = await admin.PostAsJsonAsync($"/api/contacts/{voice}/wrap-up", new { disposition = "resolved", reason = "invoice query" });
        app.Time.Advance(TimeSpan.FromMinutes(10));
        var chat = await app.Client().PostAsJsonAsync("/api/chat/widgets/acme-web/conversations", new { name = "Jo", language = "en", topic = "invoices", email = " jo@example.com" });
        var chatId = (await chat.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("conversation").GetGuid();
        app.Time.Advance(TimeSpan.FromMinutes(10));
        var phoneOnly = await CreateAsync(admin, "billing", new { phone = "+441632960961" });
        var stranger = await CreateAsync(admin, "billing", new { phone = "+441632960962", email = "someone@example.com" });

        var ofVoice = await HistoryAsync(admin, voice);
        var ofChat = await HistoryAsync(admin, chatId);
        var ofPhoneOnly = await HistoryAsync(admin, phoneOnly);
        var ofStranger = await HistoryAsync(admin, stranger);

        Assert.Equal(HttpStatusCode.NoContent, wrapped.StatusCode);
        Assert.Equal([phoneOnly, chatId], Ids(ofVoice));
        Assert.Equal([voice], Ids(ofChat));
        Assert.Equal([voice], Ids(ofPhoneOnly));
        Assert.Empty(ofStranger);
        var earlier = ofChat[0];
        Assert.Equal(("voice", "billing", "ann", "resolved", "invoice query"), (
            earlier.GetProperty("channel").GetString(), earlier.GetProperty("queue").GetString(), earlier.GetProperty("agent").GetString(),
            earlier.GetProperty("disposition").GetString(), earlier.GetProperty("contactReason").GetString()));
        Assert.Equal(TestApp.Start, earlier.GetProperty("arrived").GetDateTimeOffset());
        Assert.Equal(("chat", "waiting"), (ofVoice[1].GetProperty("channel").GetString(), ofVoice[1].GetProperty("state").GetString()));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task History_AnotherClientsContactWithTheSamePhone_NeverShows(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = await app.AdministratorAsync();
        await Seed.TwoClientsAsync(admin, domain: "shared");
        var acme = await CreateAsync(admin, "acme-billing", new { phone = "+441632960961", reference = "C-1" });
        var globex = await CreateAsync(admin, "globex-sales", new { phone = "+441632960961", reference = "C-1" });
        app.Time.Advance(TimeSpan.FromMinutes(1));
        var acmeAgain = await CreateAsync(admin, "acme-billing", new { phone = "+44-1632-960961" });
        var viewer = app.Client(await app.TokenAsync("viewer@acme.example", ["client-viewer"], client: "acme"));

        var ofAcme = await HistoryAsync(admin, acme);
        var ofGlobex = await HistoryAsync(admin, globex);
        var viewerOfAcme = await HistoryAsync(viewer, acmeAgain);
        var viewerOfGlobex = await viewer.GetAsync($"/api/contacts/{globex}/customer-history");

        Assert.Equal([acmeAgain], Ids(ofAcme));
        Assert.Empty(ofGlobex);
        Assert.Equal([acme], Ids(viewerOfAcme));
        Assert.Equal(HttpStatusCode.NotFound, viewerOfGlobex.StatusCode);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Create_MalformedPhoneOrEmail_IsRefusedWithTheField_AndNothingIsCreated(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = await ChatApiTests.SeedAsync(app);

        var phone = await admin.PostAsJsonAsync("/api/contacts", new { queue = "billing", language = "en", customer = new { phone = "01632 960961" } });
        var email = await admin.PostAsJsonAsync("/api/contacts", new { queue = "billing", language = "en", customer = new { email = "jo at example.com" } });
        var reference = await admin.PostAsJsonAsync("/api/contacts", new { queue = "billing", language = "en", customer = new { reference = " " } });
        var callback = await admin.PostAsJsonAsync("/api/callbacks", new
        {
            queue = "billing", language = "en", windowStart = TestApp.Start.AddHours(1), windowEnd = TestApp.Start.AddHours(2), customer = new { email = "jo@" },
        });
        var chat = await app.Client().PostAsJsonAsync("/api/chat/widgets/acme-web/conversations", new { language = "en", topic = "invoices", email = "jo@example" });

        foreach (var (response, field) in new[] { (phone, "customer.phone"), (email, "customer.email"), (reference, "customer.reference"), (callback, "customer.email"), (chat, "email") })
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
            Assert.True(errors.TryGetProperty(field, out _), errors.ToString());
        }

        Assert.Empty((await admin.GetFromJsonAsync<JsonElement[]>("/api/contacts"))!);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task History_CallbackAndEmailFollowUp_AreTheCustomersContacts_AContactWithoutIdentityHasNone_AndReadsAreAudited(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = await ChatApiTests.SeedAsync(app, agentAvailable: false);
        var voice = await CreateAsync(admin, "billing", new { phone = "+441632960961", email = "jo@example.com" });
        var anonymous = await CreateAsync(admin, "billing", null);
        var booked = await admin.PostAsJsonAsync("/api/callbacks", new
        {
            queue = "billing", language = "en", windowStart = TestApp.Start.AddHours(1), windowEnd = TestApp.Start.AddHours(2), phoneNumber = "+441632960961",
        });
        var callback = (await booked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var followUp = await app.Client().PostAsJsonAsync("/api/chat/widgets/acme-web/email-follow-up", new
        {
            email = "JO@example.com", question = "Where is my refund?", language = "en", topic = "invoices",
        });
        var email = (await followUp.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("contact").GetGuid();

        var ofVoice = await HistoryAsync(admin, voice);
        var ofAnonymous = await HistoryAsync(admin, anonymous);
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<SwitchboardDb>>().CreateDbContextAsync();
        var audited = await db.AuditEntries.Where(e => e.Action == "contact.customer-history.read").Select(e => e.Resource).ToListAsync();
        var events = await db.Events.Select(e => e.Payload).ToListAsync();

        Assert.Equal(HttpStatusCode.Created, booked.StatusCode);
        Assert.Equal([email, callback], Ids(ofVoice));
        Assert.Empty(ofAnonymous);
        Assert.Equal([$"/api/contacts/{voice}/customer-history", $"/api/contacts/{anonymous}/customer-history"], audited);
        Assert.DoesNotContain(events, p => p is not null && (p.Contains("1632960961", StringComparison.Ordinal) || p.Contains("jo@example.com", StringComparison.OrdinalIgnoreCase)));
    }

    private static async Task<Guid> CreateAsync(HttpClient client, string queue, object? customer)
    {
        var response = await client.PostAsJsonAsync("/api/contacts", new { queue, language = "en", customer });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private static async Task<JsonElement[]> HistoryAsync(HttpClient client, Guid contact)
    {
        var response = await client.GetAsync($"/api/contacts/{contact}/customer-history");
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement[]>())!;
    }

    private static Guid[] Ids(JsonElement[] history) => [.. history.Select(c => c.GetProperty("id").GetGuid())];
}
