using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Switchboard.Calendars;
using Switchboard.Cases;
using Switchboard.Contracts;
using Switchboard.Persistence;
using Switchboard.Persistence.Email;
using Switchboard.Server.Complaints;
using Switchboard.ServiceLevels;

namespace Switchboard.Server.Email;

/// <summary>A target as the case's receipt keeps it, so a later contract change does not rewrite an open case's promise.</summary>
internal sealed record TargetDetail(TimeSpan Limit, Timekeeping Timekeeping);

/// <summary>The fields of a case's log entry; each kind fills only its own.</summary>
internal sealed record CaseDetail
{
    /// <summary><c>received</c>: the targets in force at receipt.</summary>
    public TargetDetail? FirstResponse { get; init; }

    public TargetDetail? NextResponse { get; init; }

    public TargetDetail? Resolution { get; init; }

    /// <summary>The message a <c>received</c>, <c>customer-wrote</c> or <c>agent-replied</c> entry is about.</summary>
    public Guid? Message { get; init; }

    /// <summary><c>agent-replied</c>: the agent who answered, if an agent did.</summary>
    public string? Agent { get; init; }

    /// <summary><c>assign</c>: the new owner.</summary>
    public string? Owner { get; init; }

    /// <summary><c>note</c>: the internal note.</summary>
    public string? Text { get; init; }

    /// <summary><c>reopen</c>: why; <c>wait-third-party</c>: what the third party was asked.</summary>
    public string? Reason { get; init; }

    /// <summary><c>wait-third-party</c>: who the case waits on.</summary>
    public string? Party { get; init; }

    /// <summary><c>merged-into</c> and <c>merged</c>: the other case's reference.</summary>
    public string? Other { get; init; }

    /// <summary><c>complaint-filed</c>: the complaint's reference.</summary>
    public string? Complaint { get; init; }

    /// <summary><c>clock.warned</c> and <c>clock.breached</c>: the target, the warning's fraction, the breached target's due instant.</summary>
    public string? Target { get; init; }

    public double? Fraction { get; init; }

    public DateTimeOffset? DueAt { get; init; }
}

/// <summary>
/// A case's log and what is rebuilt from it: the core's <see cref="Case"/> (folded from its steps) and its
/// <see cref="ServiceClock"/> (the clock events those steps drive, with the warnings and breaches recorded), on the
/// client's opening hours; and the one way a step is taken: decided by the core on the rebuilt case, appended to the
/// log and projected into the <c>cases</c> row, for the caller to save in one transaction.
/// </summary>
internal static class CaseLog
{
    public const string Received = "received";
    public const string CustomerWrote = "customer-wrote";
    public const string AgentReplied = "agent-replied";
    public const string Assign = "assign";
    public const string Note = "note";
    public const string Solve = "solve";
    public const string Close = "close";
    public const string Reopen = "reopen";
    public const string MergedInto = "merged-into";
    public const string Merged = "merged";
    public const string ComplaintFiled = "complaint-filed";
    public const string WaitThirdParty = "wait-third-party";
    public const string ThirdPartyAnswered = "third-party-answered";
    public const string Warned = "clock.warned";
    public const string Breached = "clock.breached";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>A case taken by a step: the case and clock after it, and its whole log with the new entries.</summary>
    public sealed record Taken(Case Case, ServiceClock Clock, List<CaseEventRecord> Log);

    /// <summary>The receipt entry of a new case, keeping the targets in force.</summary>
    public static CaseEventRecord ReceivedEntry(CaseRecord row, CaseTargets targets, Guid message, string actor) => Entry(row, 0, Received, row.Created, actor, new CaseDetail
    {
        FirstResponse = new(targets.FirstResponse.Limit, targets.FirstResponse.Timekeeping),
        NextResponse = new(targets.NextResponse.Limit, targets.NextResponse.Timekeeping),
        Resolution = new(targets.Resolution.Limit, targets.Resolution.Timekeeping),
        Message = message,
    });

    public static CaseEventRecord Entry(CaseRecord row, int sequence, string kind, DateTimeOffset at, string actor, CaseDetail detail) => new()
    {
        Case = row.Id,
        Sequence = sequence,
        Client = row.Client,
        Kind = kind,
        At = at,
        Actor = actor.Length <= 256 ? actor : actor[..256],
        Detail = JsonSerializer.Serialize(detail, Json),
    };

    /// <summary>
    /// The business calendar a case's clocks run on: its queue's own opening hours when the queue has them, else its
    /// client's contract's (as <see cref="Queues.QueueDirectory.HoursAsync"/> decides for calls), with the contract;
    /// remembered per client and queue in <paramref name="known"/> when given.
    /// </summary>
    public static async Task<ClientHours> HoursAsync(SwitchboardDb db, string client, string queue, Dictionary<(string Client, string Queue), ClientHours>? known, CancellationToken cancellationToken)
    {
        if (known is not null && known.TryGetValue((client, queue), out var hours))
        {
            return hours;
        }

        var contract = await Contracts.ContractsApi.ContractAsync(db, client, cancellationToken);
        var definition = await db.Queues.AsNoTracking().Where(q => q.Id == queue && q.Client == client).Select(q => q.Definition).SingleOrDefaultAsync(cancellationToken);
        var own = definition is null ? null : Queues.QueueDirectory.OwnHours(JsonSerializer.Deserialize<Queues.QueueSettings>(definition, Json));
        BusinessCalendars calendars;
        string? calendar;
        if (own is null)
        {
            calendars = ComplaintLog.CalendarsFor(client, contract, out calendar);
        }
        else
        {
            calendar = client + "/" + queue;
            calendars = new BusinessCalendars();
            calendars.Add(calendar, own);
        }

        hours = new ClientHours(contract, calendars, calendar);
        if (known is not null)
        {
            known[(client, queue)] = hours;
        }

        return hours;
    }

    /// <summary>Rebuilds a case and its clock from its log (sequence order).</summary>
    /// <exception cref="InvalidOperationException">The log holds a step the core refuses: it was not written by this server.</exception>
    public static (Case Case, ServiceClock Clock) Rebuild(CaseRecord row, IReadOnlyList<CaseEventRecord> log, ClientHours hours)
    {
        var reference = new CaseReference(row.Number);
        if (log.Count == 0 || log[0].Kind != Received)
        {
            throw new InvalidOperationException($"{reference}: the log does not start with its receipt.");
        }

        var targets = Targets(Read(log[0]));
        var opened = Case.Receive(new CaseEvent.Received(log[0].At, reference), targets, hours.Calendar);
        var clock = new ServiceClock(opened.Case.ClockPolicy, hours.Calendars);
        Apply(clock, opened.ClockEvents);
        var current = opened.Case;
        for (var i = 1; i < log.Count; i++)
        {
            var entry = log[i];
            var detail = Read(entry);
            if (entry.Kind is Warned or Breached)
            {
                var target = new ClockTargetId(detail.Target ?? throw new InvalidOperationException($"{reference}: entry {entry.Sequence} names no target."));
                clock.Apply(entry.Kind == Warned
                    ? new ClockEvent.Warned(entry.At, target, detail.Fraction ?? 0)
                    : new ClockEvent.Breached(entry.At, target, detail.DueAt ?? entry.At));
                continue;
            }

            var decision = current.Decide(ToEvent(entry.Kind, entry.At, entry.Actor, detail)
                ?? throw new InvalidOperationException($"{reference}: entry {entry.Sequence} ({entry.Kind}) is not a step."));
            if (decision is not CaseDecision.Accepted accepted)
            {
                throw new InvalidOperationException($"{reference}: entry {entry.Sequence} ({entry.Kind}) is refused: {((CaseDecision.Refused)decision).Reason}");
            }

            Apply(clock, accepted.ClockEvents);
            current = accepted.Case;
        }

        return (current, clock);
    }

    /// <summary>The core's event for a stored step, or null for a kind that is not one.</summary>
    public static CaseEvent? ToEvent(string kind, DateTimeOffset at, string actor, CaseDetail detail) => kind switch
    {
        CustomerWrote => new CaseEvent.CustomerWrote(at),
        AgentReplied => new CaseEvent.AgentReplied(at, detail.Agent),
        Assign => new CaseEvent.Assigned(at, detail.Owner ?? ""),
        Note => new CaseEvent.NoteAdded(at, actor, detail.Text ?? ""),
        Solve => new CaseEvent.Solved(at),
        Close => new CaseEvent.Closed(at),
        Reopen => new CaseEvent.Reopened(at, detail.Reason ?? ""),
        MergedInto => new CaseEvent.MergedInto(at, ParseReference(detail.Other)),
        Merged => new CaseEvent.Merged(at, ParseReference(detail.Other)),
        ComplaintFiled => new CaseEvent.ComplaintFiled(at, detail.Complaint ?? ""),
        WaitThirdParty => new CaseEvent.WaitingOnThirdParty(at, detail.Party ?? "", detail.Reason ?? ""),
        ThirdPartyAnswered => new CaseEvent.ThirdPartyAnswered(at),
        _ => null,
    };

    /// <summary>Loads a case's log, oldest first.</summary>
    public static async Task<List<CaseEventRecord>> LogAsync(SwitchboardDb db, Guid @case, CancellationToken cancellationToken) =>
        await db.CaseEvents.AsNoTracking().Where(e => e.Case == @case).OrderBy(e => e.Sequence).ToListAsync(cancellationToken);

    /// <summary>
    /// Proposes a step to the core on the case rebuilt from its log; when accepted, stages the log entry and the row's
    /// new projection in <paramref name="db"/> (the caller saves, with whatever else the step changes) and answers the
    /// case after it; otherwise the core's reason, with nothing staged.
    /// </summary>
    public static async Task<(Taken? Taken, string? Refused)> TakeAsync(
        SwitchboardDb db, CaseRecord row, string kind, DateTimeOffset at, string actor, CaseDetail detail, CancellationToken cancellationToken)
    {
        var step = ToEvent(kind, at, actor, detail) ?? throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a case step.");
        var log = await LogAsync(db, row.Id, cancellationToken);
        var hours = await HoursAsync(db, row.Client, row.Queue, null, cancellationToken);
        var (current, clock) = Rebuild(row, log, hours);
        var decision = current.Decide(step);
        if (decision is CaseDecision.Refused refused)
        {
            return (null, refused.Reason);
        }

        var accepted = (CaseDecision.Accepted)decision;
        Apply(clock, accepted.ClockEvents);
        var entry = Entry(row, log.Count, kind, at, actor, detail);
        db.CaseEvents.Add(entry);
        log.Add(entry);
        Project(row, accepted.Case, clock, at);
        row.Updated = at;
        row.Version++;
        return (new Taken(accepted.Case, clock, log), null);
    }

    /// <summary>Brings the read model's columns in line with the rebuilt case and clock at <paramref name="at"/>.</summary>
    public static void Project(CaseRecord row, Case current, ServiceClock clock, DateTimeOffset at)
    {
        row.Status = (int)current.Status;
        row.Owner = current.Owner;
        var readings = new ClockReading[clock.Policy.Targets.Count];
        clock.Evaluate(at, readings, new List<ClockEvent>());
        DateTimeOffset? due = null;
        var breached = false;
        foreach (var reading in readings)
        {
            breached |= reading.Breached;
            if (reading.Status == TargetStatus.Running && reading.DueAt is { } dueAt && (due is null || dueAt < due))
            {
                due = dueAt;
            }
        }

        row.Due = due;
        row.Breached = breached;
    }

    public static CaseDetail Read(CaseEventRecord entry) => JsonSerializer.Deserialize<CaseDetail>(entry.Detail, Json)!;

    private static CaseTargets Targets(CaseDetail received) =>
        received.FirstResponse is { } first && received.NextResponse is { } next && received.Resolution is { } resolution
            ? new CaseTargets(
                new ServiceTarget(ClockTargetId.FirstResponse, first.Limit, first.Timekeeping),
                new ServiceTarget(ClockTargetId.NextResponse, next.Limit, next.Timekeeping),
                new ServiceTarget(ClockTargetId.Resolution, resolution.Limit, resolution.Timekeeping))
            : throw new InvalidOperationException("A case's receipt keeps its targets.");

    private static CaseReference ParseReference(string? text) =>
        CaseReference.TryParse(text, out var reference) ? reference : throw new InvalidOperationException($"'{text}' is not a case reference.");

    private static void Apply(ServiceClock clock, IEnumerable<ClockEvent> events)
    {
        foreach (var clockEvent in events)
        {
            clock.Apply(clockEvent);
        }
    }
}

/// <summary>A client's contract and the business calendar a case's clocks run on (its queue's hours, else the contract's).</summary>
internal sealed record ClientHours(ClientContract? Contract, BusinessCalendars Calendars, string? Calendar);
