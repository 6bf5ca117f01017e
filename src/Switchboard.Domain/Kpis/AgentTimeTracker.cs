using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Switchboard.Agents;
using Switchboard.Routing;

namespace Switchboard.Kpis;

/// <summary>What a signed-in agent's time is spent on, for occupancy.</summary>
public enum AgentActivity
{
    /// <summary>Available and holding no connected contact and no wrap-up (an offer ringing counts here).</summary>
    Idle = 1,

    /// <summary>Connected to at least one contact (talk; hold once voice measures it).</summary>
    Handling = 2,

    /// <summary>No contact connected, at least one in wrap-up.</summary>
    WrapUp = 3,

    /// <summary>On a break, holding nothing.</summary>
    Break = 4,

    /// <summary>Marked not responding after missed offers, holding nothing.</summary>
    NotResponding = 5,
}

/// <summary>Receives the spans of agent time an <see cref="AgentTimeTracker"/> folds out of the routing log.</summary>
public interface IAgentTimeObserver
{
    /// <summary>An agent spent [<paramref name="start"/>, <paramref name="until"/>) on one activity (a non-empty span).</summary>
    void OnAgentTime(AgentId agent, AgentActivity activity, DateTimeOffset start, DateTimeOffset until);
}

/// <summary>
/// Folds routing events, in log order, into spans of each agent's time by <see cref="AgentActivity"/>, in O(1) per event
/// and memory bounded by the agents and the contacts in their hands. Time signed out is no span.
/// </summary>
/// <remarks>
/// An agent's activity is derived as the engine's agent snapshot derives presence: any contact connected makes it
/// <see cref="AgentActivity.Handling"/> (whatever the agent chose meanwhile), else any contact in wrap-up makes it
/// <see cref="AgentActivity.WrapUp"/>, else the presence the agent chose. Several chats at once are one span: occupancy
/// measures the agent's clock, not the contacts'. An agent whose presence the log read has not shown yet (a log read
/// from the middle) has no span until it does; accepting an offer shows them available.
/// </remarks>
public sealed class AgentTimeTracker
{
    private readonly Dictionary<AgentId, AgentClock> agents = [];

    // Contacts in an agent's hands: who holds them and whether their conversation has ended (wrap-up).
    private readonly Dictionary<long, HeldContact> held = [];
    private readonly IAgentTimeObserver observer;

    public AgentTimeTracker(IAgentTimeObserver observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        this.observer = observer;
    }

    /// <summary>Take the next event of the log.</summary>
    public void Apply(in RoutingEvent e)
    {
        switch (e.Type)
        {
            case RoutingEventType.AgentPresenceChanged when e.Agent is { } agent:
                var clock = Clock(agent);
                var was = clock.Activity;
                clock.Chosen = (Presence)e.Number;
                Changed(clock, was, e.At);
                break;
            case RoutingEventType.OfferAccepted when e.Agent is { } agent:
                var accepting = Clock(agent);
                Release(e.Contact.Value, e.At);
                held[e.Contact.Value] = new HeldContact(accepting, false);
                var before = accepting.Activity;
                accepting.Connected++;

                // Only a signed-in, available agent is offered anything.
                accepting.Chosen ??= Presence.Available;
                Changed(accepting, before, e.At);
                break;
            case RoutingEventType.ConversationEnded:
                ref var ended = ref CollectionsMarshal.GetValueRefOrNullRef(held, e.Contact.Value);
                if (!Unsafe.IsNullRef(ref ended) && !ended.Wrapping)
                {
                    ended.Wrapping = true;
                    var holder = ended.Agent;
                    var talking = holder.Activity;
                    holder.Connected--;
                    holder.Wrapping++;
                    Changed(holder, talking, e.At);
                }

                break;
            case RoutingEventType.ContactTransferred or RoutingEventType.ContactCompleted or RoutingEventType.ContactAbandoned:
                Release(e.Contact.Value, e.At);
                break;
            default:
                break;
        }
    }

    /// <summary>Report every agent's time up to <paramref name="at"/> (the end of the log read, or of the report): the
    /// spans still open end there, and go on from there if more events follow.</summary>
    public void Close(DateTimeOffset at)
    {
        foreach (var (id, clock) in agents)
        {
            if (clock.Activity is { } activity && at > clock.Since)
            {
                observer.OnAgentTime(id, activity, clock.Since, at);
                clock.Since = at;
            }
        }
    }

    private AgentClock Clock(AgentId agent)
    {
        if (!agents.TryGetValue(agent, out var clock))
        {
            clock = new AgentClock(agent);
            agents.Add(agent, clock);
        }

        return clock;
    }

    /// <summary>The contact leaves its agent's hands (completed, transferred on, or gone).</summary>
    private void Release(long contact, DateTimeOffset at)
    {
        if (held.Remove(contact, out var was))
        {
            var holder = was.Agent;
            var before = holder.Activity;
            if (was.Wrapping)
            {
                holder.Wrapping--;
            }
            else
            {
                holder.Connected--;
            }

            Changed(holder, before, at);
        }
    }

    /// <summary>After a change to an agent's state: end the span of their former activity if it changed.</summary>
    private void Changed(AgentClock clock, AgentActivity? before, DateTimeOffset at)
    {
        if (before == clock.Activity)
        {
            return;
        }

        if (before is { } activity && at > clock.Since)
        {
            observer.OnAgentTime(clock.Id, activity, clock.Since, at);
        }

        clock.Since = at;
    }

    private sealed class AgentClock(AgentId id)
    {
        public AgentId Id { get; } = id;

        /// <summary>The presence the agent (or the engine, for not responding) set last; null until the log shows it.</summary>
        public Presence? Chosen { get; set; }

        public int Connected { get; set; }

        public int Wrapping { get; set; }

        /// <summary>When the current activity started.</summary>
        public DateTimeOffset Since { get; set; }

        /// <summary>The current activity, or null when signed out or not yet known.</summary>
        public AgentActivity? Activity => Connected > 0 ? AgentActivity.Handling
            : Wrapping > 0 ? AgentActivity.WrapUp
            : Chosen switch
            {
                Presence.Available => AgentActivity.Idle,
                Presence.Break => AgentActivity.Break,
                Presence.NotResponding => AgentActivity.NotResponding,
                _ => null,
            };
    }

    private record struct HeldContact(AgentClock Agent, bool Wrapping);
}
