using System.Net;
using System.Text.Json;
using Microsoft.Playwright;
using Switchboard.Persistence.Security;

namespace Switchboard.Browser.Tests;

/// <summary>The complaint screens (issue 7, section 2): registered from the agent desk, handled by the complaints team on
/// <c>/complaints</c>, and seen by a client viewer only for its own client.</summary>
public class ComplaintScreensTests
{
    private static async Task<string> RegisterAsync(HttpClient api, string client, string summary)
    {
        var response = await api.PostAsJsonAsync("/api/complaints", new
        {
            client, category = "clientProductOrService", severity = "high", summary, remedySought = "A refund.", customerEmail = "ann@example.org",
        });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reference").GetString()!;
    }

    // Chooses a step the complaint's state offers, fills its fields, takes it, and waits for the status it leads to.
    private static async Task StepAsync(IPage page, string type, string button, string status, Func<Task>? fill = null)
    {
        await page.GetByLabel("Step").SelectOptionAsync(type);
        if (fill is not null)
        {
            await fill();
        }

        await page.GetByRole(AriaRole.Button, new() { Name = button }).ClickAsync();
        await Assertions.Expect(page.Locator(".complaint-status-now")).ToHaveTextAsync(status);
    }

    [Fact]
    public async Task Desk_AgentRegistersAComplaintFromTheContactInHand_AndReadsTheReferenceOut()
    {
        await using var browser = await Chromium.LaunchAsync();
        await using var server = await LiveServer.StartAsync();
        var page = await browser.NewPageAsync(server.Address);
        var seed = await DeskSeed.AgentAtDeskAsync(server, page, "acme", "billing", "ann");
        await Assertions.Expect(page.Locator(".desk[data-live=true]")).ToHaveCountAsync(1);
        await page.GetByRole(AriaRole.Button, new() { Name = "Available", Exact = true }).ClickAsync();
        var contact = await seed.ContactAsync("billing", "chat", vulnerable: true);
        await page.Locator("section.desk-offer").GetByRole(AriaRole.Button, new() { Name = "Accept" }).ClickAsync();
        var panel = page.Locator("section.desk-contact");
        await Assertions.Expect(panel.GetByText("Customer of acme, priority 0")).ToBeVisibleAsync();

        await panel.Locator("summary", new() { HasText = "Register complaint" }).ClickAsync();
        await Assertions.Expect(panel.GetByLabel("Vulnerable customer")).ToBeCheckedAsync();
        await panel.GetByRole(AriaRole.Button, new() { Name = "Register complaint" }).ClickAsync();
        await Assertions.Expect(panel.Locator(".desk-complaint .field-error").First).ToBeVisibleAsync();
        Assert.Empty((await seed.Api.GetFromJsonAsync<JsonElement[]>("/api/complaints", TestContext.Current.CancellationToken))!);
        await panel.GetByLabel("The centre's conduct").CheckAsync();
        await panel.GetByLabel("What happened (required)").FillAsync("The agent hung up on me twice.");
        await panel.GetByLabel("Remedy sought", new() { Exact = false }).FillAsync("An apology.");
        await panel.GetByLabel("Customer's e-mail address", new() { Exact = false }).FillAsync("ann@example.org");
        await Chromium.AssertAccessibleAsync(page);
        await panel.GetByRole(AriaRole.Button, new() { Name = "Register complaint" }).ClickAsync();

        var reference = panel.Locator(".complaint-reference");
        await Assertions.Expect(reference).ToHaveTextAsync(new Regex("^CMP-000001-[A-Z2-9]$"));
        await Chromium.ScreenshotAsync(page, "desk-complaint");
        await panel.GetByRole(AriaRole.Button, new() { Name = "End contact" }).ClickAsync();
        await Assertions.Expect(panel.GetByLabel("Yes")).ToBeCheckedAsync();
        var stored = await seed.Api.GetFromJsonAsync<JsonElement>($"/api/complaints/{await reference.TextContentAsync()}", TestContext.Current.CancellationToken);
        Assert.Equal(("acme", "centreConduct", true, "ann@example.org"), (stored.GetProperty("client").GetString(), stored.GetProperty("category").GetString(),
            stored.GetProperty("vulnerableCustomer").GetBoolean(), stored.GetProperty("customerEmail").GetString()));
        Assert.Equal([contact], stored.GetProperty("linkedContacts").EnumerateArray().Select(c => c.GetGuid()));
    }

    [Fact]
    public async Task Complaints_SupervisorTakesAComplaintToClosure_AndTheListAndTrendShowIt()
    {
        await using var browser = await Chromium.LaunchAsync();
        await using var server = await LiveServer.StartAsync();
        using var seed = await ApiSeed.AdministratorAsync(server);
        await seed.ClientAsync("acme");
        var reference = await RegisterAsync(seed.Api, "acme", "Charged twice for October.");
        await server.UserAsync("sue@centre.example", [Roles.Supervisor]);
        var page = await browser.NewPageAsync(server.Address);
        await LiveServer.SignInAsync(page, "sue@centre.example", "/complaints");
        await Assertions.Expect(page.Locator("h1[data-live=true]")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("table.complaints-list")).ToContainTextAsync(reference);
        await Chromium.AssertAccessibleAsync(page);

        await page.GetByRole(AriaRole.Link, new() { Name = reference }).ClickAsync();
        await Assertions.Expect(page.Locator("h1[data-live=true]")).ToHaveTextAsync("Complaint " + reference);
        await Assertions.Expect(page.Locator(".complaint-status-now")).ToHaveTextAsync("Received");
        await Assertions.Expect(page.Locator("table.complaint-clocks")).ToContainTextAsync("acknowledgement");
        // Only what the state allows is offered: nothing of a later step.
        Assert.DoesNotContain("send-response", await page.GetByLabel("Step").Locator("option").EvaluateAllAsync<string[]>("o => o.map(x => x.value)"));
        await Chromium.AssertAccessibleAsync(page);
        await page.GetByLabel("Step").SelectOptionAsync("acknowledge");
        await page.GetByRole(AriaRole.Button, new() { Name = "Acknowledge" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Required for this step.");
        await page.GetByLabel("Proof of sending (message id or letter reference)").FillAsync("<ack-1@centre.example>");
        await page.GetByRole(AriaRole.Button, new() { Name = "Acknowledge" }).ClickAsync();
        await Assertions.Expect(page.Locator(".complaint-status-now")).ToHaveTextAsync("Acknowledged");

        await StepAsync(page, "start-investigation", "Start investigation", "Under investigation");
        await StepAsync(page, "propose-response", "Propose response", "Response proposed", async () =>
        {
            await page.GetByLabel("Outcome").FillAsync("Upheld: charged twice in error.");
            await page.GetByLabel("Reasons").FillAsync("A duplicate payment run.");
            await page.GetByLabel("Remedy", new() { Exact = true }).FillAsync("The second charge is refunded.");
            await page.GetByLabel("How to escalate").FillAsync("Write to us within eight weeks, then to the ombudsman.");
            await page.GetByLabel("Ombudsman or dispute-resolution body").FillAsync("The Energy Ombudsman");
        });
        // The response drafted stays on the form for sending.
        await StepAsync(page, "send-response", "Send response", "Response sent");
        await StepAsync(page, "close-accepted", "Close, accepted", "Closed, accepted", () => page.GetByLabel("Root cause").SelectOptionAsync("billing-error"));
        await Assertions.Expect(page.Locator("table.complaint-log")).ToContainTextAsync("close-accepted");
        await Chromium.AssertAccessibleAsync(page);
        await Chromium.ScreenshotAsync(page, "complaint-closed");

        await page.GetByRole(AriaRole.Link, new() { Name = "All complaints" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1[data-live=true]")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("table.complaints-list")).Not.ToContainTextAsync(reference);
        await page.GetByLabel("Open only").UncheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Show", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("table.complaints-list")).ToContainTextAsync("Closed, accepted");
        var trend = page.Locator("table.root-cause-trend");
        await Assertions.Expect(trend.Locator("thead")).ToContainTextAsync("billing-error");
        await Assertions.Expect(trend.Locator("tfoot td").First).ToHaveTextAsync("1");
        await Chromium.AssertAccessibleAsync(page);
        await Chromium.ScreenshotAsync(page, "complaints-list");
        var stored = await seed.Api.GetFromJsonAsync<JsonElement>($"/api/complaints/{reference}", TestContext.Current.CancellationToken);
        Assert.Equal(("closedAccepted", "billing-error", "sue@centre.example"),
            (stored.GetProperty("status").GetString(), stored.GetProperty("rootCause").GetString(), stored.GetProperty("owner").GetString()));
    }

    [Fact]
    public async Task Complaints_ClientViewer_SeesItsOwnClientsComplaints_AndNotAnotherClients()
    {
        await using var browser = await Chromium.LaunchAsync();
        await using var server = await LiveServer.StartAsync();
        using var seed = await ApiSeed.AdministratorAsync(server);
        await seed.ClientAsync("acme");
        await seed.ClientAsync("globex");
        var own = await RegisterAsync(seed.Api, "acme", "Charged twice.");
        var other = await RegisterAsync(seed.Api, "globex", "Meter misread.");
        await server.UserAsync("viewer@acme.example", [Roles.ClientViewer], client: "acme");
        var page = await browser.NewPageAsync(server.Address);

        await LiveServer.SignInAsync(page, "viewer@acme.example", "/complaints");
        await Assertions.Expect(page.Locator("h1[data-live=true]")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("table.complaints-list")).ToContainTextAsync(own);
        await Assertions.Expect(page.Locator("table.complaints-list")).Not.ToContainTextAsync(other);
        await Assertions.Expect(page.GetByLabel("Client", new() { Exact = true })).ToHaveCountAsync(0);
        await page.GotoAsync($"/complaints/{other}");

        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync($"No complaint '{other}'.");
        await Assertions.Expect(page.GetByText("Meter misread.")).ToHaveCountAsync(0);
        await page.GotoAsync($"/complaints/{own}");
        await Assertions.Expect(page.GetByText("Charged twice.")).ToBeVisibleAsync();
        // A client viewer reads; it is offered no step.
        await Assertions.Expect(page.GetByLabel("Step")).ToHaveCountAsync(0);
    }
}
