namespace Switchboard.Persistence.Contacts;

/// <summary>
/// One way a contact's customer is known (a phone number, an email address or the client's customer reference,
/// normalised as <see cref="Switchboard.Contacts.CustomerKey"/> does): personal data, kept out of the append-only routing
/// log in its own table so a customer can be found and erased by key. Contacts of the same client sharing a key are the
/// same customer's. Stored in the same transaction as the contact's arrival (or the booking, or the follow-up).
/// </summary>
public sealed class CustomerKeyRecord
{
    /// <summary>The contact's public id (see <see cref="ContactRecord.Id"/>).</summary>
    public Guid Contact { get; set; }

    /// <summary><see cref="Switchboard.Contacts.CustomerKeyKind"/>.</summary>
    public int Kind { get; set; }

    /// <summary>The client whose customer it is (tenant isolation: keys are only ever compared within one client).</summary>
    public required string Client { get; set; }

    /// <summary>The normalised key (see <see cref="Switchboard.Contacts.CustomerKey.Value"/>).</summary>
    public required string Value { get; set; }
}
