namespace Switchboard.Persistence.Chat;

/// <summary>
/// A customer's answer to the satisfaction question at the end of a contact: the raw material of CSAT and first
/// contact resolution. One per contact; carries the contact's queue, channel and agent so KPIs need no join.
/// </summary>
public sealed class SurveyAnswer
{
    /// <summary>The contact answered about (public id); for a complaint-handling survey, its invitation's id.</summary>
    public Guid Contact { get; set; }

    /// <summary>The complaint whose handling was rated (its number); null for a survey after a contact.</summary>
    public long? Complaint { get; set; }

    public required string Client { get; set; }

    public required string Queue { get; set; }

    /// <summary><c>Switchboard.Contacts.Channel</c>.</summary>
    public int Channel { get; set; }

    /// <summary>The agent who handled the contact; null when none did.</summary>
    public string? Agent { get; set; }

    public DateTimeOffset Answered { get; set; }

    /// <summary>1 (very dissatisfied) to 5 (very satisfied).</summary>
    public int Satisfaction { get; set; }

    /// <summary>The customer's answer to "was your issue resolved?"; null when not asked (the complaint-handling survey).</summary>
    public bool? Resolved { get; set; }

    /// <summary>Likelihood to recommend, 0 to 10 (NPS); null when not asked or not answered.</summary>
    public int? Recommend { get; set; }

    /// <summary>Effort, 1 (very easy) to 5 (very difficult); null when not asked or not answered.</summary>
    public int? Effort { get; set; }

    /// <summary>Free text, at most 1000 characters (personal data possible).</summary>
    public string? Comment { get; set; }
}
