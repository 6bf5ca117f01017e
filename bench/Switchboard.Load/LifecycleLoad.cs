using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Net.Http.Json;
using System.Text.Json;

namespace Switchboard.Load;

/// <summary>
/// Complete contact lifecycles over HTTP: a virtual customer creates a contact (with an <c>Idempotency-Key</c>), the
/// agent it is offered to accepts, ends the conversation and finishes wrap-up; then the customer starts again. With at
/// least as many agents as customers every new contact finds a free agent, so the offer comes in the create's answer;
/// if it does not, the customer waits for it the way an agent desktop would (reading the contact, then the agent's offers).
/// </summary>
internal sealed class LifecycleLoad(HttpClient http, LoadSettings settings, Func<ILoadConnection> connect)
{
    public const string Client = "load";
    public const string Queue = "load-calls";

    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    // The two request bodies of a lifecycle, encoded once.
    private static readonly ReadOnlyMemory<byte> NewContact = """{"queue":"load-calls","channel":"voice","language":"en"}"""u8.ToArray();
    private static readonly ReadOnlyMemory<byte> Resolved = """{"disposition":"resolved"}"""u8.ToArray();

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
        using var connection = connect();

        // Spread the customers' first requests a little, as real arrivals would be.
        await Task.Yield();
        while (!stopping)
        {
            await LifecycleAsync(customer, connection);
        }
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask LifecycleAsync(Customer customer, ILoadConnection connection)
    {
        var started = Stopwatch.GetTimestamp();
        var created = await Timed(customer, connection, "create", HttpMethod.Post, "/api/contacts", NewContact, Expect.Contact, Guid.NewGuid());
        if (created is not { } contact)
        {
            return;
        }

        var offer = contact.Offer;
        if (offer is null)
        {
            customer.Waited++;
            offer = await FindOfferAsync(customer, connection, contact.Contact);
            if (offer is null)
            {
                return;
            }
        }

        var (id, agent, _) = offer.Value;
        if (await Timed(customer, connection, "accept", HttpMethod.Post, $"/api/agents/{agent}/offers/{id}/accept", default, Expect.Nothing) is null
            || await Timed(customer, connection, "end", HttpMethod.Post, $"/api/contacts/{contact.Contact}/end", default, Expect.Nothing) is null
            || await Timed(customer, connection, "wrap-up", HttpMethod.Post, $"/api/contacts/{contact.Contact}/wrap-up", Resolved, Expect.Nothing) is null)
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

    private async Task<OfferFields?> FindOfferAsync(Customer customer, ILoadConnection connection, Guid contact)
    {
        var deadline = Stopwatch.GetTimestamp() + Stopwatch.Frequency * 30;
        while (!stopping && Stopwatch.GetTimestamp() < deadline)
        {
            var view = await Timed(customer, connection, "find-offer", HttpMethod.Get, $"/api/contacts/{contact}", default, Expect.Contact);
            if (view is { State: "offered", Agent: { } agent })
            {
                var offers = await Timed(customer, connection, "find-offer", HttpMethod.Get, $"/api/agents/{agent}/offers", default, Expect.Offers);
                foreach (var offer in offers?.Offers ?? [])
                {
                    if (offer.Contact == contact)
                    {
                        return offer with { Agent = agent };
                    }
                }
            }

            await Task.Delay(2);
        }

        customer.Fail("find-offer", "no offer within 30 s");
        return null;
    }

    /// <summary>One request, timed; null (and a failure counted under <paramref name="kind"/>) unless it answered 2xx.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<Reply?> Timed(Customer customer, ILoadConnection connection, string kind, HttpMethod method, string path, ReadOnlyMemory<byte> body,
        Expect expect, Guid? idempotencyKey = null)
    {
        var started = Stopwatch.GetTimestamp();
        Reply reply;
        try
        {
            reply = await connection.SendAsync(method, path, body, idempotencyKey, expect);
        }
        catch (TransportFailure failure)
        {
            customer.Fail(kind, failure.Reason);
            return null;
        }

        var finished = Stopwatch.GetTimestamp();
        if (!reply.IsSuccess)
        {
            customer.Fail(kind, reply.Status.ToString(CultureInfo.InvariantCulture));
            return null;
        }

        if (started >= Volatile.Read(ref measureFrom) && finished <= Volatile.Read(ref measureUntil))
        {
            customer.Record(kind, finished - started);
        }

        return reply;
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
