using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Switchboard.Persistence;
using Switchboard.Server.ClientReports;
using Switchboard.Tests.Server.Kpis;
using UglyToad.PdfPig;

namespace Switchboard.Tests.Server.ClientReports;

/// <summary>Client reports issued on the contract's cadence, on the client's clock, once each, and kept as issued.</summary>
public class ScheduledReportsTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Monthly_IssuedOnceTwoHoursAfterTheClientsMidnight_AndKeptAsIssued(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = await SeedAsync(app, "monthly");
        var schedule = app.Services.GetRequiredService<ScheduledReports>();

        // October ended before the client existed: nothing is due for it.
        Assert.Empty(await schedule.IssueDueAsync(CancellationToken.None));
        // 01:59 in Paris on 1 December: November has ended, but not two hours ago.
        app.Time.Advance(new DateTimeOffset(2026, 12, 1, 0, 59, 0, TimeSpan.Zero) - app.Time.GetUtcNow());
        await schedule.IssueDueAsync(CancellationToken.None);
        Assert.Empty((await admin.GetFromJsonAsync<JsonElement[]>("/api/clients/acme/reports"))!);
        app.Time.Advance(TimeSpan.FromMinutes(2));
        await schedule.IssueDueAsync(CancellationToken.None);
        var again = await schedule.IssueDueAsync(CancellationToken.None);

        var issued = Assert.Single((await admin.GetFromJsonAsync<JsonElement[]>("/api/clients/acme/reports"))!);
        Assert.Empty(again);
        Assert.Equal(("2026-11", "/api/clients/acme/reports/2026-11/issued?format=pdf"), (issued.GetProperty("period").GetString(), issued.GetProperty("pdf").GetString()));
        var json = await admin.GetFromJsonAsync<JsonElement>("/api/clients/acme/reports/2026-11/issued");
        Assert.Equal(("2026-11", "monthly"), (json.GetProperty("period").GetString(), json.GetProperty("cadence").GetString()));
        Assert.Equal(0.5, json.GetProperty("figures")[0].GetProperty("value").GetDouble());
        using var pdf = PdfDocument.Open(await admin.GetByteArrayAsync("/api/clients/acme/reports/2026-11/issued?format=pdf"));
        Assert.Contains("ACME: monthly report 2026-11", string.Join(" ", pdf.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text)), StringComparison.Ordinal);
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<SwitchboardDb>>().CreateDbContextAsync();
        Assert.Equal(1, await db.AuditEntries.CountAsync(e => e.Action == "client.report.issued" && e.Resource == "client/acme/reports/2026-11"));
    }

    [Fact]
    public async Task Weekly_TheWeekIsIssuedTheMondayAfter()
    {
        await using var app = await TestApp.StartAsync();
        var admin = await SeedAsync(app, "weekly");
        var schedule = app.Services.GetRequiredService<ScheduledReports>();

        app.Time.Advance(new DateTimeOffset(2026, 11, 9, 1, 0, 0, TimeSpan.Zero) - app.Time.GetUtcNow());
        await schedule.IssueDueAsync(CancellationToken.None);

        var issued = Assert.Single((await admin.GetFromJsonAsync<JsonElement[]>("/api/clients/acme/reports"))!);
        Assert.Equal("2026-W45", issued.GetProperty("period").GetString());
        var html = await admin.GetStringAsync("/api/clients/acme/reports/2026-W45/issued?format=html");
        Assert.Contains("<h1>ACME: weekly report 2026-W45</h1>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OnDemand_AQuarter_CoversItsDays_AndAnUnissuedPeriodIsNotFound()
    {
        await using var app = await TestApp.StartAsync();
        var admin = await SeedAsync(app, "monthly");
        await Seed.ClientAsync(admin, "globex");
        var viewer = app.Client(await app.TokenAsync("viewer@globex.example", ["client-viewer"], client: "globex"));

        var quarter = await admin.GetFromJsonAsync<JsonElement>("/api/clients/acme/reports/2026-Q4");
        var missing = await admin.GetAsync("/api/clients/acme/reports/2026-10/issued");
        var badFormat = await admin.GetAsync("/api/clients/acme/reports/2026-10/issued?format=docx");
        var other = await viewer.GetAsync("/api/clients/acme/reports");

        Assert.Equal(("2026-Q4", "quarterly", 92), (quarter.GetProperty("period").GetString(), quarter.GetProperty("cadence").GetString(), quarter.GetProperty("days").GetArrayLength()));
        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.BadRequest, HttpStatusCode.NotFound), (missing.StatusCode, badFormat.StatusCode, other.StatusCode));
    }

    // The KPI reports' morning (service level 50%) for a client in Paris reporting on the given cadence.
    private static async Task<HttpClient> SeedAsync(TestApp app, string reporting)
    {
        var admin = await KpiReportsTests.SeedMorningAsync(app);
        var contract = await admin.PutAsJsonAsync("/api/clients/acme/contract", new
        {
            contract = new
            {
                timeZone = "Europe/Paris",
                reporting,
                targets = new object[] { new { kpi = "service-level", target = 0.8, effectiveFrom = "2026-11-01" } },
            },
            version = 0,
        });
        Assert.Equal(HttpStatusCode.OK, contract.StatusCode);
        return admin;
    }
}
