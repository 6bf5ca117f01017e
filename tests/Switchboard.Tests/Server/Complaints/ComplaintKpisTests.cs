using System.Net;
using System.Text.Json;

namespace Switchboard.Tests.Server.Complaints;

/// <summary>
/// Complaint KPIs in the KPI reports, the monthly client report and the evidence pack, computed from the complaint log
/// on the client's business hours (Monday to Friday 09:00-17:00 Paris) and judged against the contract's targets.
/// </summary>
public class ComplaintKpisTests
{
    private const string Day = "/api/reports/kpis?from=2026-11-02&to=2026-11-03&client=acme";

    internal static object Complaint(string? email, IReadOnlyList<Guid>? linkedContacts = null) => new
    {
        client = "acme",
        category = "clientProductOrService",
        severity = "medium",
        summary = "Charged a fee I did not owe.",
        remedySought = "Refund.",
        customerName = "Ann Example",
        customerEmail = email,
        linkedContacts = linkedContacts ?? [],
    };

    internal static async Task<string> RegisterAsync(HttpClient admin, object complaint)
    {
        var response = await admin.PostAsJsonAsync("/api/complaints", complaint);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reference").GetString()!;
    }

    /// <summary>Takes a complaint from acknowledgement to closure, one step an hour: the final response is sent four
    /// hours after the acknowledgement's hour began.</summary>
    internal static async Task HandleToClosureAsync(TestApp app, HttpClient admin, string reference, string close = "close-accepted")
    {
        object[] steps =
        [
            new { type = "acknowledge", template = "ack", proofOfSending = "<m@x>" },
            new { type = "start-investigation", owner = "tl@centre.example", holdingUpdateEvery = "7.00:00:00" },
            new { type = "propose-response", response = ComplaintsTests.Response },
            new { type = "send-response", response = ComplaintsTests.Response },
            new { type = close, rootCause = "billing-error" },
        ];
        foreach (var step in steps)
        {
            app.Time.Advance(TimeSpan.FromHours(1));
            var response = await admin.PostAsJsonAsync($"/api/complaints/{reference}/actions", step);
            Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        }
    }

    internal static async Task ContractAsync(HttpClient admin, params object[] targets)
    {
        string[] weekdays = ["monday", "tuesday", "wednesday", "thursday", "friday"];
        var put = await admin.PutAsJsonAsync("/api/clients/acme/contract", new
        {
            contract = new
            {
                timeZone = "Europe/Paris",
                openingHours = new { timeZone = "Europe/Paris", weekly = weekdays.Select(day => new { day, from = "09:00", to = "17:00" }) },
                complaints = new { profile = "ten-business-days" },
                targets,
            },
            version = 0,
        });
        Assert.True(put.StatusCode == HttpStatusCode.OK, await put.Content.ReadAsStringAsync());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Report_TwoComplaintsOfADay_GiveTheComplaintKpisAgainstTheContractsTargets(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = await app.AdministratorAsync();
        await Seed.ClientAsync(admin, "acme");
        await ContractAsync(admin,
            new { kpi = "complaints-acknowledged-on-time", target = 0.9, effectiveFrom = "2026-11-01" },
            new { kpi = "complaint-time-to-final-response", target = 8 * 3600, effectiveFrom = "2026-11-01" },
            new { kpi = "complaint-handling-satisfaction", target = 0.5, effectiveFrom = "2026-11-01" });
        // Monday 10:00 Paris: acknowledged at 11:00, final response at 14:00 (four business hours), closed at 15:00.
        var first = await RegisterAsync(admin, Complaint("ann@example.org"));
        await HandleToClosureAsync(app, admin, first);
        var token = (await admin.GetFromJsonAsync<JsonElement>($"/api/complaints/{first}/survey")).GetProperty("link").GetString()!.Split('/')[^1];
        var answered = await app.Client().PostAsJsonAsync($"/api/public/complaint-surveys/{token}", new { satisfaction = 4 });
        Assert.Equal(HttpStatusCode.Created, answered.StatusCode);
        // Monday 15:00 Paris, never acknowledged: one business day later (Tuesday 15:00) it is overdue.
        await RegisterAsync(admin, Complaint(null));
        app.Time.Advance(TimeSpan.FromDays(2));

        var report = await admin.GetFromJsonAsync<JsonElement>(Day);

        var figures = Assert.Single(report.GetProperty("summary").EnumerateArray()).GetProperty("figures");
        Assert.Equal(2, Value(figures, "complaints-received"));
        Assert.Equal((0.5, 0.9, false), Judged(figures, "complaints-acknowledged-on-time"));
        Assert.Equal((4 * 3600.0, 8 * 3600.0, true), Judged(figures, "complaint-time-to-final-response"));
        Assert.Equal((1.0, 0.5, true), Judged(figures, "complaint-handling-satisfaction"));
        Assert.Equal(1.0, Value(figures, "complaints-responded-on-time"));
        Assert.True(figures.GetProperty("complaints-responded-on-time").GetProperty("provisional").GetBoolean());
        Assert.Equal(0.0, Value(figures, "complaints-reopened"));
        Assert.Equal(0.0, Value(figures, "complaints-escalated"));
        Assert.Equal(1.0, Value(figures, "complaint-survey-response-rate"));
        Assert.Equal(JsonValueKind.Null, figures.GetProperty("complaints-per-1000-contacts").GetProperty("value").ValueKind);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task MonthlyReportAndEvidencePack_ShowTheComplaintKpis_MetOrMissed(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = await app.AdministratorAsync();
        await Seed.ClientAsync(admin, "acme");
        await ContractAsync(admin, new { kpi = "complaints-responded-on-time", target = 0.95, effectiveFrom = "2026-11-01" });
        var reference = await RegisterAsync(admin, Complaint("ann@example.org"));
        await HandleToClosureAsync(app, admin, reference, "close-unaccepted");
        await admin.PostAsJsonAsync($"/api/complaints/{reference}/actions", new { type = "reopen", reason = "The refund never came." });
        app.Time.Advance(TimeSpan.FromDays(40));

        var monthly = await admin.GetFromJsonAsync<JsonElement>("/api/clients/acme/reports/2026-11");
        var evidence = await admin.GetFromJsonAsync<JsonElement>("/api/evidence?from=2026-11-01&to=2026-12-01&client=acme");

        var responded = monthly.GetProperty("figures").EnumerateArray().Single(f => f.GetProperty("kpi").GetString() == "complaints-responded-on-time");
        // Reopened with ten business days resumed from where they stood, and never answered again: late.
        Assert.Equal((0.0, false), (responded.GetProperty("value").GetDouble(), responded.GetProperty("met").GetBoolean()));
        var reopened = monthly.GetProperty("figures").EnumerateArray().Single(f => f.GetProperty("kpi").GetString() == "complaints-reopened");
        Assert.Equal(1.0, reopened.GetProperty("value").GetDouble());
        Assert.Contains("1 complaints received", monthly.GetProperty("complaints").GetString(), StringComparison.Ordinal);
        Assert.Contains(monthly.GetProperty("exceptions").EnumerateArray(), e => e.GetString()!.StartsWith("Final responses on time was 0.0%", StringComparison.Ordinal));
        var complaints = evidence.GetProperty("areas").EnumerateArray().Single(a => a.GetProperty("id").GetString() == "complaints");
        var items = complaints.GetProperty("items").EnumerateArray().ToDictionary(i => i.GetProperty("what").GetString()!, i => i.GetProperty("shown").GetString()!);
        Assert.StartsWith("1 (method complaints-received@1)", items["Complaints received"], StringComparison.Ordinal);
        Assert.StartsWith("100.0% (method complaints-reopened@1)", items["Complaints reopened"], StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Report_ByChannel_CountsAComplaintUnderItsLinkedContactsChannel(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = await app.AdministratorAsync();
        await Seed.ClientAsync(admin, "acme");
        await Seed.QueueAsync(admin, "billing", "acme");
        var created = await admin.PostAsJsonAsync("/api/contacts", new { queue = "billing", language = "en", channel = "chat" });
        var contact = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await RegisterAsync(admin, Complaint(null, [contact]));
        await RegisterAsync(admin, Complaint(null));

        var report = await admin.GetFromJsonAsync<JsonElement>(Day + "&by=channel");

        var rows = report.GetProperty("summary").EnumerateArray().ToDictionary(r => r.GetProperty("key").GetString()!, r => Value(r.GetProperty("figures"), "complaints-received"));
        // The other complaint, with no contact linked, has no channel to count under.
        Assert.Equal(new Dictionary<string, double?> { ["chat"] = 1 }, rows);
    }

    private static double? Value(JsonElement figures, string kpi) =>
        figures.GetProperty(kpi).GetProperty("value") is { ValueKind: JsonValueKind.Number } v ? v.GetDouble() : null;

    private static (double?, double, bool) Judged(JsonElement figures, string kpi) =>
        (Value(figures, kpi), figures.GetProperty(kpi).GetProperty("target").GetDouble(), figures.GetProperty(kpi).GetProperty("met").GetBoolean());
}
