using Microsoft.Playwright;
using Switchboard.Persistence.Security;

namespace Switchboard.Browser.Tests;

/// <summary>Signing in through the real pages (issue 5, section 1): the form, a refusal, the role-aware start page.</summary>
public class SignInTests
{
    [Fact]
    public async Task SignIn_WithPassword_OpensTheStartPageForTheRole()
    {
        await using var browser = await Chromium.LaunchAsync();
        await using var server = await LiveServer.StartAsync();
        await server.UserAsync("supervisor@centre.example", [Roles.Supervisor]);
        var page = await browser.NewPageAsync(server.Address);

        await page.GotoAsync("/");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/sign-in\\?returnUrl=%2F$"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in to Switchboard" })).ToBeVisibleAsync();
        await Chromium.AssertAccessibleAsync(page);
        await Chromium.ScreenshotAsync(page, "sign-in");

        await page.GetByLabel("E-mail address").FillAsync("supervisor@centre.example");
        await page.GetByLabel("Password").FillAsync("not the password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("Wrong e-mail address or password.");

        await page.GetByLabel("E-mail address").FillAsync("supervisor@centre.example");
        await page.GetByLabel("Password").FillAsync(LiveServer.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Welcome" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("supervisor@centre.example (supervisor)")).ToBeVisibleAsync();
        await Chromium.AssertAccessibleAsync(page);
        await Chromium.ScreenshotAsync(page, "start-page");

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/sign-in$"));
    }
}
