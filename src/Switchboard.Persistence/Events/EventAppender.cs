using System.Data.Common;
using System.Text;
using Switchboard.Persistence.Contacts;

namespace Switchboard.Persistence.Events;

/// <summary>
/// Writes a batch of routing events and the contact rows they change inside the caller's transaction, without change
/// tracking. The SQL is the same on SQLite and PostgreSQL (snake_case names, <c>ON CONFLICT … DO UPDATE</c>); how rows
/// travel differs (<see cref="AppendStrategy"/>).
/// </summary>
public sealed class EventAppender(AppendStrategy strategy)
{
    private static readonly Column<StoredEvent>[] EventColumns =
    [
        Column<StoredEvent>.Text("domain", e => e.Domain),
        Column<StoredEvent>.Int64("sequence", e => e.Sequence),
        Column<StoredEvent>.Int64("at", e => e.At.UtcTicks),
        Column<StoredEvent>.Int32("type", e => e.Type),
        Column<StoredEvent>.Text("client", e => e.Client),
        Column<StoredEvent>.Int64("contact_number", e => e.ContactNumber),
        Column<StoredEvent>.Uuid("contact", e => e.Contact),
        Column<StoredEvent>.Text("agent", e => e.Agent),
        Column<StoredEvent>.Int64("offer", e => e.Offer),
        Column<StoredEvent>.Text("queue", e => e.Queue),
        Column<StoredEvent>.Int32("number", e => e.Number),
        Column<StoredEvent>.OptionalInt64("until", e => e.Until?.UtcTicks),
        Column<StoredEvent>.Text("payload", e => e.Payload),
    ];

    private static readonly Column<ContactRecord>[] ContactColumns =
    [
        Column<ContactRecord>.Uuid("id", c => c.Id),
        Column<ContactRecord>.Text("domain", c => c.Domain),
        Column<ContactRecord>.Int64("number", c => c.Number),
        Column<ContactRecord>.Text("client", c => c.Client),
        Column<ContactRecord>.Text("queue", c => c.Queue),
        Column<ContactRecord>.Int32("channel", c => c.Channel),
        Column<ContactRecord>.Text("language", c => c.Language),
        Column<ContactRecord>.Int32("priority", c => c.Priority),
        Column<ContactRecord>.Int32("state", c => c.State),
        Column<ContactRecord>.Int64("arrived", c => c.Arrived.UtcTicks),
        Column<ContactRecord>.Int64("updated", c => c.Updated.UtcTicks),
        Column<ContactRecord>.Text("agent", c => c.Agent),
        Column<ContactRecord>.Boolean("vulnerable_customer", c => c.VulnerableCustomer),
        Column<ContactRecord>.Boolean("repeat_contact", c => c.RepeatContact),
        Column<ContactRecord>.Text("disposition", c => c.Disposition),
        Column<ContactRecord>.Text("contact_reason", c => c.ContactReason),
        Column<ContactRecord>.Text("idempotency_key", c => c.IdempotencyKey),
        Column<ContactRecord>.Int32("version", c => c.Version),
        Column<ContactRecord>.OptionalInt64("callback_from", c => c.CallbackFrom?.UtcTicks),
        Column<ContactRecord>.OptionalInt64("callback_until", c => c.CallbackUntil?.UtcTicks),
    ];

    /// <summary>
    /// The columns a stored contact's later events can change. The upsert sets only these: SQLite rewrites every index
    /// holding a column named in an UPDATE's SET list, whether or not its value changed, and four of the contact table's
    /// five indexes hold columns fixed at arrival.
    /// </summary>
    private static readonly string[] ContactMutableColumns =
        ["queue", "channel", "state", "updated", "agent", "disposition", "contact_reason", "version", "callback_from", "callback_until"];

    private static readonly string EventRowSql = Insert("routing_events", EventColumns, Rows.OneRow, upsert: null);
    private static readonly string ContactRowSql = Insert("contacts", ContactColumns, Rows.OneRow, ("id", ContactMutableColumns));
    private static readonly string EventArraySql = Insert("routing_events", EventColumns, Rows.ColumnArrays, upsert: null);
    private static readonly string ContactArraySql = Insert("contacts", ContactColumns, Rows.ColumnArrays, ("id", ContactMutableColumns));

    public async Task AppendAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<StoredEvent> events, IReadOnlyList<ContactRecord> contacts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(contacts);
        if (strategy == AppendStrategy.ColumnArrays)
        {
            await AppendColumnsAsync(connection, transaction, events, contacts, cancellationToken).ConfigureAwait(false);
            return;
        }

        await AppendRowsAsync(connection, transaction, EventRowSql, EventColumns, events, cancellationToken).ConfigureAwait(false);
        await AppendRowsAsync(connection, transaction, ContactRowSql, ContactColumns, contacts, cancellationToken).ConfigureAwait(false);
    }

    private static async Task AppendRowsAsync<T>(DbConnection connection, DbTransaction transaction, string sql, Column<T>[] columns, IReadOnlyList<T> rows,
        CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return;
        }

        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        for (var c = 0; c < columns.Length; c++)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@" + columns[c].Name;
            command.Parameters.Add(parameter);
        }

        await command.PrepareAsync(cancellationToken).ConfigureAwait(false);
        foreach (var row in rows)
        {
            for (var c = 0; c < columns.Length; c++)
            {
                command.Parameters[c].Value = columns[c].Value(row) ?? DBNull.Value;
            }

            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task AppendColumnsAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<StoredEvent> events, IReadOnlyList<ContactRecord> contacts,
        CancellationToken cancellationToken)
    {
        // Both statements go in one round trip; the transaction's BEGIN travels with them and its COMMIT is the only other.
        await using var batch = connection.CreateBatch();
        batch.Transaction = transaction;
        if (events.Count > 0)
        {
            batch.BatchCommands.Add(ColumnCommand(batch, EventArraySql, EventColumns, events));
        }

        if (contacts.Count > 0)
        {
            batch.BatchCommands.Add(ColumnCommand(batch, ContactArraySql, ContactColumns, contacts));
        }

        if (batch.BatchCommands.Count > 0)
        {
            await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static DbBatchCommand ColumnCommand<T>(DbBatch batch, string sql, Column<T>[] columns, IReadOnlyList<T> rows)
    {
        var command = batch.CreateBatchCommand();
        command.CommandText = sql;
        foreach (var column in columns)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@" + column.Name;
            parameter.Value = column.Array(rows);
            command.Parameters.Add(parameter);
        }

        return command;
    }

    private enum Rows
    {
        OneRow,
        ColumnArrays,
    }

    private static string Insert<T>(string table, Column<T>[] columns, Rows rows, (string Key, string[] Updated)? upsert)
    {
        var sql = new StringBuilder("INSERT INTO ").Append(table).Append(" (").AppendJoin(", ", columns.Select(c => c.Name)).Append(") ");
        sql.Append(rows == Rows.OneRow ? "VALUES (" : "SELECT * FROM unnest(").AppendJoin(", ", columns.Select(c => "@" + c.Name)).Append(')');
        if (upsert is { } conflict)
        {
            sql.Append(" ON CONFLICT (").Append(conflict.Key).Append(") DO UPDATE SET ").AppendJoin(", ", conflict.Updated.Select(c => c + " = excluded." + c));
        }

        return sql.ToString();
    }

    /// <summary>
    /// One column of a row type: its name, its value for one row (row by row), and its values for many rows as one typed
    /// array (column arrays; the array's element type decides the database type, so nullable columns use nullable elements).
    /// </summary>
    private sealed record Column<T>(string Name, Func<T, object?> Value, Func<IReadOnlyList<T>, Array> Array)
    {
        public static Column<T> Text(string name, Func<T, string?> value) => new(name, row => value(row), rows => Collect(rows, value));

        public static Column<T> Int64(string name, Func<T, long> value) => new(name, row => value(row), rows => Collect(rows, value));

        public static Column<T> OptionalInt64(string name, Func<T, long?> value) => new(name, row => value(row), rows => Collect(rows, value));

        public static Column<T> Int32(string name, Func<T, int> value) => new(name, row => value(row), rows => Collect(rows, value));

        public static Column<T> Boolean(string name, Func<T, bool> value) => new(name, row => value(row), rows => Collect(rows, value));

        /// <summary>A Guid: bound as a native uuid in arrays (PostgreSQL), as upper-case text row by row (SQLite stores it so, as EF Core does).</summary>
        public static Column<T> Uuid(string name, Func<T, Guid?> value) =>
            new(name, row => value(row)?.ToString().ToUpperInvariant(), rows => Collect(rows, value));

        private static TValue[] Collect<TValue>(IReadOnlyList<T> rows, Func<T, TValue> value)
        {
            var values = new TValue[rows.Count];
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = value(rows[i]);
            }

            return values;
        }
    }
}

/// <summary>How <see cref="EventAppender"/> sends rows.</summary>
public enum AppendStrategy
{
    /// <summary>
    /// SQLite: one prepared single-row statement executed per row. There is no round trip to save in-process, and SQLite
    /// looks a named parameter up by a linear scan, so binding one statement of thousands of parameters costs quadratic
    /// time (it was the largest single cost of the server under load; see bench/README.md).
    /// </summary>
    PreparedRows,

    /// <summary>
    /// PostgreSQL: each column travels as one array parameter and <c>unnest</c> turns the arrays back into rows, so a
    /// batch of any size is one constant statement per table, both in one round trip. (Multi-row VALUES statements with
    /// thousands of parameters had to be parsed and planned afresh for every batch size.)
    /// </summary>
    ColumnArrays,
}
