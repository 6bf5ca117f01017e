using System.Net;
using System.Text.Json;

namespace Switchboard.Tests.Server.Complaints;

/// <summary>The root-cause trend (<c>GET /api/complaints/root-causes</c>): closed complaints per cause per interval of the client's calendar.</summary>
public class RootCauseTrendTests
{
    private static async Task<string> RegisterAsync(HttpClient admin, string client) =>
        (await ComplaintsTests.RegisterAsync(admin, ComplaintsTests.Complaint(client))).GetProperty("reference").GetString()!;

    private static async Task StepAsync(HttpClient admin, string reference, object action)
    {
        var response = await ComplaintsTests.ActAsync(admin, reference, action);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    private static async Task CloseAsync(HttpClient admin, string reference, string rootCause)
    {
        await StepAsync(admin, reference, new { type = "acknowledge", template = "ack", proofOfSending = "<m@test>" });
        await StepAsync(admin, reference, new { type = "start-investigation", owner = "tl", holdingUpdateEvery = "7.00:00:00" });
        await StepAsync(admin, reference, new { type = "propose-response", response = ComplaintsTests.Response });
        await StepAsync(admin, reference, new { type = "send-response", response = ComplaintsTests.Response });
        await StepAsync(admin, reference, new { type = "close-accepted", rootCause });
    }

    private static IEnumerable<(string Start, string Cause, int Count)> Counts(JsonElement trend) =>
        trend.GetProperty("intervals").EnumerateArray().SelectMany(i => i.GetProperty("counts").EnumerateArray()
            .Select(c => (i.GetProperty("start").GetString()!, c.GetProperty("cause").GetString()!, c.GetProperty("count").GetInt32())));

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Trend_CountsEachClosedComplaintOnce_InTheWeekOfItsLastClosure_InTheClientsZone(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = await app.AdministratorAsync();
        await Seed.TwoClientsAsync(admin);
        var put = await admin.PutAsJsonAsync("/api/clients/acme/contract", new { contract = new { timeZone = "America/New_York" }, version = 0 });
        Assert.True(put.StatusCode == HttpStatusCode.OK, await put.Content.ReadAsStringAsync());
        var (a, b, c, d) = (await RegisterAsync(admin, "acme"), await RegisterAsync(admin, "acme"), await RegisterAsync(admin, "acme"), await RegisterAsync(admin, "acme"));
        var other = await RegisterAsync(admin, "globex");

        // Monday 2 November 09:00 UTC (04:00 in New York).
        await CloseAsync(admin, a, "billing-error");
        // Monday 9 November 03:00 UTC is still Sunday 8 November in New York: the week of 2 November there.
        app.Time.Advance(TimeSpan.FromHours(162));
        await CloseAsync(admin, b, "delay");
        app.Time.Advance(TimeSpan.FromDays(1));
        await CloseAsync(admin, c, "billing-error");
        await CloseAsync(admin, d, "delay");
        await StepAsync(admin, d, new { type = "reopen", reason = "The refund never came." });
        await CloseAsync(admin, other, "delay");

        var weekly = await admin.GetFromJsonAsync<JsonElement>("/api/complaints/root-causes?client=acme&from=2026-11-02&to=2026-11-16&interval=week");
        var monthly = await admin.GetFromJsonAsync<JsonElement>("/api/complaints/root-causes?client=acme&from=2026-11-01&to=2026-12-01&interval=month");
        var everyone = await admin.GetFromJsonAsync<JsonElement>("/api/complaints/root-causes?from=2026-11-01&to=2026-12-01&interval=month");

        Assert.Equal("America/New_York", weekly.GetProperty("timeZone").GetString());
        Assert.Equal(["2026-11-02", "2026-11-09"], weekly.GetProperty("intervals").EnumerateArray().Select(i => i.GetProperty("start").GetString()));
        Assert.Equal([("2026-11-02", "billing-error", 1), ("2026-11-02", "delay", 1), ("2026-11-09", "billing-error", 1)], Counts(weekly));
        Assert.Equal([("2026-11-01", "billing-error", 2), ("2026-11-01", "delay", 1)], Counts(monthly));
        Assert.Equal([("2026-11-01", "billing-error", 2), ("2026-11-01", "delay", 2)], Counts(everyone));
        Assert.Equal("UTC", everyone.GetProperty("timeZone").GetString());
    }

    [Theory]
    [InlineData("from=2026-11-01&to=2026-12-01&interval=day", "interval")]
    [InlineData("to=2026-12-01&interval=week", "from")]
    [InlineData("from=2026-11-01&to=2026-11-01&interval=week", "to")]
    [InlineData("from=1-11-2026&to=2026-12-01&interval=week", "from")]
    [InlineData("from=2000-01-03&to=2026-12-01&interval=week", "interval")]
    public async Task Trend_BadQuery_Is400NamingTheField(string query, string field)
    {
        await using var app = await TestApp.StartAsync();
        var admin = await app.AdministratorAsync();

        var response = await admin.GetAsync("/api/complaints/root-causes?" + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _), await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Trend_ClientViewer_CountsOnlyItsOwnClient_AndAnotherClientIs404()
    {
        await using var app = await TestApp.StartAsync();
        var admin = await app.AdministratorAsync();
        await Seed.TwoClientsAsync(admin);
        await CloseAsync(admin, await RegisterAsync(admin, "acme"), "delay");
        await CloseAsync(admin, await RegisterAsync(admin, "globex"), "staff-conduct");
        var viewer = app.Client(await app.TokenAsync("viewer@acme.example", ["client-viewer"], client: "acme"));

        var own = await viewer.GetFromJsonAsync<JsonElement>("/api/complaints/root-causes?from=2026-11-01&to=2026-12-01&interval=month");
        var another = await viewer.GetAsync("/api/complaints/root-causes?client=globex&from=2026-11-01&to=2026-12-01&interval=month");

        Assert.Equal([("2026-11-01", "delay", 1)], Counts(own));
        Assert.Equal(HttpStatusCode.NotFound, another.StatusCode);
    }
}
