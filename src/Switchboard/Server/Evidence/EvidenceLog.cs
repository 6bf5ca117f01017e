using Microsoft.EntityFrameworkCore;
using Switchboard.Agents;
using Switchboard.Contacts;
using Switchboard.Persistence;
using Switchboard.Persistence.Events;
using Switchboard.Routing;

namespace Switchboard.Server.Evidence;

/// <summary>
/// What the routing log itself shows for a period, read straight from the stored events: how many of each kind, whether
/// each routing domain's sequence is whole over the period, and the few facts only an event's payload carries (the wait
/// announced on arrival, a wrap-up marked as a complaint, a break the well-being guard granted).
/// </summary>
internal sealed record EvidenceLog(
    int Domains, long Events, int DomainsWithGaps, IReadOnlyDictionary<RoutingEventType, long> Counts,
    long Queued, long QueuedWithEstimate, long Completed, long CompletedAsComplaint, long WellBeingBreaks)
{
    public long Count(RoutingEventType type) => Counts.GetValueOrDefault(type);

    /// <summary>Reads the domains' events in [<paramref name="from"/>, <paramref name="to"/>); contact events only of
    /// <paramref name="client"/> when one is named (agent events belong to the whole domain, so they always count).</summary>
    public static async Task<EvidenceLog> ReadAsync(
        SwitchboardDb db, IReadOnlyCollection<string> domains, DateTimeOffset from, DateTimeOffset to, string? client, string wellBeingReason, CancellationToken cancellationToken)
    {
        var counts = new Dictionary<RoutingEventType, long>();
        long events = 0, queued = 0, estimated = 0, completed = 0, complaints = 0, wellBeing = 0;
        var gaps = 0;
        var connection = db.Database.GetDbConnection();
        foreach (var domain in domains)
        {
            long after, last;
            await db.Database.OpenConnectionAsync(cancellationToken);
            try
            {
                after = await EventLog.SequenceBeforeAsync(connection, domain, from, cancellationToken);
                last = await EventLog.SequenceBeforeAsync(connection, domain, to, cancellationToken);
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }

            var range = db.Events.AsNoTracking().Where(e => e.Domain == domain && e.Sequence > after && e.Sequence <= last);

            // (domain, sequence) is unique, so as many rows as the span of numbers means none is missing.
            var stored = await range.LongCountAsync(cancellationToken);
            events += stored;
            if (stored != last - after)
            {
                gaps++;
            }

            var mine = range.Where(e => client == null || e.Client == null || e.Client == client);
            foreach (var kind in await mine.GroupBy(e => e.Type).Select(g => new { g.Key, Count = g.LongCount() }).ToListAsync(cancellationToken))
            {
                var type = (RoutingEventType)kind.Key;
                counts[type] = counts.GetValueOrDefault(type) + kind.Count;
            }

            var payloads = mine.Where(e => e.Type == (int)RoutingEventType.ContactQueued
                || e.Type == (int)RoutingEventType.ContactCompleted
                || (e.Type == (int)RoutingEventType.AgentPresenceChanged && e.Number == (int)Presence.Break));
            await foreach (var row in payloads.AsAsyncEnumerable().WithCancellation(cancellationToken))
            {
                var e = EventPayloads.Read(row);
                switch (e.Type)
                {
                    case RoutingEventType.ContactQueued:
                        queued++;
                        estimated += e.Estimate is null ? 0 : 1;
                        break;
                    case RoutingEventType.ContactCompleted:
                        completed++;
                        complaints += e.Detail is Disposition { Complaint: true } ? 1 : 0;
                        break;
                    default:
                        wellBeing += e.Detail is string reason && string.Equals(reason, wellBeingReason, StringComparison.Ordinal) ? 1 : 0;
                        break;
                }
            }
        }

        return new(domains.Count, events, gaps, counts, queued, estimated, completed, complaints, wellBeing);
    }
}
