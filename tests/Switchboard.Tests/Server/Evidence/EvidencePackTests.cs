using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Switchboard.Persistence;
using Switchboard.Tests.Server.ClientReports;

namespace Switchboard.Tests.Server.Evidence;

/// <summary>The ISO 18295 evidence pack: each area's figures come from the stored records, and what is missing is said.</summary>
public class EvidencePackTests
{
    private const string November = "/api/evidence?from=2026-11-01&to=2026-12-01&client=acme";

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Pack_FiguresComeFromTheLogTheAuditTrailAndTheContract(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = await SeedAsync(app);

        var pack = await admin.GetFromJsonAsync<JsonElement>(November);

        var areas = pack.GetProperty("areas").EnumerateArray().ToDictionary(a => a.GetProperty("id").GetString()!);
        Assert.Equal(["information", "customer-experience", "complaints", "customer-protection", "people", "operations", "client-relationship"], areas.Keys);
        Assert.Equal("Europe/Paris", pack.GetProperty("timeZone").GetString());
        // Three arrivals, each told its expected wait; the third answered at once by ann.
        Assert.Equal("3 of 3 (100.0%)", Shown(areas["information"], "Queued contacts told the expected wait on arrival"));
        Assert.Equal("1 of 2 (50.0%)", Shown(areas["complaints"], "Completed contacts the agent marked as a complaint"));
        Assert.Equal(3, Value(areas["operations"], "Offered"));
        Assert.Equal("1 of 1", Shown(areas["operations"], "Routing domains whose log is whole over the period"));
        Assert.Equal("evidenced", areas["operations"].GetProperty("state").GetString());
        Assert.StartsWith("yes, ", Shown(areas["customer-protection"], "Audit trail intact"), StringComparison.Ordinal);
        // Service level 2 of 3 (the abandon after 40 s fails) misses 80%; speed of answer (12 + 0) / 2 = 6 s meets 15 s.
        Assert.Equal("1 of 2", Shown(areas["client-relationship"], "ACME: contracted targets met over the period"));
        Assert.StartsWith("0 of 1 owed", Shown(areas["client-relationship"], "ACME: information the client supplied on time"), StringComparison.Ordinal);
        Assert.Equal("0", Shown(areas["client-relationship"], "ACME: monthly reports issued on schedule"));
        Assert.All(areas.Values.Where(a => a.GetProperty("id").GetString() != "client-relationship"), a => Assert.NotEmpty(a.GetProperty("gaps").EnumerateArray()));
        // The complaint raised in that contact was registered and acknowledged within its business day.
        Assert.Equal(1, Value(areas["complaints"], "Complaints received"));
        Assert.Equal("1 of 1 (100.0%)", Shown(areas["complaints"], "Complaints acknowledged within their target"));
        Assert.Equal("none", Shown(areas["complaints"], "Final responses sent within their target"));
        // The complaint-handling survey's invitation is mailed now: no longer a gap.
        Assert.DoesNotContain(areas["complaints"].GetProperty("gaps").EnumerateArray(), g => g.GetString()!.Contains("survey", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Pack_AMissingRoutingEvent_ShowsAsAGapInTheLog(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = await SeedAsync(app);
        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<SwitchboardDb>>().CreateDbContextAsync())
        {
            var middle = await db.Events.Where(e => e.Type == (int)Switchboard.Routing.RoutingEventType.OfferAccepted).OrderBy(e => e.Sequence).FirstAsync();
            await db.Events.Where(e => e.Id == middle.Id).ExecuteDeleteAsync();
        }

        var pack = await admin.GetFromJsonAsync<JsonElement>(November);

        var operations = pack.GetProperty("areas").EnumerateArray().Single(a => a.GetProperty("id").GetString() == "operations");
        Assert.Equal("0 of 1", Shown(operations, "Routing domains whose log is whole over the period"));
        Assert.Equal("partial", operations.GetProperty("state").GetString());
    }

    [Fact]
    public async Task Pack_Html_HasEveryAreaWithItsFiguresAndGaps()
    {
        await using var app = await TestApp.StartAsync();
        var admin = await SeedAsync(app);
        app.Time.Advance(new DateTimeOffset(2026, 12, 1, 3, 0, 0, TimeSpan.Zero) - app.Time.GetUtcNow());
        await app.Services.GetRequiredService<Switchboard.Server.ClientReports.ScheduledReports>().IssueDueAsync(CancellationToken.None);

        var response = await admin.GetAsync(November + "&format=html");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<h1>ISO 18295 evidence pack</h1>", html, StringComparison.Ordinal);
        foreach (var title in new[] { "Information to customers", "Measuring customer experience", "Complaints", "Protecting customers and their data", "People: competence and working conditions", "Operations: performance and reliability", "The client relationship" })
        {
            Assert.Contains($"\">{title}</h2>", html, StringComparison.Ordinal);
        }

        Assert.Contains("<h3>Not yet evidenced</h3>", html, StringComparison.Ordinal);
        Assert.Contains("<td>ACME: monthly reports issued on schedule</td><td>1</td>", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/api/clients/acme/reports/2026-11/issued?format=html\">", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pack_BadInputOrAClientViewer_IsRefused()
    {
        await using var app = await TestApp.StartAsync();
        var admin = await SeedAsync(app);
        var viewer = app.Client(await app.TokenAsync("viewer@acme.example", ["client-viewer"], client: "acme"));
        var auditor = app.Client(await app.TokenAsync("auditor@centre.example", ["auditor"]));

        var badFrom = await admin.GetAsync("/api/evidence?from=01/11/2026");
        var badFormat = await admin.GetAsync(November + "&format=docx");
        var unknown = await admin.GetAsync("/api/evidence?from=2026-11-01&to=2026-12-01&client=nobody");
        var byViewer = await viewer.GetAsync(November);
        var byAuditor = await auditor.GetAsync(November);

        Assert.Equal(
            (HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.NotFound, HttpStatusCode.Forbidden, HttpStatusCode.OK),
            (badFrom.StatusCode, badFormat.StatusCode, unknown.StatusCode, byViewer.StatusCode, byAuditor.StatusCode));
        Assert.Contains("\"from\"", await badFrom.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EvidenceCommand_WritesTheHtml_AndRefusesABadDateOnStderr()
    {
        await using var app = await TestApp.StartAsync();
        await SeedAsync(app);
        var folder = Directory.CreateTempSubdirectory("sb-evidence-").FullName;
        var path = Path.Combine(folder, "evidence.html");
        var options = TestDatabase.CommandLineOptions(app.Settings);

        using var output = new StringWriter();
        using var error = new StringWriter();
        var written = await SwitchboardCli.RunAsync(["report", "evidence", "--from", "2026-11-01", "--to", "2026-12-01", "--client", "acme", "--html", path, .. options], output, error);
        using var summaryOutput = new StringWriter();
        var summary = await SwitchboardCli.RunAsync(["report", "evidence", "--from", "2026-11-01", "--to", "2026-12-01", .. options], summaryOutput, error);
        using var badError = new StringWriter();
        var refused = await SwitchboardCli.RunAsync(["report", "evidence", "--from", "yesterday", "--to", "2026-12-01", .. options], TextWriter.Null, badError);

        Assert.True(written == 0 && summary == 0, error.ToString());
        Assert.Contains("<h1>ISO 18295 evidence pack</h1>", await File.ReadAllTextAsync(path), StringComparison.Ordinal);
        Assert.Contains("Complaints (ISO 18295-1 (handled as ISO 10002 describes)): partly recorded", summaryOutput.ToString(), StringComparison.Ordinal);
        Assert.Equal(2, refused);
        Assert.Contains("--from: A date, such as 2026-11-01.", badError.ToString(), StringComparison.Ordinal);
    }

    // The monthly report's client (the KPI reports' morning: one answer after 12 s, one abandon after 40 s; a Paris
    // contract with two targets and a late price change), then a third contact answered at once and wrapped up as a complaint.
    private static async Task<HttpClient> SeedAsync(TestApp app)
    {
        var admin = await MonthlyReportTests.SeedAsync(app);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PutAsJsonAsync("/api/agents/ann/presence", new { presence = "available" })).StatusCode);
        var created = await admin.PostAsJsonAsync("/api/contacts", new { queue = "billing", language = "en", channel = "voice" });
        var third = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        var offers = await admin.GetFromJsonAsync<JsonElement[]>("/api/agents/ann/offers");
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/agents/ann/offers/{offers![0].GetProperty("id").GetInt64()}/accept", null)).StatusCode);
        app.Time.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync($"/api/contacts/{third}/end", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsJsonAsync($"/api/contacts/{third}/wrap-up", new { disposition = "not-resolved", complaint = true })).StatusCode);
        var complaint = await admin.PostAsJsonAsync("/api/complaints", new
        {
            client = "acme", category = "clientProductOrService", severity = "low", summary = "Wrong bill.", remedySought = "A corrected bill.", linkedContacts = new[] { third },
        });
        Assert.Equal(HttpStatusCode.Created, complaint.StatusCode);
        var reference = (await complaint.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reference").GetString();
        app.Time.Advance(TimeSpan.FromMinutes(30));
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"/api/complaints/{reference}/actions", new { type = "acknowledge", template = "ack", proofOfSending = "<ack-1@centre>" })).StatusCode);
        return admin;
    }

    private static JsonElement Item(JsonElement area, string what) =>
        area.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("what").GetString() == what);

    private static string Shown(JsonElement area, string what) => Item(area, what).GetProperty("shown").GetString()!;

    private static double Value(JsonElement area, string what) => Item(area, what).GetProperty("value").GetDouble();
}
