using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Switchboard.Persistence;
using Switchboard.Routing;
using Switchboard.Server.RoutingDomains;

namespace Switchboard.Tests.Server;

/// <summary>Callbacks booked for a window: held until it opens, then offered; idempotent; cancellable; kept across a restart.</summary>
public class CallbackTests
{
    private static object Booking(DateTimeOffset from, TimeSpan length) =>
        new { queue = "billing", language = "en", windowStart = from, windowEnd = from + length };

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Schedule_InAnHour_IsHeldUntilTheWindowOpensThenOffered_AlsoAfterARestart(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = await SeedAsync(app);
        var booked = await admin.PostAsJsonAsync("/api/callbacks", Booking(TestApp.Start.AddHours(1), TimeSpan.FromHours(1)));
        var body = await booked.Content.ReadFromJsonAsync<JsonElement>();
        var id = body.GetProperty("id").GetString();
        var held = await admin.GetFromJsonAsync<JsonElement>($"/api/contacts/{id}");
        var offersBefore = await admin.GetFromJsonAsync<JsonElement[]>("/api/agents/ann/offers");

        await app.RestartAsync();
        admin = await app.AdministratorAsync();
        using var feed = app.Services.GetRequiredService<EventFeed>().Subscribe();
        app.Time.Advance(TimeSpan.FromHours(1));
        var offered = await feed.NextAsync(e => e.Type == (int)RoutingEventType.ContactOffered && e.Contact == Guid.Parse(id!));
        var contact = await admin.GetFromJsonAsync<JsonElement>($"/api/contacts/{id}");

        Assert.Equal(HttpStatusCode.Created, booked.StatusCode);
        Assert.Equal($"/api/contacts/{id}", booked.Headers.Location?.OriginalString);
        Assert.Equal(("callbackPending", "callback"), (held.GetProperty("state").GetString(), held.GetProperty("channel").GetString()));
        Assert.Equal(TestApp.Start.AddHours(1), held.GetProperty("callbackFrom").GetDateTimeOffset());
        Assert.Equal(TestApp.Start.AddHours(2), held.GetProperty("callbackUntil").GetDateTimeOffset());
        Assert.Empty(offersBefore!);
        Assert.Equal("ann", offered.Agent);
        Assert.Equal("offered", contact.GetProperty("state").GetString());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Schedule_RetriedWithTheSameKey_BooksOnce_AndTheKeyOnAnotherBookingIsRefused(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = await SeedAsync(app);
        admin.DefaultRequestHeaders.Add("Idempotency-Key", "callback-7");

        var first = await admin.PostAsJsonAsync("/api/callbacks", Booking(TestApp.Start.AddHours(1), TimeSpan.FromHours(1)));
        var retry = await admin.PostAsJsonAsync("/api/callbacks", Booking(TestApp.Start.AddHours(1), TimeSpan.FromHours(1)));
        var other = await admin.PostAsJsonAsync("/api/callbacks", Booking(TestApp.Start.AddHours(3), TimeSpan.FromHours(1)));
        var all = await admin.GetFromJsonAsync<JsonElement[]>("/api/contacts");

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.OK, HttpStatusCode.UnprocessableEntity), (first.StatusCode, retry.StatusCode, other.StatusCode));
        Assert.Equal(
            (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString(),
            (await retry.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString());
        Assert.Single(all!);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Schedule_BadWindows_AreRefusedWithTheField_AndNothingIsBooked(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = await SeedAsync(app);

        var ended = await admin.PostAsJsonAsync("/api/callbacks", Booking(TestApp.Start.AddHours(-2), TimeSpan.FromHours(1)));
        var backwards = await admin.PostAsJsonAsync("/api/callbacks", Booking(TestApp.Start.AddHours(2), TimeSpan.FromHours(-1)));
        var tooLong = await admin.PostAsJsonAsync("/api/callbacks", Booking(TestApp.Start.AddHours(1), TimeSpan.FromDays(8)));
        var tooFar = await admin.PostAsJsonAsync("/api/callbacks", Booking(TestApp.Start.AddDays(120), TimeSpan.FromHours(1)));
        var missing = await admin.PostAsJsonAsync("/api/callbacks", new { queue = "billing", language = "en", windowStart = TestApp.Start });
        var unknownQueue = await admin.PostAsJsonAsync("/api/callbacks", new { queue = "nowhere", language = "en", windowStart = TestApp.Start, windowEnd = TestApp.Start.AddHours(1) });

        foreach (var (response, field) in new[] { (ended, "windowEnd"), (backwards, "windowEnd"), (tooLong, "windowEnd"), (tooFar, "windowStart"), (missing, "windowEnd"), (unknownQueue, "queue") })
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains(field, await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        }

        Assert.Empty((await admin.GetFromJsonAsync<JsonElement[]>("/api/contacts"))!);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Cancel_ABookedCallback_IsAbandonedNeverOfferedAndItsNumberErased_ButAnOrdinaryContactIsNotACallback(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = await SeedAsync(app);
        var from = TestApp.Start.AddMinutes(30);
        var id = (await (await admin.PostAsJsonAsync("/api/callbacks",
            new { queue = "billing", language = "en", windowStart = from, windowEnd = from.AddHours(1), phoneNumber = "+441632960961" })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        var numberBefore = (await admin.GetFromJsonAsync<JsonElement>($"/api/callbacks/{id}")).GetProperty("phoneNumber").GetString();
        var call = (await (await admin.PostAsJsonAsync("/api/contacts", new { queue = "billing", language = "en" })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();

        var cancelled = await admin.DeleteAsync($"/api/callbacks/{id}");
        var again = await admin.DeleteAsync($"/api/callbacks/{id}");
        var notACallback = await admin.DeleteAsync($"/api/callbacks/{call}");
        var unknown = await admin.DeleteAsync($"/api/callbacks/{Guid.NewGuid()}");
        app.Time.Advance(TimeSpan.FromHours(1));
        var contact = await admin.GetFromJsonAsync<JsonElement>($"/api/contacts/{id}");
        var numberAfter = (await admin.GetFromJsonAsync<JsonElement>($"/api/callbacks/{id}")).GetProperty("phoneNumber");
        bool erasureAudited;
        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<SwitchboardDb>>().CreateDbContextAsync())
        {
            erasureAudited = await db.AuditEntries.AnyAsync(e => e.Action == "callback.customer.erased" && e.Resource == "contact/" + id);
        }

        Assert.Equal("+441632960961", numberBefore);
        Assert.Equal(JsonValueKind.Null, numberAfter.ValueKind);
        Assert.True(erasureAudited);
        Assert.Equal((HttpStatusCode.NoContent, HttpStatusCode.Conflict, HttpStatusCode.Conflict, HttpStatusCode.NotFound),
            (cancelled.StatusCode, again.StatusCode, notACallback.StatusCode, unknown.StatusCode));
        Assert.Equal("abandoned", contact.GetProperty("state").GetString());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Schedule_WithCustomerNumberAndNote_ShowsThemOnlyInTheAuditedCallbackRead_NeverInTheLog(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = await SeedAsync(app);
        await Seed.ClientAsync(admin, "globex");
        var from = TestApp.Start.AddHours(1);
        var booked = await admin.PostAsJsonAsync("/api/callbacks",
            new { queue = "billing", language = "en", windowStart = from, windowEnd = from.AddHours(1), customerReference = "ACME-4471", phoneNumber = "+441632960961", note = "Wants to discuss the March invoice" });
        var id = (await booked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        var plain = (await (await admin.PostAsJsonAsync("/api/callbacks", Booking(from, TimeSpan.FromHours(1)))).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        var call = (await (await admin.PostAsJsonAsync("/api/contacts", new { queue = "billing", language = "en" })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();

        var read = await admin.GetFromJsonAsync<JsonElement>($"/api/callbacks/{id}");
        var readPlain = await admin.GetFromJsonAsync<JsonElement>($"/api/callbacks/{plain}");
        var ownViewer = app.Client(await app.TokenAsync("viewer@acme.example", ["client-viewer"], client: "acme"));
        var otherViewer = app.Client(await app.TokenAsync("viewer@globex.example", ["client-viewer"], client: "globex"));
        var byOwnClient = await ownViewer.GetAsync($"/api/callbacks/{id}");
        var byOtherClient = await otherViewer.GetAsync($"/api/callbacks/{id}");
        var notACallback = await admin.GetAsync($"/api/callbacks/{call}");
        var history = await admin.GetStringAsync($"/api/contacts/{id}/events");
        string log;
        string[] actions;
        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<SwitchboardDb>>().CreateDbContextAsync())
        {
            log = string.Join("\n", await db.Events.AsNoTracking().Select(e => e.Payload).ToListAsync());
            actions = [.. await db.AuditEntries.AsNoTracking().Select(e => e.Action + " " + e.Resource + " " + e.Detail).ToListAsync()];
        }

        Assert.Equal(HttpStatusCode.Created, booked.StatusCode);
        Assert.Equal(("ACME-4471", "+441632960961", "Wants to discuss the March invoice", "callbackPending"),
            (read.GetProperty("customerReference").GetString(), read.GetProperty("phoneNumber").GetString(), read.GetProperty("note").GetString(), read.GetProperty("state").GetString()));
        Assert.Equal(from, read.GetProperty("windowStart").GetDateTimeOffset());
        Assert.Equal(JsonValueKind.Null, readPlain.GetProperty("phoneNumber").ValueKind);
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.NotFound, HttpStatusCode.NotFound), (byOwnClient.StatusCode, byOtherClient.StatusCode, notACallback.StatusCode));
        Assert.DoesNotContain("+441632960961", log, StringComparison.Ordinal);
        Assert.DoesNotContain("+441632960961", history, StringComparison.Ordinal);
        Assert.DoesNotContain("March invoice", log, StringComparison.Ordinal);
        Assert.Contains(actions, a => a.StartsWith($"callback.read /api/callbacks/{id}", StringComparison.Ordinal));
        Assert.Contains(actions, a => a.StartsWith("callback.scheduled", StringComparison.Ordinal));
        Assert.DoesNotContain(actions, a => a.Contains("+441632960961", StringComparison.Ordinal) || a.Contains("ACME-4471", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Schedule_RetriedWithANumber_StoresItOnce_AndABadNumberIsRefusedWithTheField(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = await SeedAsync(app);
        var from = TestApp.Start.AddHours(1);
        object WithNumber(string number) => new { queue = "billing", language = "en", windowStart = from, windowEnd = from.AddHours(1), phoneNumber = number };

        var bad = await admin.PostAsJsonAsync("/api/callbacks", WithNumber("01632 960961"));
        admin.DefaultRequestHeaders.Add("Idempotency-Key", "callback-with-number");
        var first = await admin.PostAsJsonAsync("/api/callbacks", WithNumber("+441632960961"));
        var retry = await admin.PostAsJsonAsync("/api/callbacks", WithNumber("+441632960961"));
        int stored;
        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<SwitchboardDb>>().CreateDbContextAsync())
        {
            stored = await db.CallbackCustomers.CountAsync();
        }

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("phoneNumber", await bad.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.OK), (first.StatusCode, retry.StatusCode));
        Assert.Equal(1, stored);
    }

    private static async Task<HttpClient> SeedAsync(TestApp app)
    {
        var admin = await app.AdministratorAsync();
        await Seed.ClientAsync(admin, "acme");
        await Seed.QueueAsync(admin, "billing", "acme");
        await Seed.AgentAsync(admin, "ann", "acme");
        return admin;
    }
}
