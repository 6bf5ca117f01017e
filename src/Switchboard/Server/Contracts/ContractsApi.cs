using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Switchboard.CallFlows;
using Switchboard.Contacts;
using Switchboard.Contracts;
using Switchboard.Kpis;
using Switchboard.Persistence;
using Switchboard.Persistence.Contracts;
using Switchboard.Server.Audit;
using Switchboard.Server.Complaints;
using Switchboard.Server.Kpis;
using Switchboard.Server.Queues;
using Switchboard.Server.Security;
using Switchboard.Server.Wallboard;
using Switchboard.Skills;

namespace Switchboard.Server.Contracts;

/// <summary>
/// A client's contract with the centre (ISO 18295-2: <c>/api/clients/{id}/contract</c>) and the information the client
/// supplied under it (<c>/api/clients/{id}/information</c>), each judged on time or late against the contract's lead times.
/// </summary>
internal static class ContractsApi
{
    // The API's own JSON shape, as KPI methods are stored (camel-case enums; unknown members refused).
    private static readonly JsonSerializerOptions Json = KpiMethodBook.Json;

    public static void Map(RouteGroupBuilder api)
    {
        var group = api.MapGroup("/clients/{id}").WithTags("Contracts");
        group.MapGet("/contract", Get).RequireAuthorization(Policies.Reports);
        group.MapPut("/contract", Put).RequireAuthorization(Policies.Administration);
        group.MapGet("/information", Information).RequireAuthorization(Policies.Reports);
        group.MapPost("/information", Supply).RequireAuthorization(Policies.ClientInformation);
    }

    /// <summary>A target: the KPI, the method version it is measured with (default: the KPI's latest), the value, and from when.</summary>
    public sealed record TargetSettings([property: Required, StringLength(64)] string Kpi, int? MethodVersion, double Target, DateOnly EffectiveFrom);

    public sealed record DutySettings(InformationKind Kind, TimeSpan LeadTime);

    /// <summary>
    /// Who is invited to the survey after a contact (see <see cref="SurveyPolicy"/>): the share of eligible contacts
    /// (0 to 1, default 1), at most one invitation per customer within the frequency cap (default 30 days; 0: no cap),
    /// and the questions asked beyond satisfaction and resolved (<c>recommend</c>, <c>effort</c>; default none).
    /// </summary>
    public sealed record SurveySettings
    {
        public double Share { get; init; } = SurveyPolicy.Default.Share;

        public TimeSpan FrequencyCap { get; init; } = SurveyPolicy.Default.FrequencyCap;

        [MaxLength(4)]
        public IReadOnlyList<SurveyQuestions> Questions { get; init; } = [];

        internal SurveyPolicy ToPolicy() => new()
        {
            Share = Share,
            FrequencyCap = FrequencyCap,
            Questions = Questions.Aggregate(SurveyQuestions.Core, (all, q) => all | q),
        };
    }

    /// <summary>The contract as the API takes and gives it.</summary>
    public sealed record ContractSettings
    {
        /// <summary>The client's IANA time zone: reports' days and the opening hours follow its wall clock.</summary>
        [Required, StringLength(64)]
        public string TimeZone { get; init; } = "";

        [MaxLength(6)]
        public IReadOnlyList<Channel> Channels { get; init; } = [];

        [MaxLength(50)]
        public IReadOnlyList<string> Languages { get; init; } = [];

        /// <summary>When customers are served; its time zone must be the contract's. None: always open.</summary>
        public OpeningHoursSettings? OpeningHours { get; init; }

        [MaxLength(200)]
        public IReadOnlyList<TargetSettings> Targets { get; init; } = [];

        public ReportingCadence Reporting { get; init; } = ReportingCadence.Monthly;

        [MaxLength(20)]
        public IReadOnlyList<DutySettings> Duties { get; init; } = [];

        /// <summary>The survey policy; absent: the default (everyone eligible, once per 30 days, the core questions).</summary>
        public SurveySettings? Surveys { get; init; }

        /// <summary>Complaint handling; absent: the eight-week profile and the default escalation ladder.</summary>
        public ComplaintSettings? Complaints { get; init; }

        /// <summary>The first response promised to customers who write by email (told in the acknowledgement); none when absent.</summary>
        public TimeSpan? EmailResponse { get; init; }

        /// <summary>Business time for the next answer after a customer writes again into a case; absent: 8 open hours.</summary>
        public TimeSpan? CaseNextResponse { get; init; }

        /// <summary>Business time from a case's receipt to its resolution; absent: 40 open hours.</summary>
        public TimeSpan? CaseResolution { get; init; }

        /// <summary>The limits the client's call flows are checked against; absent: 3 menu levels, 4 choices, 0 for a person, 2 failed inputs.</summary>
        public CallFlowSettings? CallFlows { get; init; }
    }

    /// <summary>A contract's call-flow limits as the API takes them; each absent one keeps its default.</summary>
    public sealed record CallFlowSettings
    {
        public int? MaxMenuLevels { get; init; }

        public int? MaxOptions { get; init; }

        [StringLength(1, MinimumLength = 1)]
        public string? HumanKey { get; init; }

        public int? MaxFailedInputs { get; init; }

        public CallFlowRules ToRules()
        {
            var defaults = CallFlowRules.Default;
            return new CallFlowRules
            {
                MaxMenuLevels = MaxMenuLevels ?? defaults.MaxMenuLevels,
                MaxOptions = MaxOptions ?? defaults.MaxOptions,
                HumanDigit = HumanKey is { Length: 1 } key ? key[0] : defaults.HumanDigit,
                MaxFailedInputs = MaxFailedInputs ?? defaults.MaxFailedInputs,
            };
        }
    }

    public sealed record PutContract([property: Required] ContractSettings Contract, int Version);

    public sealed record ContractView(string Client, ContractSettings Contract, DateTimeOffset Updated, string? UpdatedBy, int Version);

    public sealed record SupplyInformation(InformationKind Kind, DateTimeOffset EffectiveAt, [property: Required, StringLength(2000, MinimumLength = 1)] string Summary);

    /// <summary>Supplied information; <see cref="OnTime"/> is null when the contract owes nothing of its kind.</summary>
    public sealed record InformationView(long Id, InformationKind Kind, DateTimeOffset Supplied, DateTimeOffset EffectiveAt, string Summary, string? RecordedBy, TimeSpan? LeadTime, bool? OnTime);

    public static async Task<Results<Ok<ContractView>, ProblemHttpResult>> Get(string id, SwitchboardDb db, CancellationToken cancellationToken)
    {
        if (!await db.Clients.AnyAsync(c => c.Id == id, cancellationToken))
        {
            return Problems.NotFound($"No client '{id}'.");
        }

        return await db.Contracts.AsNoTracking().SingleOrDefaultAsync(c => c.Client == id, cancellationToken) is { } row
            ? TypedResults.Ok(View(row))
            : Problems.NotFound($"Client '{id}' has no contract yet.");
    }

    /// <summary>Sets the contract at the version read (0 for the first); audited as <c>contract.changed</c>.</summary>
    public static async Task<Results<Ok<ContractView>, ValidationProblem, ProblemHttpResult>> Put(
        string id, PutContract request, ClaimsPrincipal actor, SwitchboardDb db, TimeProvider time, AuditTrail audit, WallboardFeed wallboard,
        QueueDirectory queues, CancellationToken cancellationToken)
    {
        if (!await db.Clients.AnyAsync(c => c.Id == id, cancellationToken))
        {
            return Problems.NotFound($"No client '{id}'.");
        }

        var book = await KpiMethodBook.LoadAsync(db, cancellationToken);
        var (settings, field, error) = Settle(id, request.Contract, book);
        if (settings is null)
        {
            return Problems.Field("contract." + field, error!);
        }

        var row = await db.Contracts.SingleOrDefaultAsync(c => c.Client == id, cancellationToken);
        if ((row?.Version ?? 0) != request.Version)
        {
            return Problems.Conflict($"The contract of '{id}' is at version {row?.Version ?? 0}, not {request.Version}: read it again and retry.");
        }

        if (row is null)
        {
            row = new ContractRecord { Client = id, Document = "" };
            db.Contracts.Add(row);
        }

        row.Document = JsonSerializer.Serialize(settings, Json);
        row.Updated = time.GetUtcNow();
        row.UpdatedBy = actor.Actor();
        row.Version++;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            return Problems.Conflict($"The contract of '{id}' changed meanwhile: read it again and retry.");
        }

        await audit.RecordAsync(actor, "contract.changed", "client/" + id + "/contract", id, row.Document);
        wallboard.MeasuresChanged(id);
        // Queues without hours of their own open and close by the contract's.
        queues.ForgetClient(id);
        return TypedResults.Ok(View(row));
    }

    public static async Task<Results<Ok<InformationView[]>, ProblemHttpResult>> Information(string id, SwitchboardDb db, CancellationToken cancellationToken)
    {
        if (!await db.Clients.AnyAsync(c => c.Id == id, cancellationToken))
        {
            return Problems.NotFound($"No client '{id}'.");
        }

        var contract = await ContractAsync(db, id, cancellationToken);
        var rows = await db.ClientInformation.AsNoTracking().Where(i => i.Client == id).OrderBy(i => i.Id).ToListAsync(cancellationToken);
        return TypedResults.Ok(rows.Select(r => View(r, contract)).ToArray());
    }

    /// <summary>Records information the client supplied, received now; audited as <c>client.information.supplied</c>.</summary>
    public static async Task<Results<Created<InformationView>, ValidationProblem, ProblemHttpResult>> Supply(
        string id, SupplyInformation request, ClaimsPrincipal actor, SwitchboardDb db, TimeProvider time, AuditTrail audit, CancellationToken cancellationToken)
    {
        if (!Enum.IsDefined(request.Kind))
        {
            return Problems.Field("kind", "One of productChange, priceChange, campaign, volumeForecast, escalationContacts, goodwillLimits.");
        }

        if (request.EffectiveAt.Year is < 2000 or > 2200)
        {
            return Problems.Field("effectiveAt", "A date and time between the years 2000 and 2200.");
        }

        // The scope filter hides another client's id from a client viewer: to them it does not exist.
        if (!await db.Clients.AnyAsync(c => c.Id == id, cancellationToken))
        {
            return Problems.NotFound($"No client '{id}'.");
        }

        var row = new ClientInformationRecord
        {
            Client = id,
            Kind = JsonNamingPolicy.CamelCase.ConvertName(request.Kind.ToString()),
            Supplied = time.GetUtcNow(),
            EffectiveAt = request.EffectiveAt.ToUniversalTime(),
            Summary = request.Summary.Trim(),
            RecordedBy = actor.Actor(),
        };
        db.ClientInformation.Add(row);
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(actor, "client.information.supplied", $"client/{id}/information/{row.Id}", id, row.Kind);
        var contract = await ContractAsync(db, id, cancellationToken);
        return TypedResults.Created($"/api/clients/{id}/information", View(row, contract));
    }

    /// <summary>The client's contract in the core's terms, or null when it has none.</summary>
    public static async Task<ClientContract?> ContractAsync(SwitchboardDb db, string client, CancellationToken cancellationToken)
    {
        var row = await db.Contracts.AsNoTracking().SingleOrDefaultAsync(c => c.Client == client, cancellationToken);
        if (row is null)
        {
            return null;
        }

        var settings = JsonSerializer.Deserialize<ContractSettings>(row.Document, Json)!;
        return ToContract(client, settings).Contract;
    }

    /// <summary>The settings with defaults filled in (each target's method version), or the field at fault.</summary>
    private static (ContractSettings? Settings, string? Field, string? Error) Settle(string client, ContractSettings settings, KpiMethodBook book)
    {
        var targets = new List<TargetSettings>(settings.Targets.Count);
        for (var i = 0; i < settings.Targets.Count; i++)
        {
            var t = settings.Targets[i];
            if (KpiCatalogue.Find(t.Kpi) is not { } kpi)
            {
                return (null, $"targets[{i}].kpi", $"'{t.Kpi}' is not a KPI of the catalogue.");
            }

            var versions = book.VersionsOf(kpi.Id);
            var version = t.MethodVersion ?? versions[^1].Method.Version;
            if (!versions.Any(v => v.Method.Version == version))
            {
                return (null, $"targets[{i}].methodVersion", $"{kpi.Id} has no version {version}.");
            }

            targets.Add(t with { MethodVersion = version });
        }

        var settled = settings with { Targets = targets, Surveys = settings.Surveys ?? new SurveySettings(), Complaints = (settings.Complaints ?? new ComplaintSettings()).Settled() };
        var (contract, field, error) = ToContract(client, settled);
        return contract is null ? (null, field, error) : (settled, null, null);
    }

    private static (ClientContract? Contract, string? Field, string? Error) ToContract(string client, ContractSettings settings)
    {
        TimeZoneInfo zone;
        try
        {
            zone = TimeZoneInfo.FindSystemTimeZoneById(settings.TimeZone);
        }
        catch (Exception error) when (error is TimeZoneNotFoundException or InvalidTimeZoneException or ArgumentException)
        {
            return (null, "timeZone", "An IANA time zone id, such as Europe/Paris.");
        }

        Calendars.OpeningHours? hours = null;
        if (settings.OpeningHours is { } opening)
        {
            if (!string.Equals(opening.TimeZone, settings.TimeZone, StringComparison.Ordinal))
            {
                return (null, "openingHours.timeZone", "The contract's own time zone.");
            }

            var (built, field, error) = opening.ToOpeningHours();
            if (built is null)
            {
                return (null, field, error);
            }

            hours = built;
        }

        var languages = new List<Language>(settings.Languages.Count);
        for (var i = 0; i < settings.Languages.Count; i++)
        {
            try
            {
                languages.Add(new Language(settings.Languages[i]));
            }
            catch (ArgumentException)
            {
                return (null, $"languages[{i}]", "A BCP 47 language tag, such as fr or pt-BR.");
            }
        }

        if (settings.Channels.Any(c => !Enum.IsDefined(c)))
        {
            return (null, "channels", "voice, chat, email, sms, messaging or callback.");
        }

        if (!Enum.IsDefined(settings.Reporting))
        {
            return (null, "reporting", "weekly, monthly or quarterly.");
        }

        if (settings.Duties.Any(d => !Enum.IsDefined(d.Kind)))
        {
            return (null, "duties", "Each kind one of productChange, priceChange, campaign, volumeForecast, escalationContacts, goodwillLimits.");
        }

        if (settings.Surveys is { } surveys && surveys.Questions.Any(q => q is not (SurveyQuestions.Satisfaction or SurveyQuestions.Resolved or SurveyQuestions.Recommend or SurveyQuestions.Effort)))
        {
            return (null, "surveys.questions", "Each one of recommend or effort (satisfaction and resolved are always asked).");
        }

        var complaints = Switchboard.Complaints.ComplaintHandling.Default;
        if (settings.Complaints is { } complaintSettings)
        {
            var (handling, field, error) = complaintSettings.ToHandling();
            if (handling is null)
            {
                return (null, field, error);
            }

            complaints = handling;
        }

        var contract = new ClientContract(client, zone)
        {
            Channels = settings.Channels,
            Languages = languages,
            OpeningHours = hours,
            Targets = settings.Targets.Select(t => new KpiTarget(new KpiId(t.Kpi), t.MethodVersion ?? 1, t.Target, t.EffectiveFrom)).ToList(),
            Reporting = settings.Reporting,
            Duties = settings.Duties.Select(d => new InformationDuty(d.Kind, d.LeadTime)).ToList(),
            Surveys = settings.Surveys?.ToPolicy() ?? SurveyPolicy.Default,
            Complaints = complaints,
            EmailResponse = settings.EmailResponse,
            CaseNextResponse = settings.CaseNextResponse,
            CaseResolution = settings.CaseResolution,
            CallFlows = settings.CallFlows?.ToRules() ?? CallFlowRules.Default,
        };
        return contract.Problem() is { } problem ? (null, problem.Field, problem.Error) : (contract, null, null);
    }

    private static ContractView View(ContractRecord row) =>
        new(row.Client, JsonSerializer.Deserialize<ContractSettings>(row.Document, Json)!, row.Updated, row.UpdatedBy, row.Version);

    /// <summary>Supplied information as the API shows it, judged against the contract's lead time (null when nothing was owed).</summary>
    internal static InformationView View(ClientInformationRecord row, ClientContract? contract)
    {
        var kind = Enum.Parse<InformationKind>(row.Kind, ignoreCase: true);
        var supplied = new SuppliedInformation(kind, row.Supplied, row.EffectiveAt, row.Summary);
        var duty = contract?.Duties.FirstOrDefault(d => d.Kind == kind);
        return new InformationView(row.Id, kind, row.Supplied, row.EffectiveAt, row.Summary, row.RecordedBy, duty?.LeadTime, contract?.OnTime(supplied));
    }
}
