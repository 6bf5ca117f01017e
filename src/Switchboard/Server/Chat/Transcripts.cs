using System.Globalization;
using System.Text;
using Microsoft.Extensions.Options;
using MimeKit;
using Switchboard.Server.Email;

namespace Switchboard.Server.Chat;

/// <summary>Sends a conversation's transcript as plain text through the mail server of <see cref="MailSettings"/>.</summary>
internal sealed partial class Transcripts(IOptions<MailSettings> settings, ILogger<Transcripts> logger)
{
    public bool Configured => settings.Value.Configured;

    /// <summary>
    /// Sends the transcript; false (and logged) when the mail server cannot be reached, refuses the message or fails
    /// on the way. Nothing is lost then: the messages stay stored, so the customer may ask again.
    /// </summary>
    public async Task<bool> TrySendAsync(string to, IReadOnlyList<ChatMessageView> messages, CancellationToken cancellationToken)
    {
        try
        {
            await SendAsync(to, messages, cancellationToken);
            return true;
        }
        catch (Exception error) when (SmtpSender.IsServerFailure(error) || error is OperationCanceledException { CancellationToken.IsCancellationRequested: false })
        {
            // A cancelled request (the customer went away) is not the mail server's failure; anything else is a
            // mail server that cannot take the message now.
            LogSendFailed(logger, settings.Value.Host, settings.Value.Port, error);
            return false;
        }
    }

    private async Task SendAsync(string to, IReadOnlyList<ChatMessageView> messages, CancellationToken cancellationToken)
    {
        var mail = settings.Value;
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(mail.Sender!));
        message.To.Add(MailboxAddress.Parse(to));
        message.Subject = "Your chat transcript";
        message.Body = new TextPart("plain") { Text = Text(messages) };
        await SmtpSender.SendAsync(mail, message, cancellationToken);
    }

    /// <summary>The transcript: one line per message, "[time UTC] who: text"; the agent by display name.</summary>
    public static string Text(IReadOnlyList<ChatMessageView> messages)
    {
        var text = new StringBuilder();
        foreach (var m in messages)
        {
            var who = m.Sender switch
            {
                ChatSender.Customer => "You",
                ChatSender.Agent => m.AgentName ?? "Agent",
                _ => "Switchboard",
            };
            text.Append(CultureInfo.InvariantCulture, $"[{m.At.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC] {who}: {m.Text}").Append('\n');
        }

        return text.ToString();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sending a chat transcript through {Host}:{Port} failed; the customer was told to try again later.")]
    private static partial void LogSendFailed(ILogger logger, string? host, int port, Exception error);
}
