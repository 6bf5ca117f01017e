using Switchboard.Agents;
using Switchboard.Contacts;
using Switchboard.Queues;
using Switchboard.Skills;

namespace Switchboard.Kpis;

/// <summary>
/// A customer's answers to the survey after one contact. It counts in the report cell of the contact's arrival (so
/// response rates compare like with like); each question is optional.
/// </summary>
public readonly record struct SurveyResponse
{
    public QueueId Queue { get; init; }

    public string? Client { get; init; }

    public Channel Channel { get; init; }

    public Language? Language { get; init; }

    /// <summary>The agent who handled the contact, if one did.</summary>
    public AgentId? Agent { get; init; }

    /// <summary>When the contact arrived (UTC).</summary>
    public DateTimeOffset ContactArrived { get; init; }

    /// <summary>Satisfaction, 1 (very dissatisfied) to 5 (very satisfied).</summary>
    public int? Satisfaction { get; init; }

    /// <summary>"Was your issue resolved?"</summary>
    public bool? Resolved { get; init; }

    /// <summary>Likelihood to recommend, 0 to 10 (NPS).</summary>
    public int? Recommend { get; init; }

    /// <summary>Effort, 1 (very easy) to 5 (very difficult).</summary>
    public int? Effort { get; init; }
}
