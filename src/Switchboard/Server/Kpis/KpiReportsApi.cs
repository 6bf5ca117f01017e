using System.Globalization;
using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Switchboard.Contracts;
using Switchboard.Kpis;
using Switchboard.Persistence;
using Switchboard.Persistence.Events;
using Switchboard.Server.Contracts;
using Switchboard.Server.Security;

namespace Switchboard.Server.Kpis;

/// <summary>
/// KPI reports computed from the routing log (<c>GET /api/reports/kpis</c>), as JSON or CSV: rows per interval of the
/// client's local time and per queue, client, channel, language or agent, a summary per key for the whole period, and
/// the method of every figure. Nothing is pre-aggregated: the figures are recomputed from the stored events, so a new
/// method version applies to history at once.
/// </summary>
internal static class KpiReportsApi
{
    // Legs that began up to a day before the period can carry a transfer into it; contacts that arrived in it may be
    // answered (an email, say) up to a week after.
    private static readonly TimeSpan LookBack = TimeSpan.FromDays(1);
    private static readonly TimeSpan LookAhead = TimeSpan.FromDays(7);
    private const int MaximumIntervals = 3_000;
    private const int MaximumDays = 400;

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGroup("/reports").WithTags("Reports")
            .MapGet("/kpis", Report).RequireAuthorization(Policies.Reports);
    }

    /// <summary>A figure, its method version, and the client's target in force on the row's first day with whether it was
    /// met (both null when no target is agreed, or the target is measured with another method version).</summary>
    public sealed record FigureView(double? Value, int Method, double? Target, bool? Met);

    public sealed record RowView(DateTimeOffset Start, DateTimeOffset End, string? Key, IReadOnlyDictionary<string, FigureView> Figures);

    public sealed record MethodUsed(string Kpi, int Version, KpiParameters Parameters);

    public sealed record ReportView(
        DateTimeOffset From, DateTimeOffset To, string TimeZone, string Interval, string By, string? Client,
        IReadOnlyList<MethodUsed> Methods, IReadOnlyList<RowView> Rows, IReadOnlyList<RowView> Summary);

    /// <summary>
    /// The report for local dates <paramref name="from"/> (inclusive) to <paramref name="to"/> (exclusive) in
    /// <paramref name="timeZone"/> (IANA, default UTC); <paramref name="interval"/> 15m, 30m, hour, day (default) or
    /// month; <paramref name="by"/> none (default), queue, client, channel, language or agent (staff only);
    /// <paramref name="methods"/> such as <c>service-level@2</c> (default: each KPI's latest version);
    /// <paramref name="format"/> json (default) or csv.
    /// </summary>
    public static async Task<Results<Ok<ReportView>, ContentHttpResult, ValidationProblem, ProblemHttpResult>> Report(
        ClaimsPrincipal user, SwitchboardDb db, TimeProvider time,
        string? from, string? to, string? interval, string? by, string? client, string? timeZone, string? methods, string? format,
        CancellationToken cancellationToken)
    {
        var scope = user.DataScope();
        var named = string.IsNullOrWhiteSpace(client) ? scope.Client : client;
        var contract = named is null ? null : await ContractsApi.ContractAsync(db, named, cancellationToken);
        TimeZoneInfo zone;
        try
        {
            // Resolving the zone reads the system's tz database: I/O, so it happens here in the host, not in the core.
            zone = string.IsNullOrWhiteSpace(timeZone) ? contract?.TimeZone ?? TimeZoneInfo.Utc : TimeZoneInfo.FindSystemTimeZoneById(timeZone);
        }
        catch (Exception error) when (error is TimeZoneNotFoundException or InvalidTimeZoneException or ArgumentException)
        {
            return Problems.Field("timeZone", "An IANA time zone id, such as Europe/Paris.");
        }

        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), zone).DateTime);
        if (!TryDate(from, today, out var firstDay))
        {
            return Problems.Field("from", "A date, such as 2026-11-01.");
        }

        if (!TryDate(to, firstDay.AddDays(1), out var endDay) || endDay <= firstDay)
        {
            return Problems.Field("to", "A date after from (the period ends before it).");
        }

        if (endDay.DayNumber - firstDay.DayNumber > MaximumDays)
        {
            return Problems.Field("to", $"At most {MaximumDays} days per report.");
        }

        if (ParseInterval(interval) is not { } length)
        {
            return Problems.Field("interval", "One of 15m, 30m, hour, day, month.");
        }

        if ((endDay.DayNumber - firstDay.DayNumber) * (1440.0 / Math.Min((int)length, 1440)) > MaximumIntervals)
        {
            return Problems.Field("interval", $"At most {MaximumIntervals} intervals per report: choose a longer interval or a shorter period.");
        }

        if (!Enum.TryParse<KpiBreakdown>(string.IsNullOrWhiteSpace(by) ? "none" : by, ignoreCase: true, out var breakdown) || !Enum.IsDefined(breakdown) || by?.All(char.IsDigit) == true)
        {
            return Problems.Field("by", "One of none, queue, client, channel, language, agent.");
        }

        if (breakdown == KpiBreakdown.Agent && !scope.Staff)
        {
            return Problems.Forbidden("Figures per agent are for the centre's staff.");
        }

        var csv = string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase);
        if (!csv && !string.IsNullOrEmpty(format) && !string.Equals(format, "json", StringComparison.OrdinalIgnoreCase))
        {
            return Problems.Field("format", "json or csv.");
        }

        var book = await KpiMethodBook.LoadAsync(db, cancellationToken);
        // What the client agreed is measured the way it was agreed: each target's method version, unless asked otherwise.
        var agreed = contract?.MethodsOn(firstDay, book.Latest(), book.Find);
        var (chosen, methodError) = book.Choose(methods, agreed);
        if (chosen is null)
        {
            return Problems.Field("methods", methodError!);
        }

        // The scope filter on clients leaves a client viewer only its own client; the policy refused any other named.
        var clients = await db.Clients.AsNoTracking().Where(c => named == null || c.Id == named).Select(c => new { c.Id, c.Domain }).ToListAsync(cancellationToken);
        if (named is not null && clients.Count == 0)
        {
            return Problems.NotFound($"No client '{named}'.");
        }

        var start = ReportIntervals.LocalMidnight(firstDay, zone);
        var end = ReportIntervals.LocalMidnight(endDay, zone);
        var request = new KpiReportRequest(start.ToUniversalTime(), end.ToUniversalTime(), length, zone, breakdown, chosen)
        {
            Include = named is null ? null : leg => string.Equals(leg.Client, named, StringComparison.Ordinal),
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

        var report = builder.Build();
        if (csv)
        {
            var text = new StringBuilder();
            foreach (var line in KpiReportCsv.Lines(report))
            {
                text.Append(line).Append('\n');
            }

            return TypedResults.Text(text.ToString(), "text/csv; charset=utf-8");
        }

        return TypedResults.Ok(new ReportView(
            start,
            end,
            zone.Id,
            IntervalName(length),
            breakdown.ToString().ToLowerInvariant(),
            named,
            report.Methods.Select(m => new MethodUsed(m.Kpi.Name, m.Version, m.Parameters)).ToList(),
            report.Rows.Select(r => View(r, contract)).ToList(),
            report.Summary.Select(r => View(r, contract)).ToList()));
    }

    private static RowView View(KpiReportRow row, ClientContract? contract)
    {
        var day = DateOnly.FromDateTime(row.Start.DateTime);
        return new(row.Start, row.End, row.Key, row.Figures.ToDictionary(f => f.Kpi.Name, f =>
        {
            var target = contract?.TargetOn(f.Kpi, day) is { } t && t.MethodVersion == f.MethodVersion ? t : null;
            return new FigureView(f.Value, f.MethodVersion, target?.Target, target is null ? null : KpiCatalogue.Find(f.Kpi)!.Meets(f.Value, target.Target));
        }));
    }

    private static bool TryDate(string? text, DateOnly fallback, out DateOnly date)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            date = fallback;
            return true;
        }

        return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
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
