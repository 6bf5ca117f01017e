using Microsoft.Playwright;
using Switchboard.Persistence.Security;

namespace Switchboard.Browser.Tests;

/// <summary>The ISO 18295 evidence screen in a real browser: an auditor picks a period and reads each area's figures and gaps.</summary>
public class EvidenceTests
{
    [Fact]
    public async Task Evidence_AnAuditor_ReadsTheAreasForToday()
    {
        await using var browser = await Chromium.LaunchAsync();
        await using var server = await LiveServer.StartAsync();
        using var seed = await ApiSeed.AdministratorAsync(server);
        await seed.ClientAsync("acme");
        await seed.QueueAsync("acme-billing", "acme", "Acme billing");
        // One abandon of two offered (short abandons count by default): 50% misses an agreed 40%.
        await seed.ContractAsync("acme", "Etc/UTC", ("abandonment-rate", 0.4, "2020-01-01"));
        await seed.AbandonAsync(await seed.ContactAsync("acme-billing"));
        await seed.ContactAsync("acme-billing");
        await server.UserAsync("auditor@centre.example", [Roles.Auditor]);
        var page = await browser.NewPageAsync(server.Address);
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        await LiveServer.SignInAsync(page, "auditor@centre.example", "/evidence");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "ISO 18295 evidence", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Show the evidence" })).ToBeEnabledAsync();
        await page.GetByLabel("Client").SelectOptionAsync("acme");
        await page.GetByLabel("First day").FillAsync(today);
        await page.GetByLabel("Last day (included)").FillAsync(today);
        await page.GetByRole(AriaRole.Button, new() { Name = "Show the evidence" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Operations: performance and reliability", Level = 2 })).ToBeVisibleAsync();
        var information = page.Locator("section", new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = "Information to customers" }) });
        await Assertions.Expect(information.GetByRole(AriaRole.Row, new() { Name = "Contacts queued 2" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Row, new() { Name = "ACME: contracted targets met over the period" })).ToContainTextAsync("0 of 1");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Open as a printable page" })).ToHaveAttributeAsync("href", new Regex("client=acme&format=html$"));
        await Chromium.AssertAccessibleAsync(page);
        await Chromium.ScreenshotAsync(page, "evidence");
    }
}
