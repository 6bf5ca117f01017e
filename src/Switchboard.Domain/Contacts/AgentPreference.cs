using Switchboard.Agents;

namespace Switchboard.Contacts;

/// <summary>
/// A contact's wish for one named agent (the owner of a case the customer writes back into, the agent who promised a
/// callback): the contact is kept for that agent for <see cref="Wait"/> from its arrival, then any qualified agent may
/// take it.
/// </summary>
/// <remarks>
/// The preference holds only when the agent is known to the routing domain, signed in (neither offline nor
/// not responding) and qualifies for the queue's first stage; otherwise it lapses at arrival and the contact routes as
/// any other. While it holds, no other agent is offered the contact. It lapses (the contact then takes its place in
/// line as if it had waited there since its arrival) when the wait is over, the agent signs out or stops responding,
/// or the agent rejects or lets the offer expire.
/// </remarks>
public sealed record AgentPreference
{
    public AgentPreference(AgentId agent, TimeSpan wait)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(wait, TimeSpan.Zero);
        Agent = agent;
        Wait = wait;
    }

    /// <summary>The agent the contact is kept for.</summary>
    public AgentId Agent { get; }

    /// <summary>How long after arrival the contact is kept for that agent alone; more than zero.</summary>
    public TimeSpan Wait { get; }
}
