using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Switchboard.Calendars;
using Switchboard.Persistence;

using Switchboard.Server.Contracts;

namespace Switchboard.Server.Queues;

/// <summary>
/// Which client and routing domain each queue belongs to (neither ever changes) and its opening hours, cached so
/// creating a contact skips the database. A change of the queue's settings drops its entry (<see cref="Forget"/>).
/// Callers still apply the request's <see cref="DataScope"/> to the client found.
/// </summary>
internal sealed class QueueDirectory(IDbContextFactory<SwitchboardDb> databases, IOptions<JsonOptions> json)
{
    private readonly ConcurrentDictionary<string, QueueEntry> queues = new(StringComparer.Ordinal);

    public async Task<QueueEntry?> FindAsync(string queue, CancellationToken cancellationToken)
    {
        if (queues.TryGetValue(queue, out var known))
        {
            return known;
        }

        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var found = await db.Queues.AsNoTracking().Where(q => q.Id == queue).Select(q => new { q.Client, q.Domain, q.Definition }).SingleOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            return null;
        }

        var settings = JsonSerializer.Deserialize<QueueSettings>(found.Definition, json.Value.SerializerOptions);
        var hours = await HoursAsync(db, found.Client, settings, cancellationToken);
        return queues[queue] = new QueueEntry(
            found.Client, found.Domain, hours, settings?.CallbackOfferThreshold, settings?.PreferredAgentWait ?? QueueSettings.DefaultPreferredAgentWait);
    }

    /// <summary>Drops a queue's entry after its settings changed; the next request reads them again.</summary>
    public void Forget(string queue) => queues.TryRemove(queue, out _);

    /// <summary>Drops the entries of a client's queues after its contract (and so perhaps its opening hours) changed.</summary>
    public void ForgetClient(string client)
    {
        foreach (var (id, entry) in queues)
        {
            if (string.Equals(entry.Client, client, StringComparison.Ordinal))
            {
                queues.TryRemove(id, out _);
            }
        }
    }

    /// <summary>
    /// When a queue is open: its own hours when it has them (a line open longer or shorter than the rest), else the hours
    /// the client's contract publishes to customers, so there is one source for what customers are told; null: always open.
    /// </summary>
    public static async Task<OpeningHours?> HoursAsync(SwitchboardDb db, string client, QueueSettings? settings, CancellationToken cancellationToken) =>
        OwnHours(settings) ?? (await ContractsApi.ContractAsync(db, client, cancellationToken))?.OpeningHours;

    /// <summary>A queue's own opening hours, or null when it keeps its client's contract's.</summary>
    public static OpeningHours? OwnHours(QueueSettings? settings) =>
        // Stored settings were validated when they were written; a zone since removed from the system reads as the contract's hours.
        settings?.OpeningHours?.ToOpeningHours().Hours;
}

/// <summary>A queue's client, routing domain, opening hours (its own, else its client's contract's; null: always open), the expected wait beyond which a
/// waiting customer is offered a callback (null: never), and how long a contact is kept for its preferred agent unless the caller says.</summary>
internal sealed record QueueEntry(string Client, string Domain, OpeningHours? Hours, TimeSpan? CallbackOfferThreshold = null, TimeSpan? PreferredAgentWait = null)
{
    /// <summary>Whether the queue is open at <paramref name="now"/>, and if not, when it next opens (null: never again).</summary>
    public (bool Open, DateTimeOffset? NextOpening) OpenAt(DateTimeOffset now) =>
        Hours is null ? (true, null) : Hours.IsOpen(now) ? (true, null) : (false, Hours.NextOpening(now));
}
