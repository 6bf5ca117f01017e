using System.Net;
using System.Text.Json;
using Switchboard.Tests.Server.Kpis;
using UglyToad.PdfPig;

namespace Switchboard.Tests.Server.ClientReports;

/// <summary>The monthly client report (ISO 18295-2): contracted KPIs against targets with their methods, as JSON, HTML, PDF and from the command line.</summary>
public class MonthlyReportTests
{
    private const string November = "/api/clients/acme/reports/2026-11";

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Monthly_ContractedTargets_ComeFirstWithTheirMethodAndTheMissesAreExplained(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = await SeedAsync(app);

        var report = await admin.GetFromJsonAsync<JsonElement>(November);

        var figures = report.GetProperty("figures").EnumerateArray().ToList();
        Assert.Equal(["service-level", "average-speed-of-answer"], figures.Take(2).Select(f => f.GetProperty("kpi").GetString()));
        Assert.Equal(("service-level@1", 0.8, false), (figures[0].GetProperty("method").GetString(), figures[0].GetProperty("target").GetDouble(), figures[0].GetProperty("met").GetBoolean()));
        Assert.True(figures[1].GetProperty("met").GetBoolean());
        var exceptions = report.GetProperty("exceptions").EnumerateArray().Select(e => e.GetString()!).ToList();
        Assert.Contains(exceptions, e => e.StartsWith("Service level was 50.0% against a target of 80.0% (method service-level@1)", StringComparison.Ordinal));
        Assert.Contains(exceptions, e => e.Contains("\"Fee change\" came later than the contract's lead time", StringComparison.Ordinal));
        Assert.Equal("Europe/Paris", report.GetProperty("timeZone").GetString());
        Assert.Equal(30, report.GetProperty("days").GetArrayLength());
    }

    [Fact]
    public async Task Monthly_Pdf_OpensAndNamesTheClientEveryKpiAndItsTarget()
    {
        await using var app = await TestApp.StartAsync();
        var admin = await SeedAsync(app);
        var report = await admin.GetFromJsonAsync<JsonElement>(November);

        var response = await admin.GetAsync(November + "?format=pdf");
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        using var pdf = PdfDocument.Open(bytes);
        var text = string.Join(" ", pdf.GetPages().Select(p => string.Join(" ", p.GetWords().Select(w => w.Text))));
        Assert.Contains("ACME: monthly report 2026-11", text, StringComparison.Ordinal);
        foreach (var figure in report.GetProperty("figures").EnumerateArray())
        {
            Assert.Contains(figure.GetProperty("title").GetString()!, text, StringComparison.Ordinal);
            Assert.Contains(figure.GetProperty("method").GetString()!, text, StringComparison.Ordinal);
        }

        Assert.Contains("at least 80.0%", text, StringComparison.Ordinal);
        Assert.Contains("at most 15.0 s", text, StringComparison.Ordinal);
        Assert.Contains("MISSED", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Monthly_Html_IsOnePageWithTheTableAndTheChart()
    {
        await using var app = await TestApp.StartAsync();
        var admin = await SeedAsync(app);

        var response = await admin.GetAsync(November + "?format=html");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<h1>ACME: monthly report 2026-11</h1>", html, StringComparison.Ordinal);
        Assert.Contains("data:image/png;base64,", html, StringComparison.Ordinal);
        Assert.Contains("<td class=\"missed\">missed</td>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Monthly_BadMonthOrAnotherClientsReport_IsRefused()
    {
        await using var app = await TestApp.StartAsync();
        var admin = await SeedAsync(app);
        await Seed.ClientAsync(admin, "globex");
        var viewer = app.Client(await app.TokenAsync("viewer@globex.example", ["client-viewer"], client: "globex"));

        var badMonth = await admin.GetAsync("/api/clients/acme/reports/2026-13");
        var badFormat = await admin.GetAsync(November + "?format=docx");
        var other = await viewer.GetAsync(November);
        var own = await viewer.GetAsync("/api/clients/globex/reports/2026-11");

        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.NotFound, HttpStatusCode.OK), (badMonth.StatusCode, badFormat.StatusCode, other.StatusCode, own.StatusCode));
    }

    [Fact]
    public async Task ReportCommand_WritesThePdf_AndRefusesABadMonthOnStderr()
    {
        await using var app = await TestApp.StartAsync();
        await SeedAsync(app);
        var folder = Directory.CreateTempSubdirectory("sb-report-").FullName;
        var path = Path.Combine(folder, "acme.pdf");
        var options = TestDatabase.CommandLineOptions(app.Settings);

        using var output = new StringWriter();
        using var error = new StringWriter();
        var written = await SwitchboardCli.RunAsync(["report", "client", "--client", "acme", "--month", "2026-11", "--pdf", path, .. options], output, error);
        using var badOutput = new StringWriter();
        using var badError = new StringWriter();
        var refused = await SwitchboardCli.RunAsync(["report", "client", "--client", "acme", "--month", "November", .. options], badOutput, badError);

        Assert.True(written == 0, error.ToString());
        Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString(File.ReadAllBytes(path), 0, 4));
        Assert.Equal(2, refused);
        Assert.Contains("--month: A month, such as 2026-11 (or a week, 2026-W45, or a quarter, 2026-Q4).", badError.ToString(), StringComparison.Ordinal);
    }

    // The morning of KpiReportsTests (service level 50%, speed of answer 12 s) for a client in Paris with targets of
    // 80% within 20 s and at most 15 s, and a price change told eight days ahead of a 14-day lead time.
    internal static async Task<HttpClient> SeedAsync(TestApp app)
    {
        var admin = await KpiReportsTests.SeedMorningAsync(app);
        var contract = await admin.PutAsJsonAsync("/api/clients/acme/contract", new
        {
            contract = new
            {
                timeZone = "Europe/Paris",
                targets = new object[]
                {
                    new { kpi = "service-level", target = 0.8, effectiveFrom = "2026-11-01" },
                    new { kpi = "average-speed-of-answer", target = 15, effectiveFrom = "2026-11-01" },
                },
                duties = new[] { new { kind = "priceChange", leadTime = "14.00:00:00" } },
            },
            version = 0,
        });
        Assert.Equal(HttpStatusCode.OK, contract.StatusCode);
        var late = await admin.PostAsJsonAsync("/api/clients/acme/information", new { kind = "priceChange", effectiveAt = "2026-11-10T00:00:00Z", summary = "Fee change" });
        Assert.Equal(HttpStatusCode.Created, late.StatusCode);
        return admin;
    }
}
