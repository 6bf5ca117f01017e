using Switchboard.Contacts;

namespace Switchboard.Complaints;

/// <summary>What a complaint is about: the client's product or service, or the centre's own conduct.</summary>
public enum ComplaintCategory
{
    ClientProductOrService = 1,
    CentreConduct = 2,
}

/// <summary>How serious the complaint is, as judged on receipt.</summary>
public enum ComplaintSeverity
{
    Low = 1,
    Medium = 2,
    High = 3,
    Critical = 4,
}

/// <summary>
/// What is recorded about a complaint on receipt. A complaint about the handling of an earlier complaint is a
/// complaint of its own, linked to that one by <see cref="EarlierComplaint"/>.
/// </summary>
public sealed record ComplaintDetails(
    ComplaintReference Reference,
    string Client,
    ComplaintCategory Category,
    ComplaintSeverity Severity,
    string RemedySought,
    bool VulnerableCustomer)
{
    /// <summary>The contacts in which the customer raised or discussed it.</summary>
    public IReadOnlyList<ContactId> LinkedContacts { get; init; } = [];

    /// <summary>The earlier complaint this one is about the handling of, if any.</summary>
    public ComplaintReference? EarlierComplaint { get; init; }
}

/// <summary>
/// The final response sent to the customer. It is complete only with the outcome, the reasons for it, the remedy
/// offered (or why none), and how to escalate, naming the ombudsman or dispute-resolution body.
/// </summary>
public sealed record FinalResponse(string Outcome, string Reasons, string Remedy, string HowToEscalate, string ExternalBody)
{
    /// <summary>What is missing from the response, or null when it is complete.</summary>
    public string? Missing() =>
        string.IsNullOrWhiteSpace(Outcome) ? "the outcome"
        : string.IsNullOrWhiteSpace(Reasons) ? "the reasons for the outcome"
        : string.IsNullOrWhiteSpace(Remedy) ? "the remedy offered"
        : string.IsNullOrWhiteSpace(HowToEscalate) ? "how to escalate"
        : string.IsNullOrWhiteSpace(ExternalBody) ? "the ombudsman or dispute-resolution body"
        : null;
}
