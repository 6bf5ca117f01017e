using System.Net;
using System.Text.Json;
using MimeKit;

namespace Switchboard.Tests.Server.Email;

/// <summary>
/// The email channel end to end against a real Postfix and Dovecot on loopback (<see cref="MailServers"/>): customers
/// write to the centre's mailbox, the server reads it over IMAP (IDLE), makes cases and routed email contacts, and
/// answers over SMTP into the customer's own mailbox.
/// </summary>
public class EmailChannelTests
{
    private const string Support = "support@test.example";
    private const string Customer = "customer@test.example";

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task CustomersMail_BecomesARoutedCase_AcknowledgedThenAnsweredAndTheReplyThreadsBack(string provider)
    {
        await using var mail = await MailServers.StartAsync();
        await using var app = await TestApp.StartAsync(provider, configuration: mail.Settings);
        var admin = await SeedAsync(app, mail);
        var original = Mail(Customer, "Invoice 4711 is wrong", "Hello, my invoice 4711 charges me twice.");

        await mail.SendAsync(original);
        var opened = await WaitForCasesAsync(admin, 1, mail, app);
        var id = opened[0].GetProperty("id").GetGuid();
        var contact = await admin.GetFromJsonAsync<JsonElement>($"/api/contacts/{opened[0].GetProperty("contact").GetGuid()}");
        var history = (await admin.GetFromJsonAsync<JsonElement[]>($"/api/contacts/{opened[0].GetProperty("contact").GetGuid()}/customer-history"))!;
        var reference = opened[0].GetProperty("reference").GetString()!;
        var acknowledgement = await mail.WaitForMessageAsync(Customer, m => m.Subject?.Contains(reference, StringComparison.Ordinal) == true);
        var reply = await admin.PostAsJsonAsync($"/api/cases/{id}/replies", new { text = "We have refunded the second charge." });
        var answer = await mail.WaitForMessageAsync(Customer, m => m.TextBody?.Contains("refunded", StringComparison.Ordinal) == true);
        var followUp = Mail(Customer, "Re: " + answer.Subject, "Thank you, received.");
        followUp.InReplyTo = answer.MessageId;
        followUp.References.Add(answer.MessageId!);
        await mail.SendAsync(followUp);
        var view = await WaitForCaseAsync(admin, id, v => v.GetProperty("messages").GetArrayLength() == 4, mail, app);
        var messages = view.GetProperty("messages").EnumerateArray().ToList();

        Assert.Equal(("email", "acme-email", "waiting"), (contact.GetProperty("channel").GetString(), contact.GetProperty("queue").GetString(), contact.GetProperty("state").GetString()));
        Assert.Empty(history);
        Assert.Equal("auto-replied", acknowledgement.Headers["Auto-Submitted"]);
        Assert.Equal(original.MessageId, acknowledgement.InReplyTo);
        Assert.Contains("within 1 day", acknowledgement.TextBody, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, reply.StatusCode);
        Assert.Equal(original.MessageId, answer.InReplyTo);
        Assert.Contains(reference, answer.Subject, StringComparison.Ordinal);
        Assert.Equal(Support, answer.From.Mailboxes.Single().Address);
        Assert.Equal(["customer", "acknowledgement", "reply", "customer"], messages.Select(m => m.GetProperty("kind").GetString()));
        Assert.Equal(answer.MessageId, messages[2].GetProperty("messageId").GetString());
        Assert.Equal("open", view.GetProperty("case").GetProperty("status").GetString());
        Assert.Single((await admin.GetFromJsonAsync<JsonElement[]>("/api/cases"))!);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task BounceAutoReplyAndTheSameMessageTwice_MakeOneCaseAndNoAcknowledgementOfTheRobots(string provider)
    {
        await using var mail = await MailServers.StartAsync();
        await using var app = await TestApp.StartAsync(provider, configuration: mail.Settings);
        var admin = await SeedAsync(app, mail);
        var outOfOffice = Mail("other@test.example", "Out of office", "I am away until Monday.");
        outOfOffice.Headers.Add("Auto-Submitted", "auto-replied");
        var twice = Mail(Customer, "Where is my parcel?", "Order 815 has not arrived.");

        // A real bounce: Postfix cannot deliver to a user Dovecot does not know and reports back to the sender, us.
        await mail.SendAsync(Mail(Support, "Your case", "Hello"), Support, "nobody@test.example");
        await mail.SendAsync(outOfOffice);
        await mail.SendAsync(twice);
        await mail.SendAsync(twice);
        await WaitForMailboxAsync(admin, lastUid: 4, mail, app);
        var cases = (await admin.GetFromJsonAsync<JsonElement[]>("/api/cases"))!;
        var otherInbox = await mail.InboxAsync("other@test.example");
        var supportInbox = await mail.InboxAsync(Support);

        Assert.Single(cases);
        Assert.Equal("Where is my parcel?", cases[0].GetProperty("subject").GetString());
        Assert.Empty(otherInbox);
        Assert.Contains(supportInbox, m => m.Body?.ContentType.IsMimeType("multipart", "report") == true);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Attachments_WithinTheLimitsStored_OthersRefusedAndNoted_HtmlSanitised(string provider)
    {
        await using var mail = await MailServers.StartAsync();
        await using var app = await TestApp.StartAsync(provider, configuration: [.. mail.Settings, "--Switchboard:Email:AttachmentMaxBytes=1000"]);
        var admin = await SeedAsync(app, mail);
        var body = new BodyBuilder { TextBody = "See attached.", HtmlBody = "<p>See <b>attached</b>.</p><script>alert(1)</script>" };
        body.Attachments.Add("invoice.pdf", new byte[500], new ContentType("application", "pdf"));
        body.Attachments.Add("scan.pdf", new byte[5000], new ContentType("application", "pdf"));
        body.Attachments.Add("run.exe", new byte[10], new ContentType("application", "x-msdownload"));
        var message = Mail(Customer, "Invoice attached", "");
        message.Body = body.ToMessageBody();

        await mail.SendAsync(message);
        var cases = await WaitForCasesAsync(admin, 1, mail, app);
        var view = await admin.GetFromJsonAsync<JsonElement>($"/api/cases/{cases[0].GetProperty("id").GetGuid()}");
        var first = view.GetProperty("messages")[0];
        var files = first.GetProperty("attachments").EnumerateArray().ToDictionary(a => a.GetProperty("fileName").GetString()!);

        Assert.Equal("See attached.", first.GetProperty("text").GetString()!.Trim());
        Assert.Contains("<b>attached</b>", first.GetProperty("html").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("script", first.GetProperty("html").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.True(files["invoice.pdf"].GetProperty("stored").GetBoolean());
        Assert.False(files["scan.pdf"].GetProperty("stored").GetBoolean());
        Assert.Contains("Larger than 1000 bytes", files["scan.pdf"].GetProperty("refused").GetString(), StringComparison.Ordinal);
        Assert.Contains("application/x-msdownload", files["run.exe"].GetProperty("refused").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Restart_NeitherLosesNorReingests(string provider)
    {
        await using var mail = await MailServers.StartAsync();
        await using var app = await TestApp.StartAsync(provider, configuration: mail.Settings);
        var admin = await SeedAsync(app, mail);
        await mail.SendAsync(Mail(Customer, "First", "One."));
        await WaitForCasesAsync(admin, 1, mail, app);

        await app.RestartAsync();
        admin = await app.AdministratorAsync();
        await mail.SendAsync(Mail("other@test.example", "Second", "Two."));
        var cases = await WaitForCasesAsync(admin, 2, mail, app);
        await WaitForMailboxAsync(admin, lastUid: 2, mail, app);

        Assert.Equal(["Second", "First"], cases.Select(c => c.GetProperty("subject").GetString()));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Mailboxes_PasswordNeverAnswered_BadInputIsAProblem(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = await app.AdministratorAsync();
        await Seed.ClientAsync(admin, "acme");
        await Seed.QueueAsync(admin, "acme-email", "acme");

        var created = await admin.PostAsJsonAsync("/api/mailboxes", Mailbox("acme-support", "acme-email", 1143));
        var listed = await admin.GetStringAsync("/api/mailboxes");
        var again = await admin.PostAsJsonAsync("/api/mailboxes", Mailbox("acme-support", "acme-email", 1143));
        var noQueue = await admin.PostAsJsonAsync("/api/mailboxes", Mailbox("acme-other", "no-such-queue", 1143));
        var missing = await admin.GetAsync("/api/mailboxes/nothing");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.DoesNotContain(MailServers.Password, await created.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(MailServers.Password, listed, StringComparison.Ordinal);
        Assert.Equal((HttpStatusCode.Conflict, HttpStatusCode.BadRequest, HttpStatusCode.NotFound), (again.StatusCode, noQueue.StatusCode, missing.StatusCode));
        Assert.Equal("application/problem+json", noQueue.Content.Headers.ContentType?.MediaType);
        // At rest the password is sealed with the server's data-protection keys, not kept in clear.
        await using var db = await app.Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<Switchboard.Persistence.SwitchboardDb>>().CreateDbContextAsync();
        var stored = (await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.Mailboxes)).Password;
        Assert.NotEqual(MailServers.Password, stored);
        Assert.Equal(MailServers.Password, app.Services.GetRequiredService<Switchboard.Server.Email.MailboxSecrets>().Open(stored));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task CustomersMail_FiledAsAComplaint_ItsAcknowledgementClockRunsAndWarns(string provider)
    {
        await using var mail = await MailServers.StartAsync();
        await using var app = await TestApp.StartAsync(provider, configuration: mail.Settings);
        var admin = await SeedAsync(app, mail);
        await mail.SendAsync(Mail(Customer, "Your agent hung up on me", "I was cut off twice today and nobody called back."));
        var opened = await WaitForCasesAsync(admin, 1, mail, app);
        var id = opened[0].GetProperty("id").GetGuid();

        var filed = await admin.PostAsJsonAsync($"/api/cases/{id}/complaint", new
        {
            category = "centreConduct",
            severity = "medium",
            summary = "Cut off twice by agents; no call back.",
            remedySought = "An apology and a call back.",
        });
        var complaint = await filed.Content.ReadFromJsonAsync<JsonElement>();
        var reference = complaint.GetProperty("reference").GetString()!;
        var acknowledgement = complaint.GetProperty("clocks").EnumerateArray().Single(c => c.GetProperty("target").GetString() == "acknowledgement");
        var limit = TimeSpan.Parse(acknowledgement.GetProperty("limit").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        app.Time.Advance(limit * 0.8);
        await app.Services.GetRequiredService<Switchboard.Server.Complaints.ComplaintClocks>().SweepAsync(CancellationToken.None);
        var read = await admin.GetFromJsonAsync<JsonElement>($"/api/complaints/{reference}");
        var caseView = await admin.GetFromJsonAsync<JsonElement>($"/api/cases/{id}");
        var missing = await admin.PostAsJsonAsync($"/api/cases/{Guid.NewGuid()}/complaint", new { category = "centreConduct", severity = "low", summary = "x", remedySought = "y" });

        Assert.True(filed.StatusCode == HttpStatusCode.Created, complaint.ToString());
        Assert.Equal((Customer, "acme"), (complaint.GetProperty("customerEmail").GetString(), complaint.GetProperty("client").GetString()));
        Assert.Equal([opened[0].GetProperty("contact").GetGuid()], complaint.GetProperty("linkedContacts").EnumerateArray().Select(c => c.GetGuid()));
        Assert.Equal("running", acknowledgement.GetProperty("status").GetString());
        Assert.Contains(read.GetProperty("events").EnumerateArray(), e => e.GetProperty("kind").GetString() == "clock.warned"
            && e.GetProperty("details").GetProperty("target").GetString() == "acknowledgement");
        Assert.Contains("complaint-filed", caseView.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("kind").GetString()));
        Assert.Equal([reference], caseView.GetProperty("complaints").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task AcknowledgementTheMailServerRefused_IsOwedThenSentByTheClockMonitor(string provider)
    {
        await using var mail = await MailServers.StartAsync();
        // Sending goes to the discard port first, where nothing listens: the acknowledgement cannot leave.
        await using var app = await TestApp.StartAsync(provider, configuration: [.. mail.Settings, "--Switchboard:Mail:Port=9"]);
        var admin = await SeedAsync(app, mail);
        await mail.SendAsync(Mail(Customer, "Meter reading", "My reading is 01234."));
        var opened = await WaitForCasesAsync(admin, 1, mail, app);
        var id = opened[0].GetProperty("id").GetGuid();
        var reference = opened[0].GetProperty("reference").GetString()!;
        var owed = await admin.GetFromJsonAsync<JsonElement>($"/api/cases/{id}");

        app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Switchboard.Server.Chat.MailSettings>>().Value.Port = mail.SmtpPort;
        await app.Services.GetRequiredService<Switchboard.Server.Email.CaseClocks>().SweepAsync(CancellationToken.None);
        var acknowledgement = await mail.WaitForMessageAsync(Customer, m => m.Subject?.Contains(reference, StringComparison.Ordinal) == true);
        var sent = await admin.GetFromJsonAsync<JsonElement>($"/api/cases/{id}");
        await app.Services.GetRequiredService<Switchboard.Server.Email.CaseClocks>().SweepAsync(CancellationToken.None);
        var inbox = await mail.InboxAsync(Customer);

        Assert.True(owed.GetProperty("case").GetProperty("acknowledgementOwed").GetBoolean());
        Assert.Equal(["customer"], owed.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("kind").GetString()));
        Assert.Equal("auto-replied", acknowledgement.Headers["Auto-Submitted"]);
        Assert.False(sent.GetProperty("case").GetProperty("acknowledgementOwed").GetBoolean());
        Assert.Equal(["customer", "acknowledgement"], sent.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("kind").GetString()));
        Assert.Single(inbox, m => m.Subject?.Contains(reference, StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task Cases_UnknownStatusFilter_Is400NamingIt()
    {
        await using var app = await TestApp.StartAsync();
        var admin = await app.AdministratorAsync();

        var listed = await admin.GetAsync("/api/cases?status=lost");

        Assert.Equal(HttpStatusCode.BadRequest, listed.StatusCode);
        Assert.True((await listed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("status", out _));
    }

    private static object Mailbox(string id, string queue, int port) => new
    {
        id,
        client = "acme",
        queue,
        address = Support,
        language = "en",
        imap = new { host = "127.0.0.1", port, security = "none", userName = Support, password = MailServers.Password },
    };

    /// <summary>Client acme, an email queue, a contract promising an answer within a day, and the support mailbox.</summary>
    private static async Task<HttpClient> SeedAsync(TestApp app, MailServers mail)
    {
        var admin = await app.AdministratorAsync();
        await Seed.ClientAsync(admin, "acme");
        await Seed.QueueAsync(admin, "acme-email", "acme");
        var contract = await admin.PutAsJsonAsync("/api/clients/acme/contract", new { contract = new { timeZone = "Europe/London", emailResponse = "1.00:00:00" }, version = 0 });
        Assert.True(contract.IsSuccessStatusCode, await contract.Content.ReadAsStringAsync());
        var created = await admin.PostAsJsonAsync("/api/mailboxes", Mailbox("acme-support", "acme-email", mail.ImapPort));
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        return admin;
    }

    internal static MimeMessage Mail(string from, string subject, string text)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(from));
        message.To.Add(MailboxAddress.Parse(Support));
        message.Subject = subject;
        message.MessageId = MimeKit.Utils.MimeUtils.GenerateMessageId("customer.example");
        message.Body = new TextPart("plain") { Text = text };
        return message;
    }

    private static async Task<JsonElement[]> WaitForCasesAsync(HttpClient admin, int count, MailServers mail, TestApp app) =>
        await mail.WhenAsync(async () => (await admin.GetFromJsonAsync<JsonElement[]>("/api/cases"))!, cases => cases.Length >= count, () => app.Services.GetRequiredService<Switchboard.Server.Email.MailboxReaders>().Progressed, $"{count} cases");

    private static Task<JsonElement> WaitForCaseAsync(HttpClient admin, Guid id, Func<JsonElement, bool> done, MailServers mail, TestApp app) =>
        mail.WhenAsync(() => admin.GetFromJsonAsync<JsonElement>($"/api/cases/{id}"), done, () => app.Services.GetRequiredService<Switchboard.Server.Email.MailboxReaders>().Progressed, $"case {id}");

    /// <summary>Waits until the reader stored this UID as read: every message up to it was taken in or set aside.</summary>
    private static Task<JsonElement> WaitForMailboxAsync(HttpClient admin, long lastUid, MailServers mail, TestApp app) =>
        mail.WhenAsync(() => admin.GetFromJsonAsync<JsonElement>("/api/mailboxes/acme-support"), m => m.GetProperty("lastUid").GetInt64() >= lastUid, () => app.Services.GetRequiredService<Switchboard.Server.Email.MailboxReaders>().Progressed, $"UID {lastUid} read");
}
