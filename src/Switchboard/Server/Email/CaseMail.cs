using Microsoft.Extensions.Options;
using MimeKit;
using Switchboard.Cases;
using Switchboard.Email;
using Switchboard.Persistence.Email;
using Switchboard.Server.Chat;

namespace Switchboard.Server.Email;

/// <summary>
/// What the centre sends about a case: the acknowledgement of a new case and agents' replies, from the case's mailbox
/// address, each with a Message-ID we make and keep, our loop header, and the reference in the subject.
/// </summary>
internal sealed partial class CaseMail(IOptions<MailSettings> settings, TimeProvider time, ILogger<CaseMail> logger)
{
    /// <summary>Whether an SMTP server is set up (<c>Switchboard:Mail:Host</c>); without one nothing is sent.</summary>
    public bool Configured => !string.IsNullOrWhiteSpace(settings.Value.Host);

    /// <summary>
    /// Sends the message and returns its record (outbound, not yet stored); null when no mail server is set up or it
    /// failed (logged): the case is kept either way.
    /// </summary>
    /// <param name="thread">The case's message ids so far, oldest first (the last is answered).</param>
    public async Task<CaseMessageRecord?> TrySendAsync(
        CaseRecord @case, string from, string text, int kind, string? agent, IReadOnlyList<string> thread, CancellationToken cancellationToken)
    {
        if (!Configured)
        {
            return null;
        }

        var reference = new CaseReference(@case.Number);
        var now = time.GetUtcNow();
        var id = Guid.CreateVersion7(now);
        var messageId = $"{id:N}@{Domain(from)}";
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(from));
        message.To.Add(MailboxAddress.Parse(@case.Customer));
        message.Subject = MailAcknowledgement.ReplySubject(@case.Subject, reference);
        message.MessageId = messageId;
        message.Date = now;
        if (thread.Count > 0)
        {
            message.InReplyTo = thread[^1];
            foreach (var earlier in thread.TakeLast(20))
            {
                message.References.Add(earlier);
            }
        }

        message.Headers.Add(MailboxIdentity.LoopHeader, @case.Mailbox);
        if (kind == CaseMessageKinds.Acknowledgement)
        {
            // RFC 3834: an automatic answer says so, so the customer's own robots do not answer it.
            message.Headers.Add("Auto-Submitted", "auto-replied");
        }

        message.Body = new TextPart("plain") { Text = text };
        try
        {
            await SmtpSender.SendAsync(settings.Value, message, cancellationToken);
        }
        catch (Exception error) when (SmtpSender.IsServerFailure(error))
        {
            LogSendFailed(logger, reference.ToString(), error);
            return null;
        }

        return new CaseMessageRecord
        {
            Id = id,
            Case = @case.Id,
            Client = @case.Client,
            Direction = CaseMessageKinds.Outbound,
            Kind = kind,
            MessageId = messageId,
            InReplyTo = message.InReplyTo,
            From = from,
            To = @case.Customer,
            Subject = message.Subject,
            Text = text,
            Agent = agent,
            At = now,
        };
    }

    private static string Domain(string address)
    {
        var at = address.LastIndexOf('@');
        return at < 0 ? "switchboard.invalid" : address[(at + 1)..];
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sending mail for case {Reference} failed; nothing was sent.")]
    private static partial void LogSendFailed(ILogger logger, string reference, Exception error);
}

/// <summary>The numbers <see cref="CaseMessageRecord.Direction"/> and <see cref="CaseMessageRecord.Kind"/> hold.</summary>
internal static class CaseMessageKinds
{
    public const int Inbound = 1;
    public const int Outbound = 2;

    public const int CustomerMail = 1;
    public const int Acknowledgement = 2;
    public const int AgentReply = 3;
}
