using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace Switchboard.Load;

/// <summary>
/// Web chat under load (issue 5, section 4): <see cref="LoadSettings.Conversations"/> customers hold a conversation each
/// at the same time, over the real customer protocol (HTTP posts and a server-sent event stream per conversation),
/// with <see cref="LoadSettings.Agents"/> agents on the agent hub who accept every offer and answer every message.
/// Measures one-way message delivery (customer to agent desk, agent to customer page), the server's memory per open
/// conversation, and how long the wallboard takes to show a new waiting contact. Both sides run in this process, on
/// one clock, so one-way times need no clock sync.
/// </summary>
internal sealed class ChatLoad(HttpClient admin, LoadSettings settings, ServerProcess server, string token)
{
    private const string Queue = "chat-load";
    private const string WarmUpQueue = "chat-warm-up";

    private const string WallboardQueue = "wallboard-probe";
    private const string Widget = "load-web";

    private readonly ConcurrentDictionary<string, long> customerSent = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> agentSent = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TaskCompletionSource> replies = new(StringComparer.Ordinal);
    private readonly ConcurrentBag<double> toAgent = [];
    private readonly ConcurrentBag<double> toCustomer = [];
    private readonly ConcurrentBag<string> failures = [];
    private static readonly string[] SiteOrigins = ["http://load.example"];
    private static readonly string[] SiteLanguages = ["en"];

    public async Task<ChatReport> RunAsync()
    {
        await SeedAsync();
        var agents = await ConnectAgentsAsync();
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(2));
            using var customers = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
            {
                BaseAddress = server.Address,
                Timeout = Timeout.InfiniteTimeSpan,
            };
            if (settings.WarmUpConversations > 0)
            {
                var (warmUp, _) = await RunRoundAsync(customers, settings.WarmUpConversations, 3, "warm-up", 1_000_000);
                await warmUp.WaitAsync(TimeSpan.FromMinutes(5));
                // Let the runtime's background compilation catch up before anything is measured.
                await Task.Delay(TimeSpan.FromSeconds(5));
                toAgent.Clear();
                toCustomer.Clear();
            }

            var memoryBefore = server.ResidentBytes;
            var (conversations, startedIn) = await RunRoundAsync(customers, settings.Conversations, settings.MessagesPerConversation, "help", 0);
            var memoryOpen = server.ResidentBytes;
            var before = await ServerFigures.ReadAsync(admin, server);
            var generatorBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var lag = await MeasureWallboardAsync();
            await conversations.WaitAsync(TimeSpan.FromMinutes(10));
            var window = await ServerFigures.ReadAsync(admin, server) - before;
            var generator = Process.GetCurrentProcess().TotalProcessorTime - generatorBefore;
            return new ChatReport(
                settings.Database,
                settings.Conversations,
                settings.Agents,
                settings.MessagesPerConversation,
                Math.Round(startedIn.TotalSeconds, 1),
                Summary.Of(toAgent),
                Summary.Of(toCustomer),
                Math.Round((memoryOpen - memoryBefore) / (double)settings.Conversations / 1024, 1),
                Math.Round(memoryOpen / 1048576.0, 1),
                Summary.Of(lag),
                Math.Round(window.Cpu.TotalMilliseconds / Math.Max(1, window.ChatMessages), 3),
                Math.Round(generator.TotalMilliseconds / Math.Max(1, window.ChatMessages), 3),
                window.ChatCommits,
                Math.Round(window.ChatMessages / (double)Math.Max(1, window.ChatCommits), 1),
                Math.Round(window.ChatCommitSeconds * 1000 / Math.Max(1, window.ChatCommits), 2),
                [.. failures.Take(20)]);
        }
        finally
        {
            foreach (var agent in agents)
            {
                await agent.DisposeAsync();
            }
        }
    }

    /// <summary>Opens <paramref name="count"/> conversations on <paramref name="topic"/>; answers once all are connected to an
    /// agent, with the task that ends when every one has sent its <paramref name="messages"/> and ended.</summary>
    private async Task<(Task Conversations, TimeSpan StartedIn)> RunRoundAsync(HttpClient customers, int count, int messages, string topic, int firstIndex)
    {
        var connected = new CountdownEvent(count);
        var allConnected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var startGate = new SemaphoreSlim(32);
        var clock = Stopwatch.StartNew();
        var conversations = Enumerable.Range(0, count).Select(async i =>
        {
            await startGate.WaitAsync();
            Conversation? conversation;
            try
            {
                conversation = await StartAsync(customers, firstIndex + i, topic, messages);
            }
            finally
            {
                startGate.Release();
            }

            if (conversation is null)
            {
                if (connected.Signal())
                {
                    allConnected.TrySetResult();
                }

                return;
            }

            await conversation.RunAsync(() =>
            {
                if (connected.Signal())
                {
                    allConnected.TrySetResult();
                }
            }, allConnected.Task);
        }).ToList();

        await allConnected.Task.WaitAsync(TimeSpan.FromMinutes(5));
        return (Task.WhenAll(conversations), clock.Elapsed);
    }

    private async Task SeedAsync()
    {
        await CreatedAsync(admin.PostAsJsonAsync("/api/clients", new { id = "chat-load", name = "Chat load" }));
        foreach (var (queue, skill) in new[] { (Queue, "chat"), (WarmUpQueue, "warm-up"), (WallboardQueue, "nobody-has-it") })
        {
            await CreatedAsync(admin.PostAsJsonAsync("/api/queues", new
            {
                id = queue,
                client = "chat-load",
                name = queue,
                settings = new { stages = new[] { new { after = "00:00:00", skills = new[] { new { skill, minimum = 1 } } } } },
            }));
        }

        // Enough chat capacity for every conversation at once: 1,000 conversations over 100 agents is 10 each.
        var capacity = Math.Min(20, (settings.Conversations + settings.Agents - 1) / settings.Agents);
        for (var a = 0; a < settings.Agents + WarmUpAgents; a++)
        {
            var warmUp = a >= settings.Agents;
            await CreatedAsync(admin.PostAsJsonAsync("/api/agents", new
            {
                id = AgentId(a),
                routingDomain = "chat-load",
                name = "Agent " + a.ToString(CultureInfo.InvariantCulture),
                settings = new
                {
                    skills = new[] { new { skill = warmUp ? "warm-up" : "chat", proficiency = 3 } },
                    languages = new[] { new { tag = "en", proficiency = 5 } },
                    capacity = new { voice = 1, chat = warmUp ? 10 : capacity },
                },
            }));
        }

        await CreatedAsync(admin.PostAsJsonAsync("/api/chat/widgets", new
        {
            id = Widget,
            client = "chat-load",
            displayName = "Chat load",
            origins = SiteOrigins,
            topics = new[] { new { id = "help", label = "Help", queue = Queue }, new { id = "warm-up", label = "Warm-up", queue = WarmUpQueue } },
            languages = SiteLanguages,
        }));
    }

    private async Task<List<HubConnection>> ConnectAgentsAsync()
    {
        var agents = new List<HubConnection>(settings.Agents + WarmUpAgents);
        for (var a = 0; a < settings.Agents + WarmUpAgents; a++)
        {
            var agent = new HubConnectionBuilder()
                .WithUrl(new Uri(server.Address, "/hubs/agent?agent=" + AgentId(a)), options =>
                {
                    options.AccessTokenProvider = () => Task.FromResult<string?>(token);
                    options.Transports = HttpTransportType.WebSockets;
                    options.SkipNegotiation = true;
                })
                .Build();
            agent.On<JsonElement>("OfferMade", offer => _ = AcceptAsync(agent, offer.GetProperty("offer").GetInt64()));
            agent.On<JsonElement>("ChatMessage", message => _ = AnswerAsync(agent, message));
            await agent.StartAsync();
            await agent.InvokeAsync("SetPresence", "available", (string?)null);
            agents.Add(agent);
        }

        return agents;
    }

    private async Task AcceptAsync(HubConnection agent, long offer)
    {
        try
        {
            await agent.InvokeAsync<JsonElement>("Accept", offer);
        }
        catch (HubException refused)
        {
            failures.Add("accept: " + refused.Message);
        }
    }

    private async Task AnswerAsync(HubConnection agent, JsonElement message)
    {
        if (message.GetProperty("sender").GetString() != "customer")
        {
            return;
        }

        var arrived = Stopwatch.GetTimestamp();
        var text = message.GetProperty("text").GetString()!;
        if (customerSent.TryRemove(text, out var sent))
        {
            toAgent.Add(Stopwatch.GetElapsedTime(sent, arrived).TotalMilliseconds);
        }

        var reply = "re " + text;
        agentSent[reply] = Stopwatch.GetTimestamp();
        try
        {
            await agent.InvokeAsync<long>("SendMessage", message.GetProperty("conversation").GetGuid(), reply, Guid.NewGuid().ToString("N"));
        }
        catch (HubException refused)
        {
            failures.Add("agent send: " + refused.Message);
        }
    }

    /// <summary>Agents serving the warm-up round (none without one).</summary>
    private int WarmUpAgents => (settings.WarmUpConversations + 9) / 10;

    private async Task<Conversation?> StartAsync(HttpClient customers, int index, string topic, int messages)
    {
        using var response = await customers.PostAsJsonAsync($"/api/chat/widgets/{Widget}/conversations", new { language = "en", topic });
        if (!response.IsSuccessStatusCode)
        {
            failures.Add($"start {index}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            return null;
        }

        var started = await response.Content.ReadFromJsonAsync<JsonElement>();
        return new Conversation(this, customers, started.GetProperty("conversation").GetGuid(), started.GetProperty("token").GetString()!, index, messages);
    }

    /// <summary>Time from a contact's creation being answered to the wallboard's push that counts it, 20 times.</summary>
    private async Task<List<double>> MeasureWallboardAsync()
    {
        var lags = new List<double>();
        var seen = new ConcurrentQueue<(int Waiting, long At)>();
        await using var board = new HubConnectionBuilder()
            .WithUrl(new Uri(server.Address, "/hubs/supervisor"), options =>
            {
                options.AccessTokenProvider = () => Task.FromResult<string?>(token);
                options.Transports = HttpTransportType.WebSockets;
                options.SkipNegotiation = true;
            })
            .Build();
        var waiting = 0;
        var changed = new SemaphoreSlim(0);
        board.On<JsonElement>("QueueChanged", queue =>
        {
            if (queue.GetProperty("queue").GetString() == WallboardQueue)
            {
                seen.Enqueue((queue.GetProperty("waiting").GetInt32(), Stopwatch.GetTimestamp()));
                changed.Release();
            }
        });
        await board.StartAsync();
        for (var i = 0; i < 20; i++)
        {
            var created = Stopwatch.GetTimestamp();
            using var response = await admin.PostAsJsonAsync("/api/contacts", new { queue = WallboardQueue, language = "en" });
            if (!response.IsSuccessStatusCode)
            {
                failures.Add("wallboard probe contact: " + (int)response.StatusCode);
                continue;
            }

            waiting++;
            while (true)
            {
                if (!await changed.WaitAsync(TimeSpan.FromSeconds(10)))
                {
                    failures.Add($"wallboard never showed {waiting} waiting");
                    break;
                }

                if (seen.TryDequeue(out var push) && push.Waiting >= waiting)
                {
                    lags.Add(Stopwatch.GetElapsedTime(created, push.At).TotalMilliseconds);
                    break;
                }
            }

            await Task.Delay(300);
        }

        return lags;
    }

    private static string AgentId(int index) => "chat-agent-" + index.ToString(CultureInfo.InvariantCulture);

    internal static async Task CreatedAsync(Task<HttpResponseMessage> sending)
    {
        using var response = await sending;
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Seeding failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    /// <summary>One customer: the event stream open for the whole conversation, messages sent with a think time.</summary>
    private sealed class Conversation(ChatLoad load, HttpClient http, Guid id, string secret, int index, int messages)
    {
        public async Task RunAsync(Action connected, Task everyoneConnected)
        {
            using var stream = new CancellationTokenSource();
            var isConnected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var reading = ReadAsync(isConnected, stream.Token);
            try
            {
                await isConnected.Task.WaitAsync(TimeSpan.FromMinutes(3));
            }
            catch (TimeoutException)
            {
                load.failures.Add($"conversation {index} never connected");
                connected();
                await stream.CancelAsync();
                return;
            }

            connected();
            await everyoneConnected;
            var random = new Random(index);
            for (var m = 0; m < messages; m++)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(1000 + random.Next(2000)));
                var text = string.Create(CultureInfo.InvariantCulture, $"c{index} m{m}");
                var reply = load.replies.GetOrAdd("re " + text, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
                load.customerSent[text] = Stopwatch.GetTimestamp();
                using var request = Request(HttpMethod.Post, "/messages");
                request.Content = JsonContent.Create(new { text, clientMessageId = Guid.NewGuid().ToString("N") });
                using var response = await http.SendAsync(request);
                if (!response.IsSuccessStatusCode)
                {
                    load.failures.Add($"send {text}: {(int)response.StatusCode}");
                    continue;
                }

                if (await Task.WhenAny(reply.Task, Task.Delay(TimeSpan.FromSeconds(30))) != reply.Task)
                {
                    load.failures.Add($"no reply to {text}");
                }
            }

            using var end = Request(HttpMethod.Post, "/end");
            using var ended = await http.SendAsync(end);
            await stream.CancelAsync();
            try
            {
                await reading;
            }
            catch (OperationCanceledException)
            {
            }
        }

        private async Task ReadAsync(TaskCompletionSource connected, CancellationToken cancellationToken)
        {
            try
            {
                using var request = Request(HttpMethod.Get, "/stream?after=0");
                request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
                response.EnsureSuccessStatusCode();
                using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken));
                string? type = null;
                while (await reader.ReadLineAsync(cancellationToken) is { } line)
                {
                    if (line.StartsWith("event:", StringComparison.Ordinal))
                    {
                        type = line[6..].Trim();
                    }
                    else if (line.StartsWith("data:", StringComparison.Ordinal))
                    {
                        Handle(type, line[5..].TrimStart(), connected);
                    }
                    else if (line.Length == 0)
                    {
                        type = null;
                    }
                }
            }
            catch (OperationCanceledException)
            {
            }
            catch (HttpRequestException broken)
            {
                load.failures.Add($"stream {index}: {broken.Message}");
            }
        }

        private void Handle(string? type, string data, TaskCompletionSource connected)
        {
            var arrived = Stopwatch.GetTimestamp();
            using var json = JsonDocument.Parse(data);
            var root = json.RootElement;
            if (type == "state" && root.GetProperty("state").GetString() == "connected")
            {
                connected.TrySetResult();
            }
            else if (type == "message" && root.GetProperty("sender").GetString() == "agent")
            {
                var text = root.GetProperty("text").GetString()!;
                if (load.agentSent.TryRemove(text, out var sent))
                {
                    load.toCustomer.Add(Stopwatch.GetElapsedTime(sent, arrived).TotalMilliseconds);
                }

                if (load.replies.TryRemove(text, out var waiting))
                {
                    waiting.TrySetResult();
                }

                // As the widget does: tell the agent the message arrived.
                _ = DeliveredAsync(root.GetProperty("sequence").GetInt64());
            }
        }

        private async Task DeliveredAsync(long sequence)
        {
            try
            {
                using var request = Request(HttpMethod.Post, "/delivered");
                request.Content = JsonContent.Create(new { upTo = sequence });
                using var response = await http.SendAsync(request);
                if (!response.IsSuccessStatusCode)
                {
                    load.failures.Add($"delivered {index}/{sequence}: {(int)response.StatusCode}");
                }
            }
            catch (HttpRequestException broken)
            {
                load.failures.Add($"delivered {index}/{sequence}: {broken.Message}");
            }
        }

        private HttpRequestMessage Request(HttpMethod method, string path)
        {
            var request = new HttpRequestMessage(method, $"/api/chat/conversations/{id}{path}");
            request.Headers.Authorization = new AuthenticationHeaderValue("Conversation", secret);
            return request;
        }
    }
}

/// <summary>Median, 99th percentile and count of a set of times in milliseconds.</summary>
internal sealed record Summary(double Median, double P99, int Count)
{
    public static Summary Of(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0
            ? new Summary(double.NaN, double.NaN, 0)
            : new Summary(Math.Round(sorted[sorted.Length / 2], 1), Math.Round(sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(sorted.Length * 0.99) - 1)], 1), sorted.Length);
    }
}

/// <summary>What <see cref="ChatLoad"/> measured.</summary>
internal sealed record ChatReport(
    string Database,
    int Conversations,
    int Agents,
    int MessagesPerConversation,
    double SecondsToConnectAll,
    Summary CustomerToAgentMilliseconds,
    Summary AgentToCustomerMilliseconds,
    double ServerKilobytesPerConversation,
    double ServerResidentMegabytes,
    Summary WallboardLagMilliseconds,
    double ServerCpuMillisecondsPerMessage,
    double GeneratorCpuMillisecondsPerMessage,
    long StoreCommits,
    double MessagesPerCommit,
    double MillisecondsPerCommit,
    IReadOnlyList<string> Failures)
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Options);

    public string ToTable() => string.Join(Environment.NewLine,
    [
        $"chat load on {Database}: {Conversations} conversations open at once, {Agents} agents, {MessagesPerConversation} messages each way per conversation",
        $"  all connected to an agent in  {SecondsToConnectAll} s",
        $"  customer -> agent desk        median {CustomerToAgentMilliseconds.Median} ms, p99 {CustomerToAgentMilliseconds.P99} ms ({CustomerToAgentMilliseconds.Count} messages)",
        $"  agent -> customer page        median {AgentToCustomerMilliseconds.Median} ms, p99 {AgentToCustomerMilliseconds.P99} ms ({AgentToCustomerMilliseconds.Count} messages)",
        $"  server memory per conversation {ServerKilobytesPerConversation} KB (resident {ServerResidentMegabytes} MB with all open)",
        $"  wallboard update lag          median {WallboardLagMilliseconds.Median} ms, p99 {WallboardLagMilliseconds.P99} ms ({WallboardLagMilliseconds.Count} probes)",
        $"  CPU per message stored        server {ServerCpuMillisecondsPerMessage} ms, load generator {GeneratorCpuMillisecondsPerMessage} ms (messages phase)",
        $"  chat store                    {StoreCommits} group commits, {MessagesPerCommit} messages and {MillisecondsPerCommit} ms each",
        .. Failures.Select(f => "  FAILURE " + f),
    ]);
}
