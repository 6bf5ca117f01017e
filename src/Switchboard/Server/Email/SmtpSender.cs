using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using Switchboard.Server.Chat;

namespace Switchboard.Server.Email;

/// <summary>Sends one message through the mail server of <see cref="MailSettings"/> (chat transcripts, case mail).</summary>
internal static class SmtpSender
{
    public static async Task SendAsync(MailSettings mail, MimeMessage message, CancellationToken cancellationToken)
    {
        // MailKit waits two minutes by default; whoever waits on the answer should learn sooner.
        using var client = new SmtpClient { Timeout = (int)TimeSpan.FromSeconds(30).TotalMilliseconds };
        await client.ConnectAsync(mail.Host!, mail.Port, mail.StartTls ? SecureSocketOptions.StartTls : SecureSocketOptions.None, cancellationToken);
        if (mail.UserName is { Length: > 0 } user)
        {
            await client.AuthenticateAsync(user, mail.Password ?? "", cancellationToken);
        }

        await client.SendAsync(message, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
    }

    /// <summary>Whether <paramref name="error"/> is the mail server failing (unreachable, refusing, timing out), not a bug.</summary>
    public static bool IsServerFailure(Exception error) =>
        error is System.Net.Sockets.SocketException or IOException or SmtpCommandException or SmtpProtocolException
            or AuthenticationException or MailKit.ServiceNotConnectedException or SslHandshakeException or TimeoutException;
}
