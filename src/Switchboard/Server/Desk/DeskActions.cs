using Switchboard.Agents;
using Switchboard.Contacts;
using Switchboard.Server.Realtime;

namespace Switchboard.Server.Desk;

// Public because Razor components (and so their parameters) are public; the desk's pages are their only users.

/// <summary>A presence the agent chose; <paramref name="Reason"/> is set for a break only (at most 100 characters).</summary>
public sealed record PresenceChoice(Presence Presence, string? Reason);

/// <summary>The agent's answer to an offer: accept (true) or reject (false).</summary>
public sealed record OfferAnswer(OfferMade Offer, bool Accept);

/// <summary>A wrap-up the agent finished for a contact in hand, with the answer to "Is this a complaint?".</summary>
public sealed record ContactWrapUp(ContactDetails Contact, Disposition Disposition);

/// <summary>A callback the agent booked from a contact in hand.</summary>
public sealed record ContactCallback(ContactDetails Contact, CallbackRequest Callback);

/// <summary>A callback the agent books from the desk: the number (E.164), the window (UTC), and optionally the client's
/// reference for the customer and a note for whoever calls (personal data, read only through the audited callbacks API).</summary>
public sealed record CallbackRequest(string PhoneNumber, DateTimeOffset From, DateTimeOffset Until, string? CustomerReference, string? Note);

/// <summary>What the contacts read model adds to a contact in hand: its client, whether the customer said they are
/// contacting again, its priority, and its routing history (oldest first).</summary>
public sealed record ContactFile(string Client, bool RepeatContact, int Priority, IReadOnlyList<ContactStep> History)
{
    /// <summary>When an agent accepted the contact (the end of the customer's wait); null before.</summary>
    public DateTimeOffset? Answered => History.FirstOrDefault(s => s.Type == "offerAccepted")?.At;

    /// <summary>Who the customer is as the channel knows them (phone, email, client reference); empty when unknown.</summary>
    public IReadOnlyList<CustomerKey> CustomerKeys { get; init; } = [];

    /// <summary>The same customer's other contacts of the same client, newest first (at most 20); empty when none or unknown.</summary>
    public IReadOnlyList<EarlierContact> EarlierContacts { get; init; } = [];

    /// <summary>For a callback: who to call and what was asked (null for other channels).</summary>
    public CallbackDetails? Callback { get; init; }
}

/// <summary>
/// What the agent making a callback needs: the number to call (null when none was given), the window agreed (UTC;
/// null ends when the callback keeps a place in the queue rather than a time), the customer's reference and the note
/// left at booking.
/// </summary>
public sealed record CallbackDetails(string? PhoneNumber, DateTimeOffset? WindowStart, DateTimeOffset? WindowEnd, string? CustomerReference, string? Note);

/// <summary>Another contact of the same customer: when it arrived (UTC), on which channel and queue, its state (null when
/// it was refused at arrival), and the disposition and reason recorded at wrap-up (null before or without one).</summary>
public sealed record EarlierContact(Guid Id, Channel Channel, string Queue, DateTimeOffset Arrived, ContactState? State, string? Disposition, string? Reason)
{
    /// <summary>What became of it, in words: the disposition (with its reason) once recorded, else the state.</summary>
    public string Outcome => Disposition is not null
        ? Disposition + (Reason is null ? "" : $" ({Reason})")
        : State is { } state ? DeskText.StateName(state) : "Refused (queue full)";
}

/// <summary>One routing event of a contact: when (UTC), what (the event type's API name), and who or where.</summary>
public sealed record ContactStep(DateTimeOffset At, string Type, string? Agent, string? Queue);
