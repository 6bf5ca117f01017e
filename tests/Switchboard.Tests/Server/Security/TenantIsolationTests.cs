using System.Net;
using System.Text.Json;

namespace Switchboard.Tests.Server.Security;

/// <summary>
/// Issue 4, section 3: with two clients, client A's credentials read none of client B's records, on every route, and
/// change none of them. Routes are enumerated from the endpoint data source, so a route added later is covered (and
/// fails here until the test knows how to fill its parameters).
/// </summary>
public class TenantIsolationTests
{
    /// <summary>Operator endpoints that hold no client's records (health, metrics with queue ids and counts, the API description).</summary>
    private static readonly string[] Infrastructure = ["/health", "/metrics", "/openapi", "/reference"];

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ClientAViewer_OnEveryRoute_ReadsAndChangesNothingOfClientB(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var b = await SeedTwoClientsAsync(app);
        var viewer = app.Client(await app.TokenAsync("viewer@acme.example", ["client-viewer"], client: "acme"));
        var admin = await app.AdministratorAsync();
        var before = await SnapshotOfBAsync(admin, b);
        var routes = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => !Infrastructure.Any(p => (e.RoutePattern.RawText ?? "").StartsWith(p, StringComparison.Ordinal)))
            // The screens' scripts and styles are the same files for everyone (and a minified script holds any short word).
            .Where(e => !IsStaticFile(e.RoutePattern.RawText ?? ""))
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => (Method: m, Pattern: e.RoutePattern.RawText!)))
            .Distinct()
            .ToList();
        var leaks = new List<string>();

        foreach (var (method, pattern) in routes)
        {
            var path = Fill(pattern, b);
            using var request = new HttpRequestMessage(new HttpMethod(method), path);
            if (method is "POST" or "PUT")
            {
                request.Content = JsonContent.Create(new { name = "hijacked", queue = b.Queue, disposition = "x", presence = "offline", version = 1, roles = new[] { "administrator" } });
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            string body;
            HttpStatusCode status;
            try
            {
                using var response = await viewer.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
                status = response.StatusCode;
                body = await ReadSomeAsync(response, timeout.Token);
            }
            catch (OperationCanceledException)
            {
                continue;
            }

            // Naming B's record in the request is allowed (a refusal may echo the id back); being served it is not.
            var asksForB = b.Secrets.Any(secret => path.Contains(secret, StringComparison.Ordinal));
            if (asksForB && method == "GET" && (int)status is >= 200 and < 300)
            {
                leaks.Add($"{method} {path} answered {(int)status}");
            }

            foreach (var secret in b.Secrets.Where(secret => !path.Contains(secret, StringComparison.Ordinal)))
            {
                if (body.Contains(secret, StringComparison.OrdinalIgnoreCase))
                {
                    leaks.Add($"{method} {path} shows '{secret}'");
                }
            }
        }

        var after = await SnapshotOfBAsync(admin, b);
        Assert.True(routes.Count > 20, $"Only {routes.Count} routes found.");
        Assert.True(leaks.Count == 0, string.Join("\n", leaks));
        Assert.Equal(before, after);
    }

    private sealed record ClientB(string Client, string Queue, string Agent, string Contact, string Callback, string User, string Token, string Widget, string Conversation, string Complaint)
    {
        public IEnumerable<string> Secrets => [Client, Queue, Agent, Contact, Callback, User, Complaint];
    }

    private static async Task<ClientB> SeedTwoClientsAsync(TestApp app)
    {
        var admin = await app.AdministratorAsync();
        foreach (var (client, queue, agent) in new[] { ("acme", "acme-billing", "ann"), ("globex", "globex-sales", "bob") })
        {
            await Seed.ClientAsync(admin, client);
            await Seed.QueueAsync(admin, queue, client);
            await Seed.AgentAsync(admin, agent, client);
            await admin.PostAsJsonAsync("/api/contacts", new { queue, language = "en" });
            await admin.PostAsJsonAsync("/api/contacts", new { queue, language = "en" });
        }

        var callback = await (await admin.PostAsJsonAsync("/api/callbacks",
            new { queue = "globex-sales", language = "en", windowStart = TestApp.Start.AddHours(1), windowEnd = TestApp.Start.AddHours(2) })).Content.ReadFromJsonAsync<JsonElement>();
        var contacts = await admin.GetFromJsonAsync<JsonElement[]>("/api/contacts?client=globex&state=waiting");
        var user = await (await admin.PostAsJsonAsync("/api/users",
            new { email = "viewer@globex.example", password = "Globex-Password-1", roles = new[] { "client-viewer" }, client = "globex" })).Content.ReadFromJsonAsync<JsonElement>();
        var token = await (await admin.PostAsJsonAsync("/api/tokens", new { name = "globex-crm", user = user.GetProperty("id").GetString() })).Content.ReadFromJsonAsync<JsonElement>();
        // A chat widget's id and what it shows are public (customers read them anonymously), so B's names none of B's secrets.
        await admin.PostAsJsonAsync("/api/chat/widgets", new
        {
            id = "b-web",
            client = "globex",
            displayName = "Web help",
            origins = new[] { "https://www.b.example" },
            topics = new[] { new { id = "sales", label = "Sales", queue = "globex-sales" } },
            languages = new[] { "en" },
        });
        var conversation = await (await app.Client().PostAsJsonAsync("/api/chat/widgets/b-web/conversations", new { language = "en", topic = "sales" }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var complaint = await (await admin.PostAsJsonAsync("/api/complaints", new
        {
            client = "globex", category = "clientProductOrService", severity = "low", summary = "Late delivery.", remedySought = "Delivery.", customerEmail = "carol@globex.example",
        })).Content.ReadFromJsonAsync<JsonElement>();
        return new ClientB("globex", "globex-sales", "bob", contacts![0].GetProperty("id").GetString()!, callback.GetProperty("id").GetString()!, user.GetProperty("id").GetString()!,
            token.GetProperty("token").GetProperty("id").GetString()!, "b-web", conversation.GetProperty("conversation").GetString()!, complaint.GetProperty("reference").GetString()!);
    }

    /// <summary>Client B's records as an administrator sees them.</summary>
    private static async Task<string> SnapshotOfBAsync(HttpClient admin, ClientB b)
    {
        var parts = new List<string>();
        foreach (var url in new[] { "/api/clients/globex", "/api/queues/globex-sales", "/api/agents/bob", "/api/contacts?client=globex", $"/api/contacts/{b.Contact}/events", $"/api/users/{b.User}", "/api/tokens", $"/api/complaints/{b.Complaint}" })
        {
            parts.Add(url + " " + await admin.GetStringAsync(url));
        }

        return string.Join("\n", parts);
    }

    private static bool IsStaticFile(string pattern) =>
        pattern.StartsWith("_content/", StringComparison.Ordinal) || pattern.StartsWith("_framework/", StringComparison.Ordinal)
        || (!pattern.Contains('{', StringComparison.Ordinal) && Path.HasExtension(pattern));

    private static string Fill(string pattern, ClientB b)
    {
        var path = pattern;
        path = path.Replace("{offer:long}", "1", StringComparison.Ordinal);
        path = path.Replace("{documentName}", "v1", StringComparison.Ordinal);
        path = path.Replace("{**path:file}", "no-such-file.css", StringComparison.Ordinal);
        if (path.StartsWith("/api/clients/", StringComparison.Ordinal))
        {
            path = path.Replace("{id}", b.Client, StringComparison.Ordinal).Replace("{month}", "2026-11", StringComparison.Ordinal).Replace("{period}", "2026-11", StringComparison.Ordinal);
        }
        else if (path.StartsWith("/api/queues/", StringComparison.Ordinal))
        {
            path = path.Replace("{id}", b.Queue, StringComparison.Ordinal);
        }
        else if (path.StartsWith("/api/agents/", StringComparison.Ordinal))
        {
            path = path.Replace("{id}", b.Agent, StringComparison.Ordinal);
        }
        else if (path.StartsWith("/api/contacts/", StringComparison.Ordinal))
        {
            path = path.Replace("{id:guid}", b.Contact, StringComparison.Ordinal);
        }
        else if (path.StartsWith("/api/callbacks/", StringComparison.Ordinal))
        {
            path = path.Replace("{id:guid}", b.Callback, StringComparison.Ordinal);
        }
        else if (path.StartsWith("/api/users/", StringComparison.Ordinal))
        {
            path = path.Replace("{id:guid}", b.User, StringComparison.Ordinal);
        }
        else if (path.StartsWith("/api/chat/widgets/", StringComparison.Ordinal) || path.StartsWith("/chat/", StringComparison.Ordinal))
        {
            path = path.Replace("{id}", b.Widget, StringComparison.Ordinal).Replace("{widget}", b.Widget, StringComparison.Ordinal);
        }
        else if (path.StartsWith("/api/chat/conversations/", StringComparison.Ordinal))
        {
            path = path.Replace("{id:guid}", b.Conversation, StringComparison.Ordinal);
        }
        else if (path.StartsWith("/api/tokens/", StringComparison.Ordinal))
        {
            path = path.Replace("{id:guid}", b.Token, StringComparison.Ordinal);
        }
        else if (path.StartsWith("/clients/", StringComparison.Ordinal))
        {
            path = path.Replace("{Client}", b.Client, StringComparison.Ordinal);
        }
        else if (path.StartsWith("/api/mailboxes/", StringComparison.Ordinal))
        {
            // Administrators' only: a viewer is refused before any mailbox is looked up.
            path = path.Replace("{id}", "globex-mail", StringComparison.Ordinal);
        }
        else if (path.StartsWith("/api/cases/", StringComparison.Ordinal))
        {
            // Cases come from mail only (no API creates one); a case of B is filtered out like its contacts.
            path = path.Replace("{id:guid}", b.Contact, StringComparison.Ordinal).Replace("{attachment:long}", "1", StringComparison.Ordinal);
        }
        else if (path.Contains("complaint-survey", StringComparison.Ordinal))
        {
            // A survey link's token is 128 random bits given only to its customer: a guess answers nothing of anyone.
            path = path.Replace("{token}", Guid.NewGuid().ToString("N"), StringComparison.Ordinal).Replace("{Token}", Guid.NewGuid().ToString("N"), StringComparison.Ordinal);
        }
        else if (path.Contains("/complaints/", StringComparison.Ordinal))
        {
            // B's complaint: filtered out for A's viewer; the public check needs the customer's address too.
            path = path.Replace("{reference}", b.Complaint, StringComparison.Ordinal).Replace("{Reference}", b.Complaint, StringComparison.Ordinal);
        }
        else if (path.StartsWith("/api/kpis/", StringComparison.Ordinal))
        {
            // The KPI catalogue is the centre's, not a client's: a viewer may read it and change nothing.
            path = path.Replace("{kpi}", "service-level", StringComparison.Ordinal);
        }

        Assert.False(path.Contains('{', StringComparison.Ordinal), $"The isolation test does not know how to fill route {pattern}: teach Fill() the new parameter.");
        return path;
    }

    private static async Task<string> ReadSomeAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        // Streams never end: read what comes within the time allowed.
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[1 << 16];
        using var text = new MemoryStream();
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
            {
                text.Write(buffer, 0, read);
            }
        }
        catch (OperationCanceledException)
        {
        }

        var body = System.Text.Encoding.UTF8.GetString(text.ToArray());
        // A page carries encrypted, base64 state for its circuit and antiforgery tokens: random letters that hold any
        // short name by chance, and that nobody can read without the server's keys. What the page shows is checked.
        return response.Content.Headers.ContentType?.MediaType == "text/html"
            ? System.Text.RegularExpressions.Regex.Replace(body, "<!--Blazor[^>]*-->|value=\"[A-Za-z0-9_\\-]{40,}\"", "")
            : body;
    }
}
