using System.Globalization;
using Switchboard.Agents;
using Switchboard.Contacts;
using Switchboard.Queues;
using Switchboard.Routing;
using Switchboard.Skills;

namespace Switchboard.Kpis;

/// <summary>What a report's rows are split by, besides the interval.</summary>
public enum KpiBreakdown
{
    /// <summary>One row per interval.</summary>
    None = 0,
    Queue = 1,
    Client = 2,
    Channel = 3,
    Language = 4,

    /// <summary>Per answering agent: only legs an agent was connected in (and their handling) count.</summary>
    Agent = 5,
}

/// <summary>What to report: the period, its intervals in the client's time zone, the split and the methods.</summary>
/// <param name="From">The first instant whose arrivals count (inclusive).</param>
/// <param name="To">The instant from which arrivals no longer count (exclusive).</param>
/// <param name="Interval">The rows' interval length.</param>
/// <param name="Zone">The time zone whose wall clock the intervals follow.</param>
/// <param name="Breakdown">What rows are split by.</param>
/// <param name="Methods">The KPI methods to compute with.</param>
public sealed record KpiReportRequest(DateTimeOffset From, DateTimeOffset To, ReportInterval Interval, TimeZoneInfo Zone, KpiBreakdown Breakdown, KpiMethodSet Methods)
{
    /// <summary>Which legs count (say, one client's); null counts all.</summary>
    public Func<ContactLeg, bool>? Include { get; init; }

    /// <summary>Which survey responses count; null counts all.</summary>
    public Func<SurveyResponse, bool>? IncludeSurvey { get; init; }

    /// <summary>The instant the log was read up to (now, for a period reaching into the present): agents' time still
    /// running is counted up to the earlier of this and <see cref="To"/>. Null: <see cref="To"/>.</summary>
    public DateTimeOffset? AsOf { get; init; }

    /// <summary>Whether agents' time (occupancy) is counted. Default true; a report on one client's contacts sets it
    /// false, since an agent's time is not split between the clients they serve.</summary>
    public bool CountsAgentTime { get; init; } = true;

    /// <summary>Which survey invitations count (filter them as <see cref="IncludeSurvey"/> filters their answers); null counts all.</summary>
    public Func<SurveyInvitation, bool>? IncludeInvitation { get; init; }
}

/// <summary>One row: an interval (and a breakdown key), or the whole period when <see cref="Start"/> is the period's.</summary>
/// <param name="Start">The interval's start, local time with its offset.</param>
/// <param name="End">The interval's end (exclusive).</param>
/// <param name="Key">The breakdown value (queue id, client, channel, language tag, agent id), or null without a breakdown.</param>
/// <param name="Figures">Every catalogue KPI, in catalogue order.</param>
public sealed record KpiReportRow(DateTimeOffset Start, DateTimeOffset End, string? Key, IReadOnlyList<KpiFigure> Figures);

/// <summary>A computed report: rows per interval, one summary row per key for the whole period, and the methods used.</summary>
public sealed record KpiReport(
    KpiReportRequest Request,
    IReadOnlyList<KpiReportRow> Rows,
    IReadOnlyList<KpiReportRow> Summary,
    IReadOnlyList<KpiMethod> Methods);

/// <summary>
/// Builds a <see cref="KpiReport"/> from a routing log read in order, in memory bounded by the report's cells and the
/// contacts open at any one time (never the log's length). Feed it the log from before <see cref="KpiReportRequest.From"/>
/// (arrivals before it are not counted) to after <see cref="KpiReportRequest.To"/> (so contacts that arrived in the
/// period but were answered after it are settled).
/// </summary>
public sealed class KpiReportBuilder : IContactLegObserver, IAgentTimeObserver
{
    private readonly KpiReportRequest request;
    private ContactLegTracker tracker;
    private AgentTimeTracker agentTime;

    // Agents' time has no queue, client, channel or language: only a report without a breakdown or by agent counts it,
    // and the others skip its fold altogether.
    private readonly bool countsAgentTime;
    private readonly CountingRules rules;
    private readonly KpiMethod[] methods;

    // Per breakdown key: its period tally and its interval cells. A leg's cell is found by one look-up of the key (none
    // when the key is the last one's very string) and one of the interval's start.
    private readonly Dictionary<string, KeyCells> keys = new(StringComparer.Ordinal);
    private KeyCells? lastKey;
    private int cellCount;

    // The intervals of the last few legs: a leg is counted when it enters, and again minutes later when its wait and its
    // handling end, mostly in one of the last few intervals; so the time-zone sums run about once per interval.
    private readonly IntervalBounds[] recentIntervals = new IntervalBounds[4];
    private int nextRecentInterval;

    public KpiReportBuilder(KpiReportRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.To <= request.From)
        {
            throw new ArgumentException("A report's period ends after it starts.", nameof(request));
        }

        this.request = request;
        rules = request.Methods.Rules();
        methods = [.. request.Methods.All];
        tracker = new ContactLegTracker(this);
        agentTime = new AgentTimeTracker(this);
        countsAgentTime = request.CountsAgentTime && request.Breakdown is (KpiBreakdown.None or KpiBreakdown.Agent);
    }

    /// <summary>Where agents' time stops being counted: the period's end, or earlier when the log was read before it.</summary>
    private DateTimeOffset AgentTimeEnd => request.AsOf is { } asOf && asOf < request.To ? asOf : request.To;

    /// <summary>Take the next event of the log.</summary>
    public void Apply(in RoutingEvent e)
    {
        tracker.Apply(e);
        if (countsAgentTime)
        {
            agentTime.Apply(e);
        }
    }

    /// <summary>
    /// Start on another routing domain's log (its contact numbers are its own). Contacts still open in the log just read
    /// stay counted as offered; their later outcome is not in that log.
    /// </summary>
    public void NextLog()
    {
        tracker = new ContactLegTracker(this);
        agentTime.Close(AgentTimeEnd);
        agentTime = new AgentTimeTracker(this);
    }

    public KpiReport Build()
    {
        agentTime.Close(AgentTimeEnd);

        // Rows in time order, then by key: the cells listed key by key in key order, then sorted stably by time alone.
        var sortedKeys = keys.Values.OrderBy(k => k.Key, StringComparer.Ordinal).ToList();
        var byKey = new List<(KeyCells Key, Cell Cell)>(cellCount);
        foreach (var key in sortedKeys)
        {
            foreach (var cell in key.Cells.Values)
            {
                byKey.Add((key, cell));
            }
        }

        var rows = new List<KpiReportRow>(byKey.Count);
        foreach (var (key, cell) in byKey.OrderBy(c => c.Cell.Interval.StartUtc))
        {
            rows.Add(new KpiReportRow(cell.Interval.Start, cell.Interval.End, KeyOrNull(key.Key), KpiFigures.ComputeInOrder(cell.Tally, methods)));
        }

        var periodStart = TimeZoneInfo.ConvertTime(request.From, request.Zone);
        var periodEnd = TimeZoneInfo.ConvertTime(request.To, request.Zone);
        var totals = sortedKeys
            .Select(k => new KpiReportRow(periodStart, periodEnd, KeyOrNull(k.Key), KpiFigures.ComputeInOrder(k.Total, methods)))
            .ToList();
        return new KpiReport(request, rows, totals, request.Methods.All.ToList());
    }

    /// <summary>Count a survey response (in any order relative to the log: it joins its contact's arrival cell).</summary>
    public void ApplySurvey(in SurveyResponse survey)
    {
        if ((request.IncludeSurvey is not { } include || include(survey))
            && ArrivalTallies(survey.Invitation.ContactArrived, survey.Invitation.Queue, survey.Invitation.Client, survey.Invitation.Channel, survey.Invitation.Language, survey.Invitation.Agent) is { } tallies)
        {
            tallies.Row.CountSurvey(survey);
            tallies.Total.CountSurvey(survey);
        }
    }

    /// <summary>Count a survey invitation (in any order relative to the log: it joins its contact's arrival cell, as its answers do).</summary>
    public void ApplyInvitation(in SurveyInvitation invitation)
    {
        if ((request.IncludeInvitation is not { } include || include(invitation))
            && ArrivalTallies(invitation.ContactArrived, invitation.Queue, invitation.Client, invitation.Channel, invitation.Language, invitation.Agent) is { } tallies)
        {
            tallies.Row.CountInvitation();
            tallies.Total.CountInvitation();
        }
    }

    /// <summary>Count a handled contact's operational first-contact-resolution verdict, in its arrival's cell (the
    /// caller gives only the contacts the report may count).</summary>
    public void ApplyResolution(in ContactResolution resolution)
    {
        var contact = resolution.Contact;
        if (ArrivalTallies(contact.Arrived, contact.Queue, contact.Client, contact.Channel, contact.Language, contact.Agent) is { } tallies)
        {
            tallies.Row.CountResolution(resolution);
            tallies.Total.CountResolution(resolution);
        }
    }

    /// <summary>
    /// Count a complaint in the cell of its receipt (in any order relative to the log; the caller gives only the
    /// complaints the report may count). Complaints have no queue, language or agent: split by those, they are not
    /// counted; split by channel, only those raised from a linked contact are.
    /// </summary>
    public void ApplyComplaint(in ComplaintFacts complaint)
    {
        if (complaint.Received < request.From || complaint.Received >= request.To)
        {
            return;
        }

        var key = request.Breakdown switch
        {
            KpiBreakdown.None => "",
            KpiBreakdown.Client => complaint.Client ?? "",
            KpiBreakdown.Channel => complaint.Channel?.ToString().ToLowerInvariant(),
            _ => null,
        };
        if (key is not null)
        {
            var (row, total) = Tallies(complaint.Received, key);
            row.CountComplaint(complaint);
            total.CountComplaint(complaint);
        }
    }

    /// <summary>The cell of a contact that arrived in the period (and its key's total), or null when it arrived outside
    /// it or has no key in the breakdown.</summary>
    private (KpiTally Row, KpiTally Total)? ArrivalTallies(DateTimeOffset arrived, QueueId queue, string? client, Channel channel, Language? language, AgentId? agent)
    {
        if (arrived < request.From || arrived >= request.To)
        {
            return null;
        }

        var key = Key(queue, client, channel, language, agent);
        return key is null ? null : Tallies(arrived, key);
    }

    // Agents' time is cut at interval boundaries (an agent busy across 10:00 counts in both hours), unlike legs, which
    // count whole in the interval they started.
    void IAgentTimeObserver.OnAgentTime(AgentId agent, AgentActivity activity, DateTimeOffset start, DateTimeOffset until)
    {
        var from = start < request.From ? request.From : start;
        var to = until < AgentTimeEnd ? until : AgentTimeEnd;
        var key = request.Breakdown == KpiBreakdown.Agent ? agent.Value : "";
        while (from < to)
        {
            var interval = IntervalOf(from);
            var cut = new DateTimeOffset(Math.Min(interval.EndUtc, to.UtcTicks), TimeSpan.Zero);
            var (row, total) = Tallies(from, key);
            row.CountAgentTime(activity, cut - from);
            total.CountAgentTime(activity, cut - from);
            from = cut;
        }
    }

    void IContactLegObserver.OnEntered(in ContactLeg leg)
    {
        if (TalliesFor(leg) is { } tallies)
        {
            tallies.Row.CountEntered(leg);
            tallies.Total.CountEntered(leg);
        }
    }

    void IContactLegObserver.OnWaitSettled(in ContactLeg leg)
    {
        if (TalliesFor(leg) is { } tallies)
        {
            tallies.Row.CountWait(leg);
            tallies.Total.CountWait(leg);
        }
    }

    void IContactLegObserver.OnHandled(in ContactLeg leg)
    {
        if (TalliesFor(leg) is { } tallies)
        {
            tallies.Row.CountHandling(leg);
            tallies.Total.CountHandling(leg);
        }
    }

    private (KpiTally Row, KpiTally Total)? TalliesFor(in ContactLeg leg)
    {
        if (leg.Entered < request.From || leg.Entered >= request.To || (request.Include is { } include && !include(leg)))
        {
            return null;
        }

        var key = Key(leg.Queue, leg.Client, leg.Channel, leg.Language, leg.Agent);
        return key is null ? null : Tallies(leg.Entered, key);
    }

    private (KpiTally Row, KpiTally Total) Tallies(DateTimeOffset at, string key)
    {
        var interval = IntervalOf(at);
        var cells = CellsOf(key);
        if (cells.Last is not { } cell || cell.Interval.StartUtc != interval.StartUtc)
        {
            if (!cells.Cells.TryGetValue(interval.StartUtc, out cell))
            {
                cell = new Cell(interval, new KpiTally(rules));
                cells.Cells.Add(interval.StartUtc, cell);
                cellCount++;
            }

            cells.Last = cell;
        }

        return (cell.Tally, cells.Total);
    }

    private KeyCells CellsOf(string key)
    {
        if (lastKey is { } last && ReferenceEquals(last.Key, key))
        {
            return last;
        }

        if (!keys.TryGetValue(key, out var cells))
        {
            cells = new KeyCells(key, new KpiTally(rules));
            keys.Add(key, cells);
        }

        lastKey = cells;
        return cells;
    }

    private IntervalBounds IntervalOf(DateTimeOffset instant)
    {
        var ticks = instant.UtcTicks;
        foreach (var recent in recentIntervals)
        {
            if (ticks >= recent.StartUtc && ticks < recent.EndUtc)
            {
                return recent;
            }
        }

        var start = ReportIntervals.StartOf(instant, request.Interval, request.Zone);
        var end = ReportIntervals.Next(start, request.Interval, request.Zone);
        var bounds = new IntervalBounds(start, end);
        recentIntervals[nextRecentInterval] = bounds;
        nextRecentInterval = (nextRecentInterval + 1) % recentIntervals.Length;
        return bounds;
    }

    /// <summary>The breakdown's key for a leg or a survey (null when it has none, such as the agent of an abandon).</summary>
    private string? Key(QueueId queue, string? client, Channel channel, Language? language, AgentId? agent) => request.Breakdown switch
    {
        KpiBreakdown.None => "",
        KpiBreakdown.Queue => queue.Value,
        KpiBreakdown.Client => client ?? "",
        KpiBreakdown.Channel => channel.ToString().ToLowerInvariant(),
        KpiBreakdown.Language => language?.ToString(),
        KpiBreakdown.Agent => agent?.Value,
        _ => throw new InvalidOperationException("Unknown breakdown."),
    };

    private static string? KeyOrNull(string key) => key.Length == 0 ? null : key;

    /// <summary>An interval of the report, local start and end with their UTC ticks for quick comparison. The default
    /// value holds no instant.</summary>
    private readonly record struct IntervalBounds(DateTimeOffset Start, DateTimeOffset End)
    {
        public long StartUtc { get; } = Start.UtcTicks;

        public long EndUtc { get; } = End.UtcTicks;
    }

    private sealed record Cell(IntervalBounds Interval, KpiTally Tally);

    private sealed class KeyCells(string key, KpiTally total)
    {
        public string Key { get; } = key;

        /// <summary>The key's tally over the whole period.</summary>
        public KpiTally Total { get; } = total;

        /// <summary>The key's cells by their interval's start (UTC ticks).</summary>
        public Dictionary<long, Cell> Cells { get; } = [];

        /// <summary>The cell the key's last leg was counted in.</summary>
        public Cell? Last { get; set; }
    }
}

/// <summary>
/// Writes a report as CSV: one line per row and KPI, with the method beside each figure, and whether the figure is
/// provisional (later contacts may still change it, e.g. first contact resolution near the period's end).
/// </summary>
public static class KpiReportCsv
{
    /// <summary>The header line.</summary>
    public const string Header = "interval_start,interval_end,key,kpi,method_version,value,provisional";

    /// <summary>The report's lines (rows, then the period's summary), header first.</summary>
    public static IEnumerable<string> Lines(KpiReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        yield return Header;
        foreach (var row in report.Rows.Concat(report.Summary))
        {
            foreach (var figure in row.Figures)
            {
                yield return string.Join(',',
                    row.Start.ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture),
                    row.End.ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture),
                    Quoted(row.Key ?? ""),
                    figure.Kpi.Name,
                    figure.MethodVersion.ToString(CultureInfo.InvariantCulture),
                    figure.Value is { } v ? v.ToString("R", CultureInfo.InvariantCulture) : "",
                    figure.Provisional ? "true" : "false");
            }
        }
    }

    // Keys are ids chosen by administrators: quote any that could break a CSV line, or be read as a formula by a spreadsheet.
    private static string Quoted(string value) =>
        value.IndexOfAny([',', '"', '\n', '\r']) >= 0 || (value.Length > 0 && value[0] is '=' or '+' or '-' or '@')
            ? "\"" + (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' ? "'" : "") + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : value;
}
