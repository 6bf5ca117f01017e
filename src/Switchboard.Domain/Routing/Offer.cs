using Switchboard.Agents;
using Switchboard.Contacts;

namespace Switchboard.Routing;

/// <summary>An offer's identity, given by the engine in order (1, 2, ...).</summary>
public readonly record struct OfferId(long Value)
{
    public override string ToString() => "O" + Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>A contact offered to one agent until <see cref="ExpiresAt"/>.</summary>
public readonly record struct Offer(OfferId Id, ContactId Contact, AgentId Agent, DateTimeOffset ExpiresAt);

/// <summary>What happened to an agent's answer to an offer.</summary>
public enum OfferReply
{
    /// <summary>Accepted now: the contact is connected to the agent.</summary>
    Accepted = 1,

    /// <summary>Was accepted before; accepting again changes nothing.</summary>
    AlreadyAccepted = 2,

    /// <summary>Rejected now: the contact is back in its place.</summary>
    Rejected = 3,

    /// <summary>Was rejected before; rejecting again changes nothing. Refused when accepting.</summary>
    AlreadyRejected = 4,

    /// <summary>Refused: the offer expired.</summary>
    Expired = 5,

    /// <summary>Refused: the offer was withdrawn (the customer left, or the agent went offline).</summary>
    Withdrawn = 6,

    /// <summary>Refused: no such offer (or answered long ago).</summary>
    Unknown = 7,
}
