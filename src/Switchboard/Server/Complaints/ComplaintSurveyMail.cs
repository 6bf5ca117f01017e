using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;
using Switchboard.Email;
using Switchboard.Persistence;
using Switchboard.Persistence.Chat;
using Switchboard.Server.Chat;
using Switchboard.Server.Email;
using Switchboard.Server.Hosting;

namespace Switchboard.Server.Complaints;

/// <summary>
/// Mails the complaint-handling survey's invitation to the customer: in the background as soon as the closing step is
/// committed (<see cref="Owe"/>: the closing request never waits on the mail server), and again from the complaint
/// clock monitor while the mail server could not take it, for <see cref="RetryFor"/> after the closure. It needs the
/// mail server (<c>Switchboard:Mail</c>) and the address customers reach the server at (<c>Switchboard:PublicUrl</c>),
/// since the link must be absolute; without either the invitation is only stored.
/// </summary>
internal sealed partial class ComplaintSurveyMail(
    IDbContextFactory<SwitchboardDb> databases, IOptions<MailSettings> mail, IOptions<ServerSettings> server, TimeProvider time, ILogger<ComplaintSurveyMail> logger)
    : BackgroundService
{
    // Unbounded: one small entry per closure. The invitation itself is stored before it is owed here, so a wake-up lost
    // to a restart costs only time: the monitor's retry mails it.
    private readonly Channel<Guid> owed = Channel.CreateUnbounded<Guid>(new UnboundedChannelOptions { SingleReader = true });

    private int waiting;

    /// <summary>How long after the closure an invitation the mail server refused is tried again: an invitation
    /// arriving later would ask about handling the customer has long stopped thinking about.</summary>
    public static readonly TimeSpan RetryFor = TimeSpan.FromDays(3);

    /// <summary>How long the monitor leaves a fresh invitation to the closing step's own sending, so both do not send it.</summary>
    public static readonly TimeSpan StepHeadStart = TimeSpan.FromMinutes(1);

    private int toldNotConfigured;

    /// <summary>The server's public address when both it and the mail server are set up; null (the reason logged once) otherwise.</summary>
    private Uri? PublicUrl()
    {
        var missing = !mail.Value.Configured ? "Switchboard:Mail (host and sender)"
            : string.IsNullOrWhiteSpace(server.Value.PublicUrl) ? "Switchboard:PublicUrl"
            : null;
        if (missing is null)
        {
            // A trailing slash keeps a path the server is published under (https://host/switchboard/) in the link.
            var address = server.Value.PublicUrl!;
            return new Uri(address.EndsWith('/') ? address : address + "/", UriKind.Absolute);
        }

        if (Interlocked.Exchange(ref toldNotConfigured, 1) == 0)
        {
            LogNotConfigured(logger, missing);
        }

        return null;
    }

    /// <summary>Invitations owed to the background sender and not yet tried.</summary>
    public int Waiting => Volatile.Read(ref waiting);

    /// <summary>Raised each time the background sender has tried an owed invitation (what tests wait on).</summary>
    internal event Action? Tried;

    /// <summary>Hands the stored invitation whose token is <paramref name="token"/> to the background sender and returns at once.</summary>
    public void Owe(Guid token)
    {
        Interlocked.Increment(ref waiting);
        if (!owed.Writer.TryWrite(token))
        {
            Interlocked.Decrement(ref waiting);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var token in owed.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await TrySendAsync(token, stoppingToken);
            }
            catch (Exception error) when (!stoppingToken.IsCancellationRequested)
            {
                // The database failing, say: the invitation stays unmailed and the monitor's retry takes it.
                LogOwedFailed(logger, token, error);
            }
            finally
            {
                Interlocked.Decrement(ref waiting);
                Tried?.Invoke();
            }
        }
    }

    /// <summary>
    /// Mails the invitation whose token is <paramref name="token"/> unless it was mailed already; false when it was not
    /// sent now (not set up, or the mail server failed: logged, and the monitor tries again).
    /// </summary>
    public async Task<bool> TrySendAsync(Guid token, CancellationToken cancellationToken)
    {
        if (PublicUrl() is not { } publicUrl)
        {
            return false;
        }

        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var invitation = await db.SurveyInvitations.AsNoTracking().SingleOrDefaultAsync(i => i.Contact == token && i.Complaint != null && i.Mailed == null, cancellationToken);
        return invitation is not null && await TrySendAsync(db, invitation, publicUrl, cancellationToken) == Sending.Sent;
    }

    /// <summary>Mails the invitations not yet mailed that closed between <see cref="RetryFor"/> and
    /// <see cref="StepHeadStart"/> ago; returns how many were sent.</summary>
    public async Task<int> RetryAsync(CancellationToken cancellationToken)
    {
        if (PublicUrl() is not { } publicUrl)
        {
            return 0;
        }

        var now = time.GetUtcNow();
        var (oldest, newest) = (now - RetryFor, now - StepHeadStart);
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var owed = await db.SurveyInvitations.AsNoTracking()
            .Where(i => i.Complaint != null && i.Mailed == null && i.Invited >= oldest && i.Invited <= newest)
            .OrderBy(i => i.Invited).Take(100).ToListAsync(cancellationToken);
        var sent = 0;
        foreach (var invitation in owed)
        {
            var outcome = await TrySendAsync(db, invitation, publicUrl, cancellationToken);
            if (outcome == Sending.ServerFailed)
            {
                // The mail server is failing: the next sweep tries the rest.
                break;
            }

            sent += outcome == Sending.Sent ? 1 : 0;
        }

        return sent;
    }

    private enum Sending
    {
        Sent = 1,
        ServerFailed = 2,
        NoAddress = 3,
        Taken = 4,
    }

    private async Task<Sending> TrySendAsync(SwitchboardDb db, SurveyInvitationRecord invitation, Uri publicUrl, CancellationToken cancellationToken)
    {
        var complaint = await db.Complaints.AsNoTracking()
            .Where(c => c.Id == invitation.Complaint).Select(c => new { c.Reference, c.CustomerEmail }).SingleAsync(cancellationToken);
        if (!MailboxAddress.TryParse(complaint.CustomerEmail, out var customer))
        {
            LogBadAddress(logger, complaint.Reference);
            return Sending.NoAddress;
        }

        // Claimed before sending, so the closing step and the monitor (or two servers) never both send it: at most once,
        // since asking a customer twice is worse than a survey lost to a crash between the claim and the sending.
        var token = invitation.Contact;
        var now = time.GetUtcNow();
        if (await db.SurveyInvitations.Where(i => i.Contact == token && i.Mailed == null)
                .ExecuteUpdateAsync(u => u.SetProperty(i => i.Mailed, now), cancellationToken) == 0)
        {
            return Sending.Taken;
        }

        var settings = mail.Value;
        var message = Invitation(settings.Sender!, customer, complaint.Reference, new Uri(publicUrl, ComplaintSurveys.Link(token).TrimStart('/')), now);
        try
        {
            await SmtpSender.SendAsync(settings, message, cancellationToken);
            return Sending.Sent;
        }
        catch (Exception error) when (SmtpSender.IsServerFailure(error) || error is OperationCanceledException)
        {
            LogSendFailed(logger, complaint.Reference, error);
            await db.SurveyInvitations.Where(i => i.Contact == token)
                .ExecuteUpdateAsync(u => u.SetProperty(i => i.Mailed, (DateTimeOffset?)null), CancellationToken.None);
            return Sending.ServerFailed;
        }
    }

    /// <summary>The invitation: plain text, the reference in the subject, the one question and the absolute link; marked
    /// as automatic (RFC 3834) and with our loop header, so neither the customer's robots nor our own mailboxes answer it.</summary>
    internal static MimeMessage Invitation(string from, MailboxAddress to, string reference, Uri link, DateTimeOffset at)
    {
        var sender = MailboxAddress.Parse(from);
        var message = new MimeMessage();
        message.From.Add(sender);
        message.To.Add(to);
        message.Subject = $"Your complaint {reference}: how did we handle it?";
        message.MessageId = $"{Guid.CreateVersion7(at):N}@{sender.Domain}";
        message.Date = at;
        message.Headers.Add("Auto-Submitted", "auto-generated");
        message.Headers.Add(MailboxIdentity.LoopHeader, sender.Address);
        message.Body = new TextPart("plain")
        {
            Text = $"""
                Your complaint {reference} is closed. We would like to know one thing:

                {ComplaintSurveys.Question}

                Please answer on this page, from 1 (very dissatisfied) to 5 (very satisfied), with a comment if you wish:
                {link.AbsoluteUri}

                The link is yours alone and takes one answer. This message was sent automatically; replies are not read.

                """,
        };
        return message;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Mailing the owed survey invitation {Token} failed; the complaint clock monitor tries again.")]
    private static partial void LogOwedFailed(ILogger logger, Guid token, Exception error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Complaint-handling survey invitations are stored but not mailed: {Missing} is not set.")]
    private static partial void LogNotConfigured(ILogger logger, string missing);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Mailing the survey invitation of complaint {Reference} failed; the complaint clock monitor tries again.")]
    private static partial void LogSendFailed(ILogger logger, string reference, Exception error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The survey invitation of complaint {Reference} cannot be mailed: its customer's address is not one.")]
    private static partial void LogBadAddress(ILogger logger, string reference);
}
