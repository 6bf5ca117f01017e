using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Switchboard.Cases;
using Switchboard.Persistence;
using Switchboard.Persistence.Email;
using System.Text.Json;
using Switchboard.Server.Audit;
using Switchboard.Server.Complaints;
using Switchboard.ServiceLevels;
using Switchboard.Server.Security;

namespace Switchboard.Server.Email;

/// <summary>Cases (<c>/api/cases</c>): read with their messages, and answered by agents over email.</summary>
internal static class CasesApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var group = api.MapGroup("/cases").WithTags("Cases");

        // A case names its customer and holds their words: reads are audited, as a contact's are.
        group.MapGet("/", List).RequireAuthorization(Policies.ContactsRead).Audited("case.list");
        group.MapGet("/{id:guid}", Get).RequireAuthorization(Policies.ContactsRead).Audited("case.read");
        group.MapGet("/{id:guid}/attachments/{attachment:long}", Attachment).RequireAuthorization(Policies.ContactsRead).Audited("case.attachment.read");
        group.MapPost("/{id:guid}/replies", Reply).RequireAuthorization(Policies.ContactsWrite);
        group.MapPost("/{id:guid}/actions", Act).RequireAuthorization(Policies.ContactsWrite);
        group.MapPost("/{id:guid}/merge", Merge).RequireAuthorization(Policies.ContactsWrite);
        group.MapPost("/{id:guid}/complaint", FileComplaint).RequireAuthorization(Policies.ContactsWrite, Policies.ComplaintsWrite);
    }

    /// <summary>A case in lists: <c>due</c> is the earliest deadline of a running target, <c>breached</c> whether a
    /// breach of any target was recorded, <c>acknowledgementOwed</c> whether the acknowledgement still waits on the mail server.</summary>
    public sealed record CaseSummary(
        Guid Id, string Reference, string Client, string Queue, string Subject, string Status, string? Owner, Guid Contact, DateTimeOffset Created,
        DateTimeOffset Updated, DateTimeOffset? Due, bool Breached, Guid? MergedInto, bool AcknowledgementOwed)
    {
        public static CaseSummary From(CaseRecord c) => new(
            c.Id, new CaseReference(c.Number).ToString(), c.Client, c.Queue, c.Subject, StatusName((CaseStatus)c.Status), c.Owner, c.Contact, c.Created, c.Updated,
            c.Due, c.Breached, c.MergedInto, c.AcknowledgementOwed);
    }

    /// <summary>A file of a message: stored (downloaded at <c>/api/cases/{id}/attachments/{id}</c>) or refused, with why.</summary>
    public sealed record AttachmentView(long Id, string FileName, string MediaType, long Size, bool Stored, string? Refused);

    /// <summary>One message: <c>direction</c> inbound or outbound, <c>kind</c> customer, acknowledgement or reply; <c>html</c> already sanitised.</summary>
    public sealed record MessageView(
        Guid Id, string Direction, string Kind, string MessageId, string? InReplyTo, string From, string To, string Subject, string Text, string? Html, string? Agent,
        DateTimeOffset At, IReadOnlyList<AttachmentView> Attachments);

    /// <summary>A case with its messages (a merged duplicate's among them, by time), its clock read now, its log
    /// (internal notes included: the view is the centre's, never the customer's), and the third party it waits on, if any.</summary>
    public sealed record CaseView(
        CaseSummary Case, string Customer, IReadOnlyList<MessageView> Messages, IReadOnlyList<ComplaintsApi.ClockView> Clocks,
        IReadOnlyList<ComplaintsApi.EventView> Events, IReadOnlyList<string> Duplicates, IReadOnlyList<string> Complaints, ThirdPartyWait? WaitingOn);

    /// <summary>Whom a case waits on (<c>party</c>), what they were asked (<c>reason</c>) and since when.</summary>
    public sealed record ThirdPartyWait(string Party, string Reason, DateTimeOffset Since);

    public sealed record ReplyRequest([property: Required, StringLength(20_000, MinimumLength = 1)] string Text);

    /// <summary>A step on a case: <c>assign</c> (owner), <c>note</c> (text; internal, never mailed), <c>solve</c>,
    /// <c>close</c>, <c>reopen</c> (reason), <c>wait-third-party</c> (party, and reason: what was asked; the clock
    /// pauses), <c>third-party-answered</c> (the clock counts on; a customer's mail meanwhile does not resume it).</summary>
    public sealed record CaseAction
    {
        [Required, StringLength(32)]
        public string Type { get; init; } = "";

        [StringLength(200)]
        public string? Party { get; init; }

        [StringLength(64)]
        public string? Owner { get; init; }

        [StringLength(4000)]
        public string? Text { get; init; }

        [StringLength(1000)]
        public string? Reason { get; init; }
    }

    /// <summary>The case a duplicate is merged into.</summary>
    public sealed record MergeRequest(Guid? Into);

    /// <summary>Cases, newest first: by client, status, owner, whether a breach was recorded, or due before an instant.</summary>
    public static async Task<Results<Ok<CaseSummary[]>, ValidationProblem>> List(
        SwitchboardDb db, string? client, string? status, string? owner, bool? breached, DateTimeOffset? dueBefore, CancellationToken cancellationToken)
    {
        var query = db.Cases.AsNoTracking();
        if (client is not null)
        {
            query = query.Where(c => c.Client == client);
        }

        if (status is not null)
        {
            var statuses = Enum.GetValues<CaseStatus>();
            if (!statuses.Any(s => StatusName(s) == status))
            {
                return Problems.Field("status", $"One of {string.Join(", ", statuses.Select(StatusName))}.");
            }

            var wanted = statuses.First(s => StatusName(s) == status);
            query = query.Where(c => c.Status == (int)wanted);
        }

        query = owner is null ? query : query.Where(c => c.Owner == owner);
        query = breached is { } b ? query.Where(c => c.Breached == b) : query;
        query = dueBefore is { } before ? query.Where(c => c.Due != null && c.Due < before) : query;
        var rows = await query.OrderByDescending(c => c.Number).Take(200).ToListAsync(cancellationToken);
        return TypedResults.Ok(rows.Select(CaseSummary.From).ToArray());
    }

    public static async Task<Results<Ok<CaseView>, ProblemHttpResult>> Get(Guid id, SwitchboardDb db, TimeProvider time, CancellationToken cancellationToken)
    {
        if (await db.Cases.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, cancellationToken) is not { } row)
        {
            return Problems.NotFound($"No case {id}.");
        }

        var log = await CaseLog.LogAsync(db, id, cancellationToken);
        var (current, clock) = CaseLog.Rebuild(row, log, await CaseLog.HoursAsync(db, row.Client, row.Queue, null, cancellationToken));
        return TypedResults.Ok(await ViewAsync(db, row, current, clock, log, time.GetUtcNow(), cancellationToken));
    }

    /// <summary>
    /// A step on a case, decided by the core: 400 for a step badly given (naming the field), 409 with the core's
    /// reason when the case's state refuses it; nothing stored either way.
    /// </summary>
    public static async Task<Results<Ok<CaseView>, ValidationProblem, ProblemHttpResult>> Act(
        Guid id, CaseAction action, ClaimsPrincipal user, SwitchboardDb db, MailIntake intake, TimeProvider time, AuditTrail audit, CancellationToken cancellationToken)
    {
        var (kind, detail, field, error) = action.Type switch
        {
            "assign" when string.IsNullOrWhiteSpace(action.Owner) => (null, null, "owner", "The agent who owns the case."),
            "assign" => (CaseLog.Assign, new CaseDetail { Owner = action.Owner!.Trim() }, null, null),
            "note" when string.IsNullOrWhiteSpace(action.Text) => (null, null, "text", "The note's text."),
            "note" => (CaseLog.Note, new CaseDetail { Text = action.Text!.Trim() }, null, null),
            "solve" => (CaseLog.Solve, new CaseDetail(), null, null),
            "close" => (CaseLog.Close, new CaseDetail(), null, null),
            "reopen" when string.IsNullOrWhiteSpace(action.Reason) => (null, null, "reason", "Why the case is opened again."),
            "reopen" => (CaseLog.Reopen, new CaseDetail { Reason = action.Reason!.Trim() }, null, null),
            CaseLog.WaitThirdParty when string.IsNullOrWhiteSpace(action.Party) => (null, null, "party", "Who the case waits on."),
            CaseLog.WaitThirdParty when string.IsNullOrWhiteSpace(action.Reason) => (null, null, "reason", "What the third party was asked."),
            CaseLog.WaitThirdParty => (CaseLog.WaitThirdParty, new CaseDetail { Party = action.Party!.Trim(), Reason = action.Reason!.Trim() }, null, null),
            CaseLog.ThirdPartyAnswered => (CaseLog.ThirdPartyAnswered, new CaseDetail(), null, null),
            _ => ((string?)null, (CaseDetail?)null, "type", "assign, note, solve, close, reopen, wait-third-party or third-party-answered."),
        };
        if (kind is null || detail is null)
        {
            return Problems.Field(field!, error!);
        }

        // Under the intake's gate: a customer's mail threading in meanwhile would otherwise take the same log sequence.
        return await intake.ExclusiveAsync<Results<Ok<CaseView>, ValidationProblem, ProblemHttpResult>>(async () =>
        {
            if (await db.Cases.SingleOrDefaultAsync(c => c.Id == id, cancellationToken) is not { } row)
            {
                return Problems.NotFound($"No case {id}.");
            }

            var at = time.GetUtcNow();
            var (taken, refused) = await CaseLog.TakeAsync(db, row, kind, at, user.Actor(), detail, cancellationToken);
            if (taken is null)
            {
                return Problems.Conflict(refused!);
            }

            await db.SaveChangesAsync(cancellationToken);
            await audit.RecordAsync(user, "case." + action.Type, $"case/{new CaseReference(row.Number)}", row.Client);
            return TypedResults.Ok(await ViewAsync(db, row, taken.Case, taken.Clock, taken.Log, at, cancellationToken));
        }, cancellationToken);
    }

    /// <summary>
    /// Merges a duplicate into another case of the same client: the duplicate closes as merged (its clocks stop), its
    /// messages are shown with the target's, and later mail threading into it lands in the target. 400 naming
    /// <c>into</c> when it is missing, unknown, the case itself or another client's; 409 when either case refuses.
    /// </summary>
    public static async Task<Results<Ok<CaseView>, ValidationProblem, ProblemHttpResult>> Merge(
        Guid id, MergeRequest request, ClaimsPrincipal user, SwitchboardDb db, MailIntake intake, TimeProvider time, AuditTrail audit, CancellationToken cancellationToken)
    {
        if (request.Into is not { } into || into == id)
        {
            return Problems.Field("into", "The id of the case the duplicate is merged into (another case).");
        }

        return await intake.ExclusiveAsync<Results<Ok<CaseView>, ValidationProblem, ProblemHttpResult>>(async () =>
        {
            if (await db.Cases.SingleOrDefaultAsync(c => c.Id == id, cancellationToken) is not { } duplicate)
            {
                return Problems.NotFound($"No case {id}.");
            }

            if (await db.Cases.SingleOrDefaultAsync(c => c.Id == into, cancellationToken) is not { } target || target.Client != duplicate.Client)
            {
                return Problems.Field("into", $"No case {into} of client '{duplicate.Client}'.");
            }

            var at = time.GetUtcNow();
            var actor = user.Actor();
            var (away, refusedAway) = await CaseLog.TakeAsync(db, duplicate, CaseLog.MergedInto, at, actor, new CaseDetail { Other = new CaseReference(target.Number).ToString() }, cancellationToken);
            if (away is null)
            {
                return Problems.Conflict(refusedAway!);
            }

            var (took, refusedTarget) = await CaseLog.TakeAsync(db, target, CaseLog.Merged, at, actor, new CaseDetail { Other = new CaseReference(duplicate.Number).ToString() }, cancellationToken);
            if (took is null)
            {
                return Problems.Conflict($"Case {new CaseReference(target.Number)} cannot take the duplicate: {refusedTarget}");
            }

            duplicate.MergedInto = target.Id;
            await db.SaveChangesAsync(cancellationToken);
            await audit.RecordAsync(user, "case.merge", $"case/{new CaseReference(duplicate.Number)}", duplicate.Client, new CaseReference(target.Number).ToString());
            return TypedResults.Ok(await ViewAsync(db, target, took.Case, took.Clock, took.Log, at, cancellationToken));
        }, cancellationToken);
    }

    /// <summary>
    /// Registers a complaint from a case through the complaints' own registration (same checks, reference, clocks and
    /// audit), for the case's client and customer, linked to the case's email contact; the case records it
    /// (<c>complaint-filed</c>) in the same transaction, so a case that refuses the step leaves no complaint behind
    /// (409 with its reason). The complaint's answers (201, 400, 409) are otherwise the registration's.
    /// </summary>
    public static async Task<Results<Created<ComplaintsApi.ComplaintView>, ValidationProblem, ProblemHttpResult>> FileComplaint(
        Guid id, ComplaintsApi.ComplaintStatement request, ClaimsPrincipal user, SwitchboardDb db, MailIntake intake, TimeProvider time, AuditTrail audit, CancellationToken cancellationToken)
    {
        return await intake.ExclusiveAsync<Results<Created<ComplaintsApi.ComplaintView>, ValidationProblem, ProblemHttpResult>>(async () =>
        {
            if (await db.Cases.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, cancellationToken) is not { } row)
            {
                return Problems.NotFound($"No case {id}.");
            }

            return await ComplaintsApi.RegisterAsync(new ComplaintsApi.RegisterComplaint(request)
            {
                Client = row.Client,
                CustomerEmail = row.Customer,
                LinkedContacts = [row.Contact],
            }, user, db, time, audit, async complaint =>
            {
                // Read (tracked) on each attempt: a registration retrying its number clears the context.
                var tracked = await db.Cases.SingleAsync(c => c.Id == id, cancellationToken);
                var (taken, refused) = await CaseLog.TakeAsync(db, tracked, CaseLog.ComplaintFiled, complaint.Received, user.Actor(), new CaseDetail { Complaint = complaint.Reference }, cancellationToken);
                return taken is null ? $"Case {new CaseReference(tracked.Number)} cannot record the complaint: {refused}" : null;
            }, cancellationToken);
        }, cancellationToken);
    }

    /// <summary>A stored attachment's bytes with its media type, offered as a download under its file name; 404 for
    /// one refused at intake (nothing was kept) or not of this case.</summary>
    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Attachment(Guid id, long attachment, SwitchboardDb db, CancellationToken cancellationToken)
    {
        var file = await db.CaseAttachments.AsNoTracking().SingleOrDefaultAsync(a => a.Id == attachment && a.Case == id, cancellationToken);
        return file?.Content is { } content
            ? TypedResults.File(content, file.MediaType, file.FileName)
            : Problems.NotFound($"No stored attachment {attachment} of case {id}.");
    }

    /// <summary>
    /// An agent's answer, sent to the customer from the case's mailbox, threaded (In-Reply-To the customer's latest
    /// message, References the case's messages, the reference in the subject), stored as an outbound message; the case
    /// then waits on the customer. 409 for a closed case, 503 when the mail server cannot take it (nothing stored).
    /// </summary>
    public static async Task<Results<Created<MessageView>, ValidationProblem, ProblemHttpResult>> Reply(
        Guid id, ReplyRequest request, ClaimsPrincipal user, SwitchboardDb db, CaseMail mail, MailIntake intake, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!mail.Configured)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "No mail server", detail: "No mail server is set up (Switchboard:Mail), so no reply can be sent.");
        }

        // Taken with the intake's gate, so a customer's mail arriving meanwhile cannot take the same sequence.
        return await intake.ExclusiveAsync(() => SendReplyAsync(id, request, user, db, mail, time, cancellationToken), cancellationToken);
    }

    private static async Task<Results<Created<MessageView>, ValidationProblem, ProblemHttpResult>> SendReplyAsync(
        Guid id, ReplyRequest request, ClaimsPrincipal user, SwitchboardDb db, CaseMail mail, TimeProvider time, CancellationToken cancellationToken)
    {
        if (await db.Cases.SingleOrDefaultAsync(c => c.Id == id, cancellationToken) is not { } row)
        {
            return Problems.NotFound($"No case {id}.");
        }

        // Decided before anything is sent, so a case that takes no reply sends the customer nothing.
        var log = await CaseLog.LogAsync(db, id, cancellationToken);
        var hours = await CaseLog.HoursAsync(db, row.Client, row.Queue, null, cancellationToken);
        var agent = user.AgentId();
        if (CaseLog.Rebuild(row, log, hours).Case.Decide(new CaseEvent.AgentReplied(time.GetUtcNow(), agent)) is CaseDecision.Refused refused)
        {
            return Problems.Conflict($"Case {new CaseReference(row.Number)} takes no reply: {refused.Reason}");
        }

        if (await db.Mailboxes.AsNoTracking().SingleOrDefaultAsync(m => m.Id == row.Mailbox, cancellationToken) is not { } mailbox)
        {
            return Problems.Conflict($"The mailbox '{row.Mailbox}' of case {new CaseReference(row.Number)} is gone: there is no address to answer from.");
        }

        var thread = await db.CaseMessages.AsNoTracking().Where(m => m.Case == id).OrderBy(m => m.Sequence)
            .Select(m => new { m.MessageId, m.Direction }).ToListAsync(cancellationToken);

        // The reply answers the customer's latest message, which therefore ends the References list.
        var latest = thread.LastOrDefault(m => m.Direction == CaseMessageKinds.Inbound)?.MessageId;
        var ids = thread.Select(m => m.MessageId).Where(m => m != latest).Append(latest).OfType<string>().ToList();
        if (await mail.TrySendAsync(row, mailbox.Address, request.Text, CaseMessageKinds.AgentReply, agent ?? user.Identity?.Name, ids, cancellationToken) is not { } sent)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Mail server unavailable", detail: "The reply could not be sent now; try again later.");
        }

        sent.Sequence = await MailIntake.NextSequenceAsync(db, id, cancellationToken);
        db.CaseMessages.Add(sent);
        var (_, late) = await CaseLog.TakeAsync(db, row, CaseLog.AgentReplied, sent.At, user.Actor(), new CaseDetail { Message = sent.Id, Agent = agent }, cancellationToken);
        if (late is not null)
        {
            throw new InvalidOperationException($"Case {new CaseReference(row.Number)} refused a reply it had allowed under the intake's gate: {late}");
        }

        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/cases/{id}", View(sent, []));
    }

    private static async Task<CaseView> ViewAsync(
        SwitchboardDb db, CaseRecord row, Case current, ServiceClock clock, List<CaseEventRecord> log, DateTimeOffset at, CancellationToken cancellationToken)
    {
        // A merged duplicate's messages belong to the conversation: they are shown in time order with the target's own.
        var ids = await db.Cases.AsNoTracking().Where(c => c.MergedInto == row.Id).Select(c => c.Id).ToListAsync(cancellationToken);
        ids.Add(row.Id);
        var messages = (await db.CaseMessages.AsNoTracking().Where(m => ids.Contains(m.Case)).ToListAsync(cancellationToken))
            .OrderBy(m => m.At).ThenBy(m => m.Case == row.Id ? 0 : 1).ThenBy(m => m.Sequence).ToList();
        var files = await db.CaseAttachments.AsNoTracking().Where(a => ids.Contains(a.Case)).OrderBy(a => a.Id)
            .Select(a => new { a.Id, a.Message, a.FileName, a.MediaType, a.Size, Stored = a.Content != null, a.Refused }).ToListAsync(cancellationToken);
        var byMessage = files.ToLookup(f => f.Message, f => new AttachmentView(f.Id, f.FileName, f.MediaType, f.Size, f.Stored, f.Refused));
        return new CaseView(
            CaseSummary.From(row), row.Customer, messages.Select(m => View(m, [.. byMessage[m.Id]])).ToList(),
            ComplaintsApi.ClockView.Of(clock, at),
            [.. log.Select(e => new ComplaintsApi.EventView(e.Sequence, e.Kind, e.At, e.Actor, JsonSerializer.Deserialize<JsonElement>(e.Detail)))],
            [.. current.Duplicates.Select(d => d.ToString())],
            current.Complaints,
            current.WaitingOn is { } wait ? new ThirdPartyWait(wait.Party, wait.Reason, wait.At) : null);
    }

    private static MessageView View(CaseMessageRecord m, IReadOnlyList<AttachmentView> attachments) => new(
        m.Id, m.Direction == CaseMessageKinds.Inbound ? "inbound" : "outbound",
        m.Kind switch { CaseMessageKinds.Acknowledgement => "acknowledgement", CaseMessageKinds.AgentReply => "reply", _ => "customer" },
        m.MessageId, m.InReplyTo, m.From, m.To, m.Subject, m.Text, m.Html, m.Agent, m.At, attachments);

    internal static string StatusName(CaseStatus status) => status switch
    {
        CaseStatus.Open => "open",
        CaseStatus.PendingCustomer => "pendingCustomer",
        CaseStatus.Solved => "solved",
        CaseStatus.Closed => "closed",
        CaseStatus.WaitingOnThirdParty => "waitingOnThirdParty",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Not a case status."),
    };
}
