using System.Net;
using System.Text.Json;
using Microsoft.Playwright;

namespace Switchboard.Browser.Tests;

/// <summary>The customer's own complaint check (issue 7, section 2): reference and e-mail address, no account.</summary>
public class ComplaintStatusTests
{
    [Fact]
    public async Task CustomerChecksTheirComplaint_WithTheReferenceAndTheirAddress()
    {
        await using var browser = await Chromium.LaunchAsync();
        await using var server = await LiveServer.StartAsync();
        using var seed = await ApiSeed.AdministratorAsync(server);
        await seed.ClientAsync("acme");
        var cancel = TestContext.Current.CancellationToken;
        var registered = await seed.Api.PostAsJsonAsync("/api/complaints", new
        {
            client = "acme", category = "clientProductOrService", severity = "medium", summary = "Charged twice.", remedySought = "A refund.",
            customerName = "Ann Example", customerEmail = "ann@example.org",
        }, cancel);
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        var reference = (await registered.Content.ReadFromJsonAsync<JsonElement>(cancel)).GetProperty("reference").GetString()!;
        var page = await browser.NewPageAsync(server.Address);

        await page.GotoAsync("/complaint-status");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Check your complaint" })).ToBeVisibleAsync();
        await Chromium.AssertAccessibleAsync(page);
        await page.GetByLabel("Reference").FillAsync(reference);
        await page.GetByLabel("E-mail address").FillAsync("bob@example.org");
        await page.GetByRole(AriaRole.Button, new() { Name = "Check" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("We found no complaint with that reference and e-mail address.");

        await page.GetByLabel("Reference").FillAsync(reference.ToLowerInvariant());
        await page.GetByLabel("E-mail address").FillAsync("Ann@Example.org");
        await page.GetByRole(AriaRole.Button, new() { Name = "Check" }).ClickAsync();

        await Assertions.Expect(page.GetByText("We have received your complaint.")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText(reference, new() { Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("Our final response is due by")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("Charged twice.")).ToHaveCountAsync(0);
        await Chromium.AssertAccessibleAsync(page);
        await Chromium.ScreenshotAsync(page, "complaint-status");
    }
}
