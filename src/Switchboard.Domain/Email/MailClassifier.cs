namespace Switchboard.Email;

/// <summary>
/// Our side of a mailbox, for loop detection: its address, the loop header every message we send carries, and how
/// many messages one sender may send within <see cref="FloodWindow"/> before the rest are taken for a loop.
/// </summary>
public sealed record MailboxIdentity(string Address)
{
    /// <summary>The header we put on every message we send; its value names the mailbox.</summary>
    public const string LoopHeader = "X-Switchboard-Loop";

    /// <summary>The most messages from one sender within <see cref="FloodWindow"/> that still count as a person's; 10 by default.</summary>
    public int FloodLimit { get; init; } = 10;

    /// <summary>The sliding window of <see cref="FloodLimit"/>; 10 minutes by default.</summary>
    public TimeSpan FloodWindow { get; init; } = TimeSpan.FromMinutes(10);
}

/// <summary>
/// Sorts arriving mail, first rule that matches: bounces (a delivery status report, the null return path, a
/// mailer-daemon or postmaster sender), our own mail coming back (our loop header, our own address as sender),
/// automatic answers (Auto-Submitted other than "no" per RFC 3834, X-Autoreply, X-Autorespond, Precedence bulk, junk
/// or list, a list's List-Id, X-Auto-Response-Suppress: All / AutoReply sent by Exchange), and then a flood: more
/// than <see cref="MailboxIdentity.FloodLimit"/> messages from one sender within the window.
/// </summary>
public static class MailClassifier
{
    /// <param name="mail">The message.</param>
    /// <param name="mailbox">Our side of the mailbox it arrived in.</param>
    /// <param name="fromSenderInWindow">Messages from this sender within the mailbox's flood window, this one included.</param>
    public static MailVerdict Classify(InboundMail mail, MailboxIdentity mailbox, int fromSenderInWindow)
    {
        ArgumentNullException.ThrowIfNull(mail);
        ArgumentNullException.ThrowIfNull(mailbox);
        if (mail.MediaType == "multipart/report" && string.Equals(mail.ReportType, "delivery-status", StringComparison.OrdinalIgnoreCase))
        {
            return new MailVerdict.Bounce("A delivery status report.");
        }

        if (mail.ReturnPath is { Length: 0 })
        {
            return new MailVerdict.Bounce("The null return path.");
        }

        var local = LocalPart(mail.From);
        if (local.Equals("mailer-daemon", StringComparison.OrdinalIgnoreCase) || local.Equals("postmaster", StringComparison.OrdinalIgnoreCase))
        {
            return new MailVerdict.Bounce($"Sent by {local}.");
        }

        if (mail.Header(MailboxIdentity.LoopHeader) is not null)
        {
            return new MailVerdict.MailLoop("It carries our own loop header.");
        }

        if (string.Equals(mail.From.Trim(), mailbox.Address.Trim(), StringComparison.OrdinalIgnoreCase))
        {
            return new MailVerdict.MailLoop("It comes from our own address.");
        }

        if (AutoReplyReason(mail) is { } reason)
        {
            return new MailVerdict.AutoReply(reason);
        }

        if (fromSenderInWindow > mailbox.FloodLimit)
        {
            return new MailVerdict.MailLoop($"More than {mailbox.FloodLimit} messages from one sender within {mailbox.FloodWindow}.");
        }

        return new MailVerdict.Personal();
    }

    private static string? AutoReplyReason(InboundMail mail)
    {
        if (mail.Header("Auto-Submitted") is { } submitted && !Token(submitted).Equals("no", StringComparison.OrdinalIgnoreCase))
        {
            return $"Auto-Submitted: {Token(submitted)}.";
        }

        foreach (var name in (ReadOnlySpan<string>)["X-Autoreply", "X-Autorespond", "X-Autoresponder"])
        {
            if (mail.Header(name) is not null)
            {
                return $"{name} is present.";
            }
        }

        if (mail.Header("Precedence") is { } precedence && Token(precedence).ToLowerInvariant() is "bulk" or "junk" or "list" or "auto_reply")
        {
            return $"Precedence: {Token(precedence)}.";
        }

        if (mail.Header("List-Id") is not null)
        {
            return "Sent through a mailing list (List-Id).";
        }

        if (mail.Header("X-Auto-Response-Suppress") is { } suppress
            && suppress.Split(',').Any(p => p.Trim().Equals("All", StringComparison.OrdinalIgnoreCase) || p.Trim().Equals("AutoReply", StringComparison.OrdinalIgnoreCase)))
        {
            return "X-Auto-Response-Suppress asks for no automatic answer.";
        }

        return null;
    }

    // Header values may carry parameters or comments after the keyword ("auto-replied; owner-email=...").
    private static string Token(string value)
    {
        var end = value.IndexOfAny([';', '(', ' ']);
        return (end < 0 ? value : value[..end]).Trim();
    }

    private static string LocalPart(string address)
    {
        var at = address.LastIndexOf('@');
        return (at < 0 ? address : address[..at]).Trim();
    }
}
