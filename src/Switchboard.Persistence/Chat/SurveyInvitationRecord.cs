namespace Switchboard.Persistence.Chat;

/// <summary>
/// A customer invited to the survey after a contact, as the client's survey policy decided when the contact ended: the
/// denominator of the survey response rate and the memory of the frequency cap. One per contact; carries the contact's
/// queue, channel and agent so KPIs need no join.
/// </summary>
public sealed class SurveyInvitationRecord
{
    /// <summary>The contact the survey is about (public id); for a complaint-handling survey, the survey's own random
    /// id, which the customer's link carries as its token.</summary>
    public Guid Contact { get; set; }

    /// <summary>The complaint whose handling the survey asks about (its number); null for a survey after a contact.</summary>
    public long? Complaint { get; set; }

    public required string Client { get; set; }

    public required string Queue { get; set; }

    /// <summary><c>Switchboard.Contacts.Channel</c>.</summary>
    public int Channel { get; set; }

    /// <summary>The agent who handled the contact.</summary>
    public string? Agent { get; set; }

    /// <summary>When the customer was invited (the contact's end; UTC).</summary>
    public DateTimeOffset Invited { get; set; }

    /// <summary><c>Switchboard.Contracts.SurveyQuestions</c>: the questions asked.</summary>
    public int Questions { get; set; }

    /// <summary>When the complaint-handling survey's invitation was handed to the mail server (UTC); null while not yet
    /// sent, and always for a survey after a contact (its invitation is not mailed by the server).</summary>
    public DateTimeOffset? Mailed { get; set; }
}
