using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text.Json;

namespace Switchboard.Tests.Server.Reliability;

/// <summary>
/// Issue 4, section 5: the real server as a separate process, killed with SIGKILL three times at random points while
/// customers arrive and agents accept, end and wrap up. Every request and its outcome, as the clients saw it (ok, refused,
/// or unknown when the process died under it), goes into a Jepsen-style history, which is then checked against the
/// server's own event log: no contact lost or duplicated, none ever connected to two agents, every acknowledged event
/// present, and, once the dust settles, every contact served to the end.
/// </summary>
public sealed class CrashTests
{
    private const int Contacts = 1000;
    private const int Customers = 4;
    private const int Agents = 8;
    private const int Kills = 3;
    private const string Password = "Crash-test-password-1";

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Serve_KilledThreeTimesUnderLoad_HistoryHoldsNoLossDuplicateOrDoubleConnection(string provider)
    {
        var folder = Directory.CreateTempSubdirectory("sb-crash-").FullName;
        var (settings, drop) = await TestDatabase.CreateAsync(provider, folder);
        var options = TestDatabase.CommandLineOptions(settings);
        try
        {
            await RunCliAsync(["admin", "create-user", "--email", "admin@crash.example", "--password", Password, "--role", "administrator", .. options]);
            var adminToken = await TokenAsync("admin@crash.example", options);

            // The per-user rate limit protects a real centre from a runaway client; this test is one on purpose.
            await using var server = new ServerProcess(options);
            await server.StartAsync();
            using var admin = server.Client(adminToken);
            await Seed.ClientAsync(admin, "acme");
            await Seed.QueueAsync(admin, "billing", "acme");
            var agentTokens = new Dictionary<string, string>();
            for (var a = 0; a < Agents; a++)
            {
                var agent = $"agent{a}";
                await Seed.AgentAsync(admin, agent, "acme");
                var user = await admin.PostAsJsonAsync("/api/users", new { email = $"{agent}@crash.example", password = Password, roles = new[] { "agent" }, agent });
                Assert.Equal(HttpStatusCode.Created, user.StatusCode);
                var userId = (await user.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
                var token = await admin.PostAsJsonAsync("/api/tokens", new { name = "desk", user = userId });
                Assert.Equal(HttpStatusCode.Created, token.StatusCode);
                agentTokens[agent] = (await token.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("secret").GetString()!;
            }

            var history = new History();
            var random = new Random(4_2026);
            var created = 0;
            using var stop = new CancellationTokenSource();
            var desks = agentTokens.Select(pair => Task.Run(() => WorkAsync(server.Client(pair.Value), pair.Key, history, stop.Token))).ToArray();
            var killer = Task.Run(async () =>
            {
                // Kill points spread over the run, each nudged at random, with a random extra delay so the kill lands
                // anywhere in a request's life (before, during or after the store, before or after the answer).
                foreach (var at in Enumerable.Range(1, Kills).Select(k => (k * Contacts / (Kills + 1)) + random.Next(-100, 100)))
                {
                    while (Volatile.Read(ref created) < at)
                    {
                        await Task.Delay(5);
                    }

                    await Task.Delay(random.Next(0, 200));
                    await server.KillAndRestartAsync();
                }
            });

            await Task.WhenAll(Enumerable.Range(0, Customers).Select(_ => Task.Run(async () =>
            {
                int next;
                while ((next = Interlocked.Increment(ref created)) <= Contacts)
                {
                    await CreateAsync(admin, history, $"crash-{next}");
                }
            })));
            await killer;

            // Liveness: after the last kill every contact is served to the end, by the agents' own loops; the test
            // follows the server's event stream until every contact's completion has come by.
            await WaitForCompletionsAsync(server.Client(adminToken, TimeSpan.FromMinutes(2)), Contacts, TimeSpan.FromMinutes(2));

            await stop.CancelAsync();
            await Task.WhenAll(desks);
            Assert.Equal(0, await UnfinishedAsync(admin));
            Verify(await ReadLogAsync(admin), history);
        }
        finally
        {
            await drop();
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>A customer's contact, created with an idempotency key and retried with it until an answer arrives.</summary>
    private static async Task CreateAsync(HttpClient admin, History history, string key)
    {
        while (true)
        {
            var answer = await history.RecordAsync("create", key, () =>
            {
                var request = new HttpRequestMessage(HttpMethod.Post, "/api/contacts") { Content = JsonContent.Create(new { queue = "billing", language = "en" }) };
                request.Headers.Add("Idempotency-Key", key);
                return admin.SendAsync(request);
            });
            if (answer is { Outcome: Outcome.Ok })
            {
                history.Created(key, JsonDocument.Parse(answer.Body).RootElement.GetProperty("id").GetGuid());
                return;
            }

            Assert.True(answer.Outcome == Outcome.Unknown, $"Create {key} was refused: {answer.Status} {answer.Body}");
            await Task.Delay(50);
        }
    }

    /// <summary>
    /// An agent's desk as a loop that acts on what the server says is in hand, the way a real desk would after a
    /// reconnect: sign in again if marked not responding, accept every offer, end connected contacts, wrap up ended ones.
    /// An unknown outcome needs no retry: the next pass reads the state again.
    /// </summary>
    private static async Task WorkAsync(HttpClient desk, string agent, History history, CancellationToken stop)
    {
        using var _ = desk;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(20, stop);
                var me = await desk.GetFromJsonAsync<JsonElement>($"/api/agents/{agent}", stop);
                if (me.GetProperty("live").ValueKind != JsonValueKind.Object)
                {
                    continue;
                }

                var presence = me.GetProperty("live").GetProperty("presence").GetString();
                if (presence is "notResponding" or "offline")
                {
                    await history.RecordAsync("presence", agent, () => desk.PutAsJsonAsync($"/api/agents/{agent}/presence", new { presence = "available" }, stop));
                }

                foreach (var offer in await desk.GetFromJsonAsync<JsonElement[]>($"/api/agents/{agent}/offers", stop) ?? [])
                {
                    var id = offer.GetProperty("id").GetInt64();
                    var contact = offer.GetProperty("contact").GetGuid();
                    await history.RecordAsync("accept", $"{contact}/{id}/{agent}", () => desk.PostAsync($"/api/agents/{agent}/offers/{id}/accept", null, stop));
                }

                foreach (var contact in me.GetProperty("live").GetProperty("contacts").EnumerateArray().Select(c => c.GetGuid()))
                {
                    var state = (await desk.GetFromJsonAsync<JsonElement>($"/api/contacts/{contact}", stop)).GetProperty("state").GetString();
                    if (state == "connected")
                    {
                        await history.RecordAsync("end", contact.ToString(), () => desk.PostAsync($"/api/contacts/{contact}/end", null, stop));
                    }
                    else if (state == "wrapUp")
                    {
                        await history.RecordAsync("wrap-up", contact.ToString(), () => desk.PostAsJsonAsync($"/api/contacts/{contact}/wrap-up", new { disposition = "resolved" }, stop));
                    }
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception error) when (error is HttpRequestException or HttpIOException or TaskCanceledException or JsonException)
            {
                // The server is down or restarting (or answered 503 while a domain rebuilds, or was killed while its
                // answer was on the way: the body ends early): look again shortly.
            }
        }
    }

    /// <summary>Reads the integration event stream from its start until <paramref name="expected"/> contacts have completed, or the patience runs out.</summary>
    private static async Task WaitForCompletionsAsync(HttpClient reader, int expected, TimeSpan patience)
    {
        using var _ = reader;
        using var timeout = new CancellationTokenSource(patience);
        var completed = new HashSet<Guid>();
        try
        {
            using var response = await reader.GetAsync("/api/events/stream", HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            using var lines = new StreamReader(await response.Content.ReadAsStreamAsync(timeout.Token));
            while (completed.Count < expected && await lines.ReadLineAsync(timeout.Token) is { } line)
            {
                if (line.StartsWith("data:", StringComparison.Ordinal)
                    && JsonDocument.Parse(line["data:".Length..]).RootElement is var e
                    && e.GetProperty("type").GetString() == "contactCompleted")
                {
                    completed.Add(e.GetProperty("contact").GetGuid());
                }
            }
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            // The assertion that follows says how many are unfinished.
        }
    }

    /// <summary>Contacts not yet completed (or abandoned): fewer than a page, so no paging is needed.</summary>
    private static async Task<int> UnfinishedAsync(HttpClient admin)
    {
        var count = 0;
        foreach (var state in (string[])["waiting", "offered", "connected", "wrapUp", "callbackPending"])
        {
            count += (await admin.GetFromJsonAsync<JsonElement[]>($"/api/contacts?state={state}&limit=1000"))!.Length;
        }

        return count;
    }

    private static async Task<List<JsonElement>> ReadLogAsync(HttpClient admin)
    {
        var events = new List<JsonElement>();
        var cursor = "";
        while (true)
        {
            var page = await admin.GetFromJsonAsync<JsonElement>($"/api/events?limit=1000&after={Uri.EscapeDataString(cursor)}");
            var rows = page.GetProperty("events").EnumerateArray().ToList();
            events.AddRange(rows);
            cursor = page.GetProperty("cursor").GetString()!;
            if (rows.Count == 0)
            {
                return events;
            }
        }
    }

    private static void Verify(List<JsonElement> log, History history)
    {
        static string Type(JsonElement e) => e.GetProperty("type").GetString()!;

        // The log is gap-free per routing domain.
        foreach (var domain in log.GroupBy(e => e.GetProperty("domain").GetString()))
        {
            var sequences = domain.Select(e => e.GetProperty("sequence").GetInt64()).ToList();
            Assert.Equal(Enumerable.Range(1, sequences.Count).Select(s => (long)s), sequences.Order());
        }

        var byContact = log.Where(e => e.GetProperty("contact").ValueKind == JsonValueKind.String)
            .GroupBy(e => e.GetProperty("contact").GetGuid())
            .ToDictionary(g => g.Key, g => g.OrderBy(e => e.GetProperty("sequence").GetInt64()).ToList());

        // 0 lost, 0 duplicated: each key got one contact however often it was retried, each is in the log, and the log
        // holds no contact that no customer asked for.
        Assert.Equal(Contacts, history.ContactsByKey.Count);
        Assert.All(history.ContactsByKey, pair => Assert.Single(pair.Value.Distinct()));
        var acknowledged = history.ContactsByKey.Values.Select(ids => ids.First()).ToHashSet();
        Assert.Equal(Contacts, acknowledged.Count);
        var queued = byContact.Where(c => c.Value.Any(e => Type(e) == "contactQueued")).Select(c => c.Key).ToHashSet();
        Assert.True(acknowledged.SetEquals(queued), $"{acknowledged.Except(queued).Count()} acknowledged contacts are not in the log; {queued.Except(acknowledged).Count()} logged contacts were never acknowledged.");

        // Never connected to two agents: one acceptance per contact (nothing is transferred here), and no two agents were
        // each told they won the same contact.
        foreach (var (id, events) in byContact)
        {
            Assert.True(events.Count(e => Type(e) == "offerAccepted") <= 1, $"Contact {id} was accepted twice.");
            Assert.True(events.Count(e => Type(e) == "contactCompleted") == 1, $"Contact {id} was not completed exactly once: {string.Join(", ", events.Select(Type))}.");
        }

        var winners = history.Operations.Where(o => o is { Kind: "accept", Outcome: Outcome.Ok }).Select(o => o.Subject.Split('/'))
            .GroupBy(parts => parts[0]).ToList();
        Assert.All(winners, contact => Assert.Single(contact.Select(parts => parts[2]).Distinct()));

        // Every acknowledged accept, end and wrap-up is in the log, with the agent and offer the client was told about.
        foreach (var op in history.Operations.Where(o => o.Outcome == Outcome.Ok))
        {
            switch (op.Kind)
            {
                case "accept":
                    var parts = op.Subject.Split('/');
                    var offer = long.Parse(parts[1], CultureInfo.InvariantCulture);
                    Assert.Contains(byContact[Guid.Parse(parts[0])], e => Type(e) == "offerAccepted" && e.GetProperty("offer").GetInt64() == offer && e.GetProperty("agent").GetString() == parts[2]);
                    break;
                case "end":
                    Assert.Contains(byContact[Guid.Parse(op.Subject)], e => Type(e) == "conversationEnded");
                    break;
                case "wrap-up":
                    // With no minimum wrap-up the disposition completes the contact at once (one event, not two).
                    Assert.Contains(byContact[Guid.Parse(op.Subject)], e => Type(e) is "contactCompleted" or "dispositionRecorded");
                    break;
            }
        }

        // The kills must have hit work in flight, or the test proved nothing about crashes.
        Assert.Contains(history.Operations, o => o.Outcome == Outcome.Unknown);
        TestContext.Current.TestOutputHelper?.WriteLine(string.Join("; ", history.Operations.GroupBy(o => (o.Kind, o.Outcome)).OrderBy(g => g.Key)
            .Select(g => $"{g.Key.Kind} {g.Key.Outcome}: {g.Count()}")));
    }

    private static async Task<string> TokenAsync(string email, string[] options)
    {
        var output = await RunCliAsync(["admin", "create-token", "--email", email, "--name", "crash", .. options]);
        return output.Trim().Split('\n')[^1].Trim();
    }

    /// <summary>The built server beside this test assembly's output (the test project references it).</summary>
    private static string ServerDll => Path.Combine(AppContext.BaseDirectory, "switchboard.dll");

    private static ProcessStartInfo Switchboard(IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(ServerDll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }

    private static async Task<string> RunCliAsync(string[] arguments)
    {
        using var process = Process.Start(Switchboard(arguments))!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"switchboard {arguments[0]} {arguments[1]} failed: {await error}");
        return await output;
    }

    private enum Outcome
    {
        Ok,
        Refused,
        Unknown,
    }

    private sealed record Operation(string Kind, string Subject, DateTimeOffset Invoked, DateTimeOffset Completed, Outcome Outcome, HttpStatusCode? Status, string Body);

    /// <summary>What the clients saw: every request with its invocation, completion and outcome.</summary>
    private sealed class History
    {
        public ConcurrentQueue<Operation> Operations { get; } = [];

        public ConcurrentDictionary<string, ConcurrentQueue<Guid>> ContactsByKey { get; } = new();

        public void Created(string key, Guid contact) => ContactsByKey.GetOrAdd(key, _ => []).Enqueue(contact);

        /// <summary>
        /// Sends once. No answer (the process died) and 503 (a domain rebuilding) are unknown outcomes: the effect may or
        /// may not have happened. A 500 is a bug whatever else happened.
        /// </summary>
        public async Task<Operation> RecordAsync(string kind, string subject, Func<Task<HttpResponseMessage>> send)
        {
            var invoked = DateTimeOffset.UtcNow;
            Operation operation;
            try
            {
                using var response = await send();
                var body = await response.Content.ReadAsStringAsync();
                var outcome = response.StatusCode == HttpStatusCode.ServiceUnavailable ? Outcome.Unknown
                    : response.IsSuccessStatusCode ? Outcome.Ok : Outcome.Refused;
                operation = new(kind, subject, invoked, DateTimeOffset.UtcNow, outcome, response.StatusCode, body);
            }
            catch (Exception error) when (error is HttpRequestException or HttpIOException or TaskCanceledException)
            {
                // No answer, or one cut off by the kill: whether it took effect is unknown until the history says.
                operation = new(kind, subject, invoked, DateTimeOffset.UtcNow, Outcome.Unknown, null, error.Message);
            }

            Operations.Enqueue(operation);
            Assert.True(operation.Status != HttpStatusCode.InternalServerError, $"{kind} {subject}: {operation.Body}");
            return operation;
        }
    }

    /// <summary>The server as a child process on a fixed free port, so clients keep their address across restarts.</summary>
    private sealed class ServerProcess(string[] options) : IAsyncDisposable
    {
        private readonly int port = FreePort();
        private readonly ConcurrentQueue<string> errors = new();
        private Process? process;

        private Uri Address => new($"http://127.0.0.1:{port}");

        public HttpClient Client(string token, TimeSpan? timeout = null)
        {
            var client = new HttpClient { BaseAddress = Address, Timeout = timeout ?? TimeSpan.FromSeconds(30) };
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            return client;
        }

        public async Task StartAsync()
        {
            var start = Switchboard(["serve", "--urls", Address.ToString().TrimEnd('/'), .. options]);
            start.Environment["Switchboard__RateLimits__RequestsPerSecond"] = "1000000";
            process = Process.Start(start)!;
            // `serve` prints where it listens once the host has started, which is after every routing domain has
            // replayed its log: that line is the readiness event.
            var listening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException("The server exited while starting: " + string.Join('\n', errors)));
            process.EnableRaisingEvents = true;
            process.OutputDataReceived += (_, line) =>
            {
                if (line.Data?.StartsWith("Switchboard is listening on ", StringComparison.Ordinal) == true)
                {
                    listening.TrySetResult();
                }
            };
            process.ErrorDataReceived += (_, line) =>
            {
                if (line.Data is { } text)
                {
                    errors.Enqueue(text);
                }
            };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            await listening.Task.WaitAsync(TimeSpan.FromMinutes(1));
            using var probe = new HttpClient { BaseAddress = Address };
            Assert.True((await probe.GetAsync("/health/ready")).IsSuccessStatusCode, "Listening, but not ready.");
        }

        /// <summary>SIGKILL (Process.Kill on Unix): no shutdown hook runs, nothing is flushed.</summary>
        public async Task KillAndRestartAsync()
        {
            process!.Kill();
            await process.WaitForExitAsync();
            process.Dispose();
            await StartAsync();
        }

        public async ValueTask DisposeAsync()
        {
            if (process is { HasExited: false })
            {
                process.Kill();
                await process.WaitForExitAsync();
            }

            process?.Dispose();
        }

        private static int FreePort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
    }
}
