using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Switchboard.Contacts;
using Switchboard.Routing;

namespace Switchboard.Kpis;

/// <summary>Receives the legs a <see cref="ContactLegTracker"/> folds out of the routing log.</summary>
public interface IContactLegObserver
{
    /// <summary>A contact entered a queue: an arrival, a transfer or a scheduled callback (not a turned-away contact).</summary>
    void OnEntered(in ContactLeg leg);

    /// <summary>
    /// A leg's wait is settled for counting: answered, abandoned, turned away, a swapped callback connected or cancelled, or a
    /// scheduled callback's promise kept or missed. Called once per leg.
    /// </summary>
    void OnWaitSettled(in ContactLeg leg);

    /// <summary>An agent's handling of a leg is over (completed, or transferred on). Called once per answered leg.</summary>
    void OnHandled(in ContactLeg leg);
}

/// <summary>
/// Folds routing events, in log order, into <see cref="ContactLeg"/>s, telling an observer each time a leg's wait or
/// handling is settled. It holds only the contacts still open, so a log of any length is read in bounded memory, and each
/// event costs O(1): the same code serves a month's report and the live wallboard.
/// </summary>
/// <remarks>
/// Events of contacts whose arrival it never saw (a log read from the middle) are ignored: their legs began before the
/// window read and are not counted.
/// </remarks>
public sealed class ContactLegTracker
{
    // Open contacts are values in the dictionary, changed in place through a reference to their entry: a month's log has
    // millions of contacts, and an object each would be garbage the collector has to promote (each lives for minutes).
    private readonly Dictionary<long, OpenContact> open = [];
    private readonly IContactLegObserver observer;

    public ContactLegTracker(IContactLegObserver observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        this.observer = observer;
    }

    /// <summary>Contacts seen arriving and not yet completed or abandoned.</summary>
    public int OpenContacts => open.Count;

    /// <summary>The current leg of every open contact (waiting, connected or in wrap-up).</summary>
    public IEnumerable<ContactLeg> OpenLegs()
    {
        foreach (var contact in open.Values)
        {
            yield return contact.Leg;
        }
    }

    /// <summary>Take the next event of the log.</summary>
    public void Apply(in RoutingEvent e)
    {
        switch (e.Type)
        {
            case RoutingEventType.ContactQueued when e.Detail is NewContact arrival:
                Enter(new OpenContact(Leg(e.Contact, arrival, LegKind.Arrival, e.At) with { Estimate = e.Estimate }));
                break;
            case RoutingEventType.CallbackScheduled when e.Detail is CallbackBooking booking:
                Enter(new OpenContact(Leg(e.Contact, booking.Contact, LegKind.ScheduledCallback, e.At)));
                break;
            case RoutingEventType.ContactRefused:
                var refused = e.Detail switch
                {
                    NewContact contact => contact,
                    CallbackBooking booking => booking.Contact,
                    _ => null,
                };
                if (refused is not null)
                {
                    var leg = Leg(default, refused, LegKind.Arrival, e.At) with { Outcome = LegOutcome.TurnedAway, WaitEnded = e.At };
                    observer.OnWaitSettled(leg);
                }

                break;
            case RoutingEventType.OfferAccepted:
                ref var accepted = ref Find(e.Contact);
                if (!Unsafe.IsNullRef(ref accepted))
                {
                    Connect(ref accepted, e);
                }

                break;
            case RoutingEventType.CallbackPromiseKept or RoutingEventType.CallbackPromiseMissed:
                ref var promised = ref Find(e.Contact);
                if (!Unsafe.IsNullRef(ref promised) && promised.Leg.Kind == LegKind.ScheduledCallback && !promised.WaitSettled)
                {
                    promised.Leg = promised.Leg with { PromiseKept = e.Type == RoutingEventType.CallbackPromiseKept };
                    Settle(ref promised);
                }

                break;
            case RoutingEventType.CallbackRequested:
                ref var swapped = ref Find(e.Contact);
                if (!Unsafe.IsNullRef(ref swapped) && swapped.Leg.Outcome == LegOutcome.Waiting)
                {
                    swapped.Leg = swapped.Leg with { Outcome = LegOutcome.CallbackRequested, WaitEnded = e.At };
                }

                break;
            case RoutingEventType.ContactAbandoned:
                if (open.Remove(e.Contact.Value, out var left))
                {
                    if (left.Leg.Outcome == LegOutcome.Waiting && left.Leg.Kind != LegKind.ScheduledCallback)
                    {
                        left.Leg = left.Leg with { Outcome = LegOutcome.Abandoned, WaitEnded = e.At };
                    }

                    Settle(ref left);
                }

                break;
            case RoutingEventType.ContactTransferred:
                ref var moved = ref Find(e.Contact);
                if (!Unsafe.IsNullRef(ref moved) && e.Queue is { } to)
                {
                    moved.Leg = moved.Leg with { Talk = Since(moved.Leg.Connected, e.At), Handled = true };
                    observer.OnHandled(moved.Leg);
                    var previous = moved.Leg;
                    moved.Leg = new ContactLeg
                    {
                        Contact = previous.Contact,
                        Queue = to,
                        Client = previous.Client,

                        // A transferred callback is a live call from then on.
                        Channel = previous.Channel == Channel.Callback ? Channel.Voice : previous.Channel,
                        Language = previous.Language,
                        Kind = LegKind.Transfer,
                        Entered = e.At,
                        FirstArrival = previous.FirstArrival,
                    };
                    moved.WaitSettled = false;
                    moved.ConversationEnded = null;
                    observer.OnEntered(moved.Leg);
                }

                break;
            case RoutingEventType.ConversationEnded:
                ref var ended = ref Find(e.Contact);
                if (!Unsafe.IsNullRef(ref ended))
                {
                    ended.ConversationEnded = e.At;
                    ended.Leg = ended.Leg with { Talk = Since(ended.Leg.Connected, e.At) };
                }

                break;
            case RoutingEventType.DispositionRecorded:
                ref var disposed = ref Find(e.Contact);
                if (!Unsafe.IsNullRef(ref disposed) && e.Detail is Disposition early)
                {
                    disposed.Leg = disposed.Leg with { Disposition = early };
                }

                break;
            case RoutingEventType.ContactCompleted:
                if (open.Remove(e.Contact.Value, out var done))
                {
                    var wrapStart = done.ConversationEnded ?? e.At;
                    done.Leg = done.Leg with
                    {
                        WrapUp = e.At - wrapStart,
                        Handled = true,
                        Disposition = e.Detail as Disposition ?? done.Leg.Disposition,
                    };
                    observer.OnHandled(done.Leg);
                }

                break;
            default:
                break;
        }
    }

    private void Enter(in OpenContact contact)
    {
        open[contact.Leg.Contact.Value] = contact;
        observer.OnEntered(contact.Leg);
    }

    /// <summary>The open contact's entry, to change in place, or a null reference. Valid until a contact is added or removed,
    /// which no event does while it holds one (an observer must not apply events to the tracker from its callbacks).</summary>
    private ref OpenContact Find(ContactId contact) => ref CollectionsMarshal.GetValueRefOrNullRef(open, contact.Value);

    private void Connect(ref OpenContact contact, in RoutingEvent e)
    {
        var leg = contact.Leg;
        leg = leg with { Agent = e.Agent, Connected = e.At };
        switch (leg.Outcome)
        {
            case LegOutcome.Waiting when leg.Kind != LegKind.ScheduledCallback:
                contact.Leg = leg with { Outcome = LegOutcome.Answered, WaitEnded = e.At };
                Settle(ref contact);
                break;
            case LegOutcome.CallbackRequested:
                contact.Leg = leg with { CallbackConnected = e.At };
                Settle(ref contact);
                break;
            default:
                contact.Leg = leg;
                break;
        }
    }

    private void Settle(ref OpenContact contact)
    {
        if (!contact.WaitSettled)
        {
            contact.WaitSettled = true;
            observer.OnWaitSettled(contact.Leg);
        }
    }

    private static TimeSpan Since(DateTimeOffset? start, DateTimeOffset end) => start is { } s && end > s ? end - s : TimeSpan.Zero;

    private static ContactLeg Leg(ContactId contact, NewContact arrival, LegKind kind, DateTimeOffset at) => new()
    {
        Contact = contact,
        Queue = arrival.Queue,
        Client = arrival.Attributes.Client,
        Channel = arrival.Channel,
        Language = arrival.CustomerLanguage,
        Kind = kind,
        Entered = at,
        FirstArrival = at,
    };

    private struct OpenContact(ContactLeg leg)
    {
        public ContactLeg Leg = leg;

        public bool WaitSettled;

        public DateTimeOffset? ConversationEnded;
    }
}
