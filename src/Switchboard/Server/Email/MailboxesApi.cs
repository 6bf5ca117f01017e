using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Switchboard.Contacts;
using Switchboard.Persistence;
using Switchboard.Persistence.Email;
using Switchboard.Server.Audit;
using Switchboard.Server.Contacts;
using Switchboard.Server.Queues;
using Switchboard.Server.Security;

namespace Switchboard.Server.Email;

/// <summary>The mailboxes the centre reads (<c>/api/mailboxes</c>): each belongs to a client and a queue. Passwords go in, never out.</summary>
internal static class MailboxesApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var group = api.MapGroup("/mailboxes").WithTags("Email");
        group.MapPost("/", Create).RequireAuthorization(Policies.Administration);
        group.MapGet("/", List).RequireAuthorization(Policies.Administration);
        group.MapGet("/{id}", Get).RequireAuthorization(Policies.Administration);
        group.MapDelete("/{id}", Delete).RequireAuthorization(Policies.Administration);
    }

    /// <summary>Where and how to log in over IMAP. <paramref name="Security"/>: none (loopback only), startTls or tls.</summary>
    public sealed record ImapSettings(
        [property: Required, StringLength(253, MinimumLength = 1)] string Host,
        [property: Range(1, 65535)] int Port,
        MailboxSecurity Security,
        [property: Required, StringLength(254, MinimumLength = 1)] string UserName,
        [property: Required, StringLength(500, MinimumLength = 1)] string Password);

    public sealed record CreateMailbox(
        [property: Required, StringLength(64)] string Id,
        [property: Required, StringLength(64)] string Client,
        [property: Required, StringLength(64)] string Queue,
        [property: Required, StringLength(CustomerKey.EmailLength)] string Address,
        [property: Required, StringLength(35, MinimumLength = 2)] string Language,
        [property: Required] ImapSettings Imap);

    /// <summary>A mailbox as the API shows it: no password.</summary>
    public sealed record MailboxView(
        string Id, string Client, string Queue, string Address, string Language, string Host, int Port, MailboxSecurity Security, string UserName,
        long LastUid, DateTimeOffset Created, int Version)
    {
        public static MailboxView From(MailboxRecord m) => new(
            m.Id, m.Client, m.Queue, m.Address, m.Language, m.ImapHost, m.ImapPort, (MailboxSecurity)m.ImapSecurity, m.UserName, m.LastUid, m.Created, m.Version);
    }

    public static async Task<Results<Created<MailboxView>, ValidationProblem, ProblemHttpResult>> Create(
        CreateMailbox request, ClaimsPrincipal user, SwitchboardDb db, QueueDirectory queues, MailboxReaders readers, MailboxSecrets secrets, AuditTrail audit,
        TimeProvider time, CancellationToken cancellationToken)
    {
        if (!Identifiers.IsValid(request.Id))
        {
            return Problems.Field("id", Identifiers.Rule);
        }

        if (await queues.FindAsync(request.Queue, cancellationToken) is not { } queue || queue.Client != request.Client)
        {
            return Problems.Field("queue", $"No queue '{request.Queue}' of client '{request.Client}'.");
        }

        if (!CustomerKey.TryEmail(request.Address, out var address))
        {
            return Problems.Field("address", "An email address, such as support@example.com.");
        }

        if (ContactsApi.Needs(request.Language, []).Problem is { } badLanguage)
        {
            return badLanguage;
        }

        if (!Enum.IsDefined(request.Imap.Security))
        {
            return Problems.Field("imap.security", "One of none, startTls, tls.");
        }

        if (await db.Mailboxes.AnyAsync(m => m.Id == request.Id, cancellationToken))
        {
            return Problems.Conflict($"Mailbox '{request.Id}' exists.");
        }

        var row = new MailboxRecord
        {
            Id = request.Id,
            Client = request.Client,
            Queue = request.Queue,
            Address = address!.Value,
            Language = request.Language,
            ImapHost = request.Imap.Host.Trim(),
            ImapPort = request.Imap.Port,
            ImapSecurity = (int)request.Imap.Security,
            UserName = request.Imap.UserName,
            Password = secrets.Seal(request.Imap.Password),
            Created = time.GetUtcNow(),
        };
        db.Mailboxes.Add(row);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            return Problems.Conflict($"Mailbox '{request.Id}' exists.");
        }

        await audit.RecordAsync(user, "mailbox.created", "mailbox/" + row.Id, row.Client);
        readers.Changed();
        return TypedResults.Created($"/api/mailboxes/{row.Id}", MailboxView.From(row));
    }

    public static async Task<Ok<MailboxView[]>> List(SwitchboardDb db, string? client, CancellationToken cancellationToken)
    {
        var query = db.Mailboxes.AsNoTracking();
        if (client is not null)
        {
            query = query.Where(m => m.Client == client);
        }

        var rows = await query.OrderBy(m => m.Id).ToListAsync(cancellationToken);
        return TypedResults.Ok(rows.Select(MailboxView.From).ToArray());
    }

    public static async Task<Results<Ok<MailboxView>, ProblemHttpResult>> Get(string id, SwitchboardDb db, CancellationToken cancellationToken) =>
        await db.Mailboxes.AsNoTracking().SingleOrDefaultAsync(m => m.Id == id, cancellationToken) is { } row
            ? TypedResults.Ok(MailboxView.From(row))
            : Problems.NotFound($"No mailbox '{id}'.");

    /// <summary>Stops reading the mailbox; its cases stay.</summary>
    public static async Task<Results<NoContent, ProblemHttpResult>> Delete(
        string id, ClaimsPrincipal user, SwitchboardDb db, MailboxReaders readers, AuditTrail audit, CancellationToken cancellationToken)
    {
        if (await db.Mailboxes.SingleOrDefaultAsync(m => m.Id == id, cancellationToken) is not { } row)
        {
            return Problems.NotFound($"No mailbox '{id}'.");
        }

        db.Mailboxes.Remove(row);
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(user, "mailbox.deleted", "mailbox/" + id, row.Client);
        readers.Changed();
        return TypedResults.NoContent();
    }
}
