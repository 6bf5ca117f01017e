using System.Data.Common;
using System.Globalization;
using System.Text;
using Switchboard.Persistence.Contacts;

namespace Switchboard.Persistence.Events;

/// <summary>
/// Writes a batch of routing events and the contact rows they change with a few multi-row statements inside the
/// caller's transaction: one round trip per few hundred rows, where change tracking would cost one per row. The SQL is
/// the same on SQLite and PostgreSQL (snake_case names, <c>ON CONFLICT … DO UPDATE</c>); only how a
/// <see cref="Guid"/> is bound differs (text on SQLite, as EF Core stores it there; uuid on PostgreSQL).
/// </summary>
public sealed class EventAppender(bool guidsAsText)
{
    private const int RowsPerStatement = 200;

    private static readonly string[] EventColumns =
        ["domain", "sequence", "at", "type", "client", "contact_number", "contact", "agent", "offer", "queue", "number", "until", "payload"];

    private static readonly string[] ContactColumns =
    [
        "id", "domain", "number", "client", "queue", "channel", "language", "priority", "state", "arrived", "updated", "agent",
        "vulnerable_customer", "repeat_contact", "disposition", "contact_reason", "idempotency_key", "version",
    ];

    public async Task AppendAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<StoredEvent> events, IReadOnlyList<ContactRecord> contacts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(contacts);
        for (var start = 0; start < events.Count; start += RowsPerStatement)
        {
            var count = Math.Min(RowsPerStatement, events.Count - start);
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = Insert("routing_events", EventColumns, count, upsertKey: null);
            for (var i = 0; i < count; i++)
            {
                var e = events[start + i];
                Add(command, e.Domain, e.Sequence, e.At.UtcTicks, e.Type, e.Client, e.ContactNumber, GuidValue(e.Contact), e.Agent, e.Offer, e.Queue, e.Number,
                    e.Until?.UtcTicks, e.Payload);
            }

            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        for (var start = 0; start < contacts.Count; start += RowsPerStatement)
        {
            var count = Math.Min(RowsPerStatement, contacts.Count - start);
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = Insert("contacts", ContactColumns, count, upsertKey: "id");
            for (var i = 0; i < count; i++)
            {
                var c = contacts[start + i];
                Add(command, GuidValue(c.Id), c.Domain, c.Number, c.Client, c.Queue, c.Channel, c.Language, c.Priority, c.State, c.Arrived.UtcTicks,
                    c.Updated.UtcTicks, c.Agent, c.VulnerableCustomer, c.RepeatContact, c.Disposition, c.ContactReason, c.IdempotencyKey, c.Version);
            }

            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private object? GuidValue(Guid? id) => id is not { } value ? null : guidsAsText ? value.ToString().ToUpperInvariant() : value;

    private static void Add(DbCommand command, params object?[] values)
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

    private static string Insert(string table, string[] columns, int rows, string? upsertKey)
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

            if (upsertKey is not null)
            {
                sql.Append(" ON CONFLICT (").Append(upsertKey).Append(") DO UPDATE SET ");
                var first = true;
                foreach (var column in columns)
                {
                    if (column == upsertKey)
                    {
                        continue;
                    }

                    sql.Append(first ? "" : ", ").Append(column).Append(" = excluded.").Append(column);
                    first = false;
                }
            }

            var text = sql.ToString();
            Statements[(table, rows)] = text;
            return text;
        }
    }
}
