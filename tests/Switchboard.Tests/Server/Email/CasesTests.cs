using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using Switchboard.Email;
using Switchboard.Persistence;
using Switchboard.Server.Email;

namespace Switchboard.Tests.Server.Email;

/// <summary>
/// Cases through the API on their append-only log: customers' mail taken in through the intake itself (no mail server:
/// nothing is sent, nothing owed), then every step, the clock monitor's warnings and breaches, merging and downloads.
/// </summary>
public class CasesTests
{
    private const string Support = "support@test.example";

    private static async Task<HttpClient> SeedAsync(TestApp app, string client = "acme")
    {
        var admin = await app.AdministratorAsync();
        await Seed.ClientAsync(admin, client);
        await Seed.QueueAsync(admin, client + "-email", client);
        // Always open (no opening hours): the first response promised within a day, the next within two hours.
        var contract = await admin.PutAsJsonAsync($"/api/clients/{client}/contract", new { contract = new { timeZone = "Europe/London", emailResponse = "1.00:00:00", caseNextResponse = "02:00:00" }, version = 0 });
        Assert.True(contract.IsSuccessStatusCode, await contract.Content.ReadAsStringAsync());
        await MailboxAsync(admin, client + "-support", client, client + "-email", client == "acme" ? Support : $"support@{client}.example");
        return admin;
    }

    private static async Task MailboxAsync(HttpClient admin, string id, string client, string queue, string address)
    {
        var mailbox = await admin.PostAsJsonAsync("/api/mailboxes", new
        {
            id,
            client,
            queue,
            address,
            language = "en",
            // Nothing listens on port 9: the reader retries quietly while the tests hand mail to the intake themselves.
            imap = new { host = "127.0.0.1", port = 9, security = "none", userName = Support, password = "secret" },
        });
        Assert.True(mailbox.StatusCode == HttpStatusCode.Created, await mailbox.Content.ReadAsStringAsync());
    }

    private static async Task<IntakeOutcome> TakeAsync(TestApp app, MimeMessage message, string client = "acme", string? mailboxId = null)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<SwitchboardDb>>().CreateDbContextAsync();
        var mailbox = await db.Mailboxes.AsNoTracking().SingleAsync(m => m.Id == (mailboxId ?? client + "-support"));
        return await app.Services.GetRequiredService<MailIntake>().TakeAsync(mailbox, message, message.MessageId ?? "no-id", new SenderWindow(TimeSpan.FromMinutes(10)), CancellationToken.None);
    }

    private static MimeMessage Mail(string subject, string text, string from = "ann@customer.example") => EmailChannelTests.Mail(from, subject, text);

    private static async Task<JsonElement> OnlyCaseAsync(HttpClient admin, string query = "") =>
        (await admin.GetFromJsonAsync<JsonElement[]>("/api/cases" + query))!.Single();

    private static JsonElement Clock(JsonElement view, string target) =>
        view.GetProperty("clocks").EnumerateArray().Single(c => c.GetProperty("target").GetString() == target);

    private static string[] Kinds(JsonElement view) =>
        [.. view.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("kind").GetString()!)];

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Case_StepsThroughTheActions_EachOnItsLogAndRefusalsStoreNothing(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = await SeedAsync(app);
        Assert.Equal(IntakeOutcome.NewCase, await TakeAsync(app, Mail("Invoice wrong", "Charged twice.")));
        var id = (await OnlyCaseAsync(admin)).GetProperty("id").GetGuid();

        var received = await admin.GetFromJsonAsync<JsonElement>($"/api/cases/{id}");
        app.Time.Advance(TimeSpan.FromHours(1));
        var closeTooEarly = await admin.PostAsJsonAsync($"/api/cases/{id}/actions", new { type = "close" });
        var noOwner = await admin.PostAsJsonAsync($"/api/cases/{id}/actions", new { type = "assign" });
        var unknown = await admin.PostAsJsonAsync($"/api/cases/{id}/actions", new { type = "archive" });
        foreach (var action in new object[] { new { type = "assign", owner = "agent-7" }, new { type = "note", text = "Billing confirms the double charge." }, new { type = "solve" } })
        {
            var taken = await admin.PostAsJsonAsync($"/api/cases/{id}/actions", action);
            Assert.True(taken.StatusCode == HttpStatusCode.OK, await taken.Content.ReadAsStringAsync());
        }

        var solved = await admin.GetFromJsonAsync<JsonElement>($"/api/cases/{id}");
        var reopened = await admin.PostAsJsonAsync($"/api/cases/{id}/actions", new { type = "reopen", reason = "The refund did not arrive." });
        var resolvedAgain = await admin.PostAsJsonAsync($"/api/cases/{id}/actions", new { type = "solve" });
        var closed = await admin.PostAsJsonAsync($"/api/cases/{id}/actions", new { type = "close" });
        var afterClose = await admin.PostAsJsonAsync($"/api/cases/{id}/actions", new { type = "reopen", reason = "Again." });
        var final = await admin.GetFromJsonAsync<JsonElement>($"/api/cases/{id}");

        Assert.Equal(["received"], Kinds(received));
        Assert.Equal(("running", "notStarted", "running"), (Clock(received, "first-response").GetProperty("status").GetString(), Clock(received, "next-response").GetProperty("status").GetString(), Clock(received, "resolution").GetProperty("status").GetString()));
        Assert.Equal(TestApp.Start.AddDays(1), Clock(received, "first-response").GetProperty("dueAt").GetDateTimeOffset());
        Assert.Equal(HttpStatusCode.Conflict, closeTooEarly.StatusCode);
        Assert.Equal("Only a solved case can be closed.", (await closeTooEarly.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        Assert.True((await noOwner.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("owner", out _));
        Assert.True((await unknown.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("type", out _));
        Assert.Equal(["received", "assign", "note", "solve"], Kinds(solved));
        Assert.Equal(("solved", "agent-7"), (solved.GetProperty("case").GetProperty("status").GetString(), solved.GetProperty("case").GetProperty("owner").GetString()));
        Assert.Equal("met", Clock(solved, "resolution").GetProperty("status").GetString());
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.Conflict), (reopened.StatusCode, resolvedAgain.StatusCode, closed.StatusCode, afterClose.StatusCode));
        Assert.Equal(["received", "assign", "note", "solve", "reopen", "solve", "close"], Kinds(final));
        Assert.Equal("closed", final.GetProperty("case").GetProperty("status").GetString());
        Assert.Equal(TimeSpan.FromHours(1), TimeSpan.Parse(Clock(final, "resolution").GetProperty("elapsed").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task CustomerReplies_NextResponseClockWarnsThenBreachesOnce_AndTheListFiltersOnIt(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var (admin, first, summary) = await ParcelCaseAsync(app);
        var id = summary.GetProperty("id").GetGuid();
        var monitor = app.Services.GetRequiredService<CaseClocks>();

        // An agent answers (the reply path needs a mail server; the log step is the same), the customer writes back.
        app.Time.Advance(TimeSpan.FromHours(1));
        var taken = await admin.PostAsJsonAsync($"/api/cases/{id}/actions", new { type = "assign", owner = "agent-7" });
        Assert.Equal(HttpStatusCode.OK, taken.StatusCode);
        await StepAsync(app, id, CaseLog.AgentReplied, app.Time.GetUtcNow(), new CaseDetail { Agent = "agent-7" });

        var pending = await admin.GetFromJsonAsync<JsonElement>($"/api/cases/{id}");
        app.Time.Advance(TimeSpan.FromHours(5));
        var reply = Mail("Re: Where is my parcel? " + summary.GetProperty("reference").GetString(), "Still nothing.");
        reply.InReplyTo = first.MessageId;
        Assert.Equal(IntakeOutcome.Threaded, await TakeAsync(app, reply));
        var open = await admin.GetFromJsonAsync<JsonElement>($"/api/cases/{id}");
        app.Time.Advance(TimeSpan.FromMinutes(95));
        await monitor.SweepAsync(CancellationToken.None);
        var beforeBreach = await admin.GetFromJsonAsync<JsonElement[]>("/api/cases?breached=true");
        app.Time.Advance(TimeSpan.FromMinutes(30));
        await monitor.SweepAsync(CancellationToken.None);
        await monitor.SweepAsync(CancellationToken.None);
        var breached = await admin.GetFromJsonAsync<JsonElement>($"/api/cases/{id}");
        var listed = await admin.GetFromJsonAsync<JsonElement[]>("/api/cases?breached=true&owner=agent-7");
        var otherOwner = await admin.GetFromJsonAsync<JsonElement[]>("/api/cases?owner=agent-8");

        Assert.Equal("pendingCustomer", pending.GetProperty("case").GetProperty("status").GetString());
        Assert.Equal("paused", Clock(pending, "resolution").GetProperty("status").GetString());
        Assert.Equal("met", Clock(pending, "first-response").GetProperty("status").GetString());
        Assert.Equal("open", open.GetProperty("case").GetProperty("status").GetString());
        Assert.Equal(app.Time.GetUtcNow().AddMinutes(-125).AddHours(2), Clock(open, "next-response").GetProperty("dueAt").GetDateTimeOffset());
        Assert.Empty(beforeBreach!);
        Assert.Single(Kinds(breached), k => k == "clock.warned");
        Assert.Single(Kinds(breached), k => k == "clock.breached");
        Assert.Equal("next-response", breached.GetProperty("events").EnumerateArray().Single(e => e.GetProperty("kind").GetString() == "clock.breached").GetProperty("details").GetProperty("target").GetString());
        Assert.True(Clock(breached, "next-response").GetProperty("breached").GetBoolean());
        Assert.Equal(id, Assert.Single(listed!).GetProperty("id").GetGuid());
        Assert.Empty(otherOwner!);
    }

    /// <summary>The seeded client's one case, from a customer's question about a parcel: its first mail and its summary.</summary>
    private static async Task<(HttpClient Admin, MimeMessage First, JsonElement Summary)> ParcelCaseAsync(TestApp app)
    {
        var admin = await SeedAsync(app);
        var first = Mail("Where is my parcel?", "Order 815.");
        await TakeAsync(app, first);
        return (admin, first, await OnlyCaseAsync(admin));
    }

    /// <summary>Takes a step on the log directly, as agent-7: how the tests stand for an agent's reply (whose path needs a mail server).</summary>
    private static async Task StepAsync(TestApp app, Guid id, string kind, DateTimeOffset at, CaseDetail detail)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<SwitchboardDb>>().CreateDbContextAsync();
        var row = await db.Cases.SingleAsync(c => c.Id == id);
        var (step, refused) = await CaseLog.TakeAsync(db, row, kind, at, "agent-7", detail, CancellationToken.None);
        Assert.True(step is not null, refused);
        await db.SaveChangesAsync();
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task WaitOnThirdParty_PausesTheClockThroughTheCustomersMail_UntilTheAgentRecordsTheAnswer(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var (admin, first, summary) = await ParcelCaseAsync(app);
        var id = summary.GetProperty("id").GetGuid();
        var wait = new { type = "wait-third-party", party = "the carrier", reason = "Where parcel 815 is." };

        app.Time.Advance(TimeSpan.FromHours(1));
        var owed = await admin.PostAsJsonAsync($"/api/cases/{id}/actions", wait);
        var noParty = await admin.PostAsJsonAsync($"/api/cases/{id}/actions", new { type = "wait-third-party", reason = "Where parcel 815 is." });
        await StepAsync(app, id, CaseLog.AgentReplied, app.Time.GetUtcNow(), new CaseDetail { Agent = "agent-7" });
        app.Time.Advance(TimeSpan.FromHours(1));
        var waited = await admin.PostAsJsonAsync($"/api/cases/{id}/actions", wait);
        app.Time.Advance(TimeSpan.FromHours(3));
        var reply = Mail("Re: Where is my parcel? " + summary.GetProperty("reference").GetString(), "Any news?");
        reply.InReplyTo = first.MessageId;
        Assert.Equal(IntakeOutcome.Threaded, await TakeAsync(app, reply));
        var whileWaiting = await admin.GetFromJsonAsync<JsonElement>($"/api/cases/{id}");
        var listed = await admin.GetFromJsonAsync<JsonElement[]>("/api/cases?status=waitingOnThirdParty");
        app.Time.Advance(TimeSpan.FromHours(20));
        var answered = await admin.PostAsJsonAsync($"/api/cases/{id}/actions", new { type = "third-party-answered" });
        var again = await admin.PostAsJsonAsync($"/api/cases/{id}/actions", new { type = "third-party-answered" });
        var open = await admin.GetFromJsonAsync<JsonElement>($"/api/cases/{id}");

        Assert.Equal(HttpStatusCode.Conflict, owed.StatusCode);
        Assert.Equal("The customer is owed a response: reply before waiting on a third party.", (await owed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        Assert.True((await noParty.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("party", out _));
        Assert.True(waited.StatusCode == HttpStatusCode.OK, await waited.Content.ReadAsStringAsync());
        Assert.Equal("waitingOnThirdParty", whileWaiting.GetProperty("case").GetProperty("status").GetString());
        Assert.Equal(("the carrier", "Where parcel 815 is."), (whileWaiting.GetProperty("waitingOn").GetProperty("party").GetString(), whileWaiting.GetProperty("waitingOn").GetProperty("reason").GetString()));
        Assert.Equal(("paused", "paused"), (Clock(whileWaiting, "resolution").GetProperty("status").GetString(), Clock(whileWaiting, "next-response").GetProperty("status").GetString()));
        Assert.Equal(JsonValueKind.Null, whileWaiting.GetProperty("case").GetProperty("due").ValueKind);
        Assert.Equal(id, Assert.Single(listed!).GetProperty("id").GetGuid());
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.Conflict), (answered.StatusCode, again.StatusCode));
        Assert.Equal(["received", "agent-replied", "wait-third-party", "customer-wrote", "third-party-answered"], Kinds(open));
        Assert.Equal("open", open.GetProperty("case").GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, open.GetProperty("waitingOn").ValueKind);
        // The next response counts from the answer, not from the customer's mail 20 hours earlier; resolution kept its hour.
        Assert.Equal(app.Time.GetUtcNow().AddHours(2), Clock(open, "next-response").GetProperty("dueAt").GetDateTimeOffset());
        Assert.Equal(TimeSpan.FromHours(1), TimeSpan.Parse(Clock(open, "resolution").GetProperty("elapsed").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Clocks_QueueWithItsOwnShorterHours_RunOnThemAndFallDueLaterThanOnTheContractsHours(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = await app.AdministratorAsync();
        await Seed.ClientAsync(admin, "acme");
        string[] weekdays = ["monday", "tuesday", "wednesday", "thursday", "friday"];
        object Hours(string from, string to) => new { timeZone = "Europe/London", weekly = weekdays.Select(day => new { day, from, to }) };
        await Seed.QueueAsync(admin, "acme-email", "acme");
        await Seed.QueueAsync(admin, "acme-mornings", "acme", settings: new
        {
            stages = new[] { new { after = "00:00:00", skills = new[] { new { skill = "general", minimum = 1 } } } },
            openingHours = Hours("09:00", "11:00"),
        });
        var contract = await admin.PutAsJsonAsync("/api/clients/acme/contract", new { contract = new { timeZone = "Europe/London", openingHours = Hours("08:00", "18:00"), caseResolution = "04:00:00" }, version = 0 });
        Assert.True(contract.IsSuccessStatusCode, await contract.Content.ReadAsStringAsync());
        await MailboxAsync(admin, "acme-support", "acme", "acme-email", Support);
        await MailboxAsync(admin, "acme-mornings", "acme", "acme-mornings", "mornings@test.example");

        // Monday 09:00 in London: four open hours on the contract's hours end at 13:00; the mornings queue has two
        // today and two on Tuesday from 09:00.
        await TakeAsync(app, Mail("Contract hours", "Hello."));
        await TakeAsync(app, Mail("Queue hours", "Hello.", "bob@customer.example"), mailboxId: "acme-mornings");
        var cases = (await admin.GetFromJsonAsync<JsonElement[]>("/api/cases"))!.ToDictionary(c => c.GetProperty("queue").GetString()!, c => c.GetProperty("id").GetGuid());
        var onContract = await admin.GetFromJsonAsync<JsonElement>($"/api/cases/{cases["acme-email"]}");
        var onQueue = await admin.GetFromJsonAsync<JsonElement>($"/api/cases/{cases["acme-mornings"]}");
        app.Time.Advance(TimeSpan.FromHours(5));
        await app.Services.GetRequiredService<CaseClocks>().SweepAsync(CancellationToken.None);
        var breached = await admin.GetFromJsonAsync<JsonElement[]>("/api/cases?breached=true");

        Assert.Equal(TestApp.Start.AddHours(4), Clock(onContract, "resolution").GetProperty("dueAt").GetDateTimeOffset());
        Assert.Equal(TestApp.Start.AddHours(26), Clock(onQueue, "resolution").GetProperty("dueAt").GetDateTimeOffset());
        // The monitor reads each case on its own queue's calendar: at 14:00 only the contract-hours case is late.
        Assert.Equal(cases["acme-email"], Assert.Single(breached!).GetProperty("id").GetGuid());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task FileComplaint_CaseRefusesTheStep_LeavesNoComplaintBehind_AndALaterFilingStoresBoth(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = await SeedAsync(app);
        await TakeAsync(app, Mail("Rude agent", "Your agent was rude to me."));
        var id = (await OnlyCaseAsync(admin)).GetProperty("id").GetGuid();
        var statement = new { category = "centreConduct", severity = "medium", summary = "An agent was rude.", remedySought = "An apology." };
        // A step stamped an hour ahead (as by a host whose clock runs fast): the case refuses any step before it.
        await StepAsync(app, id, CaseLog.Note, app.Time.GetUtcNow().AddHours(1), new CaseDetail { Text = "Listened to the call." });

        var refused = await admin.PostAsJsonAsync($"/api/cases/{id}/complaint", statement);
        var afterRefusal = await admin.GetFromJsonAsync<JsonElement[]>("/api/complaints");
        app.Time.Advance(TimeSpan.FromHours(2));
        var filed = await admin.PostAsJsonAsync($"/api/cases/{id}/complaint", statement);
        var complaints = await admin.GetFromJsonAsync<JsonElement[]>("/api/complaints");
        var view = await admin.GetFromJsonAsync<JsonElement>($"/api/cases/{id}");

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("An event cannot come before the case's last one.", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        Assert.Empty(afterRefusal!);
        Assert.True(filed.StatusCode == HttpStatusCode.Created, await filed.Content.ReadAsStringAsync());
        var reference = (await filed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reference").GetString();
        Assert.Equal(reference, Assert.Single(complaints!).GetProperty("reference").GetString());
        Assert.Equal([reference], view.GetProperty("complaints").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(["received", "note", "complaint-filed"], Kinds(view));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Merge_DuplicateClosesIntoTheTarget_WhichShowsItsMessagesAndTakesItsLaterMail(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = await SeedAsync(app);
        await SeedAsync(app, "globex");
        var original = Mail("Broken kettle", "It leaks.");
        var duplicate = Mail("Kettle again", "Did you get my mail about the kettle?");
        await TakeAsync(app, original);
        app.Time.Advance(TimeSpan.FromMinutes(10));
        await TakeAsync(app, duplicate);
        await TakeAsync(app, Mail("Other client", "Hello.", "bob@customer.example"), "globex");
        var cases = (await admin.GetFromJsonAsync<JsonElement[]>("/api/cases?client=acme"))!;
        var target = cases.Single(c => c.GetProperty("subject").GetString() == "Broken kettle").GetProperty("id").GetGuid();
        var dup = cases.Single(c => c.GetProperty("subject").GetString() == "Kettle again").GetProperty("id").GetGuid();
        var foreign = (await admin.GetFromJsonAsync<JsonElement[]>("/api/cases?client=globex"))!.Single().GetProperty("id").GetGuid();

        var intoForeign = await admin.PostAsJsonAsync($"/api/cases/{dup}/merge", new { into = foreign });
        var intoItself = await admin.PostAsJsonAsync($"/api/cases/{dup}/merge", new { into = dup });
        var merged = await admin.PostAsJsonAsync($"/api/cases/{dup}/merge", new { into = target });
        var again = await admin.PostAsJsonAsync($"/api/cases/{dup}/merge", new { into = target });
        app.Time.Advance(TimeSpan.FromMinutes(10));
        var later = Mail("Re: Kettle again", "Any news?");
        later.InReplyTo = duplicate.MessageId;
        var outcome = await TakeAsync(app, later);
        var targetView = await admin.GetFromJsonAsync<JsonElement>($"/api/cases/{target}");
        var dupView = await admin.GetFromJsonAsync<JsonElement>($"/api/cases/{dup}");

        Assert.True(intoForeign.StatusCode == HttpStatusCode.BadRequest && (await intoForeign.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("into", out _));
        Assert.Equal(HttpStatusCode.BadRequest, intoItself.StatusCode);
        Assert.True(merged.StatusCode == HttpStatusCode.OK, await merged.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(IntakeOutcome.Threaded, outcome);
        Assert.Equal(["It leaks.", "Did you get my mail about the kettle?", "Any news?"], targetView.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("text").GetString()));
        Assert.Equal(["received", "merged", "customer-wrote"], Kinds(targetView));
        Assert.Equal(("closed", target), (dupView.GetProperty("case").GetProperty("status").GetString(), dupView.GetProperty("case").GetProperty("mergedInto").GetGuid()));
        Assert.Equal(["received", "merged-into"], Kinds(dupView));
        Assert.All(dupView.GetProperty("clocks").EnumerateArray(), c => Assert.NotEqual("running", c.GetProperty("status").GetString()));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Attachment_StoredOneDownloadsWithItsTypeAndName_RefusedOneIs404(string provider)
    {
        await using var app = await TestApp.StartAsync(provider, configuration: ["--Switchboard:Email:AttachmentMaxBytes=1000"]);
        var admin = await SeedAsync(app);
        var body = new BodyBuilder { TextBody = "See attached." };
        body.Attachments.Add("invoice.pdf", Enumerable.Range(0, 500).Select(i => (byte)i).ToArray(), new ContentType("application", "pdf"));
        body.Attachments.Add("scan.pdf", new byte[5000], new ContentType("application", "pdf"));
        var message = Mail("Invoice attached", "");
        message.Body = body.ToMessageBody();
        await TakeAsync(app, message);
        var id = (await OnlyCaseAsync(admin)).GetProperty("id").GetGuid();
        var files = (await admin.GetFromJsonAsync<JsonElement>($"/api/cases/{id}")).GetProperty("messages")[0].GetProperty("attachments").EnumerateArray()
            .ToDictionary(a => a.GetProperty("fileName").GetString()!, a => a.GetProperty("id").GetInt64());

        var stored = await admin.GetAsync($"/api/cases/{id}/attachments/{files["invoice.pdf"]}");
        var refused = await admin.GetAsync($"/api/cases/{id}/attachments/{files["scan.pdf"]}");
        var wrongCase = await admin.GetAsync($"/api/cases/{Guid.NewGuid()}/attachments/{files["invoice.pdf"]}");

        Assert.Equal(HttpStatusCode.OK, stored.StatusCode);
        Assert.Equal("application/pdf", stored.Content.Headers.ContentType?.MediaType);
        Assert.Equal("invoice.pdf", stored.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        Assert.Equal("attachment", stored.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal(Enumerable.Range(0, 500).Select(i => (byte)i), await stored.Content.ReadAsByteArrayAsync());
        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (refused.StatusCode, wrongCase.StatusCode));
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task CustomerWritesAfterTheContactFinished_ANewEmailContactRoutesTheCaseAgain(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = await SeedAsync(app);
        var first = Mail("Router broken", "No lights.");
        await TakeAsync(app, first);
        var opened = await OnlyCaseAsync(admin);
        var firstContact = opened.GetProperty("contact").GetGuid();
        var whileWaiting = Mail("Re: Router broken", "Still no lights.");
        whileWaiting.InReplyTo = first.MessageId;
        await TakeAsync(app, whileWaiting);
        var stillFirst = (await OnlyCaseAsync(admin)).GetProperty("contact").GetGuid();

        var abandoned = await admin.PostAsync($"/api/contacts/{firstContact}/abandon", null);
        Assert.True(abandoned.IsSuccessStatusCode, await abandoned.Content.ReadAsStringAsync());
        var afterwards = Mail("Re: Router broken", "Hello? Anyone?");
        afterwards.InReplyTo = first.MessageId;
        var outcome = await TakeAsync(app, afterwards);
        var rerouted = await OnlyCaseAsync(admin);
        var contact = await admin.GetFromJsonAsync<JsonElement>($"/api/contacts/{rerouted.GetProperty("contact").GetGuid()}");
        var view = await admin.GetFromJsonAsync<JsonElement>($"/api/cases/{rerouted.GetProperty("id").GetGuid()}");

        Assert.Equal(firstContact, stillFirst);
        Assert.Equal(IntakeOutcome.Threaded, outcome);
        Assert.NotEqual(firstContact, rerouted.GetProperty("contact").GetGuid());
        Assert.Equal(("email", "acme-email", "waiting"), (contact.GetProperty("channel").GetString(), contact.GetProperty("queue").GetString(), contact.GetProperty("state").GetString()));
        Assert.Equal(3, view.GetProperty("messages").GetArrayLength());
        Assert.Equal(["received", "customer-wrote", "customer-wrote"], Kinds(view));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task CustomerWritesAfterTheContactFinished_KeptForTheCasesOwnerWhileAnotherAgentIsFree(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = await SeedAsync(app);
        var first = Mail("Router broken", "No lights.");
        await TakeAsync(app, first);
        var opened = await OnlyCaseAsync(admin);
        var abandoned = await admin.PostAsync($"/api/contacts/{opened.GetProperty("contact").GetGuid()}/abandon", null);
        Assert.True(abandoned.IsSuccessStatusCode, await abandoned.Content.ReadAsStringAsync());
        var assigned = await admin.PostAsJsonAsync($"/api/cases/{opened.GetProperty("id").GetGuid()}/actions", new { type = "assign", owner = "ann" });
        Assert.Equal(HttpStatusCode.OK, assigned.StatusCode);
        await Seed.AgentAsync(admin, "ann", "acme", capacity: new { voice = 1, email = 1 });
        var call = await (await admin.PostAsJsonAsync("/api/contacts", new { queue = "acme-email", language = "en", channel = "voice" })).Content.ReadFromJsonAsync<JsonElement>();
        var accepted = await admin.PostAsync($"/api/agents/ann/offers/{call.GetProperty("offer").GetProperty("id").GetInt64()}/accept", null);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        await Seed.AgentAsync(admin, "bob", "acme", capacity: new { email = 1 });

        var reply = Mail("Re: Router broken", "Hello? Anyone?");
        reply.InReplyTo = first.MessageId;
        Assert.Equal(IntakeOutcome.Threaded, await TakeAsync(app, reply));
        var rerouted = (await OnlyCaseAsync(admin)).GetProperty("contact").GetGuid();
        var bobsWhileAnnBusy = await admin.GetFromJsonAsync<JsonElement[]>("/api/agents/bob/offers");
        var stateWhileAnnBusy = (await admin.GetFromJsonAsync<JsonElement>($"/api/contacts/{rerouted}")).GetProperty("state").GetString();
        var callId = call.GetProperty("id").GetString();
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync($"/api/contacts/{callId}/end", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsJsonAsync($"/api/contacts/{callId}/wrap-up", new { disposition = "resolved" })).StatusCode);
        var annsAfterwards = await admin.GetFromJsonAsync<JsonElement[]>("/api/agents/ann/offers");
        var history = await admin.GetFromJsonAsync<JsonElement[]>($"/api/contacts/{rerouted}/events");

        Assert.Empty(bobsWhileAnnBusy!);
        Assert.Equal("waiting", stateWhileAnnBusy);
        Assert.Equal(rerouted.ToString(), Assert.Single(annsAfterwards!).GetProperty("contact").GetString());
        Assert.Equal(["contactQueued", "contactOffered"], history!.Select(e => e.GetProperty("type").GetString()).ToArray());
        Assert.Equal("ann", history![0].GetProperty("agent").GetString());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task CaseStoredBeforeTheLog_IsGivenItsLogFromItsMessagesAndStatus_Once(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = await SeedAsync(app);
        var first = Mail("Where is my parcel?", "Order 815.");
        await TakeAsync(app, first);
        app.Time.Advance(TimeSpan.FromHours(1));
        var reply = Mail("Re: Where is my parcel?", "Any news?");
        reply.InReplyTo = first.MessageId;
        await TakeAsync(app, reply);
        var id = (await OnlyCaseAsync(admin)).GetProperty("id").GetGuid();
        // As an earlier version stored it: the rows and messages, no log, solved by agent-3.
        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<SwitchboardDb>>().CreateDbContextAsync())
        {
            await db.CaseEvents.Where(e => e.Case == id).ExecuteDeleteAsync();
            var row = await db.Cases.SingleAsync(c => c.Id == id);
            (row.Status, row.Owner, row.Due, row.Updated) = ((int)Switchboard.Cases.CaseStatus.Solved, "agent-3", null, TestApp.Start.AddMinutes(90));
            await db.SaveChangesAsync();
        }

        app.Time.Advance(TimeSpan.FromHours(1));
        var upgrade = app.Services.GetRequiredService<CaseLogUpgrade>();
        var upgraded = await upgrade.UpgradeAsync(CancellationToken.None);
        var again = await upgrade.UpgradeAsync(CancellationToken.None);
        var view = await admin.GetFromJsonAsync<JsonElement>($"/api/cases/{id}");

        Assert.Equal((1, 0), (upgraded, again));
        Assert.Equal(["received", "customer-wrote", "assign", "solve"], Kinds(view));
        Assert.Equal(("solved", "agent-3"), (view.GetProperty("case").GetProperty("status").GetString(), view.GetProperty("case").GetProperty("owner").GetString()));
        Assert.Equal("met", Clock(view, "resolution").GetProperty("status").GetString());
        Assert.Equal(TestApp.Start.AddMinutes(90), view.GetProperty("case").GetProperty("updated").GetDateTimeOffset());
    }
}
