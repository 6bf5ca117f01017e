using System.Net;
using System.Text.Json;

namespace Switchboard.Tests.Server.Kpis;

/// <summary>KPI reports over the server's own routing log, and method versions recorded through the API.</summary>
public class KpiReportsTests
{
    private const string Day = "/api/reports/kpis?from=2026-11-02&to=2026-11-03";

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Report_AnsweredAndAbandoned_FiguresComeFromTheLog(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = await SeedMorningAsync(app);

        var report = await admin.GetFromJsonAsync<JsonElement>(Day + "&by=queue");

        var billing = Assert.Single(report.GetProperty("summary").EnumerateArray());
        Assert.Equal("billing", billing.GetProperty("key").GetString());
        var figures = billing.GetProperty("figures");
        Assert.Equal((2.0, 1.0, 1.0), (Value(figures, "offered"), Value(figures, "answered"), Value(figures, "abandoned")));
        // Answered within 20 s (12 s) over answered plus the abandon after 5 s (40 s).
        Assert.Equal(0.5, Value(figures, "service-level"));
        Assert.Equal(12, Value(figures, "average-speed-of-answer"));
        Assert.Equal(1, figures.GetProperty("service-level").GetProperty("method").GetInt32());
        Assert.Single(report.GetProperty("rows").EnumerateArray());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Revise_ServiceLevelMethod_NewVersionAppliesToHistoryAndTheOldOneStaysChoosable(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = await SeedMorningAsync(app);

        var revised = await admin.PostAsJsonAsync("/api/kpis/service-level/methods", new { parameters = new { abandons = "abandonsExcluded" }, note = "agreed with acme" });
        var again = await admin.PostAsJsonAsync("/api/kpis/service-level/methods", new { parameters = new { abandons = "abandonsExcluded" } });
        var latest = await admin.GetFromJsonAsync<JsonElement>(Day);
        var first = await admin.GetFromJsonAsync<JsonElement>(Day + "&methods=service-level@1");
        var catalogue = await admin.GetFromJsonAsync<JsonElement[]>("/api/kpis");

        Assert.Equal(HttpStatusCode.Created, revised.StatusCode);
        Assert.Equal(2, (await revised.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt32());
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var now = Assert.Single(latest.GetProperty("summary").EnumerateArray()).GetProperty("figures").GetProperty("service-level");
        var then = Assert.Single(first.GetProperty("summary").EnumerateArray()).GetProperty("figures").GetProperty("service-level");
        Assert.Equal((1.0, 2), (now.GetProperty("value").GetDouble(), now.GetProperty("method").GetInt32()));
        Assert.Equal((0.5, 1), (then.GetProperty("value").GetDouble(), then.GetProperty("method").GetInt32()));
        var serviceLevel = catalogue!.Single(k => k.GetProperty("id").GetString() == "service-level");
        Assert.Equal(["lateAbandonsFail", "abandonsExcluded"], serviceLevel.GetProperty("methods").EnumerateArray().Select(m => m.GetProperty("parameters").GetProperty("abandons").GetString()));
        Assert.Equal("agreed with acme", serviceLevel.GetProperty("methods")[1].GetProperty("note").GetString());
    }

    [Fact]
    public async Task Revise_BadInput_IsRefusedAndNothingIsStored()
    {
        await using var app = await TestApp.StartAsync();
        var admin = await app.AdministratorAsync();

        var unknown = await admin.PostAsJsonAsync("/api/kpis/happiness/methods", new { parameters = new { } });
        var negative = await admin.PostAsJsonAsync("/api/kpis/service-level/methods", new { parameters = new { answerThreshold = "-00:00:05" } });
        var badEnum = await admin.PostAsJsonAsync("/api/kpis/service-level/methods", new { parameters = new { abandons = "sometimes" } });
        var catalogue = await admin.GetFromJsonAsync<JsonElement[]>("/api/kpis");

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, negative.StatusCode);
        Assert.Contains("parameters.answerThreshold", await negative.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, badEnum.StatusCode);
        Assert.All(catalogue!, k => Assert.Single(k.GetProperty("methods").EnumerateArray()));
    }

    [Fact]
    public async Task Report_ClientViewer_SeesOnlyItsOwnClientAndNoAgents()
    {
        await using var app = await TestApp.StartAsync();
        var admin = await SeedMorningAsync(app);
        await Seed.ClientAsync(admin, "globex", "acme");
        var viewer = app.Client(await app.TokenAsync("viewer@globex.example", ["client-viewer"], client: "globex"));

        var own = await viewer.GetFromJsonAsync<JsonElement>(Day);
        var other = await viewer.GetAsync(Day + "&client=acme");
        var agents = await viewer.GetAsync(Day + "&by=agent");

        Assert.Empty(own.GetProperty("summary").EnumerateArray());
        Assert.Equal("globex", own.GetProperty("client").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, agents.StatusCode);
    }

    [Fact]
    public async Task Report_Csv_HasTheMethodBesideEachFigure()
    {
        await using var app = await TestApp.StartAsync();
        var admin = await SeedMorningAsync(app);

        var response = await admin.GetAsync(Day + "&format=csv&by=agent");
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("interval_start,interval_end,key,kpi,method_version,value,provisional", lines[0]);
        Assert.Contains("2026-11-02T00:00:00+00:00,2026-11-03T00:00:00+00:00,ann,answered,1,1,false", lines);
    }

    [Theory]
    [InlineData("?from=2026-11-02&to=2026-11-01", "to")]
    [InlineData("?from=02/11/2026", "from")]
    [InlineData("?from=0001-01-01&timeZone=Europe/Paris", "from")]
    [InlineData("?from=9999-12-30&to=9999-12-31&timeZone=America/New_York", "from")]
    [InlineData("?interval=weekly", "interval")]
    [InlineData("?from=2026-01-01&to=2026-03-01&interval=15m", "interval")]
    [InlineData("?timeZone=Mars/Olympus", "timeZone")]
    [InlineData("?by=colour", "by")]
    [InlineData("?by=3", "by")]
    [InlineData("?methods=service-level@9", "methods")]
    [InlineData("?methods=service-level", "methods")]
    [InlineData("?format=pdf", "format")]
    public async Task Report_BadQuery_Is400NamingTheParameter(string query, string field)
    {
        await using var app = await TestApp.StartAsync();
        var admin = await app.AdministratorAsync();

        var response = await admin.GetAsync("/api/reports/kpis" + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task Report_ParisDay_StartsAtLocalMidnight()
    {
        await using var app = await TestApp.StartAsync();
        var admin = await SeedMorningAsync(app);

        var report = await admin.GetFromJsonAsync<JsonElement>(Day + "&timeZone=Europe/Paris&interval=hour");

        Assert.Equal(new DateTimeOffset(2026, 11, 2, 0, 0, 0, TimeSpan.FromHours(1)), report.GetProperty("from").GetDateTimeOffset());
        // The calls came at 09:00 UTC: 10:00 in Paris.
        var row = Assert.Single(report.GetProperty("rows").EnumerateArray());
        Assert.Equal(new DateTimeOffset(2026, 11, 2, 10, 0, 0, TimeSpan.FromHours(1)), row.GetProperty("start").GetDateTimeOffset());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Report_ClientWithAContract_JudgesEachFigureAgainstTheTargetMeasuredItsWay(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = await SeedMorningAsync(app);
        var revised = await admin.PostAsJsonAsync("/api/kpis/service-level/methods", new { parameters = new { answerThreshold = "00:00:10" } });
        Assert.Equal(HttpStatusCode.Created, revised.StatusCode);
        var contract = await admin.PutAsJsonAsync("/api/clients/acme/contract", new
        {
            contract = new
            {
                timeZone = "Europe/Paris",
                targets = new object[]
                {
                    new { kpi = "service-level", methodVersion = 1, target = 0.8, effectiveFrom = "2026-11-01" },
                    new { kpi = "average-speed-of-answer", target = 15, effectiveFrom = "2026-11-01" },
                },
            },
            version = 0,
        });
        Assert.Equal(HttpStatusCode.OK, contract.StatusCode);

        var report = await admin.GetFromJsonAsync<JsonElement>(Day + "&client=acme");

        Assert.Equal("Europe/Paris", report.GetProperty("timeZone").GetString());
        var figures = Assert.Single(report.GetProperty("summary").EnumerateArray()).GetProperty("figures");
        // Measured with version 1 (20 s), as agreed, though version 2 (10 s) is the latest: 0.5 against 0.8, not met.
        var serviceLevel = figures.GetProperty("service-level");
        Assert.Equal((0.5, 1, 0.8, false), (serviceLevel.GetProperty("value").GetDouble(), serviceLevel.GetProperty("method").GetInt32(), serviceLevel.GetProperty("target").GetDouble(), serviceLevel.GetProperty("met").GetBoolean()));
        var speed = figures.GetProperty("average-speed-of-answer");
        Assert.Equal((12.0, 15.0, true), (speed.GetProperty("value").GetDouble(), speed.GetProperty("target").GetDouble(), speed.GetProperty("met").GetBoolean()));
        Assert.Equal(JsonValueKind.Null, figures.GetProperty("abandonment-rate").GetProperty("target").ValueKind);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Report_ChatWithASurvey_GivesTheSurveyKpis_ResponsesOverInvitations(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = await Chat.ChatApiTests.SeedAsync(app);
        await Chat.ChatSurveysTests.PolicyAsync(admin, new { questions = new[] { "recommend", "effort" } });
        var (id, chat) = await Chat.ChatSurveysTests.HandledChatAsync(app, admin);
        // Invited too, never answered.
        await Chat.ChatSurveysTests.HandledChatAsync(app, admin);
        var survey = await chat.PostAsJsonAsync($"/api/chat/conversations/{id}/survey", new { satisfaction = 4, resolved = true, recommend = 6, effort = 2 });
        var outOfRange = await chat.PostAsJsonAsync($"/api/chat/conversations/{id}/survey", new { satisfaction = 4, resolved = true, recommend = 11 });

        var report = await admin.GetFromJsonAsync<JsonElement>(Day + "&by=channel");

        Assert.Equal(HttpStatusCode.Created, survey.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, outOfRange.StatusCode);
        var row = Assert.Single(report.GetProperty("summary").EnumerateArray());
        Assert.Equal("chat", row.GetProperty("key").GetString());
        var figures = row.GetProperty("figures");
        Assert.Equal((0.5, 1.0, 1.0, -100.0, 2.0), (Value(figures, "survey-response-rate"), Value(figures, "customer-satisfaction"), Value(figures, "resolved-by-survey"), Value(figures, "net-promoter-score"), Value(figures, "customer-effort")));
    }

    // At 09:00 UTC a call waits 12 s for ann to sign in, is answered, talked 3 minutes and wrapped up; another waits 40 s and hangs up.
    internal static async Task<HttpClient> SeedMorningAsync(TestApp app)
    {
        var admin = await app.AdministratorAsync();
        await Seed.ClientAsync(admin, "acme");
        await Seed.QueueAsync(admin, "billing", "acme");
        await Seed.AgentAsync(admin, "ann", "acme", available: false);

        var first = await Create(admin);
        app.Time.Advance(TimeSpan.FromSeconds(12));
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PutAsJsonAsync("/api/agents/ann/presence", new { presence = "available" })).StatusCode);
        var offers = await admin.GetFromJsonAsync<JsonElement[]>("/api/agents/ann/offers");
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/agents/ann/offers/{offers![0].GetProperty("id").GetInt64()}/accept", null)).StatusCode);
        var second = await Create(admin);
        app.Time.Advance(TimeSpan.FromSeconds(40));
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync($"/api/contacts/{second}/abandon", null)).StatusCode);
        app.Time.Advance(TimeSpan.FromMinutes(3));
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync($"/api/contacts/{first}/end", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsJsonAsync($"/api/contacts/{first}/wrap-up", new { disposition = "resolved" })).StatusCode);
        return admin;
    }

    private static async Task<string> Create(HttpClient admin)
    {
        var created = await admin.PostAsJsonAsync("/api/contacts", new { queue = "billing", language = "en", channel = "voice" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    private static double Value(JsonElement figures, string kpi) => figures.GetProperty(kpi).GetProperty("value").GetDouble();
}
