using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using Switchboard.Tests.Server.Email;

namespace Switchboard.Load;

/// <summary>
/// Email intake throughput: <c>--emails</c> messages from as many customers are delivered into the support mailbox
/// through Postfix and Dovecot first; then the mailbox is added, and the time from its creation until its reader has
/// stored the last UID (every message classified, threaded, made a case with its routed email contact, and
/// acknowledged over SMTP) gives messages per second.
/// </summary>
internal sealed class EmailLoad(HttpClient admin, LoadSettings settings, MailServers mail)
{
    public const string Support = "support@test.example";

    public async Task<EmailReport> RunAsync()
    {
        await ChatLoad.CreatedAsync(admin.PostAsJsonAsync("/api/clients", new { id = "email-load", name = "Email load" }));
        await ChatLoad.CreatedAsync(admin.PostAsJsonAsync("/api/queues", new
        {
            id = "email-load",
            client = "email-load",
            name = "Email load",
            settings = new { stages = new[] { new { after = "00:00:00", skills = new[] { new { skill = "email", minimum = 1 } } } } },
        }));

        // Four SMTP sessions deliver; each customer writes once (so no flood rule applies), with a few lines of text.
        const int Senders = 4;
        await Task.WhenAll(Enumerable.Range(0, Senders).Select(async sender =>
        {
            using var smtp = new SmtpClient();
            await smtp.ConnectAsync("127.0.0.1", mail.SmtpPort, SecureSocketOptions.None);
            for (var i = sender; i < settings.Emails; i += Senders)
            {
                await smtp.SendAsync(Message(i));
            }

            await smtp.DisconnectAsync(true);
        }));
        var delivered = Stopwatch.StartNew();
        while (await mail.CountAsync(Support) < settings.Emails)
        {
            if (delivered.Elapsed > TimeSpan.FromMinutes(5))
            {
                throw new InvalidOperationException($"Postfix delivered {await mail.CountAsync(Support)} of {settings.Emails} in 5 minutes; {mail.Logs()}");
            }

            await Task.Delay(200);
        }

        var took = Stopwatch.StartNew();
        await ChatLoad.CreatedAsync(admin.PostAsJsonAsync("/api/mailboxes", new
        {
            id = "email-load",
            client = "email-load",
            queue = "email-load",
            address = Support,
            language = "en",
            imap = new { host = "127.0.0.1", port = mail.ImapPort, security = "none", userName = Support, password = MailServers.Password },
        }));
        long lastUid;
        while ((lastUid = (await admin.GetFromJsonAsync<JsonElement>("/api/mailboxes/email-load")).GetProperty("lastUid").GetInt64()) < settings.Emails)
        {
            if (took.Elapsed > TimeSpan.FromMinutes(10))
            {
                throw new InvalidOperationException($"The reader took in {lastUid} of {settings.Emails} in 10 minutes.");
            }

            await Task.Delay(50);
        }

        took.Stop();
        var cases = (await admin.GetFromJsonAsync<JsonElement[]>("/api/cases?client=email-load"))!;
        return new EmailReport(settings.Database, settings.Emails, Math.Round(took.Elapsed.TotalSeconds, 2), Math.Round(settings.Emails / took.Elapsed.TotalSeconds, 1),
            cases.Length > 0 ? cases[0].GetProperty("reference").GetString() : null);
    }

    private static MimeMessage Message(int i)
    {
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress("Customer " + i.ToString(CultureInfo.InvariantCulture), $"customer{i}@customers.example"));
        message.To.Add(MailboxAddress.Parse(Support));
        message.Subject = "Question about invoice " + (4700 + i).ToString(CultureInfo.InvariantCulture);
        message.Body = new TextPart("plain")
        {
            Text = "Hello,\n\nmy invoice shows a charge I do not recognise. Could you look into it?\n\nKind regards\n",
        };
        return message;
    }
}

/// <param name="LatestReference">The newest case's reference (the last message's case), as a check that cases were made.</param>
internal sealed record EmailReport(string Database, int Messages, double Seconds, double MessagesPerSecond, string? LatestReference)
{
    public string ToJson() => JsonSerializer.Serialize(this, Percentiles.Web);

    public string ToTable() => string.Create(CultureInfo.InvariantCulture,
        $"email intake ({Database}): {Messages} messages from IMAP into cases in {Seconds} s = {MessagesPerSecond} messages/s (newest case {LatestReference})");
}
