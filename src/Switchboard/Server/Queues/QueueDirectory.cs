using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Switchboard.Calendars;
using Switchboard.Persistence;

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
        // Stored settings were validated when they were written; a zone since removed from the system reads as always open.
        var hours = settings?.OpeningHours?.ToOpeningHours().Hours;
        return queues[queue] = new QueueEntry(found.Client, found.Domain, hours, settings?.CallbackOfferThreshold);
    }

    /// <summary>Drops a queue's entry after its settings changed; the next request reads them again.</summary>
    public void Forget(string queue) => queues.TryRemove(queue, out _);
}

/// <summary>A queue's client, routing domain, opening hours (null: always open) and the expected wait beyond which a
/// waiting customer is offered a callback (null: never).</summary>
internal sealed record QueueEntry(string Client, string Domain, OpeningHours? Hours, TimeSpan? CallbackOfferThreshold = null)
{
    /// <summary>Whether the queue is open at <paramref name="now"/>, and if not, when it next opens (null: never again).</summary>
    public (bool Open, DateTimeOffset? NextOpening) OpenAt(DateTimeOffset now) =>
        Hours is null ? (true, null) : Hours.IsOpen(now) ? (true, null) : (false, Hours.NextOpening(now));
}
