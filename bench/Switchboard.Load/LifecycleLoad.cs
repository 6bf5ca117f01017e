using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;

namespace Switchboard.Load;

/// <summary>
/// Complete contact lifecycles over HTTP: a virtual customer creates a contact (with an <c>Idempotency-Key</c>), the
/// agent it is offered to accepts, ends the conversation and finishes wrap-up; then the customer starts again. With at
/// least as many agents as customers every new contact finds a free agent, so the offer comes in the create's answer;
/// if it does not, the customer waits for it the way an agent desktop would (reading the contact, then the agent's offers).
/// </summary>
internal sealed class LifecycleLoad(HttpClient http, LoadSettings settings)
{
    public const string Client = "load";
    public const string Queue = "load-calls";

    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    /// <summary>The request kinds timed, in report order.</summary>
    public static readonly string[] Kinds = ["create", "accept", "end", "wrap-up", "find-offer"];

    private long measureFrom = long.MaxValue;
    private long measureUntil = long.MaxValue;
    private volatile bool stopping;

    /// <summary>A client, a queue needing one skill, and <see cref="LoadSettings.Agents"/> agents with it, all available.</summary>
    public async Task SeedAsync()
    {
        await Send(HttpMethod.Post, "/api/clients", new { id = Client, name = "Load test", routingDomain = Client });
        await Send(HttpMethod.Post, "/api/queues", new
        {
            id = Queue,
            client = Client,
            name = "Load test calls",
            settings = new { stages = new[] { new { skills = new[] { new { skill = "general", minimum = 1 } } } } },
        });
        var agents = Enumerable.Range(1, settings.Agents).Select(n => string.Create(CultureInfo.InvariantCulture, $"load-agent-{n:D5}")).ToList();
        await Parallel.ForEachAsync(agents, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (agent, _) =>
        {
            await Send(HttpMethod.Post, "/api/agents", new
            {
                id = agent,
                routingDomain = Client,
                name = agent,
                settings = new
                {
                    skills = new[] { new { skill = "general", proficiency = 3 } },
                    languages = new[] { new { tag = "en" } },
                    capacity = new { voice = 1 },
                },
            });
            await Send(HttpMethod.Put, $"/api/agents/{agent}/presence", new { presence = "available" });
        });
    }

    /// <summary>Warms up, then measures for the configured duration; the server's CPU time is read at both ends.</summary>
    public async Task<LoadReport> MeasureAsync(ServerProcess server)
    {
        var workers = Enumerable.Range(0, settings.Customers).Select(_ => new Customer()).ToArray();
        var running = workers.Select(RunAsync).ToArray();
        await Task.Delay(settings.WarmUp);

        var before = await ServerFigures.ReadAsync(http, server);
        var process = Process.GetCurrentProcess();
        var ownCpu = process.TotalProcessorTime;
        Interlocked.Exchange(ref measureFrom, Stopwatch.GetTimestamp());
        await Task.Delay(settings.Duration);
        Interlocked.Exchange(ref measureUntil, Stopwatch.GetTimestamp());
        var after = await ServerFigures.ReadAsync(http, server);
        process.Refresh();
        var loadCpu = process.TotalProcessorTime - ownCpu;
        var seconds = Stopwatch.GetElapsedTime(measureFrom, measureUntil).TotalSeconds;

        stopping = true;
        await Task.WhenAll(running);
        return LoadReport.From(settings, workers, seconds, after - before, loadCpu);
    }

    /// <summary>Runs lifecycles until the server has stored at least <paramref name="events"/> routing events.</summary>
    public async Task<long> FillLogAsync(ServerProcess server, long events)
    {
        var workers = Enumerable.Range(0, settings.Customers).Select(_ => new Customer()).ToArray();
        var running = workers.Select(RunAsync).ToArray();
        long stored;
        while ((stored = (await ServerFigures.ReadAsync(http, server)).Events) < events)
        {
            await Task.Delay(200);
        }

        stopping = true;
        await Task.WhenAll(running);
        return (await ServerFigures.ReadAsync(http, server)).Events;
    }

    private async Task RunAsync(Customer customer)
    {
        // Spread the customers' first requests a little, as real arrivals would be.
        await Task.Yield();
        while (!stopping)
        {
            try
            {
                await LifecycleAsync(customer);
            }
            catch (HttpRequestException failure)
            {
                customer.Fail("transport", failure.Message);
            }
        }
    }

    private async Task LifecycleAsync(Customer customer)
    {
        var key = Guid.NewGuid().ToString();
        var started = Stopwatch.GetTimestamp();
        var (createdOk, created) = await Timed<ContactCreated>(customer, "create", HttpMethod.Post, "/api/contacts", new { queue = Queue, channel = "voice", language = "en" },
            request => request.Headers.Add("Idempotency-Key", key));
        if (!createdOk || created is null)
        {
            return;
        }

        var offer = created.Offer;
        if (offer is null)
        {
            customer.Waited++;
            offer = await FindOfferAsync(customer, created.Id);
            if (offer is null)
            {
                return;
            }
        }

        if (!(await Timed<JsonElement>(customer, "accept", HttpMethod.Post, $"/api/agents/{offer.Agent}/offers/{offer.Id}/accept", null)).Ok
            || !(await Timed<JsonElement>(customer, "end", HttpMethod.Post, $"/api/contacts/{created.Id}/end", null)).Ok
            || !(await Timed<JsonElement>(customer, "wrap-up", HttpMethod.Post, $"/api/contacts/{created.Id}/wrap-up", new { disposition = "resolved" })).Ok)
        {
            return;
        }

        var finished = Stopwatch.GetTimestamp();
        if (started >= Volatile.Read(ref measureFrom) && finished <= Volatile.Read(ref measureUntil))
        {
            customer.Lifecycles++;
            customer.Record("lifecycle", finished - started);
        }
    }

    private async Task<OfferMade?> FindOfferAsync(Customer customer, Guid contact)
    {
        var deadline = Stopwatch.GetTimestamp() + Stopwatch.Frequency * 30;
        while (!stopping && Stopwatch.GetTimestamp() < deadline)
        {
            var (ok, view) = await Timed<ContactView>(customer, "find-offer", HttpMethod.Get, $"/api/contacts/{contact}", null);
            if (ok && view is { State: "offered", Agent: { } agent })
            {
                var (found, offers) = await Timed<OfferView[]>(customer, "find-offer", HttpMethod.Get, $"/api/agents/{agent}/offers", null);
                if (found && offers?.FirstOrDefault(o => o.Contact == contact) is { } offer)
                {
                    return new OfferMade(offer.Id, agent);
                }
            }

            await Task.Delay(2);
        }

        customer.Fail("find-offer", "no offer within 30 s");
        return null;
    }

    private async Task<(bool Ok, T? Body)> Timed<T>(Customer customer, string kind, HttpMethod method, string path, object? body, Action<HttpRequestMessage>? prepare = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, options: Web);
        }

        prepare?.Invoke(request);
        var started = Stopwatch.GetTimestamp();
        using var response = await http.SendAsync(request);
        var answer = response.Content.Headers.ContentLength is > 0 && typeof(T) != typeof(JsonElement)
            ? await response.Content.ReadFromJsonAsync<T>(Web)
            : default;
        if (response.Content.Headers.ContentLength is > 0 && typeof(T) == typeof(JsonElement))
        {
            await response.Content.ReadAsByteArrayAsync();
        }

        var finished = Stopwatch.GetTimestamp();
        if (!response.IsSuccessStatusCode)
        {
            customer.Fail(kind, ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture));
            return (false, default);
        }

        if (started >= Volatile.Read(ref measureFrom) && finished <= Volatile.Read(ref measureUntil))
        {
            customer.Record(kind, finished - started);
        }

        return (true, answer);
    }

    private async Task Send(HttpMethod method, string path, object body)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative)) { Content = JsonContent.Create(body, options: Web) };
        using var response = await http.SendAsync(request);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{method} {path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    private sealed record ContactCreated(Guid Id, OfferMade? Offer);

    private sealed record OfferMade(long Id, string Agent);

    private sealed record ContactView(Guid Id, string State, string? Agent);

    private sealed record OfferView(long Id, Guid Contact);
}

/// <summary>One virtual customer's tallies (kept apart per customer, so recording needs no lock).</summary>
internal sealed class Customer
{
    public Dictionary<string, List<long>> Latencies { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, int> Failures { get; } = new(StringComparer.Ordinal);

    public string? LastFailure { get; private set; }

    public int Lifecycles { get; set; }

    /// <summary>Lifecycles whose contact was not offered in the create's answer.</summary>
    public int Waited { get; set; }

    public void Record(string kind, long ticks)
    {
        if (!Latencies.TryGetValue(kind, out var list))
        {
            Latencies[kind] = list = [];
        }

        list.Add(ticks);
    }

    public void Fail(string kind, string status)
    {
        var key = kind + " " + status;
        Failures[key] = Failures.GetValueOrDefault(key) + 1;
        LastFailure = key;
    }
}
