using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Switchboard.Persistence;

namespace Switchboard.Tests.Server.Chat;

/// <summary>A callback booked from the widget while the topic's queue is closed (no conversation exists then).</summary>
public class ChatApiClosedCallbackTests
{
    /// <summary>Open on Saturdays 09:00-12:00 UTC only; the test clock starts on Monday 2026-11-02 09:00 UTC.</summary>
    private static readonly object SaturdayMornings = new { timeZone = "UTC", weekly = new[] { new { day = "saturday", from = "09:00:00", to = "12:00:00" } } };

    private static readonly DateTimeOffset NextSaturdayNine = new(2026, 11, 7, 9, 0, 0, TimeSpan.Zero);

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task CallbackInstead_QueueClosed_BooksACallbackFromTheNextOpeningWithTheNumber(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = await ChatApiTests.SeedAsync(app, hours: SaturdayMornings);
        var customer = app.Client();
        var closed = await (await customer.PostAsJsonAsync("/api/chat/widgets/acme-web/conversations", new { language = "en", topic = "invoices" }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var href = closed.GetProperty("alternatives").EnumerateArray().Single(a => a.GetProperty("kind").GetString() == "callback").GetProperty("href").GetString();

        var booked = await customer.PostAsJsonAsync(href, new { phone = "+441632960961", language = "en", topic = "invoices" });
        var body = await booked.Content.ReadFromJsonAsync<JsonElement>();
        var id = body.GetProperty("contact").GetGuid();
        var callback = await admin.GetFromJsonAsync<JsonElement>($"/api/callbacks/{id}");
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<SwitchboardDb>>().CreateDbContextAsync();

        Assert.Equal("/api/chat/widgets/acme-web/callback", href);
        Assert.Equal(HttpStatusCode.Created, booked.StatusCode);
        Assert.Equal((NextSaturdayNine, NextSaturdayNine.AddHours(2)), (body.GetProperty("windowStart").GetDateTimeOffset(), body.GetProperty("windowEnd").GetDateTimeOffset()));
        Assert.Equal(("callbackPending", "billing", "+441632960961"),
            (callback.GetProperty("state").GetString(), callback.GetProperty("queue").GetString(), callback.GetProperty("phoneNumber").GetString()));
        Assert.Equal(NextSaturdayNine, callback.GetProperty("windowStart").GetDateTimeOffset());
        Assert.Equal(0, await db.ChatConversations.CountAsync());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task CallbackInstead_AfterALaterTime_StartsAtTheFirstOpeningFromThen(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        await ChatApiTests.SeedAsync(app, hours: SaturdayMornings);

        var booked = await app.Client().PostAsJsonAsync("/api/chat/widgets/acme-web/callback",
            new { phone = "+441632960961", language = "en", topic = "invoices", after = NextSaturdayNine.AddHours(4) });
        var body = await booked.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.Created, booked.StatusCode);
        Assert.Equal(NextSaturdayNine.AddDays(7), body.GetProperty("windowStart").GetDateTimeOffset());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task CallbackInstead_BadNumberTopicOrLanguage_Answers400ByFieldAndBooksNothing(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        await ChatApiTests.SeedAsync(app, hours: SaturdayMornings);
        var customer = app.Client();

        var phone = await customer.PostAsJsonAsync("/api/chat/widgets/acme-web/callback", new { phone = "12", language = "en", topic = "invoices" });
        var topic = await customer.PostAsJsonAsync("/api/chat/widgets/acme-web/callback", new { phone = "+441632960961", language = "en", topic = "nothing" });
        var language = await customer.PostAsJsonAsync("/api/chat/widgets/acme-web/callback", new { phone = "+441632960961", language = "de", topic = "invoices" });
        var widget = await customer.PostAsJsonAsync("/api/chat/widgets/nobody/callback", new { phone = "+441632960961", language = "en", topic = "invoices" });
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<SwitchboardDb>>().CreateDbContextAsync();

        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.NotFound),
            (phone.StatusCode, topic.StatusCode, language.StatusCode, widget.StatusCode));
        Assert.Equal(("phone", "topic", "language"), (await FieldAsync(phone), await FieldAsync(topic), await FieldAsync(language)));
        Assert.Equal(0, await db.Contacts.CountAsync());
        Assert.Equal(0, await db.CallbackCustomers.CountAsync());
    }

    /// <summary>The one field a validation problem names (lower case: data annotations name it as the record does).</summary>
    private static async Task<string> FieldAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Single().Name.ToLowerInvariant();
}
