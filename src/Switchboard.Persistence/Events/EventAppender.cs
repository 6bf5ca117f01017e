using System.Data.Common;
using System.Globalization;
using System.Text;
using Switchboard.Persistence.Contacts;

namespace Switchboard.Persistence.Events;

/// <summary>
/// Writes a batch of routing events and the contact rows they change inside the caller's transaction, without change
/// tracking. The SQL is the same on SQLite and PostgreSQL (snake_case names, <c>ON CONFLICT … DO UPDATE</c>); how rows
/// are sent and how a <see cref="Guid"/> is bound differ:
/// <list type="bullet">
/// <item>PostgreSQL: multi-row statements, one round trip per 200 rows, where one statement per row would cost a round trip each.</item>
/// <item>SQLite (<paramref name="preparedRows"/>): one prepared single-row statement executed per row. There is no round
/// trip to save in-process, and SQLite looks a named parameter up by a linear scan, so binding a 2,600-parameter
/// statement costs quadratic time (it was the largest single cost of the server under load; see bench/README.md).
/// Guids are bound as text, as EF Core stores them there.</item>
/// </list>
/// </summary>
public sealed class EventAppender(bool guidsAsText, bool preparedRows)
{
    private const int RowsPerStatement = 200;

    private static readonly string[] EventColumns =
        ["domain", "sequence", "at", "type", "client", "contact_number", "contact", "agent", "offer", "queue", "number", "until", "payload"];

    private static readonly string[] ContactColumns =
    [
        "id", "domain", "number", "client", "queue", "channel", "language", "priority", "state", "arrived", "updated", "agent",
        "vulnerable_customer", "repeat_contact", "disposition", "contact_reason", "idempotency_key", "version", "callback_from", "callback_until",
    ];

    /// <summary>
    /// The columns a stored contact's later events can change. The upsert sets only these: SQLite rewrites every index
    /// holding a column named in an UPDATE's SET list, whether or not its value changed, and four of the contact table's
    /// five indexes hold columns fixed at arrival.
    /// </summary>
    private static readonly string[] ContactMutableColumns =
        ["queue", "channel", "state", "updated", "agent", "disposition", "contact_reason", "version", "callback_from", "callback_until"];

    public async Task AppendAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<StoredEvent> events, IReadOnlyList<ContactRecord> contacts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(contacts);
        await WriteAsync(connection, transaction, "routing_events", EventColumns, upsert: null, events, EventValues, cancellationToken).ConfigureAwait(false);
        await WriteAsync(connection, transaction, "contacts", ContactColumns, upsert: ("id", ContactMutableColumns), contacts, ContactValues, cancellationToken).ConfigureAwait(false);
    }

    private async Task WriteAsync<T>(DbConnection connection, DbTransaction transaction, string table, string[] columns, (string Key, string[] Updated)? upsert, IReadOnlyList<T> rows,
        Func<T, object?[]> values, CancellationToken cancellationToken)
    {
        if (preparedRows)
        {
            if (rows.Count == 0)
            {
                return;
            }

            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = Insert(table, columns, 1, upsert);
            Add(command, new object?[columns.Length]);
            await command.PrepareAsync(cancellationToken).ConfigureAwait(false);
            foreach (var row in rows)
            {
                var value = values(row);
                for (var c = 0; c < value.Length; c++)
                {
                    command.Parameters[c].Value = value[c] ?? DBNull.Value;
                }

                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            return;
        }

        for (var start = 0; start < rows.Count; start += RowsPerStatement)
        {
            var count = Math.Min(RowsPerStatement, rows.Count - start);
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = Insert(table, columns, count, upsert);
            for (var i = 0; i < count; i++)
            {
                Add(command, values(rows[start + i]));
            }

            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private object?[] EventValues(StoredEvent e) =>
        [e.Domain, e.Sequence, e.At.UtcTicks, e.Type, e.Client, e.ContactNumber, GuidValue(e.Contact), e.Agent, e.Offer, e.Queue, e.Number, e.Until?.UtcTicks, e.Payload];

    private object?[] ContactValues(ContactRecord c) =>
    [
        GuidValue(c.Id), c.Domain, c.Number, c.Client, c.Queue, c.Channel, c.Language, c.Priority, c.State, c.Arrived.UtcTicks, c.Updated.UtcTicks, c.Agent,
        c.VulnerableCustomer, c.RepeatContact, c.Disposition, c.ContactReason, c.IdempotencyKey, c.Version, c.CallbackFrom?.UtcTicks, c.CallbackUntil?.UtcTicks,
    ];

    private object? GuidValue(Guid? id) => id is not { } value ? null : guidsAsText ? value.ToString().ToUpperInvariant() : value;

    private static void Add(DbCommand command, object?[] values)
    {
        foreach (var value in values)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@p" + command.Parameters.Count.ToString(CultureInfo.InvariantCulture);
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }
    }

    private static readonly Dictionary<(string, int), string> Statements = [];

    private static string Insert(string table, string[] columns, int rows, (string Key, string[] Updated)? upsert)
    {
        lock (Statements)
        {
            if (Statements.TryGetValue((table, rows), out var cached))
            {
                return cached;
            }

            var sql = new StringBuilder("INSERT INTO ").Append(table).Append(" (").AppendJoin(", ", columns).Append(") VALUES ");
            var p = 0;
            for (var r = 0; r < rows; r++)
            {
                sql.Append(r == 0 ? "(" : ", (");
                for (var c = 0; c < columns.Length; c++)
                {
                    sql.Append(c == 0 ? "@p" : ", @p").Append(p++);
                }

                sql.Append(')');
            }

            if (upsert is { } conflict)
            {
                sql.Append(" ON CONFLICT (").Append(conflict.Key).Append(") DO UPDATE SET ");
                for (var c = 0; c < conflict.Updated.Length; c++)
                {
                    sql.Append(c == 0 ? "" : ", ").Append(conflict.Updated[c]).Append(" = excluded.").Append(conflict.Updated[c]);
                }
            }

            var text = sql.ToString();
            Statements[(table, rows)] = text;
            return text;
        }
    }
}
