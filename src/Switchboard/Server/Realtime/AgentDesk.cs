using Switchboard.Agents;
using Switchboard.Contacts;
using Switchboard.Server.RoutingDomains;

namespace Switchboard.Server.Realtime;

// Public only because SignalR emits the typed client's proxy in another assembly, which must see the interface and its messages.

/// <summary>What an agent's desk is told: the calls the server makes on a connected agent hub client.</summary>
public interface IAgentClient
{
    /// <summary>The whole desk: sent on connect, and again whenever the server may have missed a change (a lagging feed).</summary>
    Task DeskState(DeskState state);

    /// <summary>A contact is offered to the agent until <see cref="OfferMade.ExpiresAt"/>.</summary>
    Task OfferMade(OfferMade offer);

    /// <summary>An offer is over: accepted, rejected, expired or withdrawn.</summary>
    Task OfferEnded(OfferEnded offer);

    /// <summary>A contact the agent holds (or held) changed state.</summary>
    Task ContactChanged(ContactDetails contact);

    /// <summary>The agent's chosen presence changed (by the agent, a supervisor, or the engine).</summary>
    Task PresenceChanged(PresenceNow presence);

    /// <summary>A chat message was stored in a conversation the agent holds (from the customer, or from another of the agent's desks).</summary>
    Task ChatMessage(Switchboard.Server.Chat.ChatMessageView message);

    /// <summary>The customer of a chat the agent holds is typing.</summary>
    Task ChatTyping(Guid conversation);
}

/// <summary>A contact as the agent sees it. <paramref name="Arrived"/> is UTC; the wait so far is now minus it.</summary>
public sealed record ContactDetails(Guid Id, string Queue, Channel Channel, string Language, ContactState State, DateTimeOffset Arrived, bool Vulnerable);

/// <summary>An offer to the agent; <paramref name="ExpiresAt"/> is the UTC instant it lapses unanswered.</summary>
public sealed record OfferMade(long Offer, ContactDetails Contact, DateTimeOffset ExpiresAt);

/// <summary>How an offer ended.</summary>
public enum OfferEnd
{
    Accepted = 1,
    Rejected = 2,
    Expired = 3,
    Withdrawn = 4,
}

/// <summary>An offer that is over, and why.</summary>
public sealed record OfferEnded(long Offer, Guid Contact, OfferEnd Reason);

/// <summary>An agent's presence, chosen at <paramref name="Since"/> (UTC).</summary>
public sealed record PresenceNow(string Agent, Presence Presence, string? Reason, DateTimeOffset Since);

/// <summary>Everything on an agent's desk at <paramref name="At"/>: presence, live offers, contacts in hand.</summary>
public sealed record DeskState(string Agent, DateTimeOffset At, PresenceNow? Presence, IReadOnlyList<OfferMade> Offers, IReadOnlyList<ContactDetails> Contacts);

/// <summary>Reads an agent's desk from the engine (on the writer, so it is one consistent instant).</summary>
internal static class AgentDesk
{
    /// <summary>The desk of <paramref name="agent"/> as the engine holds it; vulnerable flags come from
    /// <paramref name="vulnerable"/> (the read model), since the engine keeps no customer attributes in its snapshots.</summary>
    public static DeskState Read(DomainBatch batch, string agent, IReadOnlySet<Guid> vulnerable)
    {
        if (batch.Engine.FindAgent(new AgentId(agent)) is not { } snapshot)
        {
            return new DeskState(agent, batch.Now, null, [], []);
        }

        var offers = new List<OfferMade>();
        var contacts = new List<ContactDetails>();
        foreach (var number in snapshot.Contacts)
        {
            if (batch.Engine.FindContact(number) is not { } contact || batch.IdOf(number) is not { } id)
            {
                continue;
            }

            var details = new ContactDetails(id, contact.Queue.Value, contact.Channel, contact.CustomerLanguage.Tag, contact.State, contact.Arrival, vulnerable.Contains(id));
            if (contact.LiveOffer is { } offerId && batch.Engine.FindOffer(offerId) is { } offer && offer.Agent == snapshot.Id)
            {
                offers.Add(new OfferMade(offer.Id.Value, details, offer.ExpiresAt));
            }
            else
            {
                contacts.Add(details);
            }
        }

        return new DeskState(agent, batch.Now, new PresenceNow(agent, snapshot.Presence, snapshot.BreakReason, snapshot.Since), offers, contacts);
    }

    public static ContactDetails Details(ContactChange row) =>
        new(row.Id, row.Queue, (Channel)row.Channel, row.Language, (ContactState)row.State, row.Arrived, row.Vulnerable);

    /// <summary>The SignalR group of an agent's desks (an agent may have several open).</summary>
    public static string Group(string agent) => "agent:" + agent;
}
