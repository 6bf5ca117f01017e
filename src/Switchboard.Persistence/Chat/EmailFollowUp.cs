namespace Switchboard.Persistence.Chat;

/// <summary>
/// Where to answer an email follow-up a chat customer asked for: personal data, kept out of the routing log (like
/// <c>CallbackCustomer</c>) so it can be erased on its own. Stored in the same transaction as the email contact.
/// </summary>
public sealed class EmailFollowUp
{
    /// <summary>The email contact's public id.</summary>
    public Guid Contact { get; set; }

    public required string Client { get; set; }

    /// <summary>The chat conversation it came from.</summary>
    public Guid Conversation { get; set; }

    public required string EmailAddress { get; set; }

    public required string Question { get; set; }
}
