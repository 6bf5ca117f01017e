using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Switchboard.Calendars;
using Switchboard.Complaints;
using Switchboard.Persistence;
using Switchboard.Persistence.Complaints;
using Switchboard.ServiceLevels;

namespace Switchboard.Server.Complaints;

/// <summary>The final response as the API takes it: outcome, reasons, remedy, how to escalate and to whom.</summary>
public sealed record ResponseSettings(
    [property: StringLength(4000)] string Outcome,
    [property: StringLength(4000)] string Reasons,
    [property: StringLength(2000)] string Remedy,
    [property: StringLength(2000)] string HowToEscalate,
    [property: StringLength(500)] string ExternalBody);

/// <summary>
/// A step in a complaint's handling, as the API takes it and the log stores it. <see cref="Type"/> says which step;
/// each reads only its own fields: <c>acknowledge</c> (template, proofOfSending), <c>start-investigation</c> (owner,
/// holdingUpdateEvery), <c>note</c> (text), <c>holding-update</c>, <c>wait</c> (waitingOn: customer or thirdParty),
/// <c>wait-over</c>, <c>escalate</c> (to), <c>propose-response</c> and <c>send-response</c> (response),
/// <c>close-accepted</c> and <c>close-unaccepted</c> (rootCause), <c>reopen</c> (reason).
/// </summary>
public sealed record ComplaintAction
{
    [Required, StringLength(32)]
    public string Type { get; init; } = "";

    [StringLength(200)]
    public string? Template { get; init; }

    [StringLength(500)]
    public string? ProofOfSending { get; init; }

    [StringLength(256)]
    public string? Owner { get; init; }

    public TimeSpan? HoldingUpdateEvery { get; init; }

    [StringLength(4000)]
    public string? Text { get; init; }

    public WaitingFor? WaitingOn { get; init; }

    public EscalationLevel? To { get; init; }

    public ResponseSettings? Response { get; init; }

    [StringLength(64)]
    public string? RootCause { get; init; }

    [StringLength(1000)]
    public string? Reason { get; init; }
}

/// <summary>Whom an investigation waits on.</summary>
public enum WaitingFor
{
    Customer = 1,
    ThirdParty = 2,
}

/// <summary>The steps a complaint's state allows now: their types (as <see cref="ComplaintAction.Type"/>) and the levels an
/// escalation may go to.</summary>
public sealed record AllowedSteps(IReadOnlyList<string> Types, IReadOnlyList<EscalationLevel> EscalateTo)
{
    public bool Allows(string type) => Types.Contains(type);
}

/// <summary>What is recorded on receipt (the log's first entry), beyond the read model's columns.</summary>
internal sealed record ReceivedPayload(IReadOnlyList<Guid> LinkedContacts, string? EarlierComplaint);

/// <summary>A warning or breach the complaint's clock raised, as the log stores it.</summary>
internal sealed record ClockPayload(string Target, double? Fraction, DateTimeOffset? DueAt);

/// <summary>
/// A complaint's log and what is rebuilt from it: the core's <see cref="Complaint"/> (folded from the handling steps)
/// and its <see cref="ServiceClock"/> (the clock events those steps drive, with the warnings and breaches recorded).
/// </summary>
internal static class ComplaintLog
{
    public const string Received = "received";
    public const string Warned = "clock.warned";
    public const string Breached = "clock.breached";

    /// <summary>The log's JSON: the API's shape (camel case, enums as camel-case strings).</summary>
    public static readonly JsonSerializerOptions Json = Kpis.KpiMethodBook.Json;

    /// <summary>The root-cause codes a closure may record: what a trend view groups by.</summary>
    public static readonly IReadOnlyList<string> RootCauses =
    [
        "product-fault", "service-failure", "wrong-information", "delay", "billing-error", "staff-conduct",
        "policy-or-terms", "communication", "accessibility", "data-protection", "third-party", "no-fault-found", "other",
    ];

    public static string Name<T>(T value) where T : struct, Enum => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());

    /// <summary>The core's event for a step taken by <paramref name="actor"/> at <paramref name="at"/>, or the field at fault.</summary>
    public static (ComplaintEvent? Event, string? Field, string? Error) ToEvent(ComplaintAction action, DateTimeOffset at, string actor)
    {
        switch (action.Type)
        {
            case "acknowledge":
                return Required(action.Template, "template") ?? Required(action.ProofOfSending, "proofOfSending")
                    ?? (new ComplaintEvent.Acknowledged(at, action.Template!.Trim(), action.ProofOfSending!.Trim()), null, null);
            case "start-investigation":
                if (action.HoldingUpdateEvery is not { } every || every <= TimeSpan.Zero || every > TimeSpan.FromDays(56))
                {
                    return (null, "holdingUpdateEvery", "How often the customer hears how it is going: longer than zero, at most eight weeks.");
                }

                return Required(action.Owner, "owner") ?? (new ComplaintEvent.InvestigationStarted(at, action.Owner!.Trim(), every), null, null);
            case "note":
                return Required(action.Text, "text") ?? (new ComplaintEvent.NoteAdded(at, actor, action.Text!.Trim()), null, null);
            case "holding-update":
                return (new ComplaintEvent.HoldingUpdateSent(at), null, null);
            case "wait":
                return action.WaitingOn switch
                {
                    WaitingFor.Customer => (new ComplaintEvent.WaitingOn(at, PauseReason.WaitingOnCustomer), null, null),
                    WaitingFor.ThirdParty => (new ComplaintEvent.WaitingOn(at, PauseReason.WaitingOnThirdParty), null, null),
                    _ => (null, "waitingOn", "customer or thirdParty."),
                };
            case "wait-over":
                return (new ComplaintEvent.WaitOver(at), null, null);
            case "escalate":
                return action.To is { } to && Enum.IsDefined(to)
                    ? (new ComplaintEvent.Escalated(at, to), null, null)
                    : (null, "to", "teamLeader, complaintsTeam, client or externalBody.");
            case "propose-response":
                return action.Response is { } proposed
                    ? (new ComplaintEvent.ResponseProposed(at, ToResponse(proposed)), null, null)
                    : (null, "response", "The response drafted.");
            case "send-response":
                if (action.Response is not { } sent)
                {
                    return (null, "response", "The response sent.");
                }

                return ToResponse(sent).Missing() is { } missing
                    ? (null, "response", $"A final response states {missing}.")
                    : (new ComplaintEvent.ResponseSent(at, ToResponse(sent)), null, null);
            case "close-accepted":
            case "close-unaccepted":
                if (action.RootCause is not { } cause || !RootCauses.Contains(cause))
                {
                    return (null, "rootCause", $"One of {string.Join(", ", RootCauses)}.");
                }

                return action.Type == "close-accepted"
                    ? (new ComplaintEvent.ClosedAccepted(at, cause), null, null)
                    : (new ComplaintEvent.ClosedUnaccepted(at, cause), null, null);
            case "reopen":
                return Required(action.Reason, "reason") ?? (new ComplaintEvent.Reopened(at, action.Reason!.Trim()), null, null);
            default:
                return (null, "type", "acknowledge, start-investigation, note, holding-update, wait, wait-over, escalate, propose-response, send-response, close-accepted, close-unaccepted or reopen.");
        }
    }

    /// <summary>
    /// The steps <paramref name="complaint"/>'s state allows at <paramref name="at"/> (step types, and for <c>escalate</c>
    /// the levels it may go to). The core is asked by deciding a well-formed sample of each step, so a screen offers
    /// exactly what <c>POST …/actions</c> would take; the step the user then gives is decided again on its own.
    /// </summary>
    public static AllowedSteps Allowed(Complaint complaint, DateTimeOffset at)
    {
        var when = at < complaint.LastEventAt ? complaint.LastEventAt : at;
        var sample = new ResponseSettings("sample", "sample", "sample", "sample", "sample");
        ComplaintAction[] probes =
        [
            new() { Type = "acknowledge", Template = "sample", ProofOfSending = "sample" },
            new() { Type = "start-investigation", Owner = "sample", HoldingUpdateEvery = TimeSpan.FromDays(7) },
            new() { Type = "note", Text = "sample" },
            new() { Type = "holding-update" },
            new() { Type = "wait", WaitingOn = WaitingFor.Customer },
            new() { Type = "wait-over" },
            new() { Type = "propose-response", Response = sample },
            new() { Type = "send-response", Response = sample },
            new() { Type = "close-accepted", RootCause = RootCauses[^1] },
            new() { Type = "close-unaccepted", RootCause = RootCauses[^1] },
            new() { Type = "reopen", Reason = "sample" },
        ];
        var types = probes.Where(p => Accepts(complaint, p, when)).Select(p => p.Type).ToList();
        var levels = Enum.GetValues<EscalationLevel>().Where(l => Accepts(complaint, new() { Type = "escalate", To = l }, when)).ToList();
        if (levels.Count > 0)
        {
            types.Add("escalate");
        }

        return new AllowedSteps(types, levels);
    }

    private static bool Accepts(Complaint complaint, ComplaintAction probe, DateTimeOffset at) =>
        ToEvent(probe, at, "sample").Event is { } step && complaint.Decide(step) is ComplaintDecision.Accepted;

    /// <summary>The calendars a client's complaint clocks run on: its contract's opening hours under the client's id.</summary>
    public static BusinessCalendars CalendarsFor(string client, Switchboard.Contracts.ClientContract? contract, out string? calendar)
    {
        var calendars = new BusinessCalendars();
        calendar = null;
        if (contract?.OpeningHours is { } hours)
        {
            calendars.Add(client, hours);
            calendar = client;
        }

        return calendars;
    }

    /// <summary>Rebuilds a complaint and its clock from its log (sequence order).</summary>
    /// <exception cref="InvalidOperationException">The log holds a step the core refuses: it was not written by this server.</exception>
    public static (Complaint Complaint, ServiceClock Clock) Rebuild(ComplaintRecord row, IReadOnlyList<ComplaintEventRecord> log, BusinessCalendars calendars, string? calendar)
    {
        var settings = JsonSerializer.Deserialize<ComplaintSettings>(row.Handling, Json)!;
        var handling = settings.ToHandling().Handling ?? throw new InvalidOperationException($"{row.Reference}: its stored handling is not valid.");
        var clock = new ServiceClock(handling.ClockPolicy(calendar), calendars);
        Complaint? complaint = null;
        foreach (var entry in log)
        {
            if (entry.Kind is Warned or Breached)
            {
                var payload = JsonSerializer.Deserialize<ClockPayload>(entry.Payload, Json)!;
                clock.Apply(entry.Kind == Warned
                    ? new ClockEvent.Warned(entry.At, new ClockTargetId(payload.Target), payload.Fraction ?? 0)
                    : new ClockEvent.Breached(entry.At, new ClockTargetId(payload.Target), payload.DueAt ?? entry.At));
                continue;
            }

            var decision = entry.Kind == Received
                ? Complaint.Receive(new ComplaintEvent.Received(entry.At, Details(row)), handling, calendar)
                : complaint is null
                    ? throw new InvalidOperationException($"{row.Reference}: the log does not start with its receipt.")
                    : complaint.Decide(ToEvent(JsonSerializer.Deserialize<ComplaintAction>(entry.Payload, Json)!, entry.At, entry.Actor).Event
                        ?? throw new InvalidOperationException($"{row.Reference}: entry {entry.Sequence} is not a step."));
            if (decision is not ComplaintDecision.Accepted accepted)
            {
                throw new InvalidOperationException($"{row.Reference}: entry {entry.Sequence} ({entry.Kind}) is refused: {((ComplaintDecision.Refused)decision).Reason}");
            }

            complaint = accepted.Complaint;
            foreach (var clockEvent in accepted.ClockEvents)
            {
                clock.Apply(clockEvent);
            }
        }

        return (complaint ?? throw new InvalidOperationException($"{row.Reference}: an empty log."), clock);
    }

    /// <summary>
    /// Rebuilds a complaint on its client's business hours. <paramref name="clients"/> keeps each client's contract
    /// and business calendar for the caller's run, so a sweep over many complaints reads a contract and builds a
    /// calendar's timeline once per client, not once per complaint.
    /// </summary>
    public static async Task<(Complaint Complaint, ServiceClock Clock)> RebuildAsync(
        SwitchboardDb db, ComplaintRecord row, IReadOnlyList<ComplaintEventRecord> log, Dictionary<string, (BusinessCalendars Calendars, string? Calendar)> clients, CancellationToken cancellationToken)
    {
        if (!clients.TryGetValue(row.Client, out var hours))
        {
            var contract = await Contracts.ContractsApi.ContractAsync(db, row.Client, cancellationToken);
            var calendars = CalendarsFor(row.Client, contract, out var calendar);
            hours = (calendars, calendar);
            clients[row.Client] = hours;
        }

        return Rebuild(row, log, hours.Calendars, hours.Calendar);
    }

    /// <summary>The logs of several complaints, each oldest first.</summary>
    public static async Task<Dictionary<long, List<ComplaintEventRecord>>> LogsAsync(SwitchboardDb db, IReadOnlyCollection<long> complaints, CancellationToken cancellationToken) =>
        (await db.ComplaintEvents.AsNoTracking().Where(e => complaints.Contains(e.Complaint)).ToListAsync(cancellationToken))
            .GroupBy(e => e.Complaint)
            .ToDictionary(g => g.Key, g => g.OrderBy(e => e.Sequence).ToList());

    public static ComplaintDetails Details(ComplaintRecord row) => new(
        new ComplaintReference(row.Id),
        row.Client,
        Enum.Parse<ComplaintCategory>(row.Category, ignoreCase: true),
        Enum.Parse<ComplaintSeverity>(row.Severity, ignoreCase: true),
        row.RemedySought,
        row.VulnerableCustomer)
    {
        EarlierComplaint = row.EarlierComplaint is { } earlier ? new ComplaintReference(earlier) : null,
    };

    /// <summary>Brings the read model's columns in line with the rebuilt complaint and clock at <paramref name="at"/>.</summary>
    public static void Project(ComplaintRecord row, Complaint complaint, ServiceClock clock, DateTimeOffset at)
    {
        row.Status = Name(complaint.Status);
        row.Owner = complaint.Owner;
        row.Level = Name(complaint.Ladder[complaint.Rung].Level);
        row.RootCause = complaint.RootCause;
        row.AcknowledgementDue = Due(clock, complaint.Profile.Acknowledgement.Id, at);
        row.ResponseDue = Due(clock, complaint.Profile.FinalResponse.Id, at);
    }

    private static DateTimeOffset? Due(ServiceClock clock, ClockTargetId target, DateTimeOffset at)
    {
        var reading = clock.Read(target, at);
        return reading.Status == TargetStatus.Running ? reading.DueAt : null;
    }

    /// <summary>Loads a complaint's row (tracked) and its log, oldest first; null when there is none visible.</summary>
    public static async Task<(ComplaintRecord Row, List<ComplaintEventRecord> Log)?> LoadAsync(SwitchboardDb db, long number, CancellationToken cancellationToken)
    {
        var row = await db.Complaints.SingleOrDefaultAsync(c => c.Id == number, cancellationToken);
        if (row is null)
        {
            return null;
        }

        var log = await db.ComplaintEvents.AsNoTracking().Where(e => e.Complaint == number).OrderBy(e => e.Sequence).ToListAsync(cancellationToken);
        return (row, log);
    }

    private static FinalResponse ToResponse(ResponseSettings r) => new(r.Outcome ?? "", r.Reasons ?? "", r.Remedy ?? "", r.HowToEscalate ?? "", r.ExternalBody ?? "");

    private static (ComplaintEvent? Event, string? Field, string? Error)? Required(string? value, string field) =>
        string.IsNullOrWhiteSpace(value) ? (null, field, "Required for this step.") : null;
}
