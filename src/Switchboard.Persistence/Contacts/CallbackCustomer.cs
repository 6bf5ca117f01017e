namespace Switchboard.Persistence.Contacts;

/// <summary>
/// Who to call back and on which number: personal data, kept out of the routing log (which is append-only and
/// shared with integrations) so it can be read under audit and erased on its own. One row per booked callback that
/// named a customer, a number or a note, stored in the same transaction as the booking.
/// </summary>
public sealed class CallbackCustomer
{
    /// <summary>The callback's public contact id (see <see cref="ContactRecord.Id"/>).</summary>
    public Guid Contact { get; set; }

    /// <summary>The client whose customer it is (tenant isolation).</summary>
    public required string Client { get; set; }

    /// <summary>The client's own reference for the customer (an account or case number), if given.</summary>
    public string? CustomerReference { get; set; }

    /// <summary>The number to call, in E.164 form ("+441632960961"), if given.</summary>
    public string? PhoneNumber { get; set; }

    /// <summary>
    /// What whoever calls should know (up to 500 characters: "wants to discuss the March invoice"), if given. Kept
    /// here, not in the routing log, because an agent's free text may name the customer; erased with the number.
    /// </summary>
    public string? Note { get; set; }
}
