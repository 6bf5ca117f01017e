using System.Net;
using System.Text.Json;

namespace Switchboard.Tests.Server;

/// <summary>Queues with opening hours: closed queues tell the customer when they open; emails still queue; changes apply at once.</summary>
public class OpeningHoursTests
{
    // Paris is UTC+1 in November: 09:00-17:00 local is 08:00-16:00 UTC. TestApp starts on Monday 2026-11-02, 09:00 UTC.
    private static readonly object ParisOfficeHours = new
    {
        timeZone = "Europe/Paris",
        weekly = new[] { "monday", "tuesday", "wednesday", "thursday", "friday" }.Select(day => new { day, from = "09:00:00", to = "17:00:00" }),
        holidays = new[] { new { date = "2026-11-03", periods = Array.Empty<object>() } },
    };

    private static object Settings(object? hours) => new
    {
        stages = new[] { new { after = "00:00:00", skills = new[] { new { skill = "general", minimum = 1 } } } },
        openingHours = hours,
    };

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Contact_AfterHoursAndOverAHoliday_IsRefusedWithTheNextOpening_ButAnEmailQueues(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = await app.AdministratorAsync();
        await Seed.ClientAsync(admin, "acme");
        await Seed.QueueAsync(admin, "billing", "acme", settings: Settings(ParisOfficeHours));

        var inHours = await admin.PostAsJsonAsync("/api/contacts", new { queue = "billing", language = "fr" });
        var openQueue = await admin.GetFromJsonAsync<JsonElement>("/api/queues/billing");
        app.Time.Advance(TimeSpan.FromHours(7.5));
        var afterHours = await admin.PostAsJsonAsync("/api/contacts", new { queue = "billing", language = "fr" });
        var email = await admin.PostAsJsonAsync("/api/contacts", new { queue = "billing", language = "fr", channel = "email" });
        var closedQueue = await admin.GetFromJsonAsync<JsonElement>("/api/queues/billing");
        var live = await admin.GetFromJsonAsync<JsonElement>("/api/queues/billing/live");
        var problem = await afterHours.Content.ReadFromJsonAsync<JsonElement>();

        var wednesday = new DateTimeOffset(2026, 11, 4, 8, 0, 0, TimeSpan.Zero);
        Assert.Equal(HttpStatusCode.Created, inHours.StatusCode);
        Assert.True(openQueue.GetProperty("open").GetBoolean());
        Assert.Equal(HttpStatusCode.Conflict, afterHours.StatusCode);
        Assert.Equal("application/problem+json", afterHours.Content.Headers.ContentType?.MediaType);
        Assert.Equal(wednesday, problem.GetProperty("nextOpening").GetDateTimeOffset());
        Assert.Contains("2026-11-04 08:00 UTC", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, email.StatusCode);
        Assert.False(closedQueue.GetProperty("open").GetBoolean());
        Assert.Equal(wednesday, closedQueue.GetProperty("nextOpening").GetDateTimeOffset());
        Assert.Equal((false, wednesday), (live.GetProperty("open").GetBoolean(), live.GetProperty("nextOpening").GetDateTimeOffset()));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Contact_QueueWithoutHours_FollowsTheContractsHours_AQueueWithItsOwnKeepsThem(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = await app.AdministratorAsync();
        await Seed.ClientAsync(admin, "acme");
        await Seed.QueueAsync(admin, "billing", "acme", settings: Settings(null));
        await Seed.QueueAsync(admin, "emergency", "acme", settings: Settings(new
        {
            timeZone = "Europe/Paris",
            weekly = new[] { "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday" }.Select(day => new { day, from = "00:00:00", to = "23:59:00" }),
        }));
        var before = await admin.PostAsJsonAsync("/api/contacts", new { queue = "billing", language = "fr" });
        app.Time.Advance(TimeSpan.FromHours(7.5));
        var alwaysOpen = await admin.PostAsJsonAsync("/api/contacts", new { queue = "billing", language = "fr" });

        var contract = await admin.PutAsJsonAsync("/api/clients/acme/contract", new { contract = new { timeZone = "Europe/Paris", openingHours = ParisOfficeHours }, version = 0 });
        var afterHours = await admin.PostAsJsonAsync("/api/contacts", new { queue = "billing", language = "fr" });
        var emergency = await admin.PostAsJsonAsync("/api/contacts", new { queue = "emergency", language = "fr" });
        var queues = await admin.GetFromJsonAsync<JsonElement[]>("/api/queues?client=acme");

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.OK), (before.StatusCode, alwaysOpen.StatusCode, contract.StatusCode));
        Assert.Equal(HttpStatusCode.Conflict, afterHours.StatusCode);
        Assert.Equal(new DateTimeOffset(2026, 11, 4, 8, 0, 0, TimeSpan.Zero), (await afterHours.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("nextOpening").GetDateTimeOffset());
        Assert.Equal(HttpStatusCode.Created, emergency.StatusCode);
        Assert.Equal([("billing", false), ("emergency", true)], queues!.Select(q => (q.GetProperty("id").GetString(), q.GetProperty("open").GetBoolean())));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Callback_WindowAllClosed_IsRefused_WindowReachingIntoHours_IsBooked(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = await app.AdministratorAsync();
        await Seed.ClientAsync(admin, "acme");
        await Seed.QueueAsync(admin, "billing", "acme", settings: Settings(ParisOfficeHours));

        var onTheHoliday = await admin.PostAsJsonAsync("/api/callbacks", new
        {
            queue = "billing", language = "fr", windowStart = "2026-11-03T10:00:00Z", windowEnd = "2026-11-03T12:00:00Z",
        });
        var intoWednesday = await admin.PostAsJsonAsync("/api/callbacks", new
        {
            queue = "billing", language = "fr", windowStart = "2026-11-04T07:00:00Z", windowEnd = "2026-11-04T09:00:00Z",
        });

        Assert.Equal(HttpStatusCode.BadRequest, onTheHoliday.StatusCode);
        Assert.Contains("windowStart", await onTheHoliday.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, intoWednesday.StatusCode);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Settings_UnknownZoneOrOverlappingPeriods_AreRefusedWithTheField(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = await app.AdministratorAsync();
        await Seed.ClientAsync(admin, "acme");

        var zone = await admin.PostAsJsonAsync("/api/queues", new
        {
            id = "billing", client = "acme", name = "Billing",
            settings = Settings(new { timeZone = "Mars/Olympus_Mons", weekly = Array.Empty<object>() }),
        });
        var overlap = await admin.PostAsJsonAsync("/api/queues", new
        {
            id = "billing", client = "acme", name = "Billing",
            settings = Settings(new { timeZone = "Europe/Paris", weekly = new[] { new { day = "monday", from = "09:00:00", to = "13:00:00" }, new { day = "monday", from = "12:00:00", to = "17:00:00" } } }),
        });
        var backwards = await admin.PostAsJsonAsync("/api/queues", new
        {
            id = "billing", client = "acme", name = "Billing",
            settings = Settings(new { timeZone = "Europe/Paris", weekly = new[] { new { day = "monday", from = "17:00:00", to = "09:00:00" } } }),
        });

        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest), (zone.StatusCode, overlap.StatusCode, backwards.StatusCode));
        Assert.Contains("settings.openingHours.timeZone", await zone.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("overlap", await overlap.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("settings.openingHours.weekly[0].to", await backwards.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/queues/billing")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Put_HoursRemoved_TheClosedQueueTakesContactsAtOnce(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = await app.AdministratorAsync();
        await Seed.ClientAsync(admin, "acme");
        await Seed.QueueAsync(admin, "billing", "acme", settings: Settings(ParisOfficeHours));
        app.Time.Advance(TimeSpan.FromHours(8));

        var closed = await admin.PostAsJsonAsync("/api/contacts", new { queue = "billing", language = "fr" });
        var changed = await admin.PutAsJsonAsync("/api/queues/billing", new { name = "Billing", settings = Settings(null), version = 1 });
        var open = await admin.PostAsJsonAsync("/api/contacts", new { queue = "billing", language = "fr" });

        Assert.Equal((HttpStatusCode.Conflict, HttpStatusCode.OK, HttpStatusCode.Created), (closed.StatusCode, changed.StatusCode, open.StatusCode));
    }
}
