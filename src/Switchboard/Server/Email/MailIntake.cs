using Ganss.Xss;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;
using Switchboard.Agents;
using Switchboard.Cases;
using Switchboard.Contacts;
using Switchboard.Contracts;
using Switchboard.Email;
using Switchboard.Persistence;
using Switchboard.Persistence.Email;
using Switchboard.Queues;
using Switchboard.Server.Contacts;
using Switchboard.Server.Hosting;
using Switchboard.Server.Queues;
using Switchboard.Server.RoutingDomains;
using Switchboard.Skills;

namespace Switchboard.Server.Email;

/// <summary>What became of one message taken from a mailbox.</summary>
internal enum IntakeOutcome
{
    /// <summary>It opened a new case (and a routed email contact).</summary>
    NewCase,

    /// <summary>It joined an existing case (a customer's reply).</summary>
    Threaded,

    /// <summary>A bounce, an auto-reply or a loop: recorded, no case.</summary>
    SetAside,

    /// <summary>The same Message-ID was taken in before: nothing done.</summary>
    Duplicate,

    /// <summary>The routing engine refused the contact (its queue is gone or full): nothing recorded, so a later read tries again.</summary>
    Refused,
}

/// <summary>
/// Takes one message from a mailbox into the centre: idempotent on the client's Message-ID, classified by the core
/// (<see cref="MailClassifier"/>), threaded into a case (<see cref="MailThreading"/>) or made a new case whose email
/// contact is created through the contacts' one arrival path, with the case rows committed in the arrival's
/// transaction; a new case is acknowledged by mail. One message at a time, centre-wide, so case numbers and the
/// Message-ID check never race.
/// </summary>
internal sealed partial class MailIntake(
    IDbContextFactory<SwitchboardDb> databases,
    QueueDirectory queues,
    RoutingDomainHost domains,
    ServerMetrics metrics,
    CaseMail mail,
    IOptions<EmailSettings> settings,
    TimeProvider time,
    ILogger<MailIntake> logger) : IDisposable
{
    /// <summary>Headers the classifier reads besides the ones <see cref="InboundMail"/> names.</summary>
    private static readonly string[] ClassifiedHeaders =
        ["Auto-Submitted", "X-Autoreply", "X-Autorespond", "X-Autoresponder", "Precedence", "List-Id", "X-Auto-Response-Suppress", MailboxIdentity.LoopHeader];

    // Also held by agents' replies (ExclusiveAsync), so a case's message sequence is only ever counted by one writer.
    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly HtmlSanitizer sanitizer = new();

    /// <summary>Runs <paramref name="work"/> while no message is taken in (a case's next message sequence is then stable).</summary>
    public async Task<T> ExclusiveAsync<T>(Func<Task<T>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        await gate.WaitAsync(cancellationToken);
        try
        {
            return await work();
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>The sequence the next message of a case takes.</summary>
    public static async Task<int> NextSequenceAsync(SwitchboardDb db, Guid @case, CancellationToken cancellationToken) =>
        (await db.CaseMessages.Where(m => m.Case == @case).MaxAsync(m => (int?)m.Sequence, cancellationToken) ?? 0) + 1;

    /// <param name="mailbox">The mailbox it came from.</param>
    /// <param name="message">The message.</param>
    /// <param name="fallbackId">A stable id for a message without a Message-ID (its mailbox, UIDVALIDITY and UID).</param>
    /// <param name="senders">The mailbox's flood window.</param>
    public async Task<IntakeOutcome> TakeAsync(MailboxRecord mailbox, MimeMessage message, string fallbackId, SenderWindow senders, CancellationToken cancellationToken)
    {
        var inbound = Read(message, fallbackId);
        var now = time.GetUtcNow();
        return await ExclusiveAsync(async () =>
        {
            await using var db = await databases.CreateDbContextAsync(cancellationToken);
            if (await db.ReceivedMail.AnyAsync(r => r.Client == mailbox.Client && r.MessageId == inbound.MessageId, cancellationToken))
            {
                return IntakeOutcome.Duplicate;
            }

            var identity = new MailboxIdentity(mailbox.Address) { FloodLimit = settings.Value.FloodLimit, FloodWindow = settings.Value.FloodWindow };
            var verdict = MailClassifier.Classify(inbound, identity, senders.Record(inbound.From, now));
            if (verdict is not MailVerdict.Personal)
            {
                db.ReceivedMail.Add(Received(mailbox, inbound, verdict, null, now));
                await db.SaveChangesAsync(cancellationToken);
                LogSetAside(logger, mailbox.Id, verdict.Name, inbound.MessageId);
                return IntakeOutcome.SetAside;
            }

            var thread = await ThreadAsync(db, mailbox.Client, inbound, cancellationToken);
            if (thread is not null && await FollowMergesAsync(db, thread.Value, cancellationToken) is { } existing)
            {
                var (row, files) = Message(existing.Id, existing.Client, message, inbound, now);
                var (taken, _) = await CaseLog.TakeAsync(db, existing, CaseLog.CustomerWrote, now, row.From, new CaseDetail { Message = row.Id }, cancellationToken);
                if (taken is not null)
                {
                    row.Sequence = await NextSequenceAsync(db, existing.Id, cancellationToken);
                    var joined = Received(mailbox, inbound, verdict, existing.Id, now);
                    if (await FinishedAsync(db, existing.Contact, cancellationToken))
                    {
                        return await RerouteAsync(db, mailbox, existing, row, files, joined, cancellationToken) ? IntakeOutcome.Threaded : IntakeOutcome.Refused;
                    }

                    db.CaseMessages.Add(row);
                    db.CaseAttachments.AddRange(files);
                    db.ReceivedMail.Add(joined);
                    await db.SaveChangesAsync(cancellationToken);
                    return IntakeOutcome.Threaded;
                }
            }

            // A closed case takes nothing more: the customer's mail starts a new one.
            return await OpenCaseAsync(db, mailbox, message, inbound, now, cancellationToken);
        }, cancellationToken);
    }

    private async Task<IntakeOutcome> OpenCaseAsync(
        SwitchboardDb db, MailboxRecord mailbox, MimeMessage message, InboundMail inbound, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var hours = await CaseLog.HoursAsync(db, mailbox.Client, mailbox.Queue, null, cancellationToken);
        var number = (await db.Cases.MaxAsync(c => (long?)c.Number, cancellationToken) ?? 0) + 1;
        var id = Guid.CreateVersion7(now);
        CustomerKey.TryEmail(inbound.From, out var key);
        var @case = new CaseRecord
        {
            Id = id,
            Number = number,
            Client = mailbox.Client,
            Queue = mailbox.Queue,
            Mailbox = mailbox.Id,
            Subject = Clip(inbound.Subject, 500),
            Status = (int)CaseStatus.Open,
            Customer = key?.Value ?? inbound.From,
            Created = now,
            Updated = now,
        };
        var (first, files) = Message(id, mailbox.Client, message, inbound, now);
        first.Sequence = 1;
        var opened = CaseLog.ReceivedEntry(@case, CaseTargets.For(hours.Contract), first.Id, first.From);
        var (current, clock) = CaseLog.Rebuild(@case, [opened], hours);
        CaseLog.Project(@case, current, clock, now);
        var received = Received(mailbox, inbound, new MailVerdict.Personal(), id, now);
        var routed = await RouteAsync(mailbox, mailbox.Queue, @case.Customer, null, (d, contactId) =>
        {
            @case.Contact = contactId;
            d.Cases.Add(@case);
            d.CaseEvents.Add(opened);
            d.CaseMessages.Add(first);
            d.CaseAttachments.AddRange(files);
            d.ReceivedMail.Add(received);
        }, cancellationToken);
        if (!routed)
        {
            return IntakeOutcome.Refused;
        }

        await AcknowledgeAsync(db, mailbox.Address, @case, hours.Contract, inbound.MessageId, cancellationToken);
        return IntakeOutcome.NewCase;
    }

    /// <summary>
    /// Creates an email contact for a case in its queue through the contacts' one arrival path, staging
    /// <paramref name="stage"/> (given the new contact's id) and the customer's key into the arrival's transaction;
    /// false (logged, nothing stored) when the queue is gone or refuses it. With <paramref name="preferredAgent"/>, the
    /// contact is kept for that agent for the queue's <c>preferredAgentWait</c>.
    /// </summary>
    private async Task<bool> RouteAsync(
        MailboxRecord mailbox, string queueId, string customer, string? preferredAgent, Action<SwitchboardDb, Guid> stage, CancellationToken cancellationToken)
    {
        if (await queues.FindAsync(queueId, cancellationToken) is not { } queue)
        {
            LogRefused(logger, mailbox.Id, $"no queue '{queueId}'");
            return false;
        }

        CustomerKey.TryEmail(customer, out var key);
        var contact = new NewContact(Channel.Email, new QueueId(queueId), new Language(mailbox.Language))
        {
            Attributes = new ContactAttributes(mailbox.Client),
            PreferredAgent = preferredAgent is null
                ? null
                : new AgentPreference(new AgentId(preferredAgent), queue.PreferredAgentWait ?? QueueSettings.DefaultPreferredAgentWait),
        };
        var (answer, _) = await ContactsApi.ArriveAsync(contact, queue, null, domains, metrics, (batch, contactId) =>
        {
            batch.Stage(d => stage(d, contactId));
            CustomerKeys.Stage(batch, contactId, mailbox.Client, key is null ? [] : [key]);
        });
        if (answer is not ContactArrival.Queued)
        {
            LogRefused(logger, mailbox.Id, answer is ContactArrival.Refused r ? r.Result.ToString() : answer.GetType().Name);
            return false;
        }

        return true;
    }

    /// <summary>Whether a case's routing contact is done with (completed or abandoned), so no agent has it any more.</summary>
    private static async Task<bool> FinishedAsync(SwitchboardDb db, Guid contact, CancellationToken cancellationToken) =>
        await db.Contacts.AsNoTracking().Where(c => c.Id == contact)
            .AnyAsync(c => c.State == (int)ContactState.Completed || c.State == (int)ContactState.Abandoned, cancellationToken);

    /// <summary>
    /// A customer wrote into a case whose routing contact is finished: a new email contact in the case's queue
    /// brings it back to an agent, committed together with the customer's message and the case's log step (already
    /// decided and staged in <paramref name="db"/>, and moved into the arrival's transaction here).
    /// </summary>
    /// <remarks>The case's owner knows the story, so the contact is kept for them (when they are an agent of the queue's
    /// routing domain) for the queue's <c>preferredAgentWait</c>; after it, or once they sign out, any qualified agent may
    /// take it.</remarks>
    private async Task<bool> RerouteAsync(
        SwitchboardDb db, MailboxRecord mailbox, CaseRecord existing, CaseMessageRecord message, List<CaseAttachmentRecord> files, ReceivedMailRecord joined,
        CancellationToken cancellationToken)
    {
        var added = db.ChangeTracker.Entries().Where(e => e.State == EntityState.Added).Select(e => e.Entity).ToList();
        var version = db.Entry(existing).Property(c => c.Version).OriginalValue;
        db.ChangeTracker.Clear();
        var owner = existing.Owner;
        if (owner is not null && await queues.FindAsync(existing.Queue, cancellationToken) is { } queue
            && !await db.Agents.AsNoTracking().AnyAsync(a => a.Id == owner && a.Domain == queue.Domain, cancellationToken))
        {
            owner = null;
        }

        return await RouteAsync(mailbox, existing.Queue, existing.Customer, owner, (d, contactId) =>
        {
            existing.Contact = contactId;
            d.Cases.Update(existing);
            d.Entry(existing).Property(c => c.Version).OriginalValue = version;
            d.AddRange(added);
            d.CaseMessages.Add(message);
            d.CaseAttachments.AddRange(files);
            d.ReceivedMail.Add(joined);
        }, cancellationToken);
    }

    /// <summary>
    /// Tells the customer the case's reference and the response the client's contract promises (if any). When the mail
    /// server does not take it, the case remembers it owes one, and the clock monitor tries again; true once sent.
    /// </summary>
    internal async Task<bool> AcknowledgeAsync(SwitchboardDb db, string from, CaseRecord @case, ClientContract? contract, string inReplyTo, CancellationToken cancellationToken)
    {
        var text = MailAcknowledgement.Body(new CaseReference(@case.Number), contract?.EmailResponse);
        var sent = await mail.TrySendAsync(@case, from, text, CaseMessageKinds.Acknowledgement, null, [inReplyTo], cancellationToken);
        if (sent is not null)
        {
            sent.Sequence = await NextSequenceAsync(db, @case.Id, cancellationToken);
            db.CaseMessages.Add(sent);
            await db.SaveChangesAsync(cancellationToken);
        }

        // Without a mail server nothing is ever sent, so nothing is owed. The row may be tracked by another context
        // (a new case is stored by the arrival's batch), so the flag is written directly.
        var owed = sent is null && mail.Configured;
        if (owed != @case.AcknowledgementOwed)
        {
            @case.AcknowledgementOwed = owed;
            await db.Cases.Where(c => c.Id == @case.Id).ExecuteUpdateAsync(u => u.SetProperty(c => c.AcknowledgementOwed, owed), cancellationToken);
        }

        return sent is not null;
    }

    /// <summary>The case a message threads into: the one it names, or the case that one was merged into (followed to the end).</summary>
    private static async Task<CaseRecord?> FollowMergesAsync(SwitchboardDb db, Guid id, CancellationToken cancellationToken)
    {
        var row = await db.Cases.SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        for (var hops = 0; row?.MergedInto is { } target && hops < 16; hops++)
        {
            row = await db.Cases.SingleOrDefaultAsync(c => c.Id == target, cancellationToken);
        }

        return row;
    }

    /// <summary>The case the message threads into, if any (its client's messages and references only).</summary>
    private static async Task<Guid?> ThreadAsync(SwitchboardDb db, string client, InboundMail inbound, CancellationToken cancellationToken)
    {
        var candidates = MailThreading.Candidates(inbound).Take(50).ToList();
        var known = candidates.Count == 0
            ? []
            : await db.CaseMessages.AsNoTracking()
                .Where(m => m.Client == client && candidates.Contains(m.MessageId))
                .Select(m => new { m.MessageId, m.Case })
                .ToDictionaryAsync(m => m.MessageId, m => m.Case, cancellationToken);
        // Find asks only for the reference the subject names, so that one is looked up ahead.
        Guid? referenced = null;
        if (CaseReference.FindIn(inbound.Subject) is { } reference)
        {
            referenced = await db.Cases.AsNoTracking().Where(c => c.Client == client && c.Number == reference.Number).Select(c => (Guid?)c.Id).SingleOrDefaultAsync(cancellationToken);
        }

        return MailThreading.Find(inbound, known, _ => referenced) switch
        {
            MailThread.ByMessage m => m.Case,
            MailThread.ByReference r => r.Case,
            _ => null,
        };
    }

    /// <summary>The values the core classifies and threads by.</summary>
    internal static InboundMail Read(MimeMessage message, string fallbackId)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var name in ClassifiedHeaders)
        {
            if (message.Headers[name] is { } value)
            {
                headers[name] = value.Trim();
            }
        }

        var returnPath = message.Headers[HeaderId.ReturnPath]?.Trim();
        return new InboundMail
        {
            MessageId = Clip(string.IsNullOrWhiteSpace(message.MessageId) ? fallbackId : message.MessageId, 998),
            From = message.From.Mailboxes.FirstOrDefault()?.Address ?? message.Sender?.Address ?? "",
            ReturnPath = returnPath is null ? null : returnPath.Trim('<', '>', ' '),
            Subject = message.Subject ?? "",
            MediaType = message.Body?.ContentType.MimeType.ToLowerInvariant(),
            ReportType = message.Body?.ContentType.Parameters["report-type"],
            InReplyTo = message.InReplyTo,
            References = [.. message.References],
            Headers = headers,
        };
    }

    /// <summary>The customer's message for the case: plain text kept, HTML sanitised, attachments within the limits stored, the rest noted.</summary>
    private (CaseMessageRecord Message, List<CaseAttachmentRecord> Files) Message(Guid @case, string client, MimeMessage message, InboundMail inbound, DateTimeOffset now)
    {
        var id = Guid.CreateVersion7(now);
        var html = message.HtmlBody;
        var row = new CaseMessageRecord
        {
            Id = id,
            Case = @case,
            Client = client,
            Direction = CaseMessageKinds.Inbound,
            Kind = CaseMessageKinds.CustomerMail,
            MessageId = inbound.MessageId,
            InReplyTo = inbound.InReplyTo is { } reply ? Clip(reply, 998) : null,
            From = Clip(inbound.From, 254),
            To = Clip(message.To.Mailboxes.FirstOrDefault()?.Address ?? "", 254),
            Subject = Clip(inbound.Subject, 500),
            Text = message.TextBody ?? "",
            Html = html is null ? null : sanitizer.Sanitize(html),
            At = now,
        };
        var limits = settings.Value;
        var files = new List<CaseAttachmentRecord>();
        foreach (var part in message.Attachments.OfType<MimePart>())
        {
            using var content = new MemoryStream();
            part.Content?.DecodeTo(content);
            var type = part.ContentType.MimeType.ToLowerInvariant();
            string? refused = content.Length > limits.AttachmentMaxBytes
                ? $"Larger than {limits.AttachmentMaxBytes} bytes."
                : !limits.AttachmentTypes.Contains(type, StringComparer.OrdinalIgnoreCase) ? $"The type {type} is not accepted." : null;
            files.Add(new CaseAttachmentRecord
            {
                Case = @case,
                Message = id,
                Client = client,
                FileName = Clip(part.FileName ?? "attachment", 255),
                MediaType = Clip(type, 255),
                Size = content.Length,
                Content = refused is null ? content.ToArray() : null,
                Refused = refused,
            });
        }

        return (row, files);
    }

    private static ReceivedMailRecord Received(MailboxRecord mailbox, InboundMail inbound, MailVerdict verdict, Guid? @case, DateTimeOffset now) => new()
    {
        Client = mailbox.Client,
        MessageId = inbound.MessageId,
        Mailbox = mailbox.Id,
        Verdict = verdict.Name,
        Reason = verdict switch
        {
            MailVerdict.Bounce b => Clip(b.Reason, 200),
            MailVerdict.AutoReply a => Clip(a.Reason, 200),
            MailVerdict.MailLoop l => Clip(l.Reason, 200),
            _ => null,
        },
        Case = @case,
        At = now,
    };

    public void Dispose() => gate.Dispose();

    private static string Clip(string text, int length) => text.Length <= length ? text : text[..length];

    [LoggerMessage(Level = LogLevel.Information, Message = "Mailbox {Mailbox}: message {MessageId} set aside as {Verdict}.")]
    private static partial void LogSetAside(ILogger logger, string mailbox, string verdict, string messageId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Mailbox {Mailbox}: a new case could not be routed ({Reason}); the message stays in the mailbox and is tried again on the next read.")]
    private static partial void LogRefused(ILogger logger, string mailbox, string reason);
}
