using System.Globalization;
using System.Text;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Switchboard.Server.Chat;

/// <summary>Sends a conversation's transcript as plain text through the mail server of <see cref="MailSettings"/>.</summary>
internal sealed class Transcripts(IOptions<MailSettings> settings)
{
    public bool Configured => settings.Value.Configured;

    public async Task SendAsync(string to, IReadOnlyList<ChatMessageView> messages, CancellationToken cancellationToken)
    {
        var mail = settings.Value;
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(mail.Sender!));
        message.To.Add(MailboxAddress.Parse(to));
        message.Subject = "Your chat transcript";
        message.Body = new TextPart("plain") { Text = Text(messages) };

        using var client = new SmtpClient();
        await client.ConnectAsync(mail.Host!, mail.Port, mail.StartTls ? SecureSocketOptions.StartTls : SecureSocketOptions.None, cancellationToken);
        if (mail.UserName is { Length: > 0 } user)
        {
            await client.AuthenticateAsync(user, mail.Password ?? "", cancellationToken);
        }

        await client.SendAsync(message, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
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
}
