using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using MimeKit;
using Switchboard.Email;
using Switchboard.Persistence;
using Switchboard.Server.Email;

namespace Switchboard.Browser.Tests;

/// <summary>Email cases on screen (issue 7, section 3): on the agent desk, the case an email contact brought, its thread,
/// an internal note, a reply refused while no mail server is set up, and solving it; on <c>/cases</c>, a supervisor's
/// list, its filter, and a case opened from it.</summary>
public class CaseDeskTests
{
    // A mailbox of acme into queue billing, and a customer's mail taken in through it: a case and its routed email contact.
    private static async Task MailArrivesAsync(LiveServer server, HttpClient api)
    {
        var mailbox = await api.PostAsJsonAsync("/api/mailboxes", new
        {
            id = "acme-support",
            client = "acme",
            queue = "billing",
            address = "support@acme.example",
            language = "en",
            // Nothing listens on port 9: the reader retries quietly while the test hands the mail to the intake itself.
            imap = new { host = "127.0.0.1", port = 9, security = "none", userName = "support@acme.example", password = "secret" },
        }, TestContext.Current.CancellationToken);
        Assert.True(mailbox.StatusCode == HttpStatusCode.Created, await mailbox.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var mail = new MimeMessage();
        mail.From.Add(MailboxAddress.Parse("carol@customer.example"));
        mail.To.Add(MailboxAddress.Parse("support@acme.example"));
        mail.Subject = "Charged twice";
        mail.MessageId = MimeKit.Utils.MimeUtils.GenerateMessageId("customer.example");
        mail.Body = new TextPart("plain") { Text = "My October invoice was taken twice." };
        await using var db = await server.Services.GetRequiredService<IDbContextFactory<SwitchboardDb>>().CreateDbContextAsync(TestContext.Current.CancellationToken);
        var box = await db.Mailboxes.AsNoTracking().SingleAsync(m => m.Id == "acme-support", TestContext.Current.CancellationToken);
        Assert.Equal(IntakeOutcome.NewCase, await server.Services.GetRequiredService<MailIntake>().TakeAsync(box, mail, mail.MessageId, new SenderWindow(TimeSpan.FromMinutes(10)), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Desk_AgentTakesAnEmailContact_SeesItsCaseNotesAndSolvesIt()
    {
        await using var browser = await Chromium.LaunchAsync();
        await using var server = await LiveServer.StartAsync();
        var page = await browser.NewPageAsync(server.Address);
        var seed = await DeskSeed.AgentAtDeskAsync(server, page, "acme", "billing", "ann");
        await Assertions.Expect(page.Locator(".desk[data-live=true]")).ToHaveCountAsync(1);
        await page.GetByRole(AriaRole.Button, new() { Name = "Available", Exact = true }).ClickAsync();

        await MailArrivesAsync(server, seed.Api);

        await page.Locator("section.desk-offer").GetByRole(AriaRole.Button, new() { Name = "Accept" }).ClickAsync();
        var panel = page.Locator("section.desk-contact");
        var reference = panel.Locator(".case-reference");
        await Assertions.Expect(reference).ToHaveTextAsync(new Regex("^C-000001-[A-Z2-9]$"));
        await Assertions.Expect(panel.GetByText("My October invoice was taken twice.")).ToBeVisibleAsync();
        await Assertions.Expect(panel.Locator(".desk-case-clocks")).ToContainTextAsync("First response due");

        await panel.GetByLabel("Internal note").FillAsync("Billing confirms the double charge.");
        await panel.GetByRole(AriaRole.Button, new() { Name = "Add note" }).ClickAsync();
        await Assertions.Expect(panel.Locator(".desk-case-notes")).ToContainTextAsync("ann@centre.example: Billing confirms the double charge.");
        await panel.GetByLabel("Reply to the customer by email").FillAsync("We have refunded the second payment.");
        await panel.GetByRole(AriaRole.Button, new() { Name = "Send reply" }).ClickAsync();
        await Assertions.Expect(panel.Locator(".desk-case .form-problem")).ToContainTextAsync("No mail server is set up");
        await Chromium.AssertAccessibleAsync(page);
        await panel.GetByRole(AriaRole.Button, new() { Name = "Mark the case solved" }).ClickAsync();
        await Assertions.Expect(panel.Locator(".case-status")).ToHaveTextAsync("solved");
        await Chromium.ScreenshotAsync(page, "desk-case");

        var stored = await seed.Api.GetFromJsonAsync<JsonElement[]>("/api/cases", TestContext.Current.CancellationToken);
        var only = Assert.Single(stored!);
        Assert.Equal(("solved", await reference.TextContentAsync()), (only.GetProperty("status").GetString(), only.GetProperty("reference").GetString()));
        var view = await seed.Api.GetFromJsonAsync<JsonElement>($"/api/cases/{only.GetProperty("id").GetGuid()}", TestContext.Current.CancellationToken);
        Assert.Equal(["received", "note", "solve"], view.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("kind").GetString()));
        Assert.Single(view.GetProperty("messages").EnumerateArray());
    }

    [Fact]
    public async Task Cases_SupervisorFindsTheCaseInTheList_OpensItAndAddsANote()
    {
        await using var browser = await Chromium.LaunchAsync();
        await using var server = await LiveServer.StartAsync();
        var seed = await DeskSeed.AdministratorAsync(server);
        await seed.ClientQueueAndAgentAsync("acme", "billing", "ann");
        await MailArrivesAsync(server, seed.Api);
        await server.UserAsync("sue@centre.example", [Switchboard.Persistence.Security.Roles.Supervisor]);
        var page = await browser.NewPageAsync(server.Address);
        await LiveServer.SignInAsync(page, "sue@centre.example", "/cases");
        await Assertions.Expect(page.Locator("h1[data-live=true]")).ToHaveCountAsync(1);

        var list = page.Locator("table.cases-list");
        await Assertions.Expect(list.Locator("tbody tr")).ToHaveCountAsync(1);
        await Assertions.Expect(list).ToContainTextAsync("Charged twice");
        await page.GetByLabel("Status").SelectOptionAsync("solved");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByText("No cases match.")).ToBeVisibleAsync();
        await page.GetByLabel("Status").SelectOptionAsync("open");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show", Exact = true }).ClickAsync();
        await list.Locator("button.case-open").ClickAsync();
        var opened = page.Locator("section.case-opened");
        await Assertions.Expect(opened.GetByText("My October invoice was taken twice.")).ToBeVisibleAsync();
        await opened.GetByLabel("Internal note").FillAsync("Escalated to billing.");
        await opened.GetByRole(AriaRole.Button, new() { Name = "Add note" }).ClickAsync();
        await Assertions.Expect(opened.Locator(".desk-case-notes")).ToContainTextAsync("sue@centre.example: Escalated to billing.");
        await Chromium.AssertAccessibleAsync(page);
        await Chromium.ScreenshotAsync(page, "cases");

        var only = Assert.Single((await seed.Api.GetFromJsonAsync<JsonElement[]>("/api/cases", TestContext.Current.CancellationToken))!);
        var view = await seed.Api.GetFromJsonAsync<JsonElement>($"/api/cases/{only.GetProperty("id").GetGuid()}", TestContext.Current.CancellationToken);
        Assert.Equal(["received", "note"], view.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("kind").GetString()));
    }

    [Fact]
    public async Task Cases_AnAgentWaitsOnAThirdParty_ThenRecordsItsAnswer()
    {
        await using var browser = await Chromium.LaunchAsync();
        await using var server = await LiveServer.StartAsync();
        var seed = await DeskSeed.AdministratorAsync(server);
        await seed.ClientQueueAndAgentAsync("acme", "billing", "ann");
        await MailArrivesAsync(server, seed.Api);
        // Answered already (the reply path needs a mail server; the log step is the same): no response is owed.
        await using (var db = await server.Services.GetRequiredService<IDbContextFactory<SwitchboardDb>>().CreateDbContextAsync(TestContext.Current.CancellationToken))
        {
            var row = await db.Cases.SingleAsync(TestContext.Current.CancellationToken);
            var (replied, refused) = await CaseLog.TakeAsync(db, row, CaseLog.AgentReplied, row.Created, "ann", new CaseDetail { Agent = "ann" }, TestContext.Current.CancellationToken);
            Assert.True(replied is not null, refused);
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        await server.UserAsync("sue@centre.example", [Switchboard.Persistence.Security.Roles.Supervisor]);
        var page = await browser.NewPageAsync(server.Address);
        await LiveServer.SignInAsync(page, "sue@centre.example", "/cases");
        await Assertions.Expect(page.Locator("h1[data-live=true]")).ToHaveCountAsync(1);
        await page.Locator("table.cases-list button.case-open").ClickAsync();
        var opened = page.Locator("section.case-opened");
        await opened.GetByLabel("Waiting on (third party)").FillAsync("the bank");
        await opened.GetByLabel("What they were asked").FillAsync("Whether the refund left on 2 November.");
        await opened.GetByRole(AriaRole.Button, new() { Name = "Wait on the third party" }).ClickAsync();
        await Assertions.Expect(opened.Locator(".case-status")).ToHaveTextAsync("waiting on a third party");
        await Assertions.Expect(opened.Locator(".case-waiting")).ToContainTextAsync("the bank");
        await Chromium.AssertAccessibleAsync(page);
        await opened.GetByRole(AriaRole.Button, new() { Name = "The third party answered" }).ClickAsync();
        await Assertions.Expect(opened.Locator(".case-status")).ToHaveTextAsync("open");

        var only = Assert.Single((await seed.Api.GetFromJsonAsync<JsonElement[]>("/api/cases", TestContext.Current.CancellationToken))!);
        var view = await seed.Api.GetFromJsonAsync<JsonElement>($"/api/cases/{only.GetProperty("id").GetGuid()}", TestContext.Current.CancellationToken);
        Assert.Equal(["received", "agent-replied", "wait-third-party", "third-party-answered"], view.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("kind").GetString()));
    }
}
