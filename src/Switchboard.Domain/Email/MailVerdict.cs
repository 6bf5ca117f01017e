namespace Switchboard.Email;

/// <summary>What an arriving message is: a person's mail, or something that must never become (or answer) a case.</summary>
public abstract record MailVerdict
{
    private MailVerdict()
    {
    }

    /// <summary>A person wrote: it becomes a case or joins one.</summary>
    public sealed record Personal : MailVerdict;

    /// <summary>A delivery failure report (a bounce).</summary>
    public sealed record Bounce(string Reason) : MailVerdict;

    /// <summary>An automatic answer (out of office, a list, a robot).</summary>
    public sealed record AutoReply(string Reason) : MailVerdict;

    /// <summary>Mail that would make the centre talk to itself or to a robot in circles.</summary>
    public sealed record MailLoop(string Reason) : MailVerdict;

    /// <summary>The name the host stores and logs: personal, bounce, auto-reply or loop.</summary>
    public string Name => this switch
    {
        Personal => "personal",
        Bounce => "bounce",
        AutoReply => "auto-reply",
        MailLoop => "loop",
        _ => throw new InvalidOperationException("Unknown verdict."),
    };
}
