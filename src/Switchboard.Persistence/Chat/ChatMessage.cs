namespace Switchboard.Persistence.Chat;

/// <summary>
/// One message of a conversation, stored raw (as typed; escaping is the renderer's job) before it is acknowledged or
/// pushed. Sequences count from 1 per conversation without gaps, in the order the server stored them.
/// </summary>
public sealed class ChatMessage
{
    public long Id { get; set; }

    /// <summary>The conversation (its chat contact's public id).</summary>
    public Guid Conversation { get; set; }

    /// <summary>The client whose conversation it is (tenant isolation).</summary>
    public required string Client { get; set; }

    /// <summary>1, 2, 3, … within the conversation.</summary>
    public long Sequence { get; set; }

    public DateTimeOffset At { get; set; }

    /// <summary>1 customer, 2 agent, 3 system.</summary>
    public int Sender { get; set; }

    /// <summary>The agent who wrote it (null for the customer and the system); never shown to the customer.</summary>
    public string? Agent { get; set; }

    public required string Text { get; set; }

    /// <summary>The sender's own id for the message, so a retried send stores it once.</summary>
    public string? ClientMessageId { get; set; }
}
