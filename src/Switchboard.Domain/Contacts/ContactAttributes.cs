namespace Switchboard.Contacts;

/// <summary>Facts about the customer and contact that reporting and agents need, and that routing carries along.</summary>
/// <param name="Client">The client organisation whose customer this is (an outsourced centre serves several).</param>
/// <param name="VulnerableCustomer">The customer is known or declared to be in a vulnerable situation.</param>
/// <param name="RepeatContact">The customer contacted the centre about the same matter recently.</param>
public sealed record ContactAttributes(string? Client = null, bool VulnerableCustomer = false, bool RepeatContact = false)
{
    public static ContactAttributes None { get; } = new();
}
