namespace Switchboard.Persistence.Chat;

/// <summary>
/// A customer's chat through a widget: the chat contact it created (its id is the conversation's), the secret that
/// lets the customer resume it (only its SHA-256 is stored), and what the customer chose before it started.
/// Stored in the same transaction as the contact's arrival.
/// </summary>
public sealed class ChatConversation
{
    /// <summary>The chat contact's public id (see <c>ContactRecord.Id</c>); also the conversation's id.</summary>
    public Guid Contact { get; set; }

    public required string Widget { get; set; }

    /// <summary>The client whose customer it is (tenant isolation).</summary>
    public required string Client { get; set; }

    /// <summary>The routing domain of the contact (never changes), so commands find its writer without a lookup.</summary>
    public required string Domain { get; set; }

    /// <summary>The queue the topic mapped to when the conversation started.</summary>
    public required string Queue { get; set; }

    /// <summary>SHA-256 (hex) of the customer's conversation token.</summary>
    public required string TokenHash { get; set; }

    /// <summary>The name the customer gave, if any (personal data).</summary>
    public string? CustomerName { get; set; }

    /// <summary>The customer's language (BCP 47).</summary>
    public required string Language { get; set; }

    public required string Topic { get; set; }

    public DateTimeOffset Created { get; set; }

    /// <summary>When the chat ended (UTC); null while it goes on.</summary>
    public DateTimeOffset? Ended { get; set; }

    /// <summary>The highest message sequence the customer's widget said it received (0: none).</summary>
    public long CustomerReceivedUpTo { get; set; }

    /// <summary>The highest message sequence the agent's desk said it received (0: none).</summary>
    public long AgentReceivedUpTo { get; set; }
}
