using System.Data.Common;
using Switchboard.Persistence.Contacts;
using Switchboard.Persistence.Rows;

namespace Switchboard.Persistence.Events;

/// <summary>
/// Writes a batch of routing events and the contact rows they change inside the caller's transaction, without change
/// tracking (<see cref="TableAppender{T}"/>).
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

    private static readonly TableAppender<StoredEvent> Events = new("routing_events", EventColumns);
    private static readonly TableAppender<ContactRecord> Contacts = new("contacts", ContactColumns, ("id", ContactMutableColumns));

    public async Task AppendAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<StoredEvent> events, IReadOnlyList<ContactRecord> contacts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(contacts);
        if (strategy == AppendStrategy.PreparedRows)
        {
            await Events.AppendRowsAsync(connection, transaction, events, cancellationToken).ConfigureAwait(false);
            await Contacts.AppendRowsAsync(connection, transaction, contacts, cancellationToken).ConfigureAwait(false);
            return;
        }

        // Both statements go in one round trip; the transaction's BEGIN travels with them and its COMMIT is the only other.
        await using var batch = connection.CreateBatch();
        batch.Transaction = transaction;
        if (events.Count > 0)
        {
            batch.BatchCommands.Add(Events.ColumnCommand(batch, events));
        }

        if (contacts.Count > 0)
        {
            batch.BatchCommands.Add(Contacts.ColumnCommand(batch, contacts));
        }

        if (batch.BatchCommands.Count > 0)
        {
            await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
