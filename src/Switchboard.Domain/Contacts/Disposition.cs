namespace Switchboard.Contacts;

/// <summary>What the agent records at wrap-up: how the contact ended and what it was about.</summary>
/// <param name="Outcome">The disposition code, such as <c>resolved</c> or <c>follow-up</c>.</param>
/// <param name="Reason">The contact reason, such as <c>billing-question</c>; used for first contact resolution.</param>
public sealed record Disposition(string Outcome, string? Reason = null)
{
    public static Disposition NotRecorded { get; } = new("not-recorded");
}
