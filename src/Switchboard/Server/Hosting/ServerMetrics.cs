using System.Diagnostics.Metrics;

namespace Switchboard.Server.Hosting;

/// <summary>Switchboard's own metrics (OpenTelemetry, scraped at <c>/metrics</c>): decisions, offers, stored events.</summary>
internal sealed class ServerMetrics : IDisposable
{
    public const string MeterName = "Switchboard";

    private readonly Meter meter;

    public ServerMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        meter = meters.Create(MeterName);
        EventsStored = meter.CreateCounter<long>("switchboard.routing.events", unit: "{event}", description: "Routing events stored");
        Batches = meter.CreateHistogram<double>("switchboard.routing.batch.duration", unit: "s", description: "Time to store one writer batch");
        ContactsCreated = meter.CreateCounter<long>("switchboard.contacts.created", unit: "{contact}", description: "Contacts queued through the API");
        Offers = meter.CreateCounter<long>("switchboard.offers", unit: "{offer}", description: "Offers made to agents");
    }

    public Counter<long> EventsStored { get; }

    public Histogram<double> Batches { get; }

    public Counter<long> ContactsCreated { get; }

    public Counter<long> Offers { get; }

    /// <summary>Registers an observable gauge (queue sizes come from the routing domains).</summary>
    public void ObserveGauge(string name, Func<IEnumerable<Measurement<long>>> observe, string unit, string description) =>
        meter.CreateObservableGauge(name, observe, unit, description);

    public void Dispose() => meter.Dispose();
}
