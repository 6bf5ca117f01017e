using System.Globalization;
using System.Security.Claims;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Switchboard.Agents;
using Switchboard.Contacts;
using Switchboard.Contracts;
using Switchboard.Kpis;
using Switchboard.Persistence;
using Switchboard.Persistence.Events;
using Switchboard.Queues;
using Switchboard.Server.Contracts;
using Switchboard.Server.Security;
using Switchboard.Skills;

namespace Switchboard.Server.Kpis;

/// <summary>What a KPI report is asked for, as the API's query string gives it (each text as <see cref="KpiReportsApi.Report"/> reads it; null for the default).</summary>
public sealed record KpiReportQuery(
    string? From, string? To, string? Interval = null, string? By = null, string? Client = null, string? TimeZone = null, string? Methods = null, string? Format = null);

/// <summary>A figure, its method version, and the client's target in force on the row's first day with whether it was
/// met (both null when no target is agreed, or the target is measured with another method version); <see cref="Provisional"/>
/// (written only when true) when the value may still change, such as operational first contact resolution with repeat
/// windows not yet elapsed.</summary>
public sealed record KpiFigureView(
    double? Value, int Method, double? Target, bool? Met,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool Provisional = false);

/// <summary>One row: the interval [<see cref="Start"/>, <see cref="End"/>) (the whole period for a summary row), the
/// breakdown's key (null when not broken down), and each KPI's figure by the KPI's name.</summary>
public sealed record KpiRowView(DateTimeOffset Start, DateTimeOffset End, string? Key, IReadOnlyDictionary<string, KpiFigureView> Figures);

/// <summary>A KPI's method the report used: the KPI's name, its method version and that version's parameters.</summary>
public sealed record KpiMethodUsed(string Kpi, int Version, KpiParameters Parameters);

/// <summary>A report: the period (local midnights of its zone, as instants), the IANA zone, the interval (15m, 30m, hour,
/// day or month), the breakdown (none, queue, client, channel, language or agent), the client (null for all), the
/// methods used, the rows per interval and key, and the summary per key.</summary>
public sealed record KpiReportView(
    DateTimeOffset From, DateTimeOffset To, string TimeZone, string Interval, string By, string? Client,
    IReadOnlyList<KpiMethodUsed> Methods, IReadOnlyList<KpiRowView> Rows, IReadOnlyList<KpiRowView> Summary);

/// <summary>A computed report (the core's <see cref="Report"/> and the API's <see cref="View"/> of it), or the
/// <see cref="Refusal"/> the API answers with instead (a <see cref="ValidationProblem"/> naming the query parameter, or a
/// <see cref="ProblemHttpResult"/>).</summary>
internal sealed record KpiReportOutcome(KpiReport? Report, KpiReportView? View, IResult? Refusal);

/// <summary>
/// Computes KPI reports from the routing log, for the API (<see cref="KpiReportsApi"/>) and the reports screen alike, so
/// a screen shows exactly what the same user's API call would, and refuses what it would refuse. Nothing is
/// pre-aggregated: the figures are recomputed from the stored events, so a new method version applies to history at once.
/// </summary>
internal static class KpiReports
{
    // Legs that began up to a day before the period can carry a transfer into it; contacts that arrived in it may be
    // answered (an email, say) up to a week after.
    private static readonly TimeSpan LookBack = TimeSpan.FromDays(1);
    private static readonly TimeSpan LookAhead = TimeSpan.FromDays(7);
    private const int MaximumIntervals = 3_000;
    private const int MaximumDays = 400;

    /// <summary>The report <paramref name="query"/> asks for, as <paramref name="user"/> may see it (the data scope of
    /// <paramref name="db"/> is the user's), or the API's refusal.</summary>
    public static async Task<KpiReportOutcome> ComputeAsync(ClaimsPrincipal user, SwitchboardDb db, TimeProvider time, KpiReportQuery query, CancellationToken cancellationToken)
    {
        var scope = user.DataScope();
        var named = string.IsNullOrWhiteSpace(query.Client) ? scope.Client : query.Client;
        var contract = named is null ? null : await ContractsApi.ContractAsync(db, named, cancellationToken);
        TimeZoneInfo zone;
        try
        {
            // Resolving the zone reads the system's tz database: I/O, so it happens here in the host, not in the core.
            zone = string.IsNullOrWhiteSpace(query.TimeZone) ? contract?.TimeZone ?? TimeZoneInfo.Utc : TimeZoneInfo.FindSystemTimeZoneById(query.TimeZone);
        }
        catch (Exception error) when (error is TimeZoneNotFoundException or InvalidTimeZoneException or ArgumentException)
        {
            return Refused(Problems.Field("timeZone", "An IANA time zone id, such as Europe/Paris."));
        }

        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), zone).DateTime);
        if (!TryDate(query.From, today, out var firstDay))
        {
            return Refused(Problems.Field("from", "A date, such as 2026-11-01."));
        }

        if (!TryDate(query.To, firstDay.AddDays(1), out var endDay) || endDay <= firstDay)
        {
            return Refused(Problems.Field("to", "A date after from (the period ends before it)."));
        }

        if (endDay.DayNumber - firstDay.DayNumber > MaximumDays)
        {
            return Refused(Problems.Field("to", $"At most {MaximumDays} days per report."));
        }

        if (ParseInterval(query.Interval) is not { } length)
        {
            return Refused(Problems.Field("interval", "One of 15m, 30m, hour, day, month."));
        }

        if ((endDay.DayNumber - firstDay.DayNumber) * (1440.0 / Math.Min((int)length, 1440)) > MaximumIntervals)
        {
            return Refused(Problems.Field("interval", $"At most {MaximumIntervals} intervals per report: choose a longer interval or a shorter period."));
        }

        if (!Enum.TryParse<KpiBreakdown>(string.IsNullOrWhiteSpace(query.By) ? "none" : query.By, ignoreCase: true, out var breakdown) || !Enum.IsDefined(breakdown) || query.By?.All(char.IsDigit) == true)
        {
            return Refused(Problems.Field("by", "One of none, queue, client, channel, language, agent."));
        }

        if (breakdown == KpiBreakdown.Agent && !scope.Staff)
        {
            return Refused(Problems.Forbidden("Figures per agent are for the centre's staff."));
        }

        var format = query.Format;
        if (!string.IsNullOrEmpty(format) && !string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase) && !string.Equals(format, "json", StringComparison.OrdinalIgnoreCase))
        {
            return Refused(Problems.Field("format", "json or csv."));
        }

        var book = await KpiMethodBook.LoadAsync(db, cancellationToken);
        // What the client agreed is measured the way it was agreed: each target's method version, unless asked otherwise.
        var agreed = contract?.MethodsOn(firstDay, book.Latest(), book.Find);
        var (chosen, methodError) = book.Choose(query.Methods, agreed);
        if (chosen is null)
        {
            return Refused(Problems.Field("methods", methodError!));
        }

        // The scope filter on clients leaves a client viewer only its own client; the policy refused any other named.
        var clients = await db.Clients.AsNoTracking().Where(c => named == null || c.Id == named).Select(c => new { c.Id, c.Domain }).ToListAsync(cancellationToken);
        if (named is not null && clients.Count == 0)
        {
            return Refused(Problems.NotFound($"No client '{named}'."));
        }

        var start = ReportIntervals.LocalMidnight(firstDay, zone);
        var end = ReportIntervals.LocalMidnight(endDay, zone);
        var now = time.GetUtcNow();
        var request = new KpiReportRequest(start.ToUniversalTime(), end.ToUniversalTime(), length, zone, breakdown, chosen)
        {
            Include = named is null ? null : leg => string.Equals(leg.Client, named, StringComparison.Ordinal),
            AsOf = now,

            // An agent's time is not split between the clients they serve: occupancy is for reports on every client.
            CountsAgentTime = named is null,
        };
        var builder = new KpiReportBuilder(request);
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            foreach (var domain in clients.Select(c => c.Domain).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
            {
                var after = await EventLog.SequenceBeforeAsync(connection, domain, request.From - LookBack, cancellationToken);
                var until = request.To + LookAhead;
                await foreach (var e in EventLog.ReadDomainAsync(connection, domain, after, cancellationToken))
                {
                    if (e.At >= until)
                    {
                        break;
                    }

                    builder.Apply(e);
                }

                builder.NextLog();
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }

        await AddSurveysAsync(db, builder, request, named, cancellationToken);
        await AddResolutionsAsync(db, builder, request, named, now, cancellationToken);
        await Complaints.ComplaintKpis.AddAsync(db, builder, request.From, request.To, named, now, cancellationToken);

        var report = builder.Build();
        return new(report, new KpiReportView(
            start,
            end,
            zone.Id,
            IntervalName(length),
            breakdown.ToString().ToLowerInvariant(),
            named,
            report.Methods.Select(m => new KpiMethodUsed(m.Kpi.Name, m.Version, m.Parameters)).ToList(),
            report.Rows.Select(r => View(r, contract)).ToList(),
            report.Summary.Select(r => View(r, contract)).ToList()), null);
    }

    private static KpiReportOutcome Refused(IResult refusal) => new(null, null, refusal);

    // Survey answers and invitations join their contact's arrival cell (the response rate's two counts meet in one cell);
    // the contact's language comes from the contact.
    private static async Task AddSurveysAsync(SwitchboardDb db, KpiReportBuilder builder, KpiReportRequest request, string? client, CancellationToken cancellationToken)
    {
        // Complaint-handling answers share the table; they count in their complaint's cell (ComplaintKpis), not here.
        var answers = db.SurveyAnswers.AsNoTracking().Where(s => s.Complaint == null)
            .Join(db.Contacts.AsNoTracking(), s => s.Contact, c => c.Id, (s, c) => new { Survey = s, c.Arrived, c.Language })
            .Where(x => x.Arrived >= request.From && x.Arrived < request.To && (client == null || x.Survey.Client == client))
            .AsAsyncEnumerable();
        await foreach (var x in answers.WithCancellation(cancellationToken))
        {
            builder.ApplySurvey(new SurveyResponse
            {
                Invitation = About(x.Survey.Queue, x.Survey.Client, x.Survey.Channel, x.Survey.Agent, x.Arrived, x.Language),
                Satisfaction = x.Survey.Satisfaction,
                Resolved = x.Survey.Resolved,
                Recommend = x.Survey.Recommend,
                Effort = x.Survey.Effort,
            });
        }

        var invitations = db.SurveyInvitations.AsNoTracking().Where(i => i.Complaint == null)
            .Join(db.Contacts.AsNoTracking(), i => i.Contact, c => c.Id, (i, c) => new { Invitation = i, c.Arrived, c.Language })
            .Where(x => x.Arrived >= request.From && x.Arrived < request.To && (client == null || x.Invitation.Client == client))
            .AsAsyncEnumerable();
        await foreach (var x in invitations.WithCancellation(cancellationToken))
        {
            builder.ApplyInvitation(About(x.Invitation.Queue, x.Invitation.Client, x.Invitation.Channel, x.Invitation.Agent, x.Arrived, x.Language));
        }
    }

    // Operational first contact resolution: the period's contacts and those of one repeat window after it, in arrival
    // order with their customer keys (one row per key), read as a stream; RepeatContacts keeps only one window of them.
    private static async Task AddResolutionsAsync(SwitchboardDb db, KpiReportBuilder builder, KpiReportRequest request, string? client, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var method = request.Methods[KpiCatalogue.FirstContactResolution].Parameters;
        var until = request.To + method.RepeatWindow;
        var rows = (
            from c in db.Contacts.AsNoTracking()
            where c.Arrived >= request.From && c.Arrived < until && (client == null || c.Client == client)
            join k in db.CustomerKeys.AsNoTracking() on c.Id equals k.Contact into keys
            from k in keys.DefaultIfEmpty()
            orderby c.Arrived, c.Id
            select new { c.Id, c.Arrived, c.Client, c.Queue, c.Channel, c.Language, c.Agent, c.State, c.ContactReason, Kind = (int?)k!.Kind, k.Value })
            .AsAsyncEnumerable();
        var reader = new RepeatContacts(method, r => builder.ApplyResolution(r));
        ContactHistoryEntry? current = null;
        var currentKeys = new List<string>();
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            if (current?.Contact != row.Id)
            {
                if (current is not null)
                {
                    reader.Add(current with { CustomerKeys = [.. currentKeys] });
                }

                currentKeys.Clear();
                current = new ContactHistoryEntry
                {
                    Contact = row.Id,
                    Arrived = row.Arrived,
                    Client = row.Client,
                    CustomerKeys = [],
                    Reason = row.ContactReason,
                    Handled = (ContactState)row.State is ContactState.Connected or ContactState.WrapUp or ContactState.Completed,
                    Queue = new QueueId(row.Queue),
                    Channel = (Channel)row.Channel,
                    Language = LanguageOf(row.Language),
                    Agent = row.Agent is { Length: > 0 } agent ? new AgentId(agent) : null,
                };
            }

            if (row.Kind is { } kind && row.Value is { Length: > 0 } value)
            {
                // The kind keeps a phone number and a reference with the same text apart.
                currentKeys.Add(kind.ToString(CultureInfo.InvariantCulture) + ":" + value);
            }
        }

        if (current is not null)
        {
            reader.Add(current with { CustomerKeys = [.. currentKeys] });
        }

        reader.Finish(now);
    }

    private static SurveyInvitation About(string queue, string client, int channel, string? agent, DateTimeOffset arrived, string language) => new()
    {
        Queue = new QueueId(queue),
        Client = client,
        Channel = (Channel)channel,
        Language = LanguageOf(language),
        Agent = agent is { Length: > 0 } ? new AgentId(agent) : null,
        ContactArrived = arrived,
    };

    private static Language? LanguageOf(string tag)
    {
        try
        {
            return new Language(tag);
        }
        catch (ArgumentException)
        {
            // A tag stored before tags were checked: the survey still counts, only not under a language.
            return null;
        }
    }

    private static KpiRowView View(KpiReportRow row, ClientContract? contract)
    {
        var day = DateOnly.FromDateTime(row.Start.DateTime);
        return new(row.Start, row.End, row.Key, row.Figures.ToDictionary(f => f.Kpi.Name, f =>
        {
            var target = contract?.TargetOn(f.Kpi, day) is { } t && t.MethodVersion == f.MethodVersion ? t : null;
            return new KpiFigureView(f.Value, f.MethodVersion, target?.Target, target is null ? null : KpiCatalogue.Find(f.Kpi)!.Meets(f.Value, target.Target), f.Provisional);
        }));
    }

    private static bool TryDate(string? text, DateOnly fallback, out DateOnly date)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            date = fallback;
            return true;
        }

        // Far dates would overflow as instants in a zone ahead of or behind UTC; no log reaches them anyway.
        return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date) && date.Year is >= 2000 and <= 2200;
    }

    private static ReportInterval? ParseInterval(string? text) => (text ?? "day").ToLowerInvariant() switch
    {
        "15m" => ReportInterval.FifteenMinutes,
        "30m" => ReportInterval.ThirtyMinutes,
        "hour" or "60m" => ReportInterval.Hour,
        "day" => ReportInterval.Day,
        "month" => ReportInterval.Month,
        _ => null,
    };

    private static string IntervalName(ReportInterval interval) => interval switch
    {
        ReportInterval.FifteenMinutes => "15m",
        ReportInterval.ThirtyMinutes => "30m",
        ReportInterval.Hour => "hour",
        ReportInterval.Day => "day",
        _ => "month",
    };
}
