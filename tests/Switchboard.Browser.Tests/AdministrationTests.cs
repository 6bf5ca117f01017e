using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.Playwright;
using Switchboard.Persistence.Security;
using Switchboard.Server.Security;

namespace Switchboard.Browser.Tests;

/// <summary>
/// An administrator sets a centre up through the screens (issue 5, section 1 "Administration"): a client, a queue with
/// opening hours and a holiday, an agent with a skill, a user; every change is in the audit trail, every screen passes axe.
/// </summary>
public class AdministrationTests
{
    private const string Administrator = "admin@centre.example";

    [Fact]
    public async Task Administrator_SetsUpAClientQueueAgentAndUser_EachChangeAudited()
    {
        await using var browser = await Chromium.LaunchAsync();
        await using var server = await LiveServer.StartAsync();
        await server.UserAsync(Administrator, [Roles.Administrator]);
        var page = await browser.NewPageAsync(server.Address);
        await SignInAsync(page, "/admin/clients");

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Clients", Level = 1 }));
        await page.GetByRole(AriaRole.Button, new() { Name = "New client" }).ClickAsync();
        await Field(page, "Client id").FillAsync("acme");
        await Field(page, "Name").FillAsync("Acme");
        await Chromium.AssertAccessibleAsync(page);
        await Chromium.ScreenshotAsync(page, "admin-client-form");
        await SaveAsync(page);
        await Expect(page.GetByRole(AriaRole.Cell, new() { Name = "Acme", Exact = true }));
        await Chromium.AssertAccessibleAsync(page);
        await Chromium.ScreenshotAsync(page, "admin-clients");

        await page.GetByRole(AriaRole.Link, new() { Name = "Queues" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Queues", Level = 1 }));
        await page.GetByRole(AriaRole.Button, new() { Name = "New queue" }).ClickAsync();
        await Field(page, "Queue id").FillAsync("billing");
        await Field(page, "Client id").FillAsync("acme");
        await Field(page, "Name").FillAsync("Billing");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add a skill to stage 1" }).ClickAsync();
        await Field(page, "Stage 1: skill").FillAsync("billing");
        await Field(page, "Time zone (IANA, e.g. Europe/Paris; blank: always open)").FillAsync("Europe/Paris");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add a weekly period" }).ClickAsync();
        await Field(page, "Weekly period 1: opens").FillAsync("08:00");
        await Field(page, "Weekly period 1: closes").FillAsync("18:00");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add a holiday" }).ClickAsync();
        await Field(page, "Holiday 1: date").FillAsync("2026-12-25");
        await Field(page, "Service-level threshold (hh:mm:ss)").FillAsync("00:00:20");
        await Chromium.AssertAccessibleAsync(page);
        await Chromium.ScreenshotAsync(page, "admin-queue-form");
        await SaveAsync(page);
        await Expect(page.GetByRole(AriaRole.Cell, new() { Name = "Billing", Exact = true }));
        await Chromium.AssertAccessibleAsync(page);
        await Chromium.ScreenshotAsync(page, "admin-queues");

        await page.GetByRole(AriaRole.Link, new() { Name = "Agents" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Agents", Level = 1 }));
        await page.GetByRole(AriaRole.Button, new() { Name = "New agent" }).ClickAsync();
        await Field(page, "Agent id").FillAsync("ada");
        await Field(page, "Routing domain").FillAsync("acme");
        await Field(page, "Name").FillAsync("Ada");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add a skill" }).ClickAsync();
        await Field(page, "Skill 1").FillAsync("billing");
        await Field(page, "Skill 1: proficiency (1-5)").FillAsync("4");
        await Field(page, "Skill 1: certified until (blank: no expiry)").FillAsync("2027-06-30");
        await Chromium.AssertAccessibleAsync(page);
        await Chromium.ScreenshotAsync(page, "admin-agent-form");
        await SaveAsync(page);
        await Expect(page.GetByRole(AriaRole.Cell, new() { Name = "Ada", Exact = true }));
        await Chromium.AssertAccessibleAsync(page);
        await Chromium.ScreenshotAsync(page, "admin-agents");

        await page.GetByRole(AriaRole.Link, new() { Name = "Skills and languages" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Skills and languages", Level = 1 }));
        await Expect(page.GetByRole(AriaRole.Cell, new() { Name = "billing (stage 1, at least 1)" }));
        await Chromium.AssertAccessibleAsync(page);
        await Chromium.ScreenshotAsync(page, "admin-skills");

        await page.GetByRole(AriaRole.Link, new() { Name = "Users and roles" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Users and roles", Level = 1 }));
        await page.GetByRole(AriaRole.Button, new() { Name = "New user" }).ClickAsync();
        await Field(page, "E-mail address").FillAsync("lead@centre.example");
        await Field(page, "First password").FillAsync(LiveServer.Password);
        await page.GetByLabel(Roles.Supervisor, new() { Exact = true }).CheckAsync();
        await Chromium.AssertAccessibleAsync(page);
        await Chromium.ScreenshotAsync(page, "admin-user-form");
        await SaveAsync(page);
        await Expect(page.GetByRole(AriaRole.Cell, new() { Name = "lead@centre.example", Exact = true }));
        await Chromium.AssertAccessibleAsync(page);
        await Chromium.ScreenshotAsync(page, "admin-users");

        var trail = await AuditAsync(server);
        Assert.Contains(trail, e => e.Action == "client.created" && e.Resource == "client/acme" && e.Actor == Administrator);
        Assert.Contains(trail, e => e.Action == "queue.created" && e.Resource == "queue/billing" && e.Actor == Administrator);
        Assert.Contains(trail, e => e.Action == "agent.created" && e.Resource == "agent/ada" && e.Actor == Administrator);
        Assert.Contains(trail, e => e.Action == "user.created" && e.Actor == Administrator && e.Detail == "roles supervisor");
    }

    private static async Task SignInAsync(IPage page, string path)
    {
        await page.GotoAsync(path);
        await page.GetByLabel("E-mail address").FillAsync(Administrator);
        await page.GetByLabel("Password").FillAsync(LiveServer.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }

    private static ILocator Field(IPage page, string label) => page.GetByRole(AriaRole.Dialog).GetByLabel(label, new() { Exact = true });

    // Saving closes the dialog once the handler has stored (and audited) the change.
    private static async Task SaveAsync(IPage page)
    {
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Dialog)).ToHaveCountAsync(0);
    }

    private static Task Expect(ILocator locator) => Assertions.Expect(locator).ToBeVisibleAsync();

    private sealed record AuditView(long Id, DateTimeOffset At, string Actor, string Action, string Resource, string? Client, string? Detail, string Hash);

    /// <summary>The audit trail as an integration reads it: GET /api/audit with an administrator's API token.</summary>
    private static async Task<AuditView[]> AuditAsync(LiveServer server)
    {
        string secret;
        await using (var scope = server.Services.CreateAsyncScope())
        {
            var admin = await scope.ServiceProvider.GetRequiredService<UserManager<SwitchboardUser>>().FindByEmailAsync(Administrator);
            (_, secret) = await scope.ServiceProvider.GetRequiredService<ApiTokens>().CreateAsync(admin!.Id, "audit", [Policies.AuditRead], null, CancellationToken.None);
        }

        using var client = new HttpClient { BaseAddress = server.Address };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return await client.GetFromJsonAsync<AuditView[]>("api/audit?limit=1000", new JsonSerializerOptions(JsonSerializerDefaults.Web)) ?? [];
    }
}
