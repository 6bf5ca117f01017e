using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using FromHeaderAttribute = Microsoft.AspNetCore.Mvc.FromHeaderAttribute;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Switchboard.Contacts;
using Switchboard.Persistence;
using Switchboard.Persistence.Contacts;
using Switchboard.Queues;
using Switchboard.Routing;
using Switchboard.Server.Audit;
using Switchboard.Server.Contacts;
using Switchboard.Server.Queues;
using Switchboard.Server.RoutingDomains;
using Switchboard.Server.Security;

namespace Switchboard.Server.Callbacks;

/// <summary>
/// Callbacks booked for a window ("call me tomorrow between 10 and 11"): held until the window opens, then routed like
/// a waiting call at the queue's scheduled-callback priority. A waiting customer who asks to be called back instead
/// keeps their place through <c>POST /api/contacts/{id}/callback</c>.
/// </summary>
internal static class CallbacksApi
{
    /// <summary>The longest window a callback may be booked for; a longer one is no promise to the customer.</summary>
    public static readonly TimeSpan LongestWindow = TimeSpan.FromDays(7);

    /// <summary>How far ahead a callback may be booked.</summary>
    public static readonly TimeSpan FurthestAhead = TimeSpan.FromDays(90);

    public static void Map(RouteGroupBuilder api)
    {
        var group = api.MapGroup("/callbacks").WithTags("Callbacks");
        // Both may carry personal data (who to call, on which number), so both are on the audit trail.
        group.MapPost("/", Schedule).RequireAuthorization(Policies.ContactsWrite).Audited("callback.scheduled");
        group.MapGet("/{id:guid}", Get).RequireAuthorization(Policies.ContactsRead).Audited("callback.read");
        group.MapDelete("/{id:guid}", Cancel).RequireAuthorization(Policies.ContactsWrite);
    }

    public sealed record ScheduleCallback
    {
        [Required, StringLength(64)]
        public required string Queue { get; init; }

        /// <summary>The customer's language (BCP 47).</summary>
        [Required, StringLength(35, MinimumLength = 2)]
        public required string Language { get; init; }

        /// <summary>When the customer may be called from (UTC, or with an offset).</summary>
        [Required]
        public DateTimeOffset? WindowStart { get; init; }

        /// <summary>When the promise to call lapses.</summary>
        [Required]
        public DateTimeOffset? WindowEnd { get; init; }

        [MaxLength(20)]
        public IReadOnlyList<SkillNeed> Skills { get; init; } = [];

        public bool VulnerableCustomer { get; init; }

        public bool RepeatContact { get; init; }

        /// <summary>
        /// The client's own reference for the customer (account or case number), optional. Personal data: stored apart
        /// from the routing log, never in events, and read only through <c>GET /api/callbacks/{id}</c> (audited).
        /// </summary>
        [StringLength(100, MinimumLength = 1)]
        public string? CustomerReference { get; init; }

        /// <summary>The number to call in E.164 form ("+441632960961"), optional; personal data like the reference.</summary>
        [RegularExpression(@"^\+[1-9][0-9]{6,14}$", ErrorMessage = "A number in E.164 form, such as +441632960961.")]
        public string? PhoneNumber { get; init; }

        /// <summary>
        /// What whoever calls should know ("wants to discuss the March invoice"), optional, up to 500 characters; kept
        /// like the reference and the number (free text may name the customer).
        /// </summary>
        [StringLength(500, MinimumLength = 1)]
        public string? Note { get; init; }

        /// <summary>
        /// Who the customer is (optional), to find the callback among the customer's contacts; the phone number to call
        /// counts as the customer's phone when this names none. Personal data, stored apart from the routing log.
        /// </summary>
        public CustomerKeys.CustomerRequest? Customer { get; init; }
    }

    /// <summary>
    /// A booked callback with who to call: its window, its state (<c>callbackPending</c> until the window opens) and
    /// the customer reference, phone number and note given at booking (null when none was).
    /// </summary>
    public sealed record CallbackView(
        Guid Id, string Queue, string State, DateTimeOffset? WindowStart, DateTimeOffset? WindowEnd, string? CustomerReference, string? PhoneNumber, string? Note);

    /// <summary>A booked callback: its contact id (see <c>/api/contacts/{id}</c>) and window.</summary>
    public sealed record CallbackScheduled(Guid Id, string Queue, DateTimeOffset WindowStart, DateTimeOffset WindowEnd, ContactsApi.OfferMade? Offer);

    public static async Task<Results<Created<CallbackScheduled>, Ok<CallbackScheduled>, ValidationProblem, ProblemHttpResult>> Schedule(
        ScheduleCallback request,
        [FromHeader(Name = ContactsApi.IdempotencyHeader)] string? idempotencyKey,
        ClaimsPrincipal user,
        HttpContext http,
        QueueDirectory queues,
        RoutingDomainHost domains,
        TimeProvider time,
        IOptions<JsonOptions> json,
        CancellationToken cancellationToken)
    {
        if (idempotencyKey is { Length: 0 or > 200 })
        {
            return Problems.Field(ContactsApi.IdempotencyHeader, "Between 1 and 200 characters.");
        }

        var start = request.WindowStart!.Value.ToUniversalTime();
        var end = request.WindowEnd!.Value.ToUniversalTime();
        var now = time.GetUtcNow();
        if (end <= start)
        {
            return Problems.Field("windowEnd", "After the window's start.");
        }

        if (end - start > LongestWindow)
        {
            return Problems.Field("windowEnd", $"A window of at most {LongestWindow.TotalDays:0} days.");
        }

        if (end <= now)
        {
            return Problems.Field("windowEnd", "The window has already ended.");
        }

        if (start - now > FurthestAhead)
        {
            return Problems.Field("windowStart", $"At most {FurthestAhead.TotalDays:0} days ahead.");
        }

        var needs = ContactsApi.Needs(request.Language, request.Skills);
        if (needs is not ({ } language, { } skills, null))
        {
            return needs.Problem!;
        }

        var (customerKeys, malformed) = request.Customer?.Parse() ?? ([], null);
        if (malformed is not null)
        {
            return malformed;
        }

        if (CustomerKey.TryPhone(request.PhoneNumber, out var toCall))
        {
            customerKeys.Add(toCall!);
        }

        if (await queues.FindAsync(request.Queue, cancellationToken) is not { } queue || !user.DataScope().Includes(queue.Client))
        {
            return Problems.Field("queue", $"No queue '{request.Queue}'.");
        }

        // A promise to call is only worth making when someone can call: the window must reach into opening hours.
        var from = start > now ? start : now;
        if (queue.OpenAt(from) is (false, var opens) && (opens is null || opens >= end))
        {
            return Problems.Field("windowStart", "The queue is closed all through this window.");
        }

        var booking = new CallbackBooking(
            new NewContact(Channel.Callback, new QueueId(request.Queue), language)
            {
                RequiredSkills = skills,
                Attributes = new ContactAttributes(queue.Client, request.VulnerableCustomer, request.RepeatContact),
            },
            new CallbackWindow(start, end));
        IdempotencyKey? key = idempotencyKey is null
            ? null
            : new IdempotencyKey(user.UserId() ?? "anonymous", idempotencyKey, ContactsApi.Hash("callback:" + JsonSerializer.Serialize(request, json.Value.SerializerOptions)));
        var domain = await domains.GetAsync(queue.Domain);
        var arrival = await domain.Run(batch =>
        {
            var answer = batch.ScheduleCallback(booking, queue.Client, key);
            if (answer is ContactArrival.Queued linked)
            {
                CustomerKeys.Stage(batch, linked.Id, queue.Client, customerKeys);
            }

            if (answer is ContactArrival.Queued booked && (request.CustomerReference ?? request.PhoneNumber ?? request.Note) is not null)
            {
                // Committed with the booking's events or not at all; a retry (Repeated) stores nothing again.
                var customer = new CallbackCustomer
                {
                    Contact = booked.Id,
                    Client = queue.Client,
                    CustomerReference = request.CustomerReference,
                    PhoneNumber = request.PhoneNumber,
                    Note = request.Note,
                };
                batch.Stage(db => db.CallbackCustomers.Add(customer));
            }

            return answer is ContactArrival.Queued { Outcome.Offer: { } offer } ? (answer, offer.Agent.Value) : (answer, (string?)null);
        });
        switch (arrival.answer)
        {
            case ContactArrival.Queued queued:
                var made = queued.Outcome.Offer is { } o ? new ContactsApi.OfferMade(o.Id.Value, arrival.Item2!, o.ExpiresAt) : null;
                return TypedResults.Created($"/api/contacts/{queued.Id}", new CallbackScheduled(queued.Id, request.Queue, start, end, made));
            case ContactArrival.Repeated repeated:
                // The same booking again: the callback it made, and nothing new.
                var db = http.RequestServices.GetRequiredService<SwitchboardDb>();
                var existing = await db.Contacts.AsNoTracking().SingleAsync(c => c.Id == repeated.Id, cancellationToken);
                return TypedResults.Ok(new CallbackScheduled(existing.Id, existing.Queue, existing.CallbackFrom ?? start, existing.CallbackUntil ?? end, null));
            case ContactArrival.KeyReused reused:
                return TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "Idempotency key reused",
                    detail: $"This {ContactsApi.IdempotencyHeader} was used for a different request (contact {reused.Id}). Use a new key for a new callback.");
            case ContactArrival.Refused { Result: RoutingResult.WindowInThePast }:
                return Problems.Field("windowEnd", "The window has already ended.");
            case ContactArrival.Refused refused:
                return Problems.From(refused.Result);
            default:
                throw new InvalidOperationException("Unknown arrival.");
        }
    }

    /// <summary>A booked callback and who to call; 404 for an ordinary contact or one the caller may not see.</summary>
    public static async Task<Results<Ok<CallbackView>, ProblemHttpResult>> Get(Guid id, SwitchboardDb db, CancellationToken cancellationToken)
    {
        // The request's context is scoped to the caller's client, so another client's callback is simply not found.
        var contact = await db.Contacts.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (contact is not { Channel: (int)Channel.Callback, CallbackFrom: not null })
        {
            return Problems.NotFound($"No callback {id}.");
        }

        var customer = await db.CallbackCustomers.AsNoTracking().SingleOrDefaultAsync(c => c.Contact == id, cancellationToken);
        return TypedResults.Ok(new CallbackView(
            contact.Id, contact.Queue, ContactsApi.StateName(contact.State), contact.CallbackFrom, contact.CallbackUntil,
            customer?.CustomerReference, customer?.PhoneNumber, customer?.Note));
    }

    /// <summary>
    /// Cancels a booked callback before it is connected (the customer no longer wants the call), then erases who to
    /// call: with no call to make, the number has no purpose left (data minimisation). The erasure is on the audit trail.
    /// </summary>
    public static async Task<Results<NoContent, ProblemHttpResult>> Cancel(
        Guid id, HttpContext http, RoutingDomainHost domains, SwitchboardDb db, AuditTrail audit, CancellationToken cancellationToken)
    {
        var cancelled = await ContactsApi.Command(id, http, domains, (batch, contact) =>
            batch.Engine.FindContact(contact) is { State: ContactState.CallbackPending or ContactState.Waiting or ContactState.Offered, Window: not null }
                ? batch.Engine.Abandon(contact, batch.Now)
                : RoutingResult.WrongContactState,
            cancellationToken);
        // After the routing commit, not in it (the writer's batch holds no reads): if the erasure fails the request
        // fails, the cancellation stands, and the row is left for an administrator, never silently kept.
        if (cancelled.Result is NoContent && await db.CallbackCustomers.Where(c => c.Contact == id).ExecuteDeleteAsync(CancellationToken.None) > 0)
        {
            await audit.RecordAsync(http.User, "callback.customer.erased", "contact/" + id, http.User.DataScope().Client);
        }

        return cancelled;
    }
}
