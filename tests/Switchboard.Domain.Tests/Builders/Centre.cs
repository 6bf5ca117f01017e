using Switchboard.Agents;
using Switchboard.Contacts;
using Switchboard.Queues;
using Switchboard.Routing;

namespace Switchboard.Tests.Builders;

/// <summary>Short ways to set up and read an engine in tests.</summary>
public static class Centre
{
    /// <summary>An engine with these queues configured at <see cref="At.Eight"/>.</summary>
    public static RoutingEngine With(params QueueBuilder[] queues) => With(new RoutingOptions(), queues);

    /// <summary>An engine with these options and queues configured at <see cref="At.Eight"/>.</summary>
    public static RoutingEngine With(RoutingOptions options, params QueueBuilder[] queues)
    {
        var engine = new RoutingEngine(options);
        foreach (var queue in queues)
        {
            Assert.Equal(RoutingResult.Done, engine.ConfigureQueue(queue.Build(), At.Eight));
        }

        return engine;
    }

    /// <summary>Configures the agent and makes them available at <paramref name="at"/> (default <see cref="At.Eight"/>).</summary>
    public static AgentId SignIn(this RoutingEngine engine, AgentBuilder agent, DateTimeOffset? at = null)
    {
        var when = at ?? At.Eight;
        Assert.Equal(RoutingResult.Done, engine.ConfigureAgent(agent.Build(), when));
        Assert.Equal(RoutingResult.Done, engine.SetPresence(agent.Id, Presence.Available, when));
        return agent.Id;
    }

    public static ArrivalOutcome Enqueue(this RoutingEngine engine, ContactBuilder contact, DateTimeOffset at) =>
        engine.Enqueue(contact.Build(), at);

    /// <summary>The contact's current state; fails the test when the engine does not know it.</summary>
    public static ContactState StateOf(this RoutingEngine engine, ContactId contact) =>
        (engine.FindContact(contact) ?? throw new InvalidOperationException($"Contact {contact} is unknown.")).State;

    /// <summary>The agent's presence as shown; fails the test when the engine does not know them.</summary>
    public static Presence PresenceOf(this RoutingEngine engine, AgentId agent) =>
        (engine.FindAgent(agent) ?? throw new InvalidOperationException($"Agent {agent} is unknown.")).Presence;

    /// <summary>The live offer of a contact; fails the test when there is none.</summary>
    public static Offer LiveOfferOf(this RoutingEngine engine, ContactId contact)
    {
        var id = engine.FindContact(contact)?.LiveOffer ?? throw new InvalidOperationException($"Contact {contact} has no live offer.");
        return engine.FindOffer(id) ?? throw new InvalidOperationException($"Offer {id} is unknown.");
    }

    /// <summary>Pending events of one type.</summary>
    public static List<RoutingEvent> Pending(this RoutingEngine engine, RoutingEventType type)
    {
        var result = new List<RoutingEvent>();
        foreach (var e in engine.PendingEvents)
        {
            if (e.Type == type)
            {
                result.Add(e);
            }
        }

        return result;
    }

    /// <summary>Accepts the contact's live offer.</summary>
    public static AgentId AcceptOfferOf(this RoutingEngine engine, ContactId contact, DateTimeOffset at)
    {
        var offer = engine.LiveOfferOf(contact);
        Assert.Equal(OfferReply.Accepted, engine.Accept(offer.Id, at));
        return offer.Agent;
    }

    public static QueueId Queue(string id) => new(id);
}
