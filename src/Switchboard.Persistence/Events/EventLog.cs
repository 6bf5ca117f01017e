using System.Data;
using System.Data.Common;
using System.Runtime.CompilerServices;
using Switchboard.Routing;

namespace Switchboard.Persistence.Events;

/// <summary>
/// Reads a routing domain's log in sequence order for replay, with a plain data reader: on a restart the log is read
/// whole (100,000 events or more), and materialising entities through the model cost most of the replay time.
/// </summary>
public static class EventLog
{
    public static IAsyncEnumerable<RoutingEvent> ReadDomainAsync(DbConnection connection, string domain, CancellationToken cancellationToken) =>
        ReadDomainAsync(connection, domain, afterSequence: 0, cancellationToken);

    /// <summary>The domain's events with a sequence number above <paramref name="afterSequence"/> (the one a snapshot
    /// covers), in order.</summary>
    public static async IAsyncEnumerable<RoutingEvent> ReadDomainAsync(
        DbConnection connection, string domain, long afterSequence, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var command = connection.CreateCommand();
        command.CommandText =
            "SELECT sequence, at, type, contact_number, agent, offer, queue, number, until, payload FROM routing_events WHERE domain = @domain AND sequence > @after ORDER BY sequence";
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@domain";
        parameter.Value = domain;
        command.Parameters.Add(parameter);
        var after = command.CreateParameter();
        after.ParameterName = "@after";
        after.Value = afterSequence;
        command.Parameters.Add(after);
        // Agent and queue ids repeat on almost every event: one string each, not one per row.
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var row = new StoredEvent
            {
                Domain = domain,
                Sequence = reader.GetInt64(0),
                At = new DateTimeOffset(reader.GetInt64(1), TimeSpan.Zero),
                Type = reader.GetInt32(2),
                ContactNumber = reader.GetInt64(3),
                Agent = reader.IsDBNull(4) ? null : Shared(names, reader.GetString(4)),
                Offer = reader.GetInt64(5),
                Queue = reader.IsDBNull(6) ? null : Shared(names, reader.GetString(6)),
                Number = reader.GetInt32(7),
                Until = reader.IsDBNull(8) ? null : new DateTimeOffset(reader.GetInt64(8), TimeSpan.Zero),
                Payload = reader.IsDBNull(9) ? null : reader.GetString(9),
            };
            yield return EventPayloads.Read(row);
        }
    }

    /// <summary>
    /// The sequence number after which a domain's events are at or after <paramref name="instant"/> (0 when the whole log
    /// is). A domain's instants never go back along its sequence (the engine takes an earlier clock reading as its own
    /// time), so a binary search over the primary key finds it in about twenty point reads, with no index on time.
    /// </summary>
    public static async Task<long> SequenceBeforeAsync(DbConnection connection, string domain, DateTimeOffset instant, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        long low = 0, high = await ScalarAsync(connection, "SELECT COALESCE(MAX(sequence), 0) FROM routing_events WHERE domain = @domain", domain, 0, cancellationToken).ConfigureAwait(false);
        var ticks = instant.UtcTicks;

        // Invariant: events up to `low` are before the instant; events after `high` are not (or do not exist).
        while (low < high)
        {
            var middle = low + ((high - low + 1) / 2);
            var at = await ScalarAsync(connection, "SELECT at FROM routing_events WHERE domain = @domain AND sequence = @sequence", domain, middle, cancellationToken).ConfigureAwait(false);
            if (at < ticks)
            {
                low = middle;
            }
            else
            {
                high = middle - 1;
            }
        }

        return low;
    }

    private static async Task<long> ScalarAsync(DbConnection connection, string sql, string domain, long sequence, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var d = command.CreateParameter();
        d.ParameterName = "@domain";
        d.Value = domain;
        command.Parameters.Add(d);
        if (sql.Contains("@sequence", StringComparison.Ordinal))
        {
            var s = command.CreateParameter();
            s.ParameterName = "@sequence";
            s.Value = sequence;
            command.Parameters.Add(s);
        }

        var value = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);

        // A sequence missing from the middle of a gap-free log would be a bug: treat it as "not before" to stay safe.
        return value is null or DBNull ? long.MaxValue : Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string Shared(Dictionary<string, string> names, string name)
    {
        if (names.TryGetValue(name, out var known))
        {
            return known;
        }

        names[name] = name;
        return name;
    }
}
