using System.Globalization;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Switchboard.Persistence;
using Switchboard.Persistence.Events;
using Switchboard.Server.Audit;
using Switchboard.Server.Contacts;
using Switchboard.Server.RoutingDomains;
using Switchboard.Server.Security;

namespace Switchboard.Server.Integrations;

/// <summary>
/// The contact events for integrations: a page at a time (<c>GET /api/events</c>) or as a server-sent stream that
/// catches up from the log and then follows it live (<c>GET /api/events/stream</c>). Delivery is at least once: every
/// event carries the cursor after it, and a reader that reconnects with the last cursor it saw (the
/// <c>Last-Event-ID</c> header, or <c>?after=</c>) misses nothing.
/// </summary>
/// <remarks>
/// The cursor is a position per routing domain (<c>domain:sequence</c>, comma-separated). A domain's sequence is
/// gap-free and committed in order by its one writer, so "after sequence n" can never skip an event; one global
/// auto-increment id could, because two domains' transactions may commit out of id order.
/// </remarks>
internal static class EventsApi
{
    private const int PageLimit = 1000;

    public static void Map(RouteGroupBuilder api)
    {
        var group = api.MapGroup("/events").WithTags("Integrations");
        group.MapGet("/", Page).RequireAuthorization(Policies.EventsRead).Audited("events.read");
        group.MapGet("/stream", Stream).RequireAuthorization(Policies.EventsRead).Audited("events.stream");
    }

    /// <summary>One event as integrations see it (no personal data: ids, times, queues and agents).</summary>
    public sealed record IntegrationEvent(string Cursor, string Domain, long Sequence, DateTimeOffset At, string Type, string? Client, Guid? Contact, string? Agent, string? Queue, long? Offer);

    public sealed record EventPage(IReadOnlyList<IntegrationEvent> Events, string Cursor);

    public static async Task<Results<Ok<EventPage>, ValidationProblem>> Page(SwitchboardDb db, string? after, int? limit, CancellationToken cancellationToken)
    {
        if (!Cursor.TryParse(after, out var cursor))
        {
            return Problems.Field("after", "A cursor from an earlier event or page (domain:sequence, comma-separated).");
        }

        var rows = await ReadAsync(db, cursor, Math.Clamp(limit ?? 100, 1, PageLimit), cancellationToken);
        var events = rows.Select(row => View(row, cursor.Advance(row))).ToList();
        return TypedResults.Ok(new EventPage(events, cursor.ToString()));
    }

    public static Results<ServerSentEventsResult<IntegrationEvent>, ValidationProblem> Stream(
        HttpContext context, SwitchboardDb db, EventFeed feed, string? after)
    {
        var from = context.Request.Headers["Last-Event-ID"].FirstOrDefault() ?? after;
        if (!Cursor.TryParse(from, out var cursor))
        {
            return Problems.Field("after", "A cursor from an earlier event (domain:sequence, comma-separated).");
        }

        var scope = context.User.DataScope();
        return TypedResults.ServerSentEvents(Follow(db, feed, cursor, scope, context.RequestAborted));
    }

    private static async IAsyncEnumerable<SseItem<IntegrationEvent>> Follow(
        SwitchboardDb db, EventFeed feed, Cursor cursor, DataScope scope, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Subscribe before catching up, so nothing committed meanwhile is missed; what both paths see is skipped by
        // sequence, since the cursor only moves forward.
        using var live = feed.Subscribe();
        while (true)
        {
            List<StoredEvent> rows;
            do
            {
                rows = await ReadAsync(db, cursor, PageLimit, cancellationToken);
                foreach (var row in rows)
                {
                    var next = cursor.Advance(row);
                    yield return new SseItem<IntegrationEvent>(View(row, next), "contact-event") { EventId = next };
                }
            }
            while (rows.Count == PageLimit);

            live.Lagged = false;
            while (!live.Lagged)
            {
                CommittedBatch batch;
                try
                {
                    batch = await live.Reader.ReadAsync(cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    yield break;
                }

                foreach (var row in batch.Events)
                {
                    if (row.Sequence <= cursor.Last(row.Domain) || !Visible(row, scope))
                    {
                        continue;
                    }

                    if (row.Sequence != cursor.Last(row.Domain) + 1)
                    {
                        // A gap means a batch went by unseen (a domain's first events, or a drop): read the log.
                        live.Lagged = true;
                        break;
                    }

                    var next = cursor.Advance(row);
                    yield return new SseItem<IntegrationEvent>(View(row, next), "contact-event") { EventId = next };
                }
            }
        }
    }

    /// <summary>The same rule as the database's query filter, for events that arrive live rather than by query.</summary>
    private static bool Visible(StoredEvent row, DataScope scope) => scope.Client is null || string.Equals(row.Client, scope.Client, StringComparison.Ordinal);

    private static async Task<List<StoredEvent>> ReadAsync(SwitchboardDb db, Cursor cursor, int limit, CancellationToken cancellationToken)
    {
        // Per domain, in sequence; the query filter leaves a client viewer only their client's events. Events of
        // other clients in the same domain are not visible, so the cursor only moves over visible ones: that is fine,
        // a viewer never needs the others.
        var domains = await db.Events.AsNoTracking().Select(e => e.Domain).Distinct().ToListAsync(cancellationToken);
        var rows = new List<StoredEvent>();
        foreach (var domain in domains.Order(StringComparer.Ordinal))
        {
            var last = cursor.Last(domain);
            rows.AddRange(await db.Events.AsNoTracking().Where(e => e.Domain == domain && e.Sequence > last).OrderBy(e => e.Sequence).Take(limit - rows.Count)
                .ToListAsync(cancellationToken));
            if (rows.Count >= limit)
            {
                break;
            }
        }

        return rows;
    }

    private static IntegrationEvent View(StoredEvent row, string cursor) =>
        new(cursor, row.Domain, row.Sequence, row.At, ContactsApi.TypeName(row.Type), row.Client, row.Contact, row.Agent, row.Queue, row.Offer == 0 ? null : row.Offer);

    /// <summary>The last sequence read per routing domain.</summary>
    private sealed class Cursor
    {
        private readonly SortedDictionary<string, long> positions = new(StringComparer.Ordinal);

        public long Last(string domain) => positions.TryGetValue(domain, out var last) ? last : 0;

        /// <summary>Moves past <paramref name="row"/> and returns the cursor text after it.</summary>
        public string Advance(StoredEvent row)
        {
            positions[row.Domain] = Math.Max(Last(row.Domain), row.Sequence);
            return ToString();
        }

        public override string ToString()
        {
            var text = new StringBuilder();
            foreach (var (domain, sequence) in positions)
            {
                text.Append(text.Length == 0 ? "" : ",").Append(domain).Append(':').Append(sequence.ToString(CultureInfo.InvariantCulture));
            }

            return text.ToString();
        }

        public static bool TryParse(string? text, out Cursor cursor)
        {
            cursor = new Cursor();
            if (string.IsNullOrWhiteSpace(text))
            {
                return true;
            }

            if (text.Length > 4000)
            {
                return false;
            }

            foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var colon = part.LastIndexOf(':');
                if (colon <= 0 || !Identifiers.IsValid(part[..colon])
                    || !long.TryParse(part[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var sequence))
                {
                    return false;
                }

                cursor.positions[part[..colon]] = sequence;
            }

            return true;
        }
    }
}
