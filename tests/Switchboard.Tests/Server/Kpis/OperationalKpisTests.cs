using System.Net;
using System.Text.Json;

namespace Switchboard.Tests.Server.Kpis;

/// <summary>Occupancy and operational first contact resolution in KPI reports over the server's own log and contacts.</summary>
public class OperationalKpisTests
{
    private const string TwoDays = "/api/reports/kpis?from=2026-11-02&to=2026-11-04";

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Report_RepeatContacts_GiveTheOperationalResolutionAndFlagOpenWindows(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = await SeedAsync(app);
        // Monday: A calls about an invoice. Tuesday: the same customer writes about the invoice again (A is repeated, its
        // email is resolved so far); B calls about a delivery (resolved so far); an anonymous caller is not assessable.
        await HandleAsync(admin, "voice", new { phone = "+441632960961" }, "invoice query");
        app.Time.Advance(TimeSpan.FromDays(1));
        await HandleAsync(admin, "email", new { phone = "+441632960961", email = "jo@example.com" }, "invoice query");
        await HandleAsync(admin, "voice", new { phone = "+441632960962" }, "delivery");
        await HandleAsync(admin, "voice", null, "delivery");

        var report = await admin.GetFromJsonAsync<JsonElement>(TwoDays);

        var summary = Assert.Single(report.GetProperty("summary").EnumerateArray()).GetProperty("figures").GetProperty("first-contact-resolution");
        Assert.Equal(2.0 / 3, summary.GetProperty("value").GetDouble(), 9);
        Assert.True(summary.GetProperty("provisional").GetBoolean());
        var rows = report.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("figures").GetProperty("first-contact-resolution")).ToList();
        Assert.Equal(2, rows.Count);
        Assert.Equal(0.0, rows[0].GetProperty("value").GetDouble());
        Assert.False(rows[0].TryGetProperty("provisional", out _));
        Assert.Equal((1.0, true), (rows[1].GetProperty("value").GetDouble(), rows[1].GetProperty("provisional").GetBoolean()));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Revise_ShorterRepeatWindow_TurnsTheRepeatIntoAResolution(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = await SeedAsync(app);
        await HandleAsync(admin, "voice", new { phone = "+441632960961" }, "invoice query");
        app.Time.Advance(TimeSpan.FromDays(1));
        await HandleAsync(admin, "voice", new { phone = "+441632960961" }, "invoice query");

        var revised = await admin.PostAsJsonAsync("/api/kpis/first-contact-resolution/methods", new { parameters = new { repeatWindow = "12:00:00" } });
        var tooShort = await admin.PostAsJsonAsync("/api/kpis/first-contact-resolution/methods", new { parameters = new { repeatWindow = "00:10:00" } });
        var latest = await admin.GetFromJsonAsync<JsonElement>("/api/reports/kpis?from=2026-11-02&to=2026-11-03");
        var first = await admin.GetFromJsonAsync<JsonElement>("/api/reports/kpis?from=2026-11-02&to=2026-11-03&methods=first-contact-resolution@1");

        Assert.Equal(HttpStatusCode.Created, revised.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, tooShort.StatusCode);
        Assert.Equal((1.0, 2), Figure(latest, "first-contact-resolution"));
        Assert.Equal((0.0, 1), Figure(first, "first-contact-resolution"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Report_AgentSignedInForAnHour_GivesOccupancyWithoutABreakdownAndPerAgentOnly(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = await SeedAsync(app);
        // Ann, available from 09:00, talks from 09:00 to 09:30 and wraps up until 09:31; the report is read at 10:00.
        var contact = await CreateAsync(admin, "voice", null);
        await AcceptAsync(admin);
        app.Time.Advance(TimeSpan.FromMinutes(30));
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync($"/api/contacts/{contact}/end", null)).StatusCode);
        app.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsJsonAsync($"/api/contacts/{contact}/wrap-up", new { disposition = "resolved" })).StatusCode);
        app.Time.Advance(TimeSpan.FromMinutes(29));

        var all = await admin.GetFromJsonAsync<JsonElement>("/api/reports/kpis?from=2026-11-02&to=2026-11-03");
        var byAgent = await admin.GetFromJsonAsync<JsonElement>("/api/reports/kpis?from=2026-11-02&to=2026-11-03&by=agent");
        var byQueue = await admin.GetFromJsonAsync<JsonElement>("/api/reports/kpis?from=2026-11-02&to=2026-11-03&by=queue");
        var ofClient = await admin.GetFromJsonAsync<JsonElement>("/api/reports/kpis?from=2026-11-02&to=2026-11-03&client=acme");

        Assert.Equal(31.0 / 60, Figure(all, "occupancy").Value, 9);
        var ann = Assert.Single(byAgent.GetProperty("summary").EnumerateArray());
        Assert.Equal("ann", ann.GetProperty("key").GetString());
        Assert.Equal(31.0 / 60, ann.GetProperty("figures").GetProperty("occupancy").GetProperty("value").GetDouble(), 9);
        Assert.Equal(JsonValueKind.Null, Single(byQueue).GetProperty("occupancy").GetProperty("value").ValueKind);
        Assert.Equal(JsonValueKind.Null, Single(ofClient).GetProperty("occupancy").GetProperty("value").ValueKind);
    }

    private static async Task<HttpClient> SeedAsync(TestApp app)
    {
        var admin = await app.AdministratorAsync();
        await Seed.ClientAsync(admin, "acme");
        await Seed.QueueAsync(admin, "billing", "acme");
        await Seed.AgentAsync(admin, "ann", "acme", capacity: new { voice = 1, email = 1 });
        return admin;
    }

    /// <summary>A contact on a channel with a customer (or none), answered by ann, ended and wrapped up with a reason at once.</summary>
    private static async Task HandleAsync(HttpClient admin, string channel, object? customer, string reason)
    {
        var contact = await CreateAsync(admin, channel, customer);
        await AcceptAsync(admin);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync($"/api/contacts/{contact}/end", null)).StatusCode);
        var wrapped = await admin.PostAsJsonAsync($"/api/contacts/{contact}/wrap-up", new { disposition = "resolved", reason });
        Assert.Equal(HttpStatusCode.NoContent, wrapped.StatusCode);
    }

    private static async Task<string> CreateAsync(HttpClient admin, string channel, object? customer)
    {
        var created = await admin.PostAsJsonAsync("/api/contacts", new { queue = "billing", language = "en", channel, customer });
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    private static async Task AcceptAsync(HttpClient admin)
    {
        var offers = await admin.GetFromJsonAsync<JsonElement[]>("/api/agents/ann/offers");
        var offer = Assert.Single(offers!).GetProperty("id").GetInt64();
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/agents/ann/offers/{offer}/accept", null)).StatusCode);
    }

    private static JsonElement Single(JsonElement report) => Assert.Single(report.GetProperty("summary").EnumerateArray()).GetProperty("figures");

    private static (double Value, int Method) Figure(JsonElement report, string kpi)
    {
        var figure = Single(report).GetProperty(kpi);
        return (figure.GetProperty("value").GetDouble(), figure.GetProperty("method").GetInt32());
    }

}
