using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Switchboard.Cases;
using Switchboard.Persistence;
using Switchboard.Persistence.Email;
using Switchboard.Server.Audit;
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
        group.MapPost("/{id:guid}/replies", Reply).RequireAuthorization(Policies.ContactsWrite);
    }

    public sealed record CaseSummary(Guid Id, string Reference, string Client, string Queue, string Subject, string Status, string? Owner, Guid Contact, DateTimeOffset Created, DateTimeOffset Updated)
    {
        public static CaseSummary From(CaseRecord c) => new(
            c.Id, new CaseReference(c.Number).ToString(), c.Client, c.Queue, c.Subject, StatusName((CaseStatus)c.Status), c.Owner, c.Contact, c.Created, c.Updated);
    }

    /// <summary>A file of a message: stored (download later work) or refused, with why.</summary>
    public sealed record AttachmentView(string FileName, string MediaType, long Size, bool Stored, string? Refused);

    /// <summary>One message: <c>direction</c> inbound or outbound, <c>kind</c> customer, acknowledgement or reply; <c>html</c> already sanitised.</summary>
    public sealed record MessageView(
        Guid Id, string Direction, string Kind, string MessageId, string? InReplyTo, string From, string To, string Subject, string Text, string? Html, string? Agent,
        DateTimeOffset At, IReadOnlyList<AttachmentView> Attachments);

    public sealed record CaseView(CaseSummary Case, string Customer, IReadOnlyList<MessageView> Messages);

    public sealed record ReplyRequest([property: Required, StringLength(20_000, MinimumLength = 1)] string Text);

    public static async Task<Results<Ok<CaseSummary[]>, ValidationProblem>> List(SwitchboardDb db, string? client, string? status, CancellationToken cancellationToken)
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

        var rows = await query.OrderByDescending(c => c.Number).Take(200).ToListAsync(cancellationToken);
        return TypedResults.Ok(rows.Select(CaseSummary.From).ToArray());
    }

    public static async Task<Results<Ok<CaseView>, ProblemHttpResult>> Get(Guid id, SwitchboardDb db, CancellationToken cancellationToken)
    {
        if (await db.Cases.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, cancellationToken) is not { } row)
        {
            return Problems.NotFound($"No case {id}.");
        }

        return TypedResults.Ok(await ViewAsync(db, row, cancellationToken));
    }

    /// <summary>
    /// An agent's answer, sent to the customer from the case's mailbox, threaded (In-Reply-To the customer's latest
    /// message, References the case's messages, the reference in the subject), stored as an outbound message; the case
    /// then waits on the customer. 409 for a closed case, 503 when the mail server cannot take it (nothing stored).
    /// </summary>
    public static async Task<Results<Created<MessageView>, ValidationProblem, ProblemHttpResult>> Reply(
        Guid id, ReplyRequest request, ClaimsPrincipal user, SwitchboardDb db, CaseMail mail, MailIntake intake, CancellationToken cancellationToken)
    {
        if (!mail.Configured)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "No mail server", detail: "No mail server is set up (Switchboard:Mail), so no reply can be sent.");
        }

        // Taken with the intake's gate, so a customer's mail arriving meanwhile cannot take the same sequence.
        return await intake.ExclusiveAsync(() => SendReplyAsync(id, request, user, db, mail, cancellationToken), cancellationToken);
    }

    private static async Task<Results<Created<MessageView>, ValidationProblem, ProblemHttpResult>> SendReplyAsync(
        Guid id, ReplyRequest request, ClaimsPrincipal user, SwitchboardDb db, CaseMail mail, CancellationToken cancellationToken)
    {
        if (await db.Cases.SingleOrDefaultAsync(c => c.Id == id, cancellationToken) is not { } row)
        {
            return Problems.NotFound($"No case {id}.");
        }

        if (CaseLifecycle.Next((CaseStatus)row.Status, CaseStep.AgentReplied) is not CaseChange.Moved moved)
        {
            return Problems.Conflict($"Case {new CaseReference(row.Number)} is closed: it takes no reply.");
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
        var agent = user.AgentId() ?? user.Identity?.Name;

        if (await mail.TrySendAsync(row, mailbox.Address, request.Text, CaseMessageKinds.AgentReply, agent, ids, cancellationToken) is not { } sent)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Mail server unavailable", detail: "The reply could not be sent now; try again later.");
        }

        sent.Sequence = await MailIntake.NextSequenceAsync(db, id, cancellationToken);
        db.CaseMessages.Add(sent);
        row.Status = (int)moved.Status;
        row.Owner ??= user.AgentId();
        row.Updated = sent.At;
        row.Version++;
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/cases/{id}", View(sent, []));
    }

    private static async Task<CaseView> ViewAsync(SwitchboardDb db, CaseRecord row, CancellationToken cancellationToken)
    {
        var messages = await db.CaseMessages.AsNoTracking().Where(m => m.Case == row.Id).OrderBy(m => m.Sequence).ToListAsync(cancellationToken);
        var files = await db.CaseAttachments.AsNoTracking().Where(a => a.Case == row.Id).OrderBy(a => a.Id)
            .Select(a => new { a.Message, a.FileName, a.MediaType, a.Size, Stored = a.Content != null, a.Refused }).ToListAsync(cancellationToken);
        var byMessage = files.ToLookup(f => f.Message, f => new AttachmentView(f.FileName, f.MediaType, f.Size, f.Stored, f.Refused));
        return new CaseView(CaseSummary.From(row), row.Customer, messages.Select(m => View(m, [.. byMessage[m.Id]])).ToList());
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
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Not a case status."),
    };
}
