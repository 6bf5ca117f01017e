using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Switchboard.Persistence;
using Switchboard.Persistence.Events;
using Switchboard.Server.Hosting;

namespace Switchboard.Server.RoutingDomains;

/// <summary>
/// The routing domains this process runs: each is started (its engine rebuilt from its log) before the server takes
/// requests, or when its first client is created. One process runs them all today; because each has its own writer and
/// its own event stream, they can later be placed on different nodes without changing how they work.
/// </summary>
internal sealed class RoutingDomainHost(
    IDbContextFactory<SwitchboardDb> databases,
    EventAppender appender,
    TimeProvider time,
    EventFeed feed,
    ILoggerFactory loggers,
    IOptions<ServerSettings> settings,
    IOptions<SnapshotSettings> snapshots,
    ServerMetrics metrics,
    ContactDirectory contacts) : IHostedService, IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<Task<RoutingDomain>>> domains = new(StringComparer.Ordinal);
    private volatile bool ready;

    /// <summary>True once every domain known at start has been rebuilt.</summary>
    public bool Ready => ready;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        List<string> known;
        await using (var db = await databases.CreateDbContextAsync(cancellationToken).ConfigureAwait(false))
        {
            var fromClients = await db.Clients.AsNoTracking().Select(c => c.Domain).Distinct().ToListAsync(cancellationToken).ConfigureAwait(false);
            var fromEvents = await db.Events.AsNoTracking().Select(e => e.Domain).Distinct().ToListAsync(cancellationToken).ConfigureAwait(false);
            known = [.. fromClients.Union(fromEvents, StringComparer.Ordinal)];
        }

        await Task.WhenAll(known.Select(d => GetAsync(d))).ConfigureAwait(false);
        ready = true;
    }

    /// <summary>The running domain, started now if it is not yet.</summary>
    public Task<RoutingDomain> GetAsync(string domain) =>
        domains.GetOrAdd(domain, id => new Lazy<Task<RoutingDomain>>(() => RoutingDomain.StartAsync(
            id, databases, appender, time, feed, loggers.CreateLogger<RoutingDomain>(), settings.Value.Routing, metrics, contacts,
            snapshots.Value.SnapshotEvery, CancellationToken.None))).Value;

    /// <summary>The domains started so far (for metrics and readiness).</summary>
    public IEnumerable<RoutingDomain> Started =>
        domains.Values.Where(d => d.IsValueCreated && d.Value.IsCompletedSuccessfully).Select(d => d.Value.GetAwaiter().GetResult());

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        ready = false;
        foreach (var domain in domains.Values)
        {
            if (domain.IsValueCreated && domain.Value.IsCompletedSuccessfully)
            {
                await (await domain.Value.ConfigureAwait(false)).DisposeAsync().ConfigureAwait(false);
            }
        }

        domains.Clear();
    }

    public async ValueTask DisposeAsync() => await StopAsync(CancellationToken.None).ConfigureAwait(false);
}
