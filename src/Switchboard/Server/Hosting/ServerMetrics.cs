using System.Diagnostics.Metrics;

namespace Switchboard.Server.Hosting;

/// <summary>Switchboard's own metrics (OpenTelemetry, scraped at <c>/metrics</c>): decisions, offers, stored events.</summary>
internal sealed class ServerMetrics : IDisposable
{
    public const string MeterName = "Switchboard";

    /// <summary>
    /// The framework's meters exported beside ours: API latency and requests in flight (hosting), connections (Kestrel,
    /// SignalR, screens' circuits), handled exceptions and sign-ins. Left out are the meters that record several
    /// measurements on every request and say nothing the request duration's route and status do not: routing match
    /// attempts, authentication and authorization, rate-limit leases and the memory pool's blocks (together a few
    /// percent of the server's CPU under load; see bench/README.md).
    /// </summary>
    public static readonly string[] FrameworkMeters =
    [
        "Microsoft.AspNetCore.Hosting",
        "Microsoft.AspNetCore.Server.Kestrel",
        "Microsoft.AspNetCore.Http.Connections",
        "Microsoft.AspNetCore.Components.Server.Circuits",
        "Microsoft.AspNetCore.Diagnostics",
        "Microsoft.AspNetCore.Identity",
    ];

    private readonly Meter meter;

    public ServerMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        meter = meters.Create(MeterName);
        EventsStored = meter.CreateCounter<long>("switchboard.routing.events", unit: "{event}", description: "Routing events stored");
        Batches = meter.CreateHistogram<double>("switchboard.routing.batch.duration", unit: "s", description: "Time to store one writer batch");
        ContactsCreated = meter.CreateCounter<long>("switchboard.contacts.created", unit: "{contact}", description: "Contacts queued through the API");
        Offers = meter.CreateCounter<long>("switchboard.offers", unit: "{offer}", description: "Offers made to agents");
        Decisions = meter.CreateCounter<long>("switchboard.routing.decisions", unit: "{decision}", description: "Routing decisions made");
        ChatMessagesStored = meter.CreateCounter<long>("switchboard.chat.messages", unit: "{message}", description: "Chat messages stored");
        ChatStoreBatches = meter.CreateHistogram<double>("switchboard.chat.store.duration", unit: "s", description: "Time to store one group commit of chat messages");
    }

    public Counter<long> EventsStored { get; }

    public Histogram<double> Batches { get; }

    public Counter<long> ContactsCreated { get; }

    public Counter<long> Offers { get; }

    public Counter<long> Decisions { get; }

    public Counter<long> ChatMessagesStored { get; }

    public Histogram<double> ChatStoreBatches { get; }

    /// <summary>Queue sizes and longest waits, read from the routing domains at each scrape.</summary>
    public void ObserveQueues(Func<IEnumerable<(string Domain, string Queue, int Waiting, DateTimeOffset? LongestWaitingSince)>> queues, TimeProvider time)
    {
        meter.CreateObservableGauge("switchboard.queue.waiting", () => queues().Select(q =>
            new Measurement<long>(q.Waiting, new KeyValuePair<string, object?>("domain", q.Domain), new KeyValuePair<string, object?>("queue", q.Queue))),
            unit: "{contact}", description: "Contacts waiting in the queue");
        meter.CreateObservableGauge("switchboard.queue.longest_wait", () => queues().Select(q =>
            new Measurement<double>(q.LongestWaitingSince is { } since ? Math.Max(0, (time.GetUtcNow() - since).TotalSeconds) : 0,
                new KeyValuePair<string, object?>("domain", q.Domain), new KeyValuePair<string, object?>("queue", q.Queue))),
            unit: "s", description: "How long the longest-waiting contact has waited");
    }

    public void Dispose() => meter.Dispose();
}
