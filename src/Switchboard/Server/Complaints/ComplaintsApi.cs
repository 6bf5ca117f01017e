using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Switchboard.Complaints;
using Switchboard.Persistence;
using Switchboard.Persistence.Complaints;
using Switchboard.Server.Audit;
using Switchboard.Server.Contracts;
using Switchboard.Server.Security;
using Switchboard.ServiceLevels;

namespace Switchboard.Server.Complaints;

/// <summary>
/// Complaints (ISO 18295-1 clause 4.4, handled the ISO 10002 way): registered from any channel or from a contact,
/// given a reference, and taken through acknowledgement, investigation, final response and closure on the clocks of
/// the client contract's complaint profile and escalation ladder (<c>/api/complaints</c>); and the customer's own
/// status check by reference and e-mail address (<c>/api/public/complaints/{reference}</c>).
/// </summary>
internal static class ComplaintsApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var group = api.MapGroup("/complaints").WithTags("Complaints");
        group.MapPost("/", Register).RequireAuthorization(Policies.ComplaintsWrite);
        group.MapGet("/", List).RequireAuthorization(Policies.ComplaintsRead).Audited("complaint.list");
        group.MapGet("/root-causes", RootCauseTrend.Read).RequireAuthorization(Policies.ComplaintsRead);
        group.MapGet("/{reference}", Get).RequireAuthorization(Policies.ComplaintsRead).Audited("complaint.read");
        group.MapPost("/{reference}/actions", Act).RequireAuthorization(Policies.ComplaintsWrite);
        // The customer's own check: no account, so the per-address limit of sign-in guards the e-mail address as a secret.
        ComplaintSurveys.Map(api);
        api.MapGet("/public/complaints/{reference}", Status).AllowAnonymous().RequireRateLimiting(AuthApi.SignInLimit).WithTags("Complaints");
    }

    /// <summary>What the customer complains of, as any registration states it (from the API, or from a case).</summary>
    public record ComplaintStatement
    {
        public ComplaintCategory Category { get; init; }

        public ComplaintSeverity Severity { get; init; }

        [Required, StringLength(4000, MinimumLength = 1)]
        public string Summary { get; init; } = "";

        /// <summary>What the customer wants done ("not stated" when they did not say).</summary>
        [Required, StringLength(1000, MinimumLength = 1)]
        public string RemedySought { get; init; } = "";

        public bool VulnerableCustomer { get; init; }

        [StringLength(200)]
        public string? CustomerName { get; init; }
    }

    public sealed record RegisterComplaint : ComplaintStatement
    {
        public RegisterComplaint()
        {
        }

        /// <summary>A registration of what a statement says (the caller adds client, customer and links).</summary>
        public RegisterComplaint(ComplaintStatement statement)
            : base(statement)
        {
        }

        [Required, StringLength(64)]
        public string Client { get; init; } = "";

        [StringLength(320), EmailAddress]
        public string? CustomerEmail { get; init; }

        /// <summary>The contacts in which the customer raised it (the desk's "is this a complaint?").</summary>
        [MaxLength(20)]
        public IReadOnlyList<Guid> LinkedContacts { get; init; } = [];

        /// <summary>The reference of an earlier complaint whose handling this one is about.</summary>
        [StringLength(32)]
        public string? EarlierComplaint { get; init; }
    }

    /// <summary>One target of the complaint's clock read now; times are in the target's own timekeeping.</summary>
    public sealed record ClockView(string Target, string Timekeeping, string Status, TimeSpan Limit, TimeSpan Elapsed, TimeSpan Remaining, DateTimeOffset? DueAt, int WarningsPassed, bool Breached)
    {
        /// <summary>Every target of a clock read at an instant (cases show their clocks the same way).</summary>
        public static ClockView[] Of(ServiceClock clock, DateTimeOffset at)
        {
            var readings = new ClockReading[clock.Policy.Targets.Count];
            clock.Evaluate(at, readings, new List<ClockEvent>());
            return [.. readings.Zip(clock.Policy.Targets, (reading, target) => new ClockView(
                reading.Target.Value, ComplaintLog.Name(target.Timekeeping), ComplaintLog.Name(reading.Status), reading.Limit, reading.Elapsed,
                reading.Remaining, reading.DueAt, reading.WarningsPassed, reading.Breached))];
        }
    }

    public sealed record EventView(int Sequence, string Kind, DateTimeOffset At, string Actor, JsonElement Details);

    public sealed record ComplaintView(
        string Reference, string Client, string Status, string Category, string Severity, bool VulnerableCustomer, string Summary,
        string RemedySought, string? CustomerName, string? CustomerEmail, string Profile, string Level, string? Owner, string? WaitingOn,
        DateTimeOffset? HoldingUpdateDue, ResponseSettings? Response, string? RootCause, int Reopens, string? EarlierComplaint,
        IReadOnlyList<Guid> LinkedContacts, DateTimeOffset Received, DateTimeOffset Updated, IReadOnlyList<ClockView> Clocks,
        IReadOnlyList<EventView> Events, int Version);

    public sealed record ComplaintSummary(
        string Reference, string Client, string Status, string Category, string Severity, bool VulnerableCustomer, string Level, string? Owner,
        DateTimeOffset Received, DateTimeOffset Updated, DateTimeOffset? AcknowledgementDue, DateTimeOffset? ResponseDue);

    /// <summary>What the customer sees: where their complaint is and when they will hear, nothing internal.</summary>
    public sealed record PublicStatus(string Reference, string Status, DateTimeOffset Received, DateTimeOffset Updated, DateTimeOffset? ResponseDue);

    public static Task<Results<Created<ComplaintView>, ValidationProblem, ProblemHttpResult>> Register(
        RegisterComplaint request, ClaimsPrincipal actor, SwitchboardDb db, TimeProvider time, AuditTrail audit, CancellationToken cancellationToken) =>
        RegisterAsync(request, actor, db, time, audit, null, cancellationToken);

    /// <summary>
    /// Registers a complaint; <paramref name="alongside"/>, when given, stages in <paramref name="db"/> what else must
    /// be stored with it (the new complaint's row passed in) or answers why not (409, nothing stored). With it, the
    /// number, the staged changes and the one save share an explicit transaction, so either both are stored or neither.
    /// </summary>
    public static async Task<Results<Created<ComplaintView>, ValidationProblem, ProblemHttpResult>> RegisterAsync(
        RegisterComplaint request, ClaimsPrincipal actor, SwitchboardDb db, TimeProvider time, AuditTrail audit,
        Func<ComplaintRecord, Task<string?>>? alongside, CancellationToken cancellationToken)
    {
        if (!await db.Clients.AnyAsync(c => c.Id == request.Client, cancellationToken))
        {
            return Problems.Field("client", $"No client '{request.Client}'.");
        }

        if (!Enum.IsDefined(request.Category))
        {
            return Problems.Field("category", "clientProductOrService or centreConduct.");
        }

        if (!Enum.IsDefined(request.Severity))
        {
            return Problems.Field("severity", "low, medium, high or critical.");
        }

        for (var i = 0; i < request.LinkedContacts.Count; i++)
        {
            var contact = request.LinkedContacts[i];
            if (!await db.Contacts.AnyAsync(c => c.Id == contact && c.Client == request.Client, cancellationToken))
            {
                return Problems.Field($"linkedContacts[{i}]", $"No contact {contact} of client '{request.Client}'.");
            }
        }

        long? earlier = null;
        if (request.EarlierComplaint is { } earlierText)
        {
            if (!ComplaintReference.TryParse(earlierText, out var earlierReference)
                || !await db.Complaints.AnyAsync(c => c.Id == earlierReference.Number && c.Client == request.Client, cancellationToken))
            {
                return Problems.Field("earlierComplaint", "The reference of an earlier complaint of the same client.");
            }

            earlier = earlierReference.Number;
        }

        var contract = await ContractsApi.ContractAsync(db, request.Client, cancellationToken);
        var handling = contract?.Complaints ?? ComplaintHandling.Default;
        var calendars = ComplaintLog.CalendarsFor(request.Client, contract, out var calendar);
        var at = time.GetUtcNow();
        var stored = JsonSerializer.Serialize(new ComplaintSettings
        {
            Profile = handling.Profile,
            Ladder = [.. handling.Ladder.Select(s => new EscalationStepSettings(s.Level, s.Limit, s.Timekeeping))],
        }, ComplaintLog.Json);

        // The number is the next free one; two registrations racing for it collide on the key, and the loser takes the next.
        for (var attempt = 0; ; attempt++)
        {
            await using var transaction = alongside is null ? null : await db.Database.BeginTransactionAsync(cancellationToken);
            var number = (await db.Complaints.IgnoreQueryFilters().MaxAsync(c => (long?)c.Id, cancellationToken) ?? 0) + 1;
            var row = new ComplaintRecord
            {
                Id = number,
                Reference = new ComplaintReference(number).ToString(),
                Client = request.Client,
                Status = ComplaintLog.Name(ComplaintStatus.Received),
                Category = ComplaintLog.Name(request.Category),
                Severity = ComplaintLog.Name(request.Severity),
                VulnerableCustomer = request.VulnerableCustomer,
                Summary = request.Summary.Trim(),
                RemedySought = request.RemedySought.Trim(),
                CustomerName = string.IsNullOrWhiteSpace(request.CustomerName) ? null : request.CustomerName.Trim(),
                CustomerEmail = string.IsNullOrWhiteSpace(request.CustomerEmail) ? null : request.CustomerEmail.Trim(),
                Level = ComplaintLog.Name(handling.Ladder[0].Level),
                Handling = stored,
                Received = at,
                Updated = at,
                EarlierComplaint = earlier,
                Version = 1,
            };
            if (Complaint.Receive(new ComplaintEvent.Received(at, ComplaintLog.Details(row)), handling, calendar) is ComplaintDecision.Refused refused)
            {
                return Problems.Invalid(refused.Reason);
            }

            var entry = new ComplaintEventRecord
            {
                Complaint = number,
                Sequence = 0,
                Client = request.Client,
                Kind = ComplaintLog.Received,
                At = at,
                Actor = actor.Actor(),
                Payload = JsonSerializer.Serialize(new ReceivedPayload(request.LinkedContacts, request.EarlierComplaint is null ? null : new ComplaintReference(earlier!.Value).ToString()), ComplaintLog.Json),
            };
            var (complaint, clock) = ComplaintLog.Rebuild(row, [entry], calendars, calendar);
            ComplaintLog.Project(row, complaint, clock, at);
            db.Complaints.Add(row);
            db.ComplaintEvents.Add(entry);
            if (alongside is not null && await alongside(row) is { } refusal)
            {
                db.ChangeTracker.Clear();
                return Problems.Conflict(refusal);
            }

            try
            {
                await db.SaveChangesAsync(cancellationToken);
                if (transaction is not null)
                {
                    await transaction.CommitAsync(cancellationToken);
                }
            }
            catch (DbUpdateException) when (attempt < 4)
            {
                // The transaction, if any, rolls back as it is disposed: the next attempt starts afresh.
                db.ChangeTracker.Clear();
                continue;
            }

            await audit.RecordAsync(actor, "complaint.registered", $"complaint/{row.Reference}", row.Client, row.Category);
            return TypedResults.Created($"/api/complaints/{row.Reference}", View(row, [entry], complaint, clock, at));
        }
    }

    public static async Task<Results<Ok<ComplaintSummary[]>, ValidationProblem>> List(
        SwitchboardDb db, string? client, string? status, bool? open, CancellationToken cancellationToken)
    {
        var statuses = Enum.GetValues<ComplaintStatus>().Select(ComplaintLog.Name).ToList();
        if (status is not null && !statuses.Contains(status))
        {
            return Problems.Field("status", $"One of {string.Join(", ", statuses)}.");
        }

        var closed = new[] { ComplaintLog.Name(ComplaintStatus.ClosedAccepted), ComplaintLog.Name(ComplaintStatus.ClosedUnaccepted) };
        var query = db.Complaints.AsNoTracking();
        query = client is null ? query : query.Where(c => c.Client == client);
        query = status is null ? query : query.Where(c => c.Status == status);
        query = open is true ? query.Where(c => !closed.Contains(c.Status)) : open is false ? query.Where(c => closed.Contains(c.Status)) : query;
        var rows = await query.OrderByDescending(c => c.Id).Take(500).ToListAsync(cancellationToken);
        return TypedResults.Ok(rows.Select(r => new ComplaintSummary(
            r.Reference, r.Client, r.Status, r.Category, r.Severity, r.VulnerableCustomer, r.Level, r.Owner, r.Received, r.Updated, r.AcknowledgementDue, r.ResponseDue)).ToArray());
    }

    public static async Task<Results<Ok<ComplaintView>, ProblemHttpResult>> Get(string reference, SwitchboardDb db, TimeProvider time, CancellationToken cancellationToken) =>
        await ReadAsync(reference, db, time.GetUtcNow(), cancellationToken) is { } read
            ? TypedResults.Ok(read.View)
            : Problems.NotFound($"No complaint '{reference}'.");

    /// <summary>A complaint visible to <paramref name="db"/>'s scope as <c>GET</c> shows it at <paramref name="at"/>, with the
    /// core's complaint rebuilt from its log (to ask what it allows next); null when there is none.</summary>
    internal static async Task<(ComplaintView View, Complaint Complaint)?> ReadAsync(string reference, SwitchboardDb db, DateTimeOffset at, CancellationToken cancellationToken)
    {
        if (!ComplaintReference.TryParse(reference, out var parsed) || await ComplaintLog.LoadAsync(db, parsed.Number, cancellationToken) is not { } loaded)
        {
            return null;
        }

        var contract = await ContractsApi.ContractAsync(db, loaded.Row.Client, cancellationToken);
        var calendars = ComplaintLog.CalendarsFor(loaded.Row.Client, contract, out var calendar);
        var (complaint, clock) = ComplaintLog.Rebuild(loaded.Row, loaded.Log, calendars, calendar);
        return (View(loaded.Row, loaded.Log, complaint, clock, at), complaint);
    }

    /// <summary>Takes one step of the complaint's handling: 400 for a step badly given, 409 for one the complaint's state
    /// does not allow (with the reason), nothing stored either way.</summary>
    public static async Task<Results<Ok<ComplaintView>, ValidationProblem, ProblemHttpResult>> Act(
        string reference, ComplaintAction action, ClaimsPrincipal actor, SwitchboardDb db, TimeProvider time, AuditTrail audit, ComplaintSurveyMail surveyMail,
        CancellationToken cancellationToken)
    {
        if (!ComplaintReference.TryParse(reference, out var parsed))
        {
            return Problems.NotFound($"No complaint '{reference}'.");
        }

        // The clock monitor may record a warning in the same instant: the step is then decided again on the longer log.
        for (var attempt = 0; ; attempt++)
        {
            if (await ComplaintLog.LoadAsync(db, parsed.Number, cancellationToken) is not { } loaded)
            {
                return Problems.NotFound($"No complaint '{reference}'.");
            }

            var (row, log) = loaded;
            var at = time.GetUtcNow();
            var (step, field, error) = ComplaintLog.ToEvent(action, at, actor.Actor());
            if (step is null)
            {
                return Problems.Field(field!, error!);
            }

            var contract = await ContractsApi.ContractAsync(db, row.Client, cancellationToken);
            var calendars = ComplaintLog.CalendarsFor(row.Client, contract, out var calendar);
            var (complaint, clock) = ComplaintLog.Rebuild(row, log, calendars, calendar);
            var decision = complaint.Decide(step);
            if (decision is ComplaintDecision.Refused refused)
            {
                return Problems.Conflict(refused.Reason);
            }

            var accepted = (ComplaintDecision.Accepted)decision;
            foreach (var clockEvent in accepted.ClockEvents)
            {
                clock.Apply(clockEvent);
            }

            var entry = new ComplaintEventRecord
            {
                Complaint = row.Id,
                Sequence = log.Count,
                Client = row.Client,
                Kind = action.Type,
                At = at,
                Actor = actor.Actor(),
                Payload = JsonSerializer.Serialize(action, ComplaintLog.Json),
            };
            db.ComplaintEvents.Add(entry);
            var invited = ComplaintSurveys.Closes(step) ? await ComplaintSurveys.InviteAsync(db, row, at, cancellationToken) : null;

            ComplaintLog.Project(row, accepted.Complaint, clock, at);
            row.Updated = at;
            row.Version = log.Count + 1;
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                db.ChangeTracker.Clear();
                continue;
            }
            catch (DbUpdateException)
            {
                return Problems.Conflict($"Complaint {row.Reference} keeps changing: read it again and retry.");
            }

            await audit.RecordAsync(actor, "complaint." + action.Type, $"complaint/{row.Reference}", row.Client);
            if (invited is { } token)
            {
                // Only once the step is committed, and off the request: a slow or hanging mail server never holds up the
                // step, and one that fails leaves the invitation to the clock monitor.
                surveyMail.Owe(token);
            }

            log.Add(entry);
            return TypedResults.Ok(View(row, log, accepted.Complaint, clock, at));
        }
    }

    /// <summary>The customer's status check: the reference and the e-mail address the complaint was registered with.
    /// A wrong address answers exactly as an unknown reference does, so neither can be probed.</summary>
    public static async Task<Results<Ok<PublicStatus>, ProblemHttpResult>> Status(
        string reference, string? email, IDbContextFactory<SwitchboardDb> databases, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        return await FindForCustomerAsync(db, reference, email, cancellationToken) is { } status
            ? TypedResults.Ok(status)
            : Problems.NotFound("No complaint with that reference and e-mail address.");
    }

    /// <summary>The complaint's status for its customer, or null unless both the reference and the address it was
    /// registered with match (the address compared whole, ignoring case and surrounding spaces).</summary>
    internal static async Task<PublicStatus?> FindForCustomerAsync(SwitchboardDb db, string? reference, string? email, CancellationToken cancellationToken)
    {
        if (!ComplaintReference.TryParse(reference, out var parsed) || string.IsNullOrWhiteSpace(email))
        {
            return null;
        }

        var row = await db.Complaints.AsNoTracking().SingleOrDefaultAsync(c => c.Id == parsed.Number, cancellationToken);
        if (row?.CustomerEmail is not { } registered
            || !System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
                System.Text.Encoding.UTF8.GetBytes(registered.ToUpperInvariant()), System.Text.Encoding.UTF8.GetBytes(email.Trim().ToUpperInvariant())))
        {
            return null;
        }

        return new PublicStatus(row.Reference, row.Status, row.Received, row.Updated, row.ResponseDue);
    }

    private static ComplaintView View(ComplaintRecord row, List<ComplaintEventRecord> log, Complaint complaint, ServiceClock clock, DateTimeOffset at)
    {
        var received = JsonSerializer.Deserialize<ReceivedPayload>(log[0].Payload, ComplaintLog.Json)!;
        return new ComplaintView(
            row.Reference, row.Client, row.Status, row.Category, row.Severity, row.VulnerableCustomer, row.Summary, row.RemedySought,
            row.CustomerName, row.CustomerEmail, complaint.Profile.Name, row.Level, complaint.Owner,
            complaint.WaitingOn switch { PauseReason.WaitingOnCustomer => "customer", PauseReason.WaitingOnThirdParty => "thirdParty", _ => null },
            complaint.HoldingUpdateDue,
            complaint.Response is { } r ? new ResponseSettings(r.Outcome, r.Reasons, r.Remedy, r.HowToEscalate, r.ExternalBody) : null,
            complaint.RootCause, complaint.Reopens, received.EarlierComplaint, received.LinkedContacts, row.Received, row.Updated,
            ClockView.Of(clock, at),
            [.. log.Select(e => new EventView(e.Sequence, e.Kind, e.At, e.Actor, JsonSerializer.Deserialize<JsonElement>(e.Payload)))],
            row.Version);
    }
}
