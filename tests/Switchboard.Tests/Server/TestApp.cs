using System.Net.Http.Headers;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Time.Testing;
using Switchboard.Persistence.Security;
using Switchboard.Server.Hosting;
using Switchboard.Server.Security;

namespace Switchboard.Tests.Server;

/// <summary>
/// The real server, in memory, on a database of its own (SQLite or PostgreSQL), with a fake clock that starts at
/// Monday 2 November 2026, 09:00 UTC. Each test starts its own and shares nothing.
/// </summary>
public sealed class TestApp : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    private readonly string folder;
    private readonly Func<Task> drop;
    // Tests make clients from parallel requests (HostileRequestTests), so the list is only touched under its lock.
    private readonly List<HttpClient> clients = [];

    private TestApp(WebApplication app, FakeTimeProvider time, string provider, string folder, string[] settings, Func<Task> drop)
    {
        App = app;
        Time = time;
        Provider = provider;
        this.folder = folder;
        Settings = settings;
        this.drop = drop;
    }

    public WebApplication App { get; private set; }

    public FakeTimeProvider Time { get; }

    public string Provider { get; }

    /// <summary>The configuration arguments that point a server at this test's database (to restart it, or run the CLI on it).</summary>
    public string[] Settings { get; }

    public TestServer Server => App.GetTestServer();

    public IServiceProvider Services => App.Services;

    /// <param name="configuration">More configuration arguments (<c>--Section:Key=value</c>), kept across restarts.</param>
    public static async Task<TestApp> StartAsync(string provider = TestDatabase.Sqlite, FakeTimeProvider? time = null, string[]? configuration = null)
    {
        var folder = Path.Combine(Path.GetTempPath(), "switchboard-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var (database, drop) = await TestDatabase.CreateAsync(provider, folder);
        string[] settings = [.. database, .. configuration ?? []];
        time ??= new FakeTimeProvider(Start);
        var app = await BootAsync(settings, time);
        return new TestApp(app, time, provider, folder, settings, drop);
    }

    private static async Task<WebApplication> BootAsync(string[] settings, FakeTimeProvider time)
    {
        var app = ServerHost.Create([.. settings, "--Logging:LogLevel:Default=Warning"], builder =>
        {
            builder.WebHost.UseTestServer();
            builder.Services.AddSingleton<TimeProvider>(time);
        });
        await Storage.MigrateAsync(app.Services, CancellationToken.None);
        await app.StartAsync();
        return app;
    }

    /// <summary>Stops the server and starts another on the same database (as after a restart).</summary>
    public async Task RestartAsync()
    {
        foreach (var client in clients)
        {
            client.Dispose();
        }

        clients.Clear();
        await App.StopAsync();
        await App.DisposeAsync();
        App = await BootAsync(Settings, Time);
    }

    /// <summary>An HTTP client for the in-memory server, with a bearer token when given.</summary>
    public HttpClient Client(string? token = null)
    {
        var client = Server.CreateClient();
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        lock (clients)
        {
            clients.Add(client);
        }

        return client;
    }

    /// <summary>A client that keeps cookies, as a browser does (for the sign-in paths).</summary>
    public HttpClient Browser()
    {
        var client = new HttpClient(new CookieJar(Server.CreateHandler())) { BaseAddress = Server.BaseAddress };
        lock (clients)
        {
            clients.Add(client);
        }

        return client;
    }

    /// <summary>Creates a user with a password; returns nothing (sign in through the API).</summary>
    public async Task UserAsync(string email, string password, string[] roles, string? client = null, string? agent = null)
    {
        await using var scope = Services.CreateAsyncScope();
        var created = await Accounts.CreateUserAsync(scope.ServiceProvider, email, password, roles, client, agent);
        Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Description)));
    }

    /// <summary>Creates a user with these roles and returns an API token for them.</summary>
    public async Task<string> TokenAsync(string email, string[] roles, string? client = null, string? agent = null, string[]? scopes = null)
    {
        await using var scope = Services.CreateAsyncScope();
        var created = await Accounts.CreateUserAsync(scope.ServiceProvider, email, "Test-Password-123", roles, client, agent);
        Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Description)));
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<SwitchboardUser>>().FindByEmailAsync(email);
        var (_, secret) = await scope.ServiceProvider.GetRequiredService<ApiTokens>().CreateAsync(user!.Id, "test", scopes ?? [], null, CancellationToken.None);
        return secret;
    }

    public Task<string> AdministratorTokenAsync() => TokenAsync("admin-" + Guid.NewGuid().ToString("N")[..8] + "@test.example", [Roles.Administrator]);

    /// <summary>An administrator's client.</summary>
    public async Task<HttpClient> AdministratorAsync() => Client(await AdministratorTokenAsync());

    public async ValueTask DisposeAsync()
    {
        foreach (var client in clients)
        {
            client.Dispose();
        }

        await App.StopAsync();
        await App.DisposeAsync();
        await drop();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still open on a slow shutdown: the temp folder is cleaned by the OS.
        }
    }
}

/// <summary>Stores the cookies responses set and sends them back.</summary>
internal sealed class CookieJar(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    private readonly System.Net.CookieContainer cookies = new();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var uri = request.RequestUri!;
        var header = cookies.GetCookieHeader(uri);
        if (header.Length > 0)
        {
            request.Headers.Add("Cookie", header);
        }

        var response = await base.SendAsync(request, cancellationToken);
        if (response.Headers.TryGetValues("Set-Cookie", out var set))
        {
            foreach (var cookie in set)
            {
                cookies.SetCookies(uri, cookie);
            }
        }

        return response;
    }
}

/// <summary>Small helpers to set a centre up through the API, as an administrator would.</summary>
public static class Seed
{
    public static async Task ClientAsync(HttpClient admin, string id, string? domain = null)
    {
        var response = await admin.PostAsJsonAsync("/api/clients", new { id, name = id.ToUpperInvariant(), routingDomain = domain });
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
    }

    /// <summary>Two clients, acme with queue acme-billing and globex with queue globex-sales, on one routing domain when given.</summary>
    public static async Task TwoClientsAsync(HttpClient admin, string? domain = null)
    {
        await ClientAsync(admin, "acme", domain);
        await ClientAsync(admin, "globex", domain);
        await QueueAsync(admin, "acme-billing", "acme");
        await QueueAsync(admin, "globex-sales", "globex");
    }

    public static async Task QueueAsync(HttpClient admin, string id, string client, string skill = "general", object? settings = null)
    {
        var response = await admin.PostAsJsonAsync("/api/queues", new
        {
            id,
            client,
            name = id,
            settings = settings ?? new { stages = new[] { new { after = "00:00:00", skills = new[] { new { skill, minimum = 1 } } } } },
        });
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }

    /// <summary>An agent with one skill and language, voice only unless a <paramref name="capacity"/> (such as
    /// <c>new { voice = 1, email = 1 }</c>) is given, available unless told otherwise.</summary>
    public static async Task AgentAsync(
        HttpClient admin, string id, string domain, string skill = "general", string language = "en", bool available = true, object? capacity = null)
    {
        var skills = new[] { new { skill, proficiency = 3 } };
        var languages = new[] { new { tag = language, proficiency = 5 } };
        var response = await admin.PostAsJsonAsync("/api/agents", new
        {
            id,
            routingDomain = domain,
            name = id,
            settings = capacity is null ? (object)new { skills, languages } : new { skills, languages, capacity },
        });
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        if (available)
        {
            var presence = await admin.PutAsJsonAsync($"/api/agents/{id}/presence", new { presence = "available" });
            Assert.Equal(System.Net.HttpStatusCode.NoContent, presence.StatusCode);
        }
    }
}
