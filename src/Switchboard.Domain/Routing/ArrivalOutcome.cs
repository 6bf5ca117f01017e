using Switchboard.Contacts;

namespace Switchboard.Routing;

/// <summary>What happened to a contact that asked for an agent.</summary>
/// <param name="Result"><see cref="RoutingResult.Done"/> when the contact entered its queue; otherwise why it was refused.</param>
/// <param name="Contact">The id given to the contact (default when refused).</param>
/// <param name="ExpectedWait">The wait announced to the customer on arrival (zero when offered at once).</param>
/// <param name="CallbackOffered">True when the expected wait exceeds the queue's threshold: offer the customer a callback.</param>
/// <param name="Offer">The offer made at once, when an agent was free.</param>
public readonly record struct ArrivalOutcome(RoutingResult Result, ContactId Contact, WaitEstimate ExpectedWait, bool CallbackOffered, Offer? Offer)
{
    public bool Accepted => Result == RoutingResult.Done;
}
