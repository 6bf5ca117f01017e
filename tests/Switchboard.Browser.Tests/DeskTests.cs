using System.Text.Json;
using Microsoft.Playwright;

namespace Switchboard.Browser.Tests;

/// <summary>The agent desk (issue 5, section 1) in a real browser, on the real server, with the real routing engine.</summary>
public class DeskTests
{
    [Fact]
    public async Task Desk_AgentTakesAChatFromOfferToWrapUp_EachStepShownLive()
    {
        await using var browser = await Chromium.LaunchAsync();
        await using var server = await LiveServer.StartAsync();
        var page = await browser.NewPageAsync(server.Address);
        var seed = await DeskSeed.AgentAtDeskAsync(server, page, "acme", "billing", "ann");

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Agent desk: ann" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("No contact in hand.")).ToBeVisibleAsync();
        // Buttons answer once the circuit is up (the page is prerendered first).
        await Assertions.Expect(page.Locator(".desk[data-live=true]")).ToHaveCountAsync(1);
        await page.GetByRole(AriaRole.Button, new() { Name = "Available", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator(".presence-now [role=status]")).ToHaveTextAsync("Available");
        await Chromium.AssertAccessibleAsync(page);
        await Chromium.ScreenshotAsync(page, "desk-idle");

        var contact = await seed.ContactAsync("billing", "chat", vulnerable: true);
        var offer = page.Locator("section.desk-offer");
        await Assertions.Expect(offer.GetByRole(AriaRole.Heading, new() { Name = "Incoming chat offer" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".desk-announcement")).ToHaveTextAsync("New chat offer from queue billing, vulnerable customer.");
        await Assertions.Expect(offer).ToBeFocusedAsync();
        await Assertions.Expect(offer.GetByText("Vulnerable customer")).ToBeVisibleAsync();
        await Assertions.Expect(offer.Locator(".offer-remaining")).ToHaveTextAsync(new Regex(@"^\d+ s$"));
        await Chromium.AssertAccessibleAsync(page);
        await Chromium.ScreenshotAsync(page, "desk-offer");

        await page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(offer.GetByRole(AriaRole.Button, new() { Name = "Accept" })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        var panel = page.Locator("section.desk-contact");
        await Assertions.Expect(panel.GetByRole(AriaRole.Heading, new() { Name = "Chat · billing" })).ToBeVisibleAsync();
        await Assertions.Expect(panel.GetByText("Customer of acme, priority 0")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("section.desk-offer")).ToHaveCountAsync(0);
        await Chromium.AssertAccessibleAsync(page);
        await Chromium.ScreenshotAsync(page, "desk-contact");

        await panel.GetByRole(AriaRole.Button, new() { Name = "End contact" }).ClickAsync();
        await Assertions.Expect(panel.GetByRole(AriaRole.Heading, new() { Name = "Wrap-up" })).ToBeVisibleAsync();
        await panel.GetByRole(AriaRole.Button, new() { Name = "Finish wrap-up" }).ClickAsync();
        await Assertions.Expect(panel.GetByText("Choose a disposition.")).ToBeVisibleAsync();
        await panel.GetByLabel("Disposition (required)").SelectOptionAsync("resolved");
        await panel.GetByLabel("Contact reason (choose or type, up to 200 characters)").FillAsync("billing-question");
        await panel.GetByLabel("Yes").CheckAsync();
        await Chromium.AssertAccessibleAsync(page);
        await Chromium.ScreenshotAsync(page, "desk-wrap-up");

        await panel.GetByRole(AriaRole.Button, new() { Name = "Finish wrap-up" }).ClickAsync();
        await Assertions.Expect(page.Locator("section.desk-contact")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByText("No contact in hand.")).ToBeVisibleAsync();
        var stored = await seed.Api.GetFromJsonAsync<JsonElement>($"/api/contacts/{contact}", TestContext.Current.CancellationToken);
        Assert.Equal(("completed", "resolved", "billing-question"),
            (stored.GetProperty("state").GetString(), stored.GetProperty("disposition").GetString(), stored.GetProperty("contactReason").GetString()));
        // The desk read the contact as the API does, and it is audited so: once for the time in hand (however many
        // changes it saw), besides the test's own read just now.
        var audit = await seed.Api.GetFromJsonAsync<JsonElement[]>("/api/audit?limit=1000", TestContext.Current.CancellationToken);
        var reads = audit!.Where(e => e.GetProperty("action").GetString() == "contact.read" && e.GetProperty("resource").GetString() == $"/api/contacts/{contact}")
            .Select(e => e.GetProperty("actor").GetString()).ToArray();
        Assert.Equal(2, reads.Length);
        Assert.NotEqual(reads[0], reads[1]);
    }
}
