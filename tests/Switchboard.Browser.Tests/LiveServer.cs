using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.Playwright;
using Switchboard.Persistence.Security;
using Switchboard.Server.Hosting;
using Switchboard.Server.Security;

namespace Switchboard.Browser.Tests;

/// <summary>
/// The real server on a free loopback port (Kestrel, not an in-memory test server: a browser needs a socket), on a fresh
/// SQLite data folder and the system clock, as a centre would run it. Each test starts its own.
/// </summary>
public sealed class LiveServer : IAsyncDisposable
{
    public const string Password = "Browser-Test-Password-1";

    private readonly string folder;

    private LiveServer(WebApplication app, string folder, Uri address)
    {
        App = app;
        this.folder = folder;
        Address = address;
    }

    public WebApplication App { get; }

    /// <summary>Where the server listens, e.g. <c>http://127.0.0.1:40123/</c>.</summary>
    public Uri Address { get; }

    public IServiceProvider Services => App.Services;

    public static async Task<LiveServer> StartAsync()
    {
        var folder = Path.Combine(Path.GetTempPath(), "switchboard-browser-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var app = ServerHost.Create(["--Switchboard:DataFolder=" + folder, "--urls=http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning"]);
        await Storage.MigrateAsync(app.Services, CancellationToken.None);
        await app.StartAsync();
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new LiveServer(app, folder, new Uri(bound.EndsWith('/') ? bound : bound + "/"));
    }

    /// <summary>Creates a person who signs in with <see cref="Password"/>.</summary>
    public async Task UserAsync(string email, string[] roles, string? client = null, string? agent = null)
    {
        await using var scope = Services.CreateAsyncScope();
        var created = await Accounts.CreateUserAsync(scope.ServiceProvider, email, Password, roles, client, agent);
        Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Description)));
    }

    /// <summary>A new administrator's HTTP client with an API token (bearer), to set data up through the real API.</summary>
    public async Task<HttpClient> AdministratorApiAsync()
    {
        var email = "admin-" + Guid.NewGuid().ToString("N")[..8] + "@centre.example";
        await UserAsync(email, [Roles.Administrator]);
        await using var scope = Services.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<SwitchboardUser>>().FindByEmailAsync(email);
        var (_, secret) = await scope.ServiceProvider.GetRequiredService<ApiTokens>().CreateAsync(user!.Id, "browser test", [], null, CancellationToken.None);
        var api = new HttpClient { BaseAddress = Address };
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return api;
    }

    /// <summary>Signs <paramref name="email"/> in on the sign-in page and lands on <paramref name="returnUrl"/>.</summary>
    public static async Task SignInAsync(IPage page, string email, string returnUrl)
    {
        await page.GotoAsync("/sign-in?returnUrl=" + Uri.EscapeDataString(returnUrl));
        await page.GetByLabel("E-mail address").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by the provider; the temp folder is cleaned by the system.
        }
    }
}
