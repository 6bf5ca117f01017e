using System.Globalization;
using nietras.SeparatedValues;
using Switchboard.Planning.Staffing;

namespace Switchboard.Staffing;

/// <summary>One row of a workload file: a queue's traffic and target in one interval.</summary>
/// <param name="Row">The data row's number (1 is the first row after the header), for messages.</param>
/// <param name="Patience">The customers' average patience; null when the file leaves it empty (allowed for Erlang C only).</param>
internal sealed record WorkloadRow(int Row, string Queue, DateTimeOffset IntervalStart, IntervalTraffic Traffic, TimeSpan? Patience, ServiceLevelTarget Target);

/// <summary>
/// Reads a <c>plan</c> workload CSV: <c>queue,interval_start,calls,aht_seconds,patience_seconds,target_percent,target_seconds</c>,
/// interval starts in ISO 8601 UTC. A queue's interval length is the gap between its consecutive starts (the shortest gap;
/// longer gaps, such as closed hours, must be whole multiples of it), or <c>--interval</c> when given. Every problem names
/// its row and field.
/// </summary>
internal static class Workload
{
    public static readonly string[] Columns = ["queue", "interval_start", "calls", "aht_seconds", "patience_seconds", "target_percent", "target_seconds"];

    private static readonly string[] StartFormats = ["yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK"];

    /// <summary>Reads and checks the file; on failure returns null and the problems (at most 20).</summary>
    public static IReadOnlyList<WorkloadRow>? Read(string path, TimeSpan? interval, bool patienceRequired, List<string> problems)
    {
        var raw = new List<(int Row, string Queue, DateTimeOffset Start, double Calls, TimeSpan Aht, TimeSpan? Patience, ServiceLevelTarget Target)>();
        try
        {
            using var reader = Sep.Reader(o => o with { Unescape = true, Trim = SepTrim.All }).FromFile(path);
            var missing = Columns.Where(c => !reader.Header.TryIndexOf(c, out _)).ToList();
            if (missing.Count > 0)
            {
                problems.Add($"the header is missing column{(missing.Count > 1 ? "s" : "")} {string.Join(", ", missing.Select(c => $"'{c}'"))} (expected {string.Join(",", Columns)})");
                return null;
            }

            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var row in reader)
            {
                var number = row.RowIndex;
                foreach (var column in Columns)
                {
                    values[column] = row[column].ToString();
                }

                string Field(string name) => values[name];
                void Problem(string field, string what) => problems.Add($"row {number}, field {field}: {what} (got '{Field(field)}')");

                var queue = Field("queue");
                if (queue.Length == 0)
                {
                    Problem("queue", "a queue name is required");
                }

                var startText = Field("interval_start");
                var startOk = DateTimeOffset.TryParseExact(startText, StartFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var start)
                    && start.Offset == TimeSpan.Zero
                    && (startText.EndsWith('Z') || startText.EndsWith("+00:00", StringComparison.Ordinal));
                if (!startOk)
                {
                    Problem("interval_start", "must be an ISO 8601 UTC time such as 2026-03-02T08:30:00Z");
                }

                var calls = Number(Field("calls"));
                if (calls is not >= 0)
                {
                    Problem("calls", "must be a number of contacts, at least 0");
                }

                var aht = Number(Field("aht_seconds"));
                if (aht is not > 0)
                {
                    Problem("aht_seconds", "must be a number of seconds above 0");
                }

                TimeSpan? patience = null;
                var patienceText = Field("patience_seconds");
                if (patienceText.Length > 0 || patienceRequired)
                {
                    var seconds = Number(patienceText);
                    if (seconds is not > 0)
                    {
                        Problem("patience_seconds", patienceRequired ? "Erlang A needs the average patience, a number of seconds above 0" : "must be empty or a number of seconds above 0");
                    }
                    else
                    {
                        patience = TimeSpan.FromSeconds(seconds.Value);
                    }
                }

                var percent = Number(Field("target_percent"));
                if (percent is not (>= 0 and < 100))
                {
                    Problem("target_percent", "must be a percent from 0 up to (not including) 100");
                }

                var threshold = Number(Field("target_seconds"));
                if (threshold is not >= 0)
                {
                    Problem("target_seconds", "must be a number of seconds, at least 0");
                }

                if (problems.Count >= 20)
                {
                    return null;
                }

                if (problems.Count == 0)
                {
                    raw.Add((number, queue, start, calls!.Value, TimeSpan.FromSeconds(aht!.Value), patience, new ServiceLevelTarget(percent!.Value / 100, TimeSpan.FromSeconds(threshold!.Value))));
                }
            }
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            problems.Add($"workload file '{path}' was not found");
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException or ArgumentException)
        {
            problems.Add($"cannot read workload file '{path}': {e.Message}");
            return null;
        }

        if (problems.Count > 0)
        {
            return null;
        }

        if (raw.Count == 0)
        {
            problems.Add("the file has no rows after the header");
            return null;
        }

        var rows = new List<WorkloadRow>(raw.Count);
        foreach (var queue in raw.GroupBy(r => r.Queue, StringComparer.Ordinal))
        {
            var ordered = queue.OrderBy(r => r.Start).ToList();
            var length = interval;
            if (length is null)
            {
                if (ordered.Count == 1)
                {
                    problems.Add($"row {ordered[0].Row}, field interval_start: queue '{queue.Key}' has a single interval, so its length is unknown: give it with --interval");
                    continue;
                }

                length = Enumerable.Range(1, ordered.Count - 1).Min(i => ordered[i].Start - ordered[i - 1].Start);
            }

            for (var i = 0; i < ordered.Count; i++)
            {
                var r = ordered[i];
                if (i > 0)
                {
                    var gap = r.Start - ordered[i - 1].Start;
                    if (gap == TimeSpan.Zero)
                    {
                        problems.Add($"row {r.Row}, field interval_start: queue '{queue.Key}' already has an interval starting {r.Start:yyyy-MM-ddTHH:mm:ssZ} (row {ordered[i - 1].Row})");
                        continue;
                    }

                    if (gap.Ticks % length.Value.Ticks != 0)
                    {
                        problems.Add($"row {r.Row}, field interval_start: {gap.TotalMinutes:0.##} min after the queue's previous interval, not a whole number of its {length.Value.TotalMinutes:0.##}-minute intervals");
                        continue;
                    }
                }

                rows.Add(new WorkloadRow(r.Row, r.Queue, r.Start, new IntervalTraffic(r.Calls, length.Value, r.Aht), r.Patience, r.Target));
            }
        }

        return problems.Count > 0 ? null : rows.OrderBy(r => r.Row).ToList();
    }

    private static double? Number(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) ? value : null;
}
