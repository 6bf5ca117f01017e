using Switchboard.Contacts;
using Switchboard.Server.Realtime;

namespace Switchboard.Server.Desk;

/// <summary>
/// What the web desk shows for one agent, kept current from the same messages a hub client is sent
/// (<see cref="IAgentClient"/>): presence, live offers, contacts in hand. Not thread-safe: the desk applies messages on
/// its circuit's dispatcher.
/// </summary>
public sealed class DeskBoard
{
    private readonly List<OfferMade> offers = [];
    private readonly List<ContactDetails> contacts = [];

    /// <summary>The agent's presence; null before the desk is read, or when the engine does not know the agent.</summary>
    public PresenceNow? Presence { get; private set; }

    /// <summary>Offers waiting for an answer, oldest first.</summary>
    public IReadOnlyList<OfferMade> Offers => offers;

    /// <summary>Contacts in hand (connected, or in wrap-up), in the order they reached the agent.</summary>
    public IReadOnlyList<ContactDetails> Contacts => contacts;

    /// <summary>The last offer that ended without being accepted, and why, to say so in words; null when none has.</summary>
    public OfferEnded? LastMissed { get; private set; }

    /// <summary>The whole desk, replacing what was shown (on opening, and after the live feed lagged).</summary>
    public void Apply(DeskState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        Presence = state.Presence;
        offers.Clear();
        offers.AddRange(state.Offers);
        contacts.Clear();
        contacts.AddRange(state.Contacts);
    }

    public void Apply(OfferMade offer)
    {
        ArgumentNullException.ThrowIfNull(offer);
        if (!offers.Exists(o => o.Offer == offer.Offer))
        {
            offers.Add(offer);
        }
    }

    public void Apply(OfferEnded ended)
    {
        ArgumentNullException.ThrowIfNull(ended);
        if (offers.RemoveAll(o => o.Offer == ended.Offer) > 0 && ended.Reason != OfferEnd.Accepted)
        {
            LastMissed = ended;
        }
    }

    /// <summary>A contact changed: kept while the agent holds it (connected or in wrap-up), dropped once it is over or gone elsewhere.</summary>
    public void Apply(ContactDetails contact)
    {
        ArgumentNullException.ThrowIfNull(contact);
        var at = contacts.FindIndex(c => c.Id == contact.Id);
        var held = contact.State is ContactState.Connected or ContactState.WrapUp;
        if (held && at >= 0)
        {
            contacts[at] = contact;
        }
        else if (held)
        {
            contacts.Add(contact);
        }
        else if (at >= 0)
        {
            contacts.RemoveAt(at);
        }
    }

    public void Apply(PresenceNow presence) => Presence = presence;
}
