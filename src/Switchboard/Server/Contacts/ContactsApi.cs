using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using FromHeaderAttribute = Microsoft.AspNetCore.Mvc.FromHeaderAttribute;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Switchboard.Agents;
using Switchboard.Contacts;
using Switchboard.Persistence;
using Switchboard.Persistence.Contacts;
using Switchboard.Queues;
using Switchboard.Routing;
using Switchboard.Server.Audit;
using Switchboard.Server.Hosting;
using Switchboard.Server.Queues;
using Switchboard.Server.RoutingDomains;
using Switchboard.Server.Security;
using Switchboard.Skills;

namespace Switchboard.Server.Contacts;

/// <summary>Contacts: created by channel adapters, routed by the engine, read with their history.</summary>
internal static class ContactsApi
{
    public const string IdempotencyHeader = "Idempotency-Key";

    public static void Map(RouteGroupBuilder api)
    {
        var group = api.MapGroup("/contacts").WithTags("Contacts");
        group.MapPost("/", Create).RequireAuthorization(Policies.ContactsWrite);
        group.MapGet("/", List).RequireAuthorization(Policies.ContactsRead).Audited("contact.list");
        group.MapGet("/{id:guid}", Get).RequireAuthorization(Policies.ContactsRead).Audited("contact.read");
        group.MapGet("/{id:guid}/events", History).RequireAuthorization(Policies.ContactsRead).Audited("contact.history.read");

        // The customer's other contacts name who the customer is in effect (personal data), so reads are audited.
        group.MapGet("/{id:guid}/customer-history", CustomerKeys.History).RequireAuthorization(Policies.ContactsRead).Audited("contact.customer-history.read");
        group.MapPost("/{id:guid}/abandon", Abandon).RequireAuthorization(Policies.ContactsWrite);
        group.MapPost("/{id:guid}/callback", RequestCallback).RequireAuthorization(Policies.ContactsWrite);
        group.MapPost("/{id:guid}/transfer", Transfer).RequireAuthorization(Policies.ContactsWrite);
        group.MapPost("/{id:guid}/end", End).RequireAuthorization(Policies.ContactsWrite);
        group.MapPost("/{id:guid}/wrap-up", WrapUp).RequireAuthorization(Policies.ContactsWrite);
    }

    public sealed record CreateContact
    {
        [Required, StringLength(64)]
        public required string Queue { get; init; }

        public Channel Channel { get; init; } = Channel.Voice;

        /// <summary>The customer's language (BCP 47).</summary>
        [Required, StringLength(35, MinimumLength = 2)]
        public required string Language { get; init; }

        [MaxLength(20)]
        public IReadOnlyList<SkillNeed> Skills { get; init; } = [];

        [Range(0, 1000)]
        public int Priority { get; init; }

        public bool VulnerableCustomer { get; init; }

        public bool RepeatContact { get; init; }

        /// <summary>Who the customer is, as the channel knows them (optional; personal data, stored apart from routing).</summary>
        public CustomerKeys.CustomerRequest? Customer { get; init; }

        /// <summary>The agent to keep the contact for at first (say, who handled the customer last); optional. If that agent
        /// is unknown to the queue's routing domain, signed out or not qualified, the contact routes as any other.</summary>
        [StringLength(64)]
        public string? PreferredAgent { get; init; }

        /// <summary>How long to keep it for <see cref="PreferredAgent"/> (a duration, e.g. <c>"00:30:00"</c>, as every
        /// duration in the API); default the queue's <c>preferredAgentWait</c>.</summary>
        public TimeSpan? PreferredAgentWait { get; init; }
    }

    public sealed record WaitView(bool Known, TimeSpan? Expected, TimeSpan? Low, TimeSpan? High, int Position)
    {
        public static WaitView From(WaitEstimate w) => w.IsKnown ? new(true, w.Expected, w.Low, w.High, w.Position) : new(false, null, null, null, w.Position);
    }

    public sealed record OfferMade(long Id, string Agent, DateTimeOffset ExpiresAt);

    /// <summary>The answer to a new contact: its id, what to tell the customer, and the offer if one was made at once.</summary>
    public sealed record ContactCreated(Guid Id, string Queue, WaitView ExpectedWait, bool CallbackOffered, OfferMade? Offer);

    public sealed record ContactView(
        Guid Id, string Client, string Queue, Channel Channel, string Language, int Priority, string State, DateTimeOffset Arrived, DateTimeOffset Updated,
        string? Agent, bool VulnerableCustomer, bool RepeatContact, string? Disposition, string? ContactReason, DateTimeOffset? CallbackFrom,
        DateTimeOffset? CallbackUntil, int Version)
    {
        public static ContactView From(ContactRecord c) => new(
            c.Id, c.Client, c.Queue, (Channel)c.Channel, c.Language, c.Priority, StateName(c.State), c.Arrived, c.Updated, c.Agent, c.VulnerableCustomer,
            c.RepeatContact, c.Disposition, c.ContactReason, c.CallbackFrom, c.CallbackUntil, c.Version);
    }

    public sealed record EventView(long Sequence, DateTimeOffset At, string Type, string? Agent, long? Offer, string? Queue);

    public sealed record TransferRequest([property: Required, StringLength(64)] string Queue);

    /// <summary>The wrap-up: a disposition code, the contact reason (optional), and whether the agent judged the contact a
    /// complaint (default false; stored as <c>complaint: true</c> in the payload of the event that carries the disposition:
    /// <c>contactCompleted</c>, or <c>dispositionRecorded</c> while a minimum wrap-up runs).</summary>
    public sealed record WrapUpRequest(
        [property: Required, StringLength(100, MinimumLength = 1)] string Disposition, [property: StringLength(200)] string? Reason, bool Complaint = false)
    {
        public Switchboard.Contacts.Disposition ToDisposition() => new(Disposition.Trim(), string.IsNullOrWhiteSpace(Reason) ? null : Reason.Trim()) { Complaint = Complaint };
    }

    public static async Task<Results<Created<ContactCreated>, Ok<ContactCreated>, ValidationProblem, ProblemHttpResult>> Create(
        CreateContact request,
        [FromHeader(Name = IdempotencyHeader)] string? idempotencyKey,
        ClaimsPrincipal user,
        HttpContext http,
        QueueDirectory queues,
        RoutingDomainHost domains,
        IOptions<JsonOptions> json,
        ServerMetrics metrics,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        if (idempotencyKey is { Length: 0 or > 200 })
        {
            return Problems.Field(IdempotencyHeader, "Between 1 and 200 characters.");
        }

        if (!Enum.IsDefined(request.Channel))
        {
            return Problems.Field("channel", "One of voice, chat, email, sms, messaging, callback.");
        }

        var needs = Needs(request.Language, request.Skills);
        if (needs is not ({ } language, { } skills, null))
        {
            return needs.Problem!;
        }

        var (customer, malformed) = request.Customer?.Parse() ?? ([], null);
        if (malformed is not null)
        {
            return malformed;
        }

        if (request.PreferredAgent is { } preferred && !Identifiers.IsValid(preferred))
        {
            return Problems.Field("preferredAgent", Identifiers.Rule);
        }

        if (request.PreferredAgentWait is { } asked
            && (request.PreferredAgent is null || asked < TimeSpan.FromSeconds(1) || asked > QueueSettings.LongestPreferredAgentWait))
        {
            return Problems.Field("preferredAgentWait", "Between 1 second and 30 days, and only with preferredAgent.");
        }

        // The queue's client and domain never change, so they come from a cache; the caller's scope is applied as the
        // query filter would.
        if (await queues.FindAsync(request.Queue, cancellationToken) is not { } queue || !user.DataScope().Includes(queue.Client))
        {
            return Problems.Field("queue", $"No queue '{request.Queue}'.");
        }

        // Outside opening hours the customer is told when to come back; an email is deferred work and waits for opening.
        if (request.Channel != Channel.Email && queue.OpenAt(time.GetUtcNow()) is (false, var nextOpening))
        {
            return Problems.Closed(request.Queue, nextOpening);
        }

        var contact = new NewContact(request.Channel, new QueueId(request.Queue), language)
        {
            RequiredSkills = skills,
            Priority = request.Priority,
            Attributes = new ContactAttributes(queue.Client, request.VulnerableCustomer, request.RepeatContact),
            PreferredAgent = request.PreferredAgent is { } agent
                ? new AgentPreference(new AgentId(agent), request.PreferredAgentWait ?? queue.PreferredAgentWait ?? QueueSettings.DefaultPreferredAgentWait)
                : null,
        };
        IdempotencyKey? key = idempotencyKey is null
            ? null
            : new IdempotencyKey(user.UserId() ?? "anonymous", idempotencyKey, Hash(JsonSerializer.Serialize(request, json.Value.SerializerOptions)));
        var arrival = await ArriveAsync(contact, queue, key, domains, metrics, (batch, id) => CustomerKeys.Stage(batch, id, queue.Client, customer));
        switch (arrival.Answer)
        {
            case ContactArrival.Queued queued:
                var outcome = queued.Outcome;
                var made = outcome.Offer is { } o ? new OfferMade(o.Id.Value, arrival.OfferedTo!, o.ExpiresAt) : null;
                return TypedResults.Created($"/api/contacts/{queued.Id}", new ContactCreated(queued.Id, request.Queue, WaitView.From(outcome.ExpectedWait), outcome.CallbackOffered, made));
            case ContactArrival.Repeated repeated:
                // The same request again: the contact it made, as it is now, and nothing new.
                var db = http.RequestServices.GetRequiredService<SwitchboardDb>();
                var existing = await db.Contacts.AsNoTracking().SingleAsync(c => c.Id == repeated.Id, cancellationToken);
                return TypedResults.Ok(new ContactCreated(existing.Id, existing.Queue, new WaitView(false, null, null, null, 0), false, null));
            case ContactArrival.KeyReused reused:
                return TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "Idempotency key reused",
                    detail: $"This {IdempotencyHeader} was used for a different request (contact {reused.Id}). Use a new key for a new contact.");
            case ContactArrival.Refused refused:
                return Problems.From(refused.Result);
            default:
                throw new InvalidOperationException("Unknown arrival.");
        }
    }

    /// <summary>
    /// Puts a new contact in its queue through the queue's routing domain (every channel adapter's one way in):
    /// the answer, and the agent offered it at once, if any. <paramref name="alongside"/> runs on the writer for a
    /// queued contact, to stage rows that must commit with its arrival (a chat conversation, a follow-up address).
    /// </summary>
    internal static async Task<(ContactArrival Answer, string? OfferedTo)> ArriveAsync(
        NewContact contact, QueueEntry queue, IdempotencyKey? key, RoutingDomainHost domains, ServerMetrics metrics, Action<DomainBatch, Guid>? alongside = null)
    {
        var domain = await domains.GetAsync(queue.Domain);
        var arrival = await domain.Run(batch =>
        {
            var answer = batch.Enqueue(contact, queue.Client, key);
            if (answer is ContactArrival.Queued queued)
            {
                alongside?.Invoke(batch, queued.Id);
            }

            return answer is ContactArrival.Queued { Outcome.Offer: { } offer }
                ? (answer, offer.Agent.Value)
                : (answer, (string?)null);
        });
        if (arrival.answer is ContactArrival.Queued)
        {
            metrics.ContactsCreated.Add(1, new KeyValuePair<string, object?>("queue", contact.Queue.Value));
        }

        return arrival;
    }

    /// <summary>
    /// Contacts, newest arrival first. A full page carries a <c>Link: &lt;…&gt;; rel="next"</c> header whose
    /// <c>cursor</c> continues after its last row. The cursor is the last row's (arrival, routing domain, number), which is
    /// unique, so contacts that arrived in the same instant (one batch) are neither skipped nor repeated across pages.
    /// </summary>
    /// <summary>A customer's language and the skills their contact needs, or the 400 that says which field is wrong.</summary>
    internal static (Language? Language, List<SkillRequirement>? Skills, ValidationProblem? Problem) Needs(string language, IReadOnlyList<SkillNeed> needs)
    {
        Language parsed;
        try
        {
            parsed = new Language(language);
        }
        catch (ArgumentException)
        {
            return (null, null, Problems.Field("language", "Not a language tag (BCP 47, e.g. 'en', 'fr-CA')."));
        }

        var skills = new List<SkillRequirement>(needs.Count);
        foreach (var need in needs)
        {
            if (string.IsNullOrWhiteSpace(need.Skill) || need.Minimum is < 1 or > 5)
            {
                return (null, null, Problems.Field("skills", "Each skill needs a name and a minimum between 1 and 5."));
            }

            skills.Add(new SkillRequirement(new Skill(need.Skill), new Proficiency(need.Minimum)));
        }

        return (parsed, skills, null);
    }

    public static async Task<Results<Ok<ContactView[]>, ValidationProblem>> List(
        HttpContext context, SwitchboardDb db, string? client, string? queue, string? state, int? limit, DateTimeOffset? before, string? cursor, CancellationToken cancellationToken)
    {
        var query = db.Contacts.AsNoTracking();
        if (client is not null)
        {
            query = query.Where(c => c.Client == client);
        }

        if (queue is not null)
        {
            query = query.Where(c => c.Queue == queue);
        }

        if (state is not null)
        {
            if (!Enum.TryParse<ContactState>(state, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed))
            {
                return Problems.Field("state", "One of waiting, offered, connected, wrapUp, completed, abandoned, callbackPending.");
            }

            query = query.Where(c => c.State == (int)parsed);
        }

        if (before is { } until)
        {
            query = query.Where(c => c.Arrived < until);
        }

        if (cursor is not null)
        {
            if (!ListCursor.TryParse(cursor, out var after))
            {
                return Problems.Field("cursor", "A cursor from the Link header of an earlier page.");
            }

            query = query.Where(c => c.Arrived < after.Arrived
                || (c.Arrived == after.Arrived && (string.Compare(c.Domain, after.Domain) < 0 || (c.Domain == after.Domain && c.Number < after.Number))));
        }

        var take = Math.Clamp(limit ?? 100, 1, 1000);
        var rows = await query.OrderByDescending(c => c.Arrived).ThenByDescending(c => c.Domain).ThenByDescending(c => c.Number).Take(take).ToListAsync(cancellationToken);
        if (rows.Count == take)
        {
            var last = rows[^1];
            var next = QueryString.Create(context.Request.Query.Where(p => p.Key != "cursor").SelectMany(p => p.Value.Select(v => new KeyValuePair<string, string?>(p.Key, v)))
                .Append(new("cursor", new ListCursor(last.Arrived, last.Domain, last.Number).ToString())));
            context.Response.Headers.Link = $"<{context.Request.PathBase}{context.Request.Path}{next}>; rel=\"next\"";
        }

        return TypedResults.Ok(rows.Select(ContactView.From).ToArray());
    }

    /// <summary>Where a page of <see cref="List"/> ended: arrival (UTC ticks), routing domain and contact number.</summary>
    private readonly record struct ListCursor(DateTimeOffset Arrived, string Domain, long Number)
    {
        public override string ToString() => FormattableString.Invariant($"{Arrived.UtcTicks}.{Number}.{Domain}");

        public static bool TryParse(string text, out ListCursor cursor)
        {
            cursor = default;
            var parts = text.Split('.', 3);
            if (parts.Length != 3
                || !long.TryParse(parts[0], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var ticks)
                || ticks > DateTimeOffset.MaxValue.UtcTicks
                || !long.TryParse(parts[1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number)
                || parts[2].Length is 0 or > 64)
            {
                return false;
            }

            cursor = new(new DateTimeOffset(ticks, TimeSpan.Zero), parts[2], number);
            return true;
        }
    }

    public static async Task<Results<Ok<ContactView>, ProblemHttpResult>> Get(Guid id, SwitchboardDb db, CancellationToken cancellationToken) =>
        await db.Contacts.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, cancellationToken) is { } contact
            ? TypedResults.Ok(ContactView.From(contact))
            : Problems.NotFound($"No contact {id}.");

    public static async Task<Results<Ok<EventView[]>, ProblemHttpResult>> History(Guid id, SwitchboardDb db, CancellationToken cancellationToken)
    {
        if (!await db.Contacts.AnyAsync(c => c.Id == id, cancellationToken))
        {
            return Problems.NotFound($"No contact {id}.");
        }

        var rows = await db.Events.AsNoTracking().Where(e => e.Contact == id).OrderBy(e => e.Sequence).ToListAsync(cancellationToken);
        return TypedResults.Ok(rows.Select(e => new EventView(e.Sequence, e.At, TypeName(e.Type), e.Agent, e.Offer == 0 ? null : e.Offer, e.Queue)).ToArray());
    }

    public static Task<Results<NoContent, ProblemHttpResult>> Abandon(Guid id, HttpContext http, RoutingDomainHost domains, CancellationToken cancellationToken) =>
        Command(id, http, domains, (batch, contact) => batch.Engine.Abandon(contact, batch.Now), cancellationToken);

    public static Task<Results<NoContent, ProblemHttpResult>> RequestCallback(Guid id, HttpContext http, RoutingDomainHost domains, CancellationToken cancellationToken) =>
        Command(id, http, domains, (batch, contact) => batch.Engine.RequestCallback(contact, batch.Now), cancellationToken);

    public static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> Transfer(
        Guid id, TransferRequest request, HttpContext http, SwitchboardDb db, RoutingDomainHost domains, CancellationToken cancellationToken)
    {
        var target = await db.Queues.AsNoTracking().Where(q => q.Id == request.Queue).Select(q => q.Domain).SingleOrDefaultAsync(cancellationToken);
        var contact = await db.Contacts.AsNoTracking().Where(c => c.Id == id).Select(c => c.Domain).SingleOrDefaultAsync(cancellationToken);
        if (contact is not null && target != contact)
        {
            return Problems.Field("queue", $"No queue '{request.Queue}' in this contact's routing domain.");
        }

        var result = await Command(id, http, domains, (batch, c) => batch.Engine.Transfer(c, new QueueId(request.Queue), batch.Now), cancellationToken);
        return result.Result switch
        {
            NoContent done => done,
            ProblemHttpResult problem => problem,
            _ => throw new InvalidOperationException("Unexpected result."),
        };
    }

    public static Task<Results<NoContent, ProblemHttpResult>> End(Guid id, HttpContext http, RoutingDomainHost domains, CancellationToken cancellationToken) =>
        Command(id, http, domains, (batch, contact) => batch.Engine.Complete(contact, batch.Now), cancellationToken);

    public static Task<Results<NoContent, ProblemHttpResult>> WrapUp(Guid id, WrapUpRequest request, HttpContext http, RoutingDomainHost domains, CancellationToken cancellationToken) =>
        Command(id, http, domains, (batch, contact) => batch.Engine.FinishWrapUp(contact, request.ToDisposition(), batch.Now), cancellationToken);

    /// <summary>Runs a command on a contact the caller may see; a contact the engine has finished with cannot change.</summary>
    internal static async Task<Results<NoContent, ProblemHttpResult>> Command(
        Guid id, HttpContext http, RoutingDomainHost domains, Func<DomainBatch, ContactId, RoutingResult> command, CancellationToken cancellationToken)
    {
        var domainId = await DomainOfAsync(id, http, cancellationToken);
        if (domainId is null)
        {
            return Problems.NotFound($"No contact {id}.");
        }

        var domain = await domains.GetAsync(domainId);
        var result = await domain.Run(batch => batch.NumberOf(id) is { } number ? command(batch, number) : RoutingResult.WrongContactState);
        return result == RoutingResult.Done ? TypedResults.NoContent() : Problems.From(result);
    }

    /// <summary>The routing domain of a contact the caller may see: a live contact's from the writers' directory (no
    /// database read, and no context made), any other's from the database through the request's scoped context.</summary>
    private static async Task<string?> DomainOfAsync(Guid id, HttpContext http, CancellationToken cancellationToken)
    {
        var services = http.RequestServices;
        if (services.GetRequiredService<ContactDirectory>().TryFind(id, out var domain, out var client))
        {
            return http.User.DataScope().Includes(client) ? domain : null;
        }

        var db = services.GetRequiredService<SwitchboardDb>();
        return await db.Contacts.AsNoTracking().Where(c => c.Id == id).Select(c => c.Domain).SingleOrDefaultAsync(cancellationToken);
    }

    internal static string Hash(string body) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(body)));

    public static string StateName(int state) => state == 0 ? "refused" : JsonNamingPolicy.CamelCase.ConvertName(((ContactState)state).ToString());

    public static string TypeName(int type) => JsonNamingPolicy.CamelCase.ConvertName(((RoutingEventType)type).ToString());
}
