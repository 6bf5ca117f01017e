namespace Switchboard.Kpis;

/// <summary>
/// A customer's answers to the survey after one contact. It counts in the report cell of the contact's arrival, as its
/// <see cref="Invitation"/> does (so response rates compare like with like); each question is optional.
/// </summary>
public readonly record struct SurveyResponse
{
    /// <summary>The invitation answered: the contact's queue, client, channel, language, agent and arrival.</summary>
    public SurveyInvitation Invitation { get; init; }

    /// <summary>Satisfaction, 1 (very dissatisfied) to 5 (very satisfied).</summary>
    public int? Satisfaction { get; init; }

    /// <summary>"Was your issue resolved?"</summary>
    public bool? Resolved { get; init; }

    /// <summary>Likelihood to recommend, 0 to 10 (NPS).</summary>
    public int? Recommend { get; init; }

    /// <summary>Effort, 1 (very easy) to 5 (very difficult).</summary>
    public int? Effort { get; init; }
}
