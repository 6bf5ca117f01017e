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
