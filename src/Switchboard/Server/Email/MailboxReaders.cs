using System.Globalization;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Switchboard.Email;
using Switchboard.Persistence;
using Switchboard.Persistence.Email;

namespace Switchboard.Server.Email;

/// <summary>
/// One reader per configured mailbox, started with the server and whenever the mailboxes change. A reader logs in over
/// IMAP, takes every message above the last UID it stored (all of them again when the folder's UIDVALIDITY changed:
/// the Message-ID check keeps that from making duplicates), then waits in IDLE for new mail where the server offers
/// it, or polls. The UID is stored after each message, so a restart neither loses nor re-reads one.
/// </summary>
internal sealed partial class MailboxReaders(
    IDbContextFactory<SwitchboardDb> databases,
    MailIntake intake,
    MailboxSecrets secrets,
    IOptions<EmailSettings> settings,
    TimeProvider time,
    ILogger<MailboxReaders> logger) : BackgroundService
{
    private readonly Dictionary<string, (CancellationTokenSource Stop, Task Reading)> readers = [];
    private readonly SemaphoreSlim changed = new(0);
    private TaskCompletionSource progressed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes the next time a reader stores its progress (a message taken in, threaded or set aside), so a
    /// caller that waits for mail to arrive waits on that rather than asking again and again.</summary>
    public Task Progressed => Volatile.Read(ref progressed).Task;

    /// <summary>Tells the readers the stored mailboxes changed (one added or removed).</summary>
    public void Changed() => changed.Release();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await ReconcileAsync(stoppingToken);
                await changed.WaitAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            foreach (var (stop, _) in readers.Values)
            {
                await stop.CancelAsync();
            }

            await Task.WhenAll(readers.Values.Select(r => r.Reading));
            foreach (var (stop, _) in readers.Values)
            {
                stop.Dispose();
            }
        }
    }

    private async Task ReconcileAsync(CancellationToken stoppingToken)
    {
        await using var db = await databases.CreateDbContextAsync(stoppingToken);
        var ids = await db.Mailboxes.AsNoTracking().Select(m => m.Id).ToListAsync(stoppingToken);
        foreach (var gone in readers.Keys.Except(ids).ToList())
        {
            var (stop, reading) = readers[gone];
            readers.Remove(gone);
            await stop.CancelAsync();
            await reading;
            stop.Dispose();
        }

        foreach (var id in ids.Where(id => !readers.ContainsKey(id)))
        {
            var stop = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            readers[id] = (stop, Task.Run(() => ReadAsync(id, stop.Token), CancellationToken.None));
        }
    }

    private async Task ReadAsync(string id, CancellationToken stop)
    {
        var options = settings.Value;
        var senders = new SenderWindow(options.FloodWindow);
        while (!stop.IsCancellationRequested)
        {
            try
            {
                if (await SessionAsync(id, senders, stop))
                {
                    return;
                }

                LogDeferred(logger, id, options.RetryAfter);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception error) when (error is ImapCommandException or ImapProtocolException or IOException or System.Net.Sockets.SocketException
                or AuthenticationException or ServiceNotConnectedException or SslHandshakeException or TimeoutException or DbUpdateException)
            {
                LogReadFailed(logger, id, options.RetryAfter, error);
            }
#pragma warning disable CA1031 // A reader that stopped on a bug would leave its mailbox unread without a sound; it is logged as an error and tried again.
            catch (Exception error)
#pragma warning restore CA1031
            {
                LogReaderBroke(logger, id, options.RetryAfter, error);
            }

            try
            {
                await Task.Delay(options.RetryAfter, time, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>
    /// One IMAP session: catch up, then wait for more, until stopped or the connection fails. True when the mailbox is
    /// gone; false when a message has to wait for a later read (routing refused its case).
    /// </summary>
    private async Task<bool> SessionAsync(string id, SenderWindow senders, CancellationToken stop)
    {
        var options = settings.Value;
        MailboxRecord? mailbox;
        await using (var db = await databases.CreateDbContextAsync(stop))
        {
            mailbox = await db.Mailboxes.AsNoTracking().SingleOrDefaultAsync(m => m.Id == id, stop);
        }

        if (mailbox is null)
        {
            return true;
        }

        using var client = new ImapClient { Timeout = (int)TimeSpan.FromSeconds(60).TotalMilliseconds };
        await client.ConnectAsync(mailbox.ImapHost, mailbox.ImapPort, (MailboxSecurity)mailbox.ImapSecurity switch
        {
            MailboxSecurity.StartTls => SecureSocketOptions.StartTls,
            MailboxSecurity.Tls => SecureSocketOptions.SslOnConnect,
            _ => SecureSocketOptions.None,
        }, stop);
        await client.AuthenticateAsync(mailbox.UserName, secrets.Open(mailbox.Password), stop);
        var inbox = client.Inbox;
        await inbox.OpenAsync(FolderAccess.ReadOnly, stop);

        // Set by the server's untagged EXISTS, which may come with any response; checked before every wait, so
        // mail that arrives while catching up is never left waiting for the next one.
        var arrived = true;
        CancellationTokenSource? waiting = null;
        inbox.CountChanged += (_, _) =>
        {
            arrived = true;
            waiting?.Cancel();
        };

        while (!stop.IsCancellationRequested)
        {
            while (arrived)
            {
                arrived = false;
                if (!await CatchUpAsync(mailbox, inbox, senders, stop))
                {
                    return false;
                }
            }

            if (client.Capabilities.HasFlag(ImapCapabilities.Idle))
            {
                using var done = new CancellationTokenSource(options.IdleFor, time);
                using var linked = CancellationTokenSource.CreateLinkedTokenSource(done.Token, stop);
                waiting = linked;
                if (!arrived)
                {
                    await client.IdleAsync(linked.Token, stop);
                }

                waiting = null;
            }
            else
            {
                await Task.Delay(options.PollEvery, time, stop);
                await inbox.CheckAsync(stop);
                arrived = true;
            }
        }

        return true;
    }

    /// <summary>Takes every message above the stored last UID, storing the UID after each; false when one has to wait (routing refused its case).</summary>
    private async Task<bool> CatchUpAsync(MailboxRecord mailbox, IMailFolder inbox, SenderWindow senders, CancellationToken stop)
    {
        await using var db = await databases.CreateDbContextAsync(stop);
        var row = await db.Mailboxes.SingleOrDefaultAsync(m => m.Id == mailbox.Id, stop);
        if (row is null)
        {
            return true;
        }

        var validity = (long)inbox.UidValidity;
        if (row.UidValidity != validity)
        {
            // New UIDs for the folder: read it all again; the Message-ID check drops what was taken before.
            row.UidValidity = validity;
            row.LastUid = 0;
            await db.SaveChangesAsync(stop);
        }

        var from = new UniqueId((uint)Math.Min(row.LastUid + 1, uint.MaxValue));
        var uids = await inbox.SearchAsync(SearchQuery.Uids(new UniqueIdRange(from, UniqueId.MaxValue)), stop);

        // "n:*" always matches the highest UID, even when it is below n.
        foreach (var uid in uids.Where(u => u.Id > row.LastUid).OrderBy(u => u.Id))
        {
            var message = await inbox.GetMessageAsync(uid, stop);
            var fallback = string.Create(CultureInfo.InvariantCulture, $"{mailbox.Id}.{validity}.{uid.Id}@switchboard.invalid");
            if (await intake.TakeAsync(row, message, fallback, senders, stop) == IntakeOutcome.Refused)
            {
                // Left for the next read, so a queue set right again still gets it.
                return false;
            }

            row.LastUid = uid.Id;
            row.Version++;
            await db.SaveChangesAsync(stop);
            Interlocked.Exchange(ref progressed, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
        }

        return true;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Mailbox {Mailbox} holds a message that cannot be taken in now; reading it again in {RetryAfter}.")]
    private static partial void LogDeferred(ILogger logger, string mailbox, TimeSpan retryAfter);

    [LoggerMessage(Level = LogLevel.Error, Message = "The reader of mailbox {Mailbox} failed unexpectedly; trying again in {RetryAfter}.")]
    private static partial void LogReaderBroke(ILogger logger, string mailbox, TimeSpan retryAfter, Exception error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading mailbox {Mailbox} failed; trying again in {RetryAfter}.")]
    private static partial void LogReadFailed(ILogger logger, string mailbox, TimeSpan retryAfter, Exception error);
}

/// <summary>How a mailbox's IMAP connection is secured.</summary>
internal enum MailboxSecurity
{
    /// <summary>In clear: only for a server on loopback.</summary>
    None = 0,

    /// <summary>STARTTLS, required.</summary>
    StartTls = 1,

    /// <summary>TLS from the first byte (port 993).</summary>
    Tls = 2,
}
