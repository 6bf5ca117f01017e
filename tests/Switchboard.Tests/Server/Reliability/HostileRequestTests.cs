using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Switchboard.Persistence;

namespace Switchboard.Tests.Server.Reliability;

/// <summary>
/// Issue 4, section 5: at least 10,000 malformed or hostile requests across every endpoint: no 500, no stack trace,
/// every refusal a ProblemDetails, and nothing stored changes. Requests come from a seeded generator, so a failure
/// names the seed and the request that reproduces it.
/// </summary>
public class HostileRequestTests
{
    private const int Requests = 10_000;

    private static readonly string[] Hostile =
    [
        "'; DROP TABLE contacts; --", "\" OR 1=1 --", "<script>alert(1)</script>", "../../etc/passwd", "..%2F..%2Fetc%2Fpasswd", "%00", "\u0000",
        "{{7*7}}", "${jndi:ldap://x}", "💥", new string('a', 5000), "-1", "9999999999999999999999", "null", "true", "1e309", " ", "",
        "00000000-0000-0000-0000-000000000000", "not-a-guid", "ÀÉÎÕÜ", "\\", "%", "C1", "globex",
    ];

    private static readonly string[] Fields =
    [
        "id", "name", "client", "queue", "routingDomain", "settings", "stages", "language", "channel", "skills", "priority", "presence", "reason",
        "disposition", "version", "email", "password", "roles", "scopes", "code", "after", "expires", "user", "agent",
    ];

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task TenThousandHostileRequests_NoServerError_NoStackTrace_NothingChanged(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = await app.AdministratorAsync();
        await Seed.ClientAsync(admin, "acme");
        await Seed.ClientAsync(admin, "globex");
        await Seed.QueueAsync(admin, "billing", "acme");
        await Seed.QueueAsync(admin, "globex-sales", "globex");
        await Seed.AgentAsync(admin, "ann", "acme");
        await admin.PostAsJsonAsync("/api/contacts", new { queue = "billing", language = "en" });
        await admin.PostAsJsonAsync("/api/contacts", new { queue = "globex-sales", language = "en" });
        var viewer = app.Client(await app.TokenAsync("viewer@acme.example", ["client-viewer"], client: "acme"));
        var adminToken = await app.AdministratorTokenAsync();
        var routes = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => (Method: m, Pattern: e.RoutePattern.RawText!)))
            .Where(r => !r.Pattern.Contains("/stream", StringComparison.Ordinal))
            .Distinct()
            .ToArray();
        var before = await SnapshotAsync(app);
        const int seed = 18295;
        var random = new Random(seed);
        var failures = new List<string>();
        var statuses = new Dictionary<int, int>();

        var specs = Enumerable.Range(0, Requests).Select(i => Generate(random, routes, i)).ToList();
        await Parallel.ForEachAsync(specs, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (spec, cancellationToken) =>
        {
            using var request = spec.Build(adminToken);
            var client = spec.Auth == Auth.Viewer ? viewer : app.Client();
            using var response = await client.SendAsync(request, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            var problem = Check(spec.Path, response, body);
            lock (failures)
            {
                statuses[(int)response.StatusCode] = statuses.GetValueOrDefault((int)response.StatusCode) + 1;
                if (problem is not null && failures.Count < 20)
                {
                    failures.Add($"#{spec.Index} {spec.Method} {spec.Path} [{spec.Defect}, {spec.Auth}] -> {(int)response.StatusCode}: {problem}");
                }
            }
        });

        var after = await SnapshotAsync(app);
        Assert.True(failures.Count == 0, $"Seed {seed}:\n" + string.Join("\n", failures));
        Assert.Equal(before, after);
        Assert.True(statuses.Keys.Count(s => s >= 400) >= 5, "Too few kinds of refusal: " + string.Join(", ", statuses.Select(s => $"{s.Key}x{s.Value}")));
    }

    private static string? Check(string path, HttpResponseMessage response, string body)
    {
        var status = (int)response.StatusCode;
        if (status >= 500)
        {
            return "server error " + body;
        }

        // The reference page's script and the metrics text are not answers to the request; everything else is checked.
        var data = !path.StartsWith("/reference", StringComparison.Ordinal) && !path.StartsWith("/metrics", StringComparison.Ordinal);
        if (data && (body.Contains("   at ", StringComparison.Ordinal) || body.Contains("Exception", StringComparison.Ordinal)))
        {
            return "stack trace or exception in body: " + body[..Math.Min(300, body.Length)];
        }

        // The OpenAPI middleware answers an unknown document name with its own plain 404 (no data, no trace), and
        // SignalR's transport endpoints refuse in SignalR's own protocol (a short plain text read by SignalR clients);
        // both are still held to no server error and no trace above.
        // The screens' pages answer a browser, in HTML (a form post that names no form, or lacks its antiforgery token,
        // is refused by Blazor with a short page), and their circuit's /_blazor endpoints are SignalR's.
        var ownProtocol = path.StartsWith("/openapi/", StringComparison.Ordinal) || path.StartsWith("/hubs/", StringComparison.Ordinal) || path.StartsWith("/_blazor", StringComparison.Ordinal)
            || Switchboard.Server.Web.WebSetup.IsPagePath(new PathString("/" + path.Split('?')[0].TrimStart('/')));
        if (status >= 400 && !ownProtocol && response.Content.Headers.ContentType?.MediaType != "application/problem+json")
        {
            return $"refusal without ProblemDetails ({response.Content.Headers.ContentType?.MediaType ?? "no body"})";
        }

        return null;
    }

    private enum Auth
    {
        Administrator,
        Viewer,
        None,
        Garbage,
    }

    private enum Defect
    {
        BadJson,
        WrongTypes,
        UnknownMember,
        EmptyObject,
        DeepNesting,
        HugeBody,
        InvalidUtf8,
        WrongContentType,
        HostileRouteValues,
        DuplicateKeys,
        Array,
    }

    private sealed record Spec(int Index, string Method, string Path, Defect Defect, Auth Auth, byte[]? Body, string ContentType)
    {
        public HttpRequestMessage Build(string adminToken)
        {
            var request = new HttpRequestMessage(new HttpMethod(Method), Path);
            if (Auth == Auth.Administrator)
            {
                request.Headers.Authorization = new("Bearer", adminToken);
            }
            else if (Auth == Auth.Garbage)
            {
                request.Headers.TryAddWithoutValidation("Authorization", "Bearer sb_" + new string('x', 40));
            }

            if (Body is not null)
            {
                request.Content = new ByteArrayContent(Body);
                request.Content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
            }

            request.Headers.TryAddWithoutValidation("Idempotency-Key", Index % 7 == 0 ? Hostile[Index % Hostile.Length] : "hostile-" + Index);
            return request;
        }
    }

    private static Spec Generate(Random random, (string Method, string Pattern)[] routes, int index)
    {
        var (method, pattern) = routes[random.Next(routes.Length)];
        var defect = (Defect)random.Next(Enum.GetValues<Defect>().Length);
        var auth = (Auth)random.Next(4);
        // Routes whose effect needs no body change the caller's own account: only ever called by strangers here.
        if (auth is Auth.Administrator or Auth.Viewer && (pattern.EndsWith("/sign-out", StringComparison.Ordinal) || pattern.Contains("/two-factor/", StringComparison.Ordinal)))
        {
            auth = Auth.None;
        }

        // Route values are always hostile or unknown, so a body that happens to be valid still finds nothing to change;
        // a route without values gets a body that cannot be valid.
        // (A NUL in a URL never reaches a handler: Kestrel refuses the request line, and the in-memory test server throws.)
        var path = System.Text.RegularExpressions.Regex.Replace(pattern, "\\{[^}]+\\}", _ => Uri.EscapeDataString(Hostile[random.Next(Hostile.Length)].Replace("\0", "", StringComparison.Ordinal)) + (random.Next(2) == 0 ? "x" : ""));
        if (random.Next(5) == 0)
        {
            path += "?" + Fields[random.Next(Fields.Length)] + "=" + Uri.EscapeDataString(Hostile[random.Next(Hostile.Length)].Replace("\0", "", StringComparison.Ordinal)) + "&limit=" + Hostile[random.Next(Hostile.Length)].Length;
        }

        var hasValues = pattern.Contains('{', StringComparison.Ordinal);
        if (defect == Defect.HugeBody && random.Next(20) != 0)
        {
            // A few dozen 2 MB bodies prove the limit; thousands would only slow the suite.
            defect = Defect.DeepNesting;
        }

        if (!hasValues && defect == Defect.HostileRouteValues)
        {
            defect = Defect.UnknownMember;
        }

        byte[]? body = method is "GET" or "DELETE" ? null : defect switch
        {
            Defect.BadJson => Encoding.UTF8.GetBytes("{\"" + Fields[random.Next(Fields.Length)] + "\": " + Truncated(Hostile[random.Next(Hostile.Length)]) + ",,}"),
            Defect.WrongTypes => Json(random, value: () => random.Next(3) switch { 0 => (object)new[] { 1, 2 }, 1 => random.Next(), _ => new { nested = true } }, extra: !hasValues),
            Defect.UnknownMember or Defect.HostileRouteValues => Json(random, value: () => Hostile[random.Next(Hostile.Length)], extra: true),
            Defect.EmptyObject => hasValues ? Encoding.UTF8.GetBytes("{}") : Encoding.UTF8.GetBytes("{\"__hostile\":1}"),
            Defect.DeepNesting => Encoding.UTF8.GetBytes(new string('[', 5000) + new string(']', 5000)),
            Defect.HugeBody => Encoding.UTF8.GetBytes("{\"name\":\"" + new string('x', 2 << 20) + "\"}"),
            Defect.InvalidUtf8 => [(byte)'{', (byte)'"', 0xC3, 0x28, 0xFF, (byte)'"', (byte)':', (byte)'1', (byte)'}'],
            Defect.WrongContentType => Encoding.UTF8.GetBytes("<contact><queue>billing</queue></contact>"),
            Defect.DuplicateKeys => Encoding.UTF8.GetBytes("{\"name\":\"a\",\"name\":\"b\",\"__hostile\":1}"),
            Defect.Array => Encoding.UTF8.GetBytes("[{\"queue\":\"billing\"}]"),
            _ => null,
        };
        var contentType = defect == Defect.WrongContentType ? (random.Next(2) == 0 ? "application/xml" : "text/plain") : "application/json";
        return new Spec(index, method, path, defect, auth, body, contentType);
    }

    private static string Truncated(string text) => text[..Math.Min(20, text.Length)];

    private static byte[] Json(Random random, Func<object> value, bool extra)
    {
        var fields = new Dictionary<string, object>();
        for (var i = random.Next(1, 6); i > 0; i--)
        {
            fields[Fields[random.Next(Fields.Length)]] = value();
        }

        if (extra)
        {
            fields["__hostile"] = Hostile[random.Next(Hostile.Length)];
        }

        return JsonSerializer.SerializeToUtf8Bytes(fields);
    }

    /// <summary>Everything stored that a request could change (the audit trail grows by design, so it is left out).</summary>
    private static async Task<string> SnapshotAsync(TestApp app)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<SwitchboardDb>>().CreateDbContextAsync();
        var parts = new[]
        {
            JsonSerializer.Serialize(await db.Clients.AsNoTracking().OrderBy(c => c.Id).ToListAsync()),
            JsonSerializer.Serialize(await db.Queues.AsNoTracking().OrderBy(c => c.Id).ToListAsync()),
            JsonSerializer.Serialize(await db.Agents.AsNoTracking().OrderBy(c => c.Id).ToListAsync()),
            JsonSerializer.Serialize(await db.Contacts.AsNoTracking().OrderBy(c => c.Id).ToListAsync()),
            JsonSerializer.Serialize(await db.Events.AsNoTracking().OrderBy(c => c.Id).Select(e => new { e.Domain, e.Sequence, e.Type }).ToListAsync()),
            JsonSerializer.Serialize(await db.Users.AsNoTracking().OrderBy(u => u.Email).Select(u => new { u.Email, u.PasswordHash, u.SecurityStamp, u.AccessFailedCount, u.LockoutEnd, u.TwoFactorEnabled }).ToListAsync()),
            JsonSerializer.Serialize(await db.UserRoles.AsNoTracking().OrderBy(r => r.UserId).ThenBy(r => r.RoleId).ToListAsync()),
            JsonSerializer.Serialize(await db.ApiTokens.AsNoTracking().OrderBy(t => t.Id).ToListAsync()),
        };
        return string.Join("\n", parts);
    }
}
