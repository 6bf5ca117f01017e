using Switchboard.Contacts;
using Switchboard.Persistence.Contacts;
using Switchboard.Routing;

namespace Switchboard.Server.RoutingDomains;

/// <summary>
/// How engine events move the <c>contacts</c> read model and which client an event is stored under: shared by the
/// routing domain's writer and the demo's history, so a row written either way is the same row.
/// </summary>
internal static class ContactProjection
{
    /// <summary>Makes the live row of a contact the log has just seen arrive, from the new contact it carries.</summary>
    public delegate LiveContact Arrival(in RoutingEvent e, NewContact contact);

    /// <summary>
    /// Brings the row of the contact <paramref name="e"/> concerns up to date with it: found among the
    /// <paramref name="live"/> contacts, or made by <paramref name="arrive"/> and added to them on its first event, and
    /// added to <paramref name="changed"/> the first time this batch touches it. Null when the event concerns no contact.
    /// </summary>
    public static LiveContact? Apply(Dictionary<long, LiveContact> live, List<LiveContact> changed, in RoutingEvent e, Arrival arrive)
    {
        if (e.Contact.Value == 0)
        {
            return null;
        }

        if (!live.TryGetValue(e.Contact.Value, out var contact))
        {
            var detail = e.Detail switch
            {
                NewContact c => c,
                CallbackBooking b => b.Contact,
                _ => throw new InvalidOperationException($"Event {e} is the first of contact {e.Contact} but carries no new contact."),
            };
            contact = arrive(in e, detail);
            live[e.Contact.Value] = contact;
        }

        if (!contact.Dirty)
        {
            contact.Dirty = true;
            changed.Add(contact);
        }

        Follow(contact.Row, in e);
        return contact;
    }

    /// <summary>The client a contact-less event belongs to: a queue's events are its client's; an agent's are the domain's.</summary>
    public static string? ClientOf(in RoutingEvent e) => e.Detail switch
    {
        NewContact c => c.Attributes.Client,
        _ => null,
    };

    /// <summary>Moves a contact's row along with one of its events.</summary>
    public static void Follow(ContactRecord row, in RoutingEvent e)
    {
        row.Updated = e.At;
        switch (e.Type)
        {
            case RoutingEventType.ContactQueued:
                row.State = (int)ContactState.Waiting;
                break;
            case RoutingEventType.CallbackScheduled:
            case RoutingEventType.CallbackRequested:
                row.State = (int)ContactState.CallbackPending;
                if (e.Detail is CallbackBooking booking)
                {
                    row.CallbackFrom = booking.Window.Start;
                    row.CallbackUntil = booking.Window.End;
                }

                break;
            case RoutingEventType.CallbackWindowOpened:
                row.State = (int)ContactState.Waiting;
                break;
            case RoutingEventType.ContactOffered:
                row.State = (int)ContactState.Offered;
                row.Agent = e.Agent?.Value;
                break;
            case RoutingEventType.OfferAccepted:
                row.State = (int)ContactState.Connected;
                row.Agent = e.Agent?.Value;
                break;
            case RoutingEventType.OfferRejected:
            case RoutingEventType.OfferExpired:
            case RoutingEventType.OfferWithdrawn:
                // Back in its place: waiting, unless the customer is meanwhile gone (the abandon event follows).
                row.State = (int)ContactState.Waiting;
                break;
            case RoutingEventType.ContactTransferred:
                row.State = (int)ContactState.Waiting;
                row.Queue = e.Queue?.Value ?? row.Queue;
                if (row.Channel == (int)Switchboard.Contacts.Channel.Callback)
                {
                    row.Channel = (int)Switchboard.Contacts.Channel.Voice;
                }

                break;
            case RoutingEventType.ConversationEnded:
                row.State = (int)ContactState.WrapUp;
                break;
            case RoutingEventType.DispositionRecorded:
            case RoutingEventType.ContactCompleted:
                if (e.Type == RoutingEventType.ContactCompleted)
                {
                    row.State = (int)ContactState.Completed;
                }

                if (e.Detail is Disposition disposition)
                {
                    row.Disposition = disposition.Outcome;
                    row.ContactReason = disposition.Reason;
                }

                break;
            case RoutingEventType.ContactAbandoned:
                row.State = (int)ContactState.Abandoned;
                break;
            default:
                break;
        }
    }
}
