using System.Net;
using System.Text.Json;
using Switchboard.Server.Complaints;

namespace Switchboard.Tests.Server.Complaints;

/// <summary>Complaints through the API: registration, every step of their handling, clocks, scope and the customer's check.</summary>
public class ComplaintsTests
{
    internal static readonly object Response = new
    {
        outcome = "Upheld: the fee was charged in error.",
        reasons = "The account was not overdrawn on the day.",
        remedy = "The fee is refunded with 10 EUR for the trouble.",
        howToEscalate = "If you disagree, write to us within eight weeks; then to the ombudsman.",
        externalBody = "The Financial Ombudsman",
    };

    private static object Complaint(string client = "acme", string? email = "ann@example.org", string? earlier = null) => new
    {
        client,
        category = "clientProductOrService",
        severity = "medium",
        summary = "Charged an overdraft fee I did not owe.",
        remedySought = "Refund of the fee.",
        vulnerableCustomer = false,
        customerName = "Ann Example",
        customerEmail = email,
        earlierComplaint = earlier,
    };

    private static async Task<JsonElement> RegisterAsync(HttpClient client, object complaint)
    {
        var response = await client.PostAsJsonAsync("/api/complaints", complaint);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task<HttpResponseMessage> ActAsync(HttpClient client, string reference, object action) =>
        await client.PostAsJsonAsync($"/api/complaints/{reference}/actions", action);

    private static JsonElement Clock(JsonElement complaint, string target) =>
        complaint.GetProperty("clocks").EnumerateArray().Single(c => c.GetProperty("target").GetString() == target);

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Complaint_FromReceiptToClosure_FollowsTheIso10002Steps(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = await app.AdministratorAsync();
        await Seed.ClientAsync(admin, "acme");

        var registered = await RegisterAsync(admin, Complaint());
        var reference = registered.GetProperty("reference").GetString()!;
        Assert.Matches("^CMP-000001-[A-Z2-9]$", reference);
        Assert.Equal("received", registered.GetProperty("status").GetString());
        Assert.Equal("running", Clock(registered, "acknowledgement").GetProperty("status").GetString());

        (string Type, object Action, string Status)[] steps =
        [
            ("acknowledge", new { type = "acknowledge", template = "ack-standard", proofOfSending = "<msg-1@switchboard>" }, "acknowledged"),
            ("start-investigation", new { type = "start-investigation", owner = "tl@centre.example", holdingUpdateEvery = "7.00:00:00" }, "underInvestigation"),
            ("note", new { type = "note", text = "Statement checked: no overdraft on 1 Nov." }, "underInvestigation"),
            ("wait", new { type = "wait", waitingOn = "customer" }, "underInvestigation"),
            ("wait-over", new { type = "wait-over" }, "underInvestigation"),
            ("propose-response", new { type = "propose-response", response = Response }, "responseProposed"),
            ("send-response", new { type = "send-response", response = Response }, "responseSent"),
            ("close-accepted", new { type = "close-accepted", rootCause = "billing-error" }, "closedAccepted"),
        ];
        foreach (var (type, action, status) in steps)
        {
            app.Time.Advance(TimeSpan.FromHours(1));
            var response = await ActAsync(admin, reference, action);
            Assert.True(response.StatusCode == HttpStatusCode.OK, type + ": " + await response.Content.ReadAsStringAsync());
            Assert.Equal(status, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        }

        var read = await admin.GetFromJsonAsync<JsonElement>($"/api/complaints/{reference}");
        // The clock monitor's warnings (the agent rung's two hours ran out on the way) sit between the steps.
        var handling = read.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("kind").GetString()!).Where(k => !k.StartsWith("clock.", StringComparison.Ordinal));
        Assert.Equal(["received", .. steps.Select(s => s.Type)], handling);
        Assert.Equal("met", Clock(read, "acknowledgement").GetProperty("status").GetString());
        Assert.Equal("met", Clock(read, "resolution").GetProperty("status").GetString());
        Assert.False(Clock(read, "resolution").GetProperty("breached").GetBoolean());
        Assert.Equal("billing-error", read.GetProperty("rootCause").GetString());
        var closed = await admin.GetFromJsonAsync<JsonElement[]>("/api/complaints?open=false");
        Assert.Equal(reference, Assert.Single(closed!).GetProperty("reference").GetString());
        Assert.Empty((await admin.GetFromJsonAsync<JsonElement[]>("/api/complaints?open=true"))!);
    }

    [Theory]
    [InlineData("send-response", "A response is sent once proposed")]
    [InlineData("start-investigation", "An investigation starts once the complaint is acknowledged")]
    [InlineData("reopen", "Only a closed complaint is reopened")]
    public async Task Act_StepTheStateDoesNotAllow_Is409WithTheReason_AndNothingIsStored(string type, string reason)
    {
        await using var app = await TestApp.StartAsync();
        var admin = await app.AdministratorAsync();
        await Seed.ClientAsync(admin, "acme");
        var reference = (await RegisterAsync(admin, Complaint())).GetProperty("reference").GetString()!;

        var response = await ActAsync(admin, reference, new { type, response = Response, owner = "tl", holdingUpdateEvery = "7.00:00:00", reason = "again" });
        var read = await admin.GetFromJsonAsync<JsonElement>($"/api/complaints/{reference}");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains(reason, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, read.GetProperty("events").GetArrayLength());
        Assert.Equal("received", read.GetProperty("status").GetString());
    }

    [Theory]
    [InlineData("{\"type\":\"refund\"}", "type")]
    [InlineData("{\"type\":\"acknowledge\",\"template\":\"ack\"}", "proofOfSending")]
    [InlineData("{\"type\":\"wait\",\"waitingOn\":null}", "waitingOn")]
    [InlineData("{\"type\":\"close-accepted\",\"rootCause\":\"gremlins\"}", "rootCause")]
    [InlineData("{\"type\":\"send-response\",\"response\":{\"outcome\":\"Upheld\",\"reasons\":\"x\",\"remedy\":\"y\",\"howToEscalate\":\"z\",\"externalBody\":\"\"}}", "response")]
    public async Task Act_StepBadlyGiven_Is400NamingTheField(string body, string field)
    {
        await using var app = await TestApp.StartAsync();
        var admin = await app.AdministratorAsync();
        await Seed.ClientAsync(admin, "acme");
        var reference = (await RegisterAsync(admin, Complaint())).GetProperty("reference").GetString()!;

        var response = await admin.PostAsync($"/api/complaints/{reference}/actions", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _), await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Register_BadInput_Is400NamingTheField_AndUnknownReferencesAre404()
    {
        await using var app = await TestApp.StartAsync();
        var admin = await app.AdministratorAsync();
        await Seed.TwoClientsAsync(admin);
        var globex = await RegisterAsync(admin, Complaint("globex"));

        var noClient = await admin.PostAsJsonAsync("/api/complaints", Complaint("initech"));
        var otherClientsComplaint = await admin.PostAsJsonAsync("/api/complaints", Complaint("acme", earlier: globex.GetProperty("reference").GetString()));
        var real = globex.GetProperty("reference").GetString()!;
        var mistyped = await admin.GetAsync("/api/complaints/" + real[..^1] + (real[^1] == 'A' ? 'B' : 'A'));
        var unknown = await admin.GetAsync("/api/complaints/CMP-000099-" + new Switchboard.Complaints.ComplaintReference(99).Check);

        Assert.Equal(HttpStatusCode.BadRequest, noClient.StatusCode);
        Assert.True((await noClient.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("client", out _));
        Assert.Equal(HttpStatusCode.BadRequest, otherClientsComplaint.StatusCode);
        Assert.True((await otherClientsComplaint.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("earlierComplaint", out _));
        Assert.Equal(HttpStatusCode.NotFound, mistyped.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task ComplaintAboutComplaintHandling_IsItsOwnComplaintLinkedToTheFirst()
    {
        await using var app = await TestApp.StartAsync();
        var admin = await app.AdministratorAsync();
        await Seed.ClientAsync(admin, "acme");
        var first = (await RegisterAsync(admin, Complaint())).GetProperty("reference").GetString()!;

        var second = await RegisterAsync(admin, new
        {
            client = "acme",
            category = "centreConduct",
            severity = "high",
            summary = "Nobody answered my complaint.",
            remedySought = "An answer.",
            earlierComplaint = first.ToLowerInvariant(),
        });

        Assert.NotEqual(first, second.GetProperty("reference").GetString());
        Assert.Equal(first, second.GetProperty("earlierComplaint").GetString());
        Assert.Equal("centreConduct", second.GetProperty("category").GetString());
    }

    [Fact]
    public async Task ClientViewer_SeesOnlyItsOwnClientsComplaints_AndCannotRegister()
    {
        await using var app = await TestApp.StartAsync();
        var admin = await app.AdministratorAsync();
        await Seed.TwoClientsAsync(admin);
        var acme = (await RegisterAsync(admin, Complaint("acme"))).GetProperty("reference").GetString()!;
        var globex = (await RegisterAsync(admin, Complaint("globex"))).GetProperty("reference").GetString()!;
        var viewer = app.Client(await app.TokenAsync("viewer@acme.example", ["client-viewer"], client: "acme"));
        var agent = app.Client(await app.TokenAsync("agent@centre.example", ["agent"]));

        var listed = await viewer.GetFromJsonAsync<JsonElement[]>("/api/complaints");
        var other = await viewer.GetAsync($"/api/complaints/{globex}");
        var register = await viewer.PostAsJsonAsync("/api/complaints", Complaint("acme"));
        var byAgent = await agent.PostAsJsonAsync("/api/complaints", Complaint("globex"));

        Assert.Equal([acme], listed!.Select(c => c.GetProperty("reference").GetString()));
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, register.StatusCode);
        Assert.Equal(HttpStatusCode.Created, byAgent.StatusCode);
    }

    [Fact]
    public async Task PublicStatus_NeedsTheReferenceAndTheAddress_AndShowsNothingInternal()
    {
        await using var app = await TestApp.StartAsync();
        var admin = await app.AdministratorAsync();
        await Seed.ClientAsync(admin, "acme");
        var reference = (await RegisterAsync(admin, Complaint(email: "Ann@Example.org"))).GetProperty("reference").GetString()!;
        await ActAsync(admin, reference, new { type = "acknowledge", template = "ack", proofOfSending = "<m@x>" });
        var anonymous = app.Client();

        var found = await anonymous.GetAsync($"/api/public/complaints/{reference.ToLowerInvariant()}?email=%20ann@example.ORG");
        var wrongAddress = await anonymous.GetAsync($"/api/public/complaints/{reference}?email=bob@example.org");
        var noAddress = await anonymous.GetAsync($"/api/public/complaints/{reference}");
        var body = await found.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, found.StatusCode);
        Assert.Equal(("acknowledged", reference), (body.GetProperty("status").GetString(), body.GetProperty("reference").GetString()));
        Assert.False(body.TryGetProperty("summary", out _));
        Assert.False(body.TryGetProperty("events", out _));
        Assert.Equal(HttpStatusCode.NotFound, wrongAddress.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, noAddress.StatusCode);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Clocks_RunOnTheContractsBusinessHours_AndTheMonitorRecordsEachBreachOnce(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = await app.AdministratorAsync();
        await Seed.ClientAsync(admin, "acme");
        string[] weekdays = ["monday", "tuesday", "wednesday", "thursday", "friday"];
        var contract = new
        {
            timeZone = "Europe/Paris",
            openingHours = new { timeZone = "Europe/Paris", weekly = weekdays.Select(day => new { day, from = "09:00", to = "17:00" }) },
            complaints = new { profile = "ten-business-days" },
        };
        var put = await admin.PutAsJsonAsync("/api/clients/acme/contract", new { contract, version = 0 });
        Assert.True(put.StatusCode == HttpStatusCode.OK, await put.Content.ReadAsStringAsync());

        // Monday 2 November, 10:00 in Paris: one business day (8 open hours) later is Tuesday 10:00 Paris, 09:00 UTC.
        var registered = await RegisterAsync(admin, Complaint());
        var reference = registered.GetProperty("reference").GetString()!;
        Assert.Equal(new DateTimeOffset(2026, 11, 3, 9, 0, 0, TimeSpan.Zero), Clock(registered, "acknowledgement").GetProperty("dueAt").GetDateTimeOffset());
        Assert.Equal("ten-business-days", registered.GetProperty("profile").GetString());

        app.Time.Advance(TimeSpan.FromHours(24.5));
        var clocks = app.Services.GetRequiredService<ComplaintClocks>();
        await clocks.SweepAsync(CancellationToken.None);
        await clocks.SweepAsync(CancellationToken.None);
        var read = await admin.GetFromJsonAsync<JsonElement>($"/api/complaints/{reference}");

        var breaches = read.GetProperty("events").EnumerateArray().Where(e => e.GetProperty("kind").GetString() == "clock.breached")
            .Select(e => e.GetProperty("details").GetProperty("target").GetString()).Order().ToList();
        Assert.Equal(["acknowledgement", "escalation-agent"], breaches);
        Assert.True(Clock(read, "acknowledgement").GetProperty("breached").GetBoolean());
        Assert.False(Clock(read, "resolution").GetProperty("breached").GetBoolean());
        var listed = Assert.Single((await admin.GetFromJsonAsync<JsonElement[]>("/api/complaints?open=true"))!);
        Assert.Equal(JsonValueKind.String, listed.GetProperty("responseDue").ValueKind);
        Assert.Equal(new DateTimeOffset(2026, 11, 3, 9, 0, 0, TimeSpan.Zero), listed.GetProperty("acknowledgementDue").GetDateTimeOffset());
    }

    [Theory]
    [InlineData("{\"profile\":\"one-week\"}", "contract.complaints.profile")]
    [InlineData("{\"ladder\":[{\"level\":\"teamLeader\",\"limit\":\"08:00:00\",\"timekeeping\":\"businessTime\"},{\"level\":\"agent\",\"limit\":\"02:00:00\",\"timekeeping\":\"businessTime\"}]}", "contract.complaints.ladder[1].level")]
    [InlineData("{\"ladder\":[{\"level\":\"agent\",\"limit\":\"00:00:00\",\"timekeeping\":\"businessTime\"}]}", "contract.complaints.ladder[0].limit")]
    public async Task Contract_BadComplaintHandling_Is400NamingTheField(string complaints, string field)
    {
        await using var app = await TestApp.StartAsync();
        var admin = await app.AdministratorAsync();
        await Seed.ClientAsync(admin, "acme");
        var body = "{\"contract\":{\"timeZone\":\"Etc/UTC\",\"complaints\":" + complaints + "},\"version\":0}";

        var put = await admin.PutAsync("/api/clients/acme/contract", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, put.StatusCode);
        Assert.True((await put.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _), await put.Content.ReadAsStringAsync());
    }
}
