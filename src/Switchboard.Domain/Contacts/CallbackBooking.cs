namespace Switchboard.Contacts;

/// <summary>A scheduled callback as booked: the contact to make and the window the customer chose.</summary>
public sealed record CallbackBooking(NewContact Contact, CallbackWindow Window);
