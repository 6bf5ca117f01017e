using Switchboard.Contacts;

namespace Switchboard.Kpis;

/// <summary>
/// What the complaint KPIs need to know of one complaint, read by the host from the complaint's log and its clock as
/// at the moment the report is computed. A complaint counts in the report cell of its receipt (interval and key), as a
/// contact counts in the cell of its arrival, whatever happened to it later.
/// </summary>
public readonly record struct ComplaintFacts
{
    /// <summary>The client the complaint is about.</summary>
    public string? Client { get; init; }

    /// <summary>The channel of the contact it was raised from (its first linked contact); null when none is linked.</summary>
    public Channel? Channel { get; init; }

    /// <summary>When the complaint was received (UTC).</summary>
    public DateTimeOffset Received { get; init; }

    /// <summary>True when acknowledged by its due instant; false when acknowledged late or still not acknowledged past
    /// its due instant; null while the acknowledgement target is still running within its limit.</summary>
    public bool? AcknowledgedOnTime { get; init; }

    /// <summary>As <see cref="AcknowledgedOnTime"/>, for the final response (judged by the target's latest run when the
    /// complaint was reopened).</summary>
    public bool? FinalResponseOnTime { get; init; }

    /// <summary>Business time on the client's calendar (calendar time when the client has no opening hours) from
    /// receipt to the first final response sent; null while none has been sent.</summary>
    public TimeSpan? TimeToFinalResponse { get; init; }

    /// <summary>Whether it was ever escalated above the ladder's first rung.</summary>
    public bool Escalated { get; init; }

    /// <summary>Whether it was ever closed (accepted or unaccepted), even if reopened since.</summary>
    public bool Closed { get; init; }

    /// <summary>Whether it was ever reopened after a closure.</summary>
    public bool Reopened { get; init; }

    /// <summary>Whether its customer was invited to the complaint-handling survey.</summary>
    public bool SurveyInvited { get; init; }

    /// <summary>The customer's answer to the complaint-handling survey, 1 (very dissatisfied) to 5 (very satisfied);
    /// null when not answered.</summary>
    public int? Satisfaction { get; init; }
}
