using System.Net;
using System.Text.Json;

namespace Switchboard.Tests.Server.Contracts;

/// <summary>Client contracts (ISO 18295-2) and the information a client supplies under them.</summary>
public class ContractsTests
{
    private static object Contract(object[]? targets = null, string timeZone = "Europe/Paris") => new
    {
        timeZone,
        channels = new[] { "voice", "chat" },
        languages = new[] { "fr", "en" },
        openingHours = new { timeZone, weekly = new[] { new { day = "monday", from = "08:00", to = "18:00" } } },
        targets = targets ?? [new { kpi = "service-level", target = 0.8, effectiveFrom = "2026-11-01" }],
        reporting = "monthly",
        duties = new[] { new { kind = "priceChange", leadTime = "14.00:00:00" } },
    };

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Put_ThenGet_KeepsTheContractWithTheLatestMethodVersionFilledIn(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = await app.AdministratorAsync();
        await Seed.ClientAsync(admin, "acme");

        var put = await admin.PutAsJsonAsync("/api/clients/acme/contract", new { contract = Contract(), version = 0 });
        var stale = await admin.PutAsJsonAsync("/api/clients/acme/contract", new { contract = Contract(), version = 0 });
        var read = await admin.GetFromJsonAsync<JsonElement>("/api/clients/acme/contract");

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal(1, read.GetProperty("version").GetInt32());
        var target = Assert.Single(read.GetProperty("contract").GetProperty("targets").EnumerateArray());
        Assert.Equal((1, 0.8), (target.GetProperty("methodVersion").GetInt32(), target.GetProperty("target").GetDouble()));
        Assert.Equal("Europe/Paris", read.GetProperty("contract").GetProperty("timeZone").GetString());
    }

    [Theory]
    [InlineData("happiness", 0.8, null, "contract.targets[0].kpi")]
    [InlineData("offered", 100.0, null, "contract.targets[0].kpi")]
    [InlineData("service-level", 1.2, null, "contract.targets[0].target")]
    [InlineData("service-level", 0.8, 7, "contract.targets[0].methodVersion")]
    public async Task Put_BadTarget_Is400NamingItAndNothingIsStored(string kpi, double value, int? version, string field)
    {
        await using var app = await TestApp.StartAsync();
        var admin = await app.AdministratorAsync();
        await Seed.ClientAsync(admin, "acme");

        var put = await admin.PutAsJsonAsync("/api/clients/acme/contract", new { contract = Contract([new { kpi, target = value, methodVersion = version, effectiveFrom = "2026-11-01" }]), version = 0 });
        var read = await admin.GetAsync("/api/clients/acme/contract");

        Assert.Equal(HttpStatusCode.BadRequest, put.StatusCode);
        Assert.True((await put.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _), await put.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
    }

    [Fact]
    public async Task Put_WithoutSurveys_GetsTheDefaultPolicy_AndAPolicyIsKept()
    {
        await using var app = await TestApp.StartAsync();
        var admin = await app.AdministratorAsync();
        await Seed.ClientAsync(admin, "acme");

        await admin.PutAsJsonAsync("/api/clients/acme/contract", new { contract = Contract(), version = 0 });
        var defaults = (await admin.GetFromJsonAsync<JsonElement>("/api/clients/acme/contract")).GetProperty("contract").GetProperty("surveys");
        var put = await admin.PutAsJsonAsync("/api/clients/acme/contract", new { contract = new { timeZone = "Etc/UTC", surveys = new { share = 0.25, frequencyCap = "0.00:00:00", questions = new[] { "effort" } } }, version = 1 });
        var kept = (await admin.GetFromJsonAsync<JsonElement>("/api/clients/acme/contract")).GetProperty("contract").GetProperty("surveys");

        Assert.Equal((1.0, "30.00:00:00", 0), (defaults.GetProperty("share").GetDouble(), defaults.GetProperty("frequencyCap").GetString(), defaults.GetProperty("questions").GetArrayLength()));
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal((0.25, "00:00:00", "effort"), (kept.GetProperty("share").GetDouble(), kept.GetProperty("frequencyCap").GetString(), kept.GetProperty("questions")[0].GetString()));
    }

    [Theory]
    [InlineData(1.5, "30.00:00:00", "recommend", "contract.surveys.share")]
    [InlineData(0.5, "-1.00:00:00", "recommend", "contract.surveys.frequencyCap")]
    [InlineData(0.5, "400.00:00:00", "recommend", "contract.surveys.frequencyCap")]
    [InlineData(0.5, "30.00:00:00", "all", "contract.surveys.questions")]
    public async Task Put_BadSurveyPolicy_Is400NamingTheField(double share, string frequencyCap, string question, string field)
    {
        await using var app = await TestApp.StartAsync();
        var admin = await app.AdministratorAsync();
        await Seed.ClientAsync(admin, "acme");

        var put = await admin.PutAsJsonAsync("/api/clients/acme/contract", new { contract = new { timeZone = "Etc/UTC", surveys = new { share, frequencyCap, questions = new[] { question } } }, version = 0 });

        Assert.Equal(HttpStatusCode.BadRequest, put.StatusCode);
        Assert.True((await put.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _), await put.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Put_OpeningHoursInAnotherZone_Is400()
    {
        await using var app = await TestApp.StartAsync();
        var admin = await app.AdministratorAsync();
        await Seed.ClientAsync(admin, "acme");
        var contract = new
        {
            timeZone = "Europe/Paris",
            openingHours = new { timeZone = "Europe/London", weekly = Array.Empty<object>() },
        };

        var put = await admin.PutAsJsonAsync("/api/clients/acme/contract", new { contract, version = 0 });

        Assert.Equal(HttpStatusCode.BadRequest, put.StatusCode);
        Assert.True((await put.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("contract.openingHours.timeZone", out _));
    }

    [Fact]
    public async Task Information_SuppliedByTheClientsViewer_IsJudgedAgainstTheLeadTime()
    {
        await using var app = await TestApp.StartAsync();
        var admin = await app.AdministratorAsync();
        await Seed.ClientAsync(admin, "acme");
        await admin.PutAsJsonAsync("/api/clients/acme/contract", new { contract = Contract(), version = 0 });
        var viewer = app.Client(await app.TokenAsync("viewer@acme.example", ["client-viewer"], client: "acme"));

        // Received 2 November 09:00 UTC: a price change on 20 November is 18 days ahead (on time), one on 10 November 8 days (late).
        var early = await viewer.PostAsJsonAsync("/api/clients/acme/information", new { kind = "priceChange", effectiveAt = "2026-11-20T00:00:00Z", summary = "Winter tariffs" });
        var late = await viewer.PostAsJsonAsync("/api/clients/acme/information", new { kind = "priceChange", effectiveAt = "2026-11-10T00:00:00Z", summary = "Fee change" });
        var campaign = await viewer.PostAsJsonAsync("/api/clients/acme/information", new { kind = "campaign", effectiveAt = "2026-11-03T00:00:00Z", summary = "Black Friday" });
        var list = await viewer.GetFromJsonAsync<JsonElement[]>("/api/clients/acme/information");

        Assert.All([early, late, campaign], r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        Assert.Equal([true, false, (bool?)null], list!.Select(i => i.GetProperty("onTime").ValueKind == JsonValueKind.Null ? (bool?)null : i.GetProperty("onTime").GetBoolean()));
        Assert.Equal("viewer@acme.example", list![0].GetProperty("recordedBy").GetString()!.Split(' ')[0]);
    }

    [Fact]
    public async Task ClientViewer_OtherClientsContract_IsHiddenAndTheirOwnCannotBeChanged()
    {
        await using var app = await TestApp.StartAsync();
        var admin = await app.AdministratorAsync();
        await Seed.ClientAsync(admin, "acme");
        await Seed.ClientAsync(admin, "globex");
        await admin.PutAsJsonAsync("/api/clients/acme/contract", new { contract = Contract(), version = 0 });
        var viewer = app.Client(await app.TokenAsync("viewer@globex.example", ["client-viewer"], client: "globex"));

        var other = await viewer.GetAsync("/api/clients/acme/contract");
        var supply = await viewer.PostAsJsonAsync("/api/clients/acme/information", new { kind = "campaign", effectiveAt = "2026-11-03T00:00:00Z", summary = "x" });
        var change = await viewer.PutAsJsonAsync("/api/clients/globex/contract", new { contract = Contract(), version = 0 });

        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, supply.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, change.StatusCode);
    }

    [Theory]
    [InlineData("maxMenuLevels", 6, "contract.callFlows.maxMenuLevels")]
    [InlineData("maxOptions", 0, "contract.callFlows.maxOptions")]
    [InlineData("maxFailedInputs", 4, "contract.callFlows.maxFailedInputs")]
    public async Task CallFlowLimits_OutOfRange_AreRefusedByField(string key, int value, string field)
    {
        await using var app = await TestApp.StartAsync();
        var admin = await app.AdministratorAsync();
        await Seed.ClientAsync(admin, "acme");

        var put = await admin.PutAsJsonAsync("/api/clients/acme/contract", new { contract = new { timeZone = "Etc/UTC", callFlows = new Dictionary<string, int> { [key] = value } }, version = 0 });

        Assert.Equal(HttpStatusCode.BadRequest, put.StatusCode);
        Assert.True((await put.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _), await put.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task FlowLint_WithAClient_UsesItsContractedLimits()
    {
        await using var app = await TestApp.StartAsync();
        var admin = await app.AdministratorAsync();
        await Seed.ClientAsync(admin, "acme");
        await Seed.ClientAsync(admin, "globex");
        var put = await admin.PutAsJsonAsync("/api/clients/acme/contract", new { contract = new { timeZone = "Etc/UTC", callFlows = new { maxOptions = 5, humanKey = "0" } }, version = 0 });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var folder = Directory.CreateTempSubdirectory("sb-flow-").FullName;
        var flow = Path.Combine(folder, "wide.yaml");
        await File.WriteAllTextAsync(flow, Switchboard.Tests.CallFlows.FlowCommandTests.TooMany);
        var options = TestDatabase.CommandLineOptions(app.Settings);

        using var acmeOutput = new StringWriter();
        var acme = await SwitchboardCli.RunAsync(["flow", "lint", flow, "--client", "acme", .. options], acmeOutput, TextWriter.Null);
        using var globexOutput = new StringWriter();
        using var globexError = new StringWriter();
        var globex = await SwitchboardCli.RunAsync(["flow", "lint", flow, "--client", "globex", .. options], globexOutput, globexError);
        using var unknownError = new StringWriter();
        var unknown = await SwitchboardCli.RunAsync(["flow", "lint", flow, "--client", "initech", .. options], TextWriter.Null, unknownError);

        Assert.True(acme == 0, acmeOutput.ToString());
        Assert.Equal(1, globex);
        Assert.Contains("too-many-options", globexOutput.ToString(), StringComparison.Ordinal);
        Assert.Contains("has no contract", globexError.ToString(), StringComparison.Ordinal);
        Assert.Equal(2, unknown);
        Assert.Contains("no client 'initech'", unknownError.ToString(), StringComparison.Ordinal);
        Directory.Delete(folder, recursive: true);
    }
}
