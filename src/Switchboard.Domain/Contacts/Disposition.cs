namespace Switchboard.Contacts;

/// <summary>What the agent records at wrap-up: how the contact ended and what it was about.</summary>
/// <param name="Outcome">The disposition code, such as <c>resolved</c> or <c>follow-up</c>.</param>
/// <param name="Reason">The contact reason, such as <c>billing-question</c>; used for first contact resolution.</param>
public sealed record Disposition(string Outcome, string? Reason = null)
{
    /// <summary>The agent's answer to "Is this a complaint?" at wrap-up; false when not asked (default). Kept with the
    /// disposition so the complaints work (issues 6 and 7) can open a record from the log.</summary>
    public bool Complaint { get; init; }

    public static Disposition NotRecorded { get; } = new("not-recorded");
}
