using System.Data.Common;
using Switchboard.Persistence.Rows;

namespace Switchboard.Persistence.Chat;

/// <summary>
/// Writes a group commit of chat messages and raises delivery marks inside the caller's transaction, without change
/// tracking (<see cref="TableAppender{T}"/>): at a thousand open conversations EF Core's per-entity cost was most of
/// the store's time.
/// </summary>
public sealed class ChatAppender(AppendStrategy strategy)
{
    private static readonly TableAppender<ChatMessage> Messages = new("chat_messages",
    [
        Column<ChatMessage>.Uuid("conversation", m => m.Conversation),
        Column<ChatMessage>.Text("client", m => m.Client),
        Column<ChatMessage>.Int64("sequence", m => m.Sequence),
        Column<ChatMessage>.Int64("at", m => m.At.UtcTicks),
        Column<ChatMessage>.Int32("sender", m => m.Sender),
        Column<ChatMessage>.Text("agent", m => m.Agent),
        Column<ChatMessage>.Text("text", m => m.Text),
        Column<ChatMessage>.Text("client_message_id", m => m.ClientMessageId),
    ]);

    /// <summary>Stores <paramref name="messages"/> (their <see cref="ChatMessage.Id"/> is not read back: nothing uses it).</summary>
    public Task AppendAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<ChatMessage> messages, CancellationToken cancellationToken) =>
        Messages.AppendAsync(strategy, connection, transaction, messages, cancellationToken);

    /// <summary>
    /// Raises each conversation's delivery mark for its side to the receipt's sequence where it is lower (a mark only
    /// moves forward). Answers, per receipt in order, whether it raised the mark.
    /// </summary>
    public async Task<bool[]> RaiseAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<DeliveryReceipt> receipts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(receipts);
        var raised = new bool[receipts.Count];
        foreach (var agentSide in new[] { false, true })
        {
            DbCommand? command = null;
            try
            {
                for (var i = 0; i < receipts.Count; i++)
                {
                    if (receipts[i].AgentSide != agentSide)
                    {
                        continue;
                    }

                    command ??= await PrepareAsync(connection, transaction, agentSide ? "agent_received_up_to" : "customer_received_up_to", cancellationToken)
                        .ConfigureAwait(false);
                    command.Parameters[0].Value = strategy == AppendStrategy.PreparedRows
                        ? receipts[i].Conversation.ToString().ToUpperInvariant()
                        : receipts[i].Conversation;
                    command.Parameters[1].Value = receipts[i].UpTo;
                    raised[i] = await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;
                }
            }
            finally
            {
                if (command is not null)
                {
                    await command.DisposeAsync().ConfigureAwait(false);
                }
            }
        }

        return raised;
    }

    private async Task<DbCommand> PrepareAsync(DbConnection connection, DbTransaction transaction, string mark, CancellationToken cancellationToken)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"UPDATE chat_conversations SET {mark} = @up_to WHERE contact = @contact AND {mark} < @up_to";
        var contact = command.CreateParameter();
        contact.ParameterName = "@contact";
        command.Parameters.Add(contact);
        var upTo = command.CreateParameter();
        upTo.ParameterName = "@up_to";
        command.Parameters.Add(upTo);
        if (strategy == AppendStrategy.PreparedRows)
        {
            // SQLite compiles the statement once for the batch; PostgreSQL would need the parameters' types before any value.
            await command.PrepareAsync(cancellationToken).ConfigureAwait(false);
        }

        return command;
    }
}

/// <summary>One side of a conversation received every message up to <paramref name="UpTo"/>.</summary>
public readonly record struct DeliveryReceipt(Guid Conversation, bool AgentSide, long UpTo);
