using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Switchboard.Complaints;
using Switchboard.Persistence;
using Switchboard.Server.Contracts;

namespace Switchboard.Server.Complaints;

/// <summary>How many closed complaints one root cause accounts for.</summary>
public sealed record RootCauseCount(string Cause, int Count);

/// <summary>One interval [Start, End) of the client's calendar (local dates) and its closed complaints per root cause, most first.</summary>
public sealed record RootCauseInterval(DateOnly Start, DateOnly End, IReadOnlyList<RootCauseCount> Counts);

/// <summary>
/// The root-cause trend (ISO 10002: analyse complaints to find and remove their causes): each complaint closed now
/// counts once, under its root cause, in the interval of its latest closure read in <see cref="TimeZone"/> (the client
/// contract's zone; UTC for all clients or a client without a contract). A complaint reopened and not closed again is
/// not counted. Intervals are weeks from Monday or calendar months; the first starts on or before <see cref="From"/>.
/// </summary>
public sealed record RootCauseTrend(
    string? Client, string TimeZone, string Interval, DateOnly From, DateOnly To, IReadOnlyList<RootCauseInterval> Intervals, IReadOnlyList<RootCauseCount> Totals)
{
    /// <summary>More intervals than this are refused: a chart past it says nothing, and the answer stays small.</summary>
    public const int MostIntervals = 260;

    private static readonly string[] ClosedStatuses = [ComplaintLog.Name(ComplaintStatus.ClosedAccepted), ComplaintLog.Name(ComplaintStatus.ClosedUnaccepted)];

    private static readonly string[] Closures = ["close-accepted", "close-unaccepted"];

    /// <summary><c>GET /api/complaints/root-causes?client=&amp;from=&amp;to=&amp;interval=week|month</c>: dates as yyyy-MM-dd in the
    /// client's zone, <c>from</c> included, <c>to</c> excluded. A client viewer reaches only its own client.</summary>
    public static async Task<Results<Ok<RootCauseTrend>, ValidationProblem, ProblemHttpResult>> Read(
        string? client, string? from, string? to, string? interval, SwitchboardDb db, CancellationToken cancellationToken)
    {
        if (!TryDate(from, out var first))
        {
            return Problems.Field("from", "The first day, as yyyy-MM-dd.");
        }

        if (!TryDate(to, out var end))
        {
            return Problems.Field("to", "The day after the last, as yyyy-MM-dd.");
        }

        if (end <= first)
        {
            return Problems.Field("to", "After from.");
        }

        if (interval is not ("week" or "month"))
        {
            return Problems.Field("interval", "week or month.");
        }

        var starts = Starts(first, end, interval).Take(MostIntervals + 1).ToList();
        if (starts.Count > MostIntervals)
        {
            return Problems.Field("interval", $"At most {MostIntervals} intervals: a longer interval or a shorter period.");
        }

        var zone = TimeZoneInfo.Utc;
        if (!string.IsNullOrEmpty(client))
        {
            if (!await db.Clients.AnyAsync(c => c.Id == client, cancellationToken))
            {
                return Problems.NotFound($"No client '{client}'.");
            }

            zone = (await ContractsApi.ContractAsync(db, client, cancellationToken))?.TimeZone ?? TimeZoneInfo.Utc;
        }
        else
        {
            client = null;
        }

        // A day either side covers every zone's offset; the local date decides below.
        var fromUtc = new DateTimeOffset(first.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddDays(-1);
        var toUtc = new DateTimeOffset(end.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddDays(1);
        var closedInWindow = await db.ComplaintEvents.AsNoTracking()
            .Where(e => Closures.Contains(e.Kind) && e.At >= fromUtc && e.At < toUtc && (client == null || e.Client == client))
            .Select(e => e.Complaint).Distinct().ToListAsync(cancellationToken);
        var causes = await db.Complaints.AsNoTracking()
            .Where(c => closedInWindow.Contains(c.Id) && ClosedStatuses.Contains(c.Status))
            .ToDictionaryAsync(c => c.Id, c => c.RootCause ?? "other", cancellationToken);
        var closedNow = causes.Keys.ToList();
        var closures = await db.ComplaintEvents.AsNoTracking()
            .Where(e => closedNow.Contains(e.Complaint) && Closures.Contains(e.Kind))
            .Select(e => new { e.Complaint, e.Sequence, e.At }).ToListAsync(cancellationToken);

        var counts = new Dictionary<(DateOnly Start, string Cause), int>();
        foreach (var latest in closures.GroupBy(c => c.Complaint).Select(g => g.MaxBy(c => c.Sequence)!))
        {
            var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(latest.At, zone).DateTime);
            if (day >= first && day < end)
            {
                var key = (Start(day, interval), causes[latest.Complaint]);
                counts[key] = counts.GetValueOrDefault(key) + 1;
            }
        }

        var intervals = starts.Select(start => new RootCauseInterval(start, Next(start, interval), Ranked(counts.Where(c => c.Key.Start == start)))).ToList();
        return TypedResults.Ok(new RootCauseTrend(client, zone.Id, interval, first, end, intervals, Ranked(counts)));
    }

    private static List<RootCauseCount> Ranked(IEnumerable<KeyValuePair<(DateOnly Start, string Cause), int>> counts) =>
        [.. counts.GroupBy(c => c.Key.Cause, StringComparer.Ordinal)
            .Select(g => new RootCauseCount(g.Key, g.Sum(c => c.Value)))
            .OrderByDescending(c => c.Count).ThenBy(c => c.Cause, StringComparer.Ordinal)];

    private static bool TryDate(string? text, out DateOnly date) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date) && date.Year is >= 1900 and < 9000;

    private static IEnumerable<DateOnly> Starts(DateOnly first, DateOnly end, string interval)
    {
        for (var start = Start(first, interval); start < end; start = Next(start, interval))
        {
            yield return start;
        }
    }

    // Weeks start on Monday (ISO 8601), months on their first day.
    private static DateOnly Start(DateOnly day, string interval) => interval == "week"
        ? day.AddDays(-(((int)day.DayOfWeek + 6) % 7))
        : new DateOnly(day.Year, day.Month, 1);

    private static DateOnly Next(DateOnly start, string interval) => interval == "week" ? start.AddDays(7) : start.AddMonths(1);
}
