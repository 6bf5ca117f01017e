using Switchboard.Cases;

namespace Switchboard.Email;

/// <summary>Which case an arriving message belongs to.</summary>
public abstract record MailThread
{
    private MailThread()
    {
    }

    /// <summary>It answers a message of the case (In-Reply-To or References).</summary>
    public sealed record ByMessage(Guid Case, string MessageId) : MailThread;

    /// <summary>Its subject names the case's reference.</summary>
    public sealed record ByReference(Guid Case, CaseReference Reference) : MailThread;

    /// <summary>It starts a new case.</summary>
    public sealed record NewCase : MailThread;
}

/// <summary>
/// Threads a message into a case: In-Reply-To first, then References from the newest back, against the ids of
/// messages the cases already hold; failing that, a "[Ref C-…]" tag in the subject naming a case of the same client;
/// else a new case. The host looks the ids and the reference up and passes what it found.
/// </summary>
public static class MailThreading
{
    /// <summary>The message ids worth looking up, most telling first (In-Reply-To, then References newest first), without repeats.</summary>
    public static IReadOnlyList<string> Candidates(InboundMail mail)
    {
        ArgumentNullException.ThrowIfNull(mail);
        var ids = new List<string>(mail.References.Count + 1);
        if (!string.IsNullOrWhiteSpace(mail.InReplyTo))
        {
            ids.Add(mail.InReplyTo);
        }

        for (var i = mail.References.Count - 1; i >= 0; i--)
        {
            if (!string.IsNullOrWhiteSpace(mail.References[i]) && !ids.Contains(mail.References[i]))
            {
                ids.Add(mail.References[i]);
            }
        }

        return ids;
    }

    /// <param name="mail">The message.</param>
    /// <param name="known">Cases of the message's client by the ids of messages they hold (any subset of <see cref="Candidates"/>).</param>
    /// <param name="referenced">The case of the same client whose reference the subject names, if the subject names one and it exists.</param>
    public static MailThread Find(InboundMail mail, IReadOnlyDictionary<string, Guid> known, Func<CaseReference, Guid?> referenced)
    {
        ArgumentNullException.ThrowIfNull(known);
        ArgumentNullException.ThrowIfNull(referenced);
        foreach (var id in Candidates(mail))
        {
            if (known.TryGetValue(id, out var found))
            {
                return new MailThread.ByMessage(found, id);
            }
        }

        if (CaseReference.FindIn(mail.Subject) is { } reference && referenced(reference) is { } named)
        {
            return new MailThread.ByReference(named, reference);
        }

        return new MailThread.NewCase();
    }
}
