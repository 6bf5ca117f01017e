using Switchboard.Agents;
using Switchboard.Contacts;
using Switchboard.Queues;
using Switchboard.Skills;

namespace Switchboard.Kpis;

/// <summary>
/// A customer invited to the survey after one contact: the denominator of the survey response rate. It counts in the
/// report cell of the contact's arrival, as its answers do, so a response and its invitation always meet in one cell.
/// </summary>
public readonly record struct SurveyInvitation
{
    public QueueId Queue { get; init; }

    public string? Client { get; init; }

    public Channel Channel { get; init; }

    public Language? Language { get; init; }

    /// <summary>The agent who handled the contact.</summary>
    public AgentId? Agent { get; init; }

    /// <summary>When the contact arrived (UTC).</summary>
    public DateTimeOffset ContactArrived { get; init; }
}
