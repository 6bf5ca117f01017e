using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Switchboard.Contacts;
using Switchboard.Persistence;
using Switchboard.Routing;

namespace Switchboard.Tests.Server.Demo;

/// <summary><c>switchboard demo</c>: simulated history stored through the event log, which the server then replays and reports on.</summary>
public class DemoCommandTests
{
    private const string Agent = "demo-billing-early-001";

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Demo_TwoDays_TheServerReplaysTheLogReportsItAndRoutesOnFromIt(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var options = TestDatabase.CommandLineOptions(app.Settings);

        var (code, output, error) = await RunAsync(["demo", "--month", "2026-10", "--days", "2", "--seed", "7", .. options]);

        Assert.True(code == 0, error + output);
        int arrivals, unfinished, surveys;
        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<SwitchboardDb>>().CreateDbContextAsync())
        {
            arrivals = await db.Events.CountAsync(e => e.Domain == "demo" && e.Type == (int)RoutingEventType.ContactQueued);
            unfinished = await db.Contacts.CountAsync(c => c.Client == "demo" && c.State != (int)ContactState.Completed && c.State != (int)ContactState.Abandoned);
            surveys = await db.SurveyAnswers.CountAsync(s => s.Client == "demo");
        }

        Assert.InRange(arrivals, 1000, 5000);
        Assert.Equal(0, unfinished);
        Assert.InRange(surveys, 1, arrivals / 4);

        await app.RestartAsync();
        var admin = await app.AdministratorAsync();
        var report = await admin.GetFromJsonAsync<JsonElement>("/api/reports/kpis?from=2026-10-01&to=2026-10-03&client=demo");
        var figures = Assert.Single(report.GetProperty("summary").EnumerateArray()).GetProperty("figures");
        Assert.Equal(arrivals, Value(figures, "offered"));
        Assert.InRange(Value(figures, "service-level"), 0.3, 0.99);
        Assert.InRange(Value(figures, "abandoned"), 1, arrivals / 3);
        Assert.InRange(Value(figures, "customer-satisfaction"), 0.2, 0.95);

        // The replayed engine has every agent signed off; one signs in, and a new contact is offered to them.
        var before = await admin.GetFromJsonAsync<JsonElement>($"/api/agents/{Agent}");
        var presence = await admin.PutAsJsonAsync($"/api/agents/{Agent}/presence", new { presence = "available" });
        var created = await admin.PostAsJsonAsync("/api/contacts", new { queue = "demo-billing", language = "en" });
        var contact = await created.Content.ReadFromJsonAsync<JsonElement>();
        var offers = await admin.GetFromJsonAsync<JsonElement[]>($"/api/agents/{Agent}/offers");

        Assert.Equal("offline", before.GetProperty("live").GetProperty("presence").GetString());
        Assert.Equal(HttpStatusCode.NoContent, presence.StatusCode);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(contact.GetProperty("id").GetString(), Assert.Single(offers!).GetProperty("contact").GetString());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Demo_Twice_TheSecondIsRefusedAndChangesNothing(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var options = TestDatabase.CommandLineOptions(app.Settings);
        var first = await RunAsync(["demo", "--month", "2026-10", "--days", "1", .. options]);
        var counted = await CountAsync(app);

        var second = await RunAsync(["demo", "--month", "2026-09", "--days", "1", .. options]);

        Assert.True(first.Code == 0, first.Error);
        Assert.Equal(2, second.Code);
        Assert.Contains("client 'demo' exists already; nothing was changed.", second.Error, StringComparison.Ordinal);
        Assert.Equal(counted, await CountAsync(app));
    }

    [Fact]
    public async Task Demo_SameSeed_SameHistory()
    {
        await using var one = await TestApp.StartAsync();
        await using var two = await TestApp.StartAsync();

        await RunAsync(["demo", "--month", "2026-10", "--days", "1", "--seed", "3", .. TestDatabase.CommandLineOptions(one.Settings)]);
        await RunAsync(["demo", "--month", "2026-10", "--days", "1", "--seed", "3", .. TestDatabase.CommandLineOptions(two.Settings)]);

        var (ones, twos) = (await ContactsAsync(one), await ContactsAsync(two));
        Assert.NotEmpty(ones);
        Assert.Equal(ones, twos);
    }

    [Fact]
    public async Task Demo_BadMonth_ExitsWithTwoAndSaysWhatAMonthIs()
    {
        var folder = Directory.CreateTempSubdirectory("sb-demo-").FullName;

        var (code, _, error) = await RunAsync(["demo", "--month", "October", "--data", folder]);

        Assert.Equal(2, code);
        Assert.Equal("switchboard: --month: A month, such as 2026-11.", error.Trim());
        Assert.Empty(Directory.EnumerateFileSystemEntries(folder));
    }

    private static async Task<(int Code, string Output, string Error)> RunAsync(string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await SwitchboardCli.RunAsync(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    private static async Task<(int Events, int Contacts, int Queues, int Agents, int Information, int Surveys, int Keys)> CountAsync(TestApp app)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<SwitchboardDb>>().CreateDbContextAsync();
        return (await db.Events.CountAsync(), await db.Contacts.CountAsync(), await db.Queues.CountAsync(), await db.Agents.CountAsync(),
            await db.ClientInformation.CountAsync(), await db.SurveyAnswers.CountAsync(), await db.CustomerKeys.CountAsync());
    }

    private static async Task<List<(Guid Id, string? Disposition, string? Reason)>> ContactsAsync(TestApp app)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<SwitchboardDb>>().CreateDbContextAsync();
        var rows = await db.Contacts.OrderBy(c => c.Number).Select(c => new { c.Id, c.Disposition, c.ContactReason }).ToListAsync();
        return [.. rows.Select(r => (r.Id, r.Disposition, r.ContactReason))];
    }

    private static double Value(JsonElement figures, string kpi) => figures.GetProperty(kpi).GetProperty("value").GetDouble();
}
