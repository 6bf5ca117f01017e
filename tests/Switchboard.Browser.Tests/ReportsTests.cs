using System.Text.Json;
using Microsoft.Playwright;
using Switchboard.Persistence.Security;

namespace Switchboard.Browser.Tests;

/// <summary>
/// The KPI reports screen and the contract screen (issue 6, section 4) in a real browser: a client viewer sees its own
/// client's summary against the contract's target, in words; an administrator saves a contract, and a refused value
/// shows the API's message beside its field.
/// </summary>
public class ReportsTests
{
    [Fact]
    public async Task Reports_AClientViewer_SeesTheSummaryAgainstTheContractsTarget()
    {
        await using var browser = await Chromium.LaunchAsync();
        await using var server = await LiveServer.StartAsync();
        using var seed = await ApiSeed.AdministratorAsync(server);
        await seed.ClientAsync("acme");
        await seed.QueueAsync("acme-billing", "acme", "Acme billing");
        await seed.ContractAsync("acme", "Europe/Paris", ("abandonment-rate", 0.5, "2020-01-01"));
        for (var n = 0; n < 3; n++)
        {
            await seed.ContactAsync("acme-billing");
        }

        await seed.AbandonAsync(await seed.ContactAsync("acme-billing"));
        await server.UserAsync("viewer@acme.example", [Roles.ClientViewer], client: "acme");
        var page = await browser.NewPageAsync(server.Address);

        await LiveServer.SignInAsync(page, "viewer@acme.example", "/reports");

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "KPI reports", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("Client: acme")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("(Europe/Paris time)")).ToBeVisibleAsync();
        var summary = page.Locator("table.report-table").First;
        await Assertions.Expect(summary.GetByRole(AriaRole.Columnheader, new() { Name = "Abandonment rate" })).ToBeVisibleAsync();
        await Assertions.Expect(summary.GetByText("Target at most 50.0%")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#report-by option[value=agent]")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Download the report as CSV" })).ToHaveAttributeAsync("href", new Regex("format=csv$"));
        await Chromium.AssertAccessibleAsync(page);
        await Chromium.ScreenshotAsync(page, "reports");
    }

    [Fact]
    public Task Contract_AnAdministrator_SavesItThenSeesARefusedTargetBesideItsField() => OnTheContractPageAsync(async (page, _) =>
    {
        await page.GetByLabel("Time zone (IANA, e.g. Europe/Paris): reports' days and opening hours follow it").FillAsync("Europe/Paris");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add a target" }).ClickAsync();
        await page.GetByLabel("Target 1: effective from").FillAsync("2026-11-01");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Contract saved (version 1).")).ToBeVisibleAsync();

        await page.GetByLabel("Target 1: value (%)").FillAsync("150");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();

        await Assertions.Expect(page.GetByText("A share between 0 and 1.")).ToBeVisibleAsync();
        await Chromium.ScreenshotAsync(page, "contract");
        await Chromium.AssertAccessibleAsync(page);
    });

    [Fact]
    public Task Contract_AnAdministrator_SetsCaseTargetsAndAnEscalationLadder() => OnTheContractPageAsync(async (page, seed) =>
    {
        await page.GetByLabel("Next response in a case (open hours)").FillAsync("4");
        await page.GetByLabel("Case resolution (open hours)").FillAsync("40");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add a rung" }).ClickAsync();
        await page.GetByLabel("Rung 1: handled by").SelectOptionAsync("TeamLeader");
        await page.GetByLabel("Rung 1: time allowed (hours)").FillAsync("0");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Longer than zero and at most a year.")).ToBeVisibleAsync();
        await page.GetByLabel("Rung 1: time allowed (hours)").FillAsync("8");
        await page.GetByLabel("Rung 1: counted in").SelectOptionAsync("BusinessTime");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Contract saved (version 1).")).ToBeVisibleAsync();
        await Chromium.AssertAccessibleAsync(page);

        var stored = (await seed.Api.GetFromJsonAsync<JsonElement>("/api/clients/acme/contract", TestContext.Current.CancellationToken)).GetProperty("contract");
        Assert.Equal(("04:00:00", "1.16:00:00"), (stored.GetProperty("caseNextResponse").GetString(), stored.GetProperty("caseResolution").GetString()));
        var rung = Assert.Single(stored.GetProperty("complaints").GetProperty("ladder").EnumerateArray());
        Assert.Equal(("teamLeader", "08:00:00", "businessTime"), (rung.GetProperty("level").GetString(), rung.GetProperty("limit").GetString(), rung.GetProperty("timekeeping").GetString()));
    });

    /// <summary>An administrator on client acme's contract page (no contract yet), once its form works.</summary>
    private static async Task OnTheContractPageAsync(Func<IPage, ApiSeed, Task> act)
    {
        await using var browser = await Chromium.LaunchAsync();
        await using var server = await LiveServer.StartAsync();
        using var seed = await ApiSeed.AdministratorAsync(server);
        await seed.ClientAsync("acme");
        await server.UserAsync("admin@centre.example", [Roles.Administrator]);
        var page = await browser.NewPageAsync(server.Address);
        await LiveServer.SignInAsync(page, "admin@centre.example", "/clients/acme/contract");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Contract of client acme", Level = 1 })).ToBeVisibleAsync();
        // The form works once the circuit is up: the Record button is enabled only then.
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Record" })).ToBeEnabledAsync();

        await act(page, seed);
    }
}
