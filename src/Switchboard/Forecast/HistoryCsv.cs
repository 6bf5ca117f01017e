using System.Globalization;
using nietras.SeparatedValues;
using Switchboard.Planning.Forecasting;

namespace Switchboard.Forecast;

/// <summary>
/// Reads a history CSV: <c>queue,interval_start,calls[,aht_seconds]</c>, one row per queue and interval, interval starts
/// in ISO 8601 with an offset (UTC, <c>Z</c>, recommended), each queue's rows in time order without gaps.
/// </summary>
internal static class HistoryCsv
{
    /// <summary>One queue's history and the file rows it came from (for messages).</summary>
    public sealed record QueueRows(QueueHistory History, int FirstRow, int LastRow);

    public static IReadOnlyList<QueueRows> Read(string path, TextReader text)
    {
        using var reader = Open(text);
        var header = reader.Header;
        int Column(string name) => RequiredColumn(header, name, path, "queue,interval_start,calls[,aht_seconds]");

        if (header.IsEmpty)
        {
            throw new ForecastInputException($"{path}: the file is empty; expected the header queue,interval_start,calls[,aht_seconds].");
        }

        var queueColumn = Column("queue");
        var startColumn = Column("interval_start");
        var callsColumn = Column("calls");
        var ahtColumn = header.TryIndexOf("aht_seconds", out var a) ? a : -1;
        var builders = new Dictionary<string, Builder>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var row in reader)
        {
            var line = row.LineNumberFrom;
            var fields = Fields(row);
            string Field(int column, string name) => column < fields.Length
                ? fields[column]
                : throw new ForecastInputException($"{path}: row {line}, field {name}: missing (the row has {fields.Length} fields).");

            var queue = Field(queueColumn, "queue");
            if (queue.Length == 0)
            {
                throw new ForecastInputException($"{path}: row {line}, field queue: empty.");
            }

            var startText = Field(startColumn, "interval_start");
            if (!DateTimeOffset.TryParseExact(startText, ["yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var start)
                || !HasOffset(startText))
            {
                throw new ForecastInputException($"{path}: row {line}, field interval_start: '{startText}' is not an ISO 8601 time with an offset (write UTC as 2024-03-04T08:30:00Z).");
            }

            var calls = Number(path, line, "calls", Field(callsColumn, "calls"), allowEmpty: false)!.Value;
            var aht = ahtColumn >= 0 ? Number(path, line, "aht_seconds", Field(ahtColumn, "aht_seconds"), allowEmpty: calls == 0) : null;
            if (!builders.TryGetValue(queue, out var builder))
            {
                builder = new Builder(queue, line, ahtColumn >= 0);
                builders.Add(queue, builder);
                order.Add(queue);
            }

            builder.Add(path, line, start.ToUniversalTime(), calls, aht ?? 0);
        }

        if (order.Count == 0)
        {
            throw new ForecastInputException($"{path}: no rows after the header.");
        }

        return [.. order.Select(q => builders[q].Build(path))];
    }

    /// <summary>A reader that checks row lengths itself (to name the row) and unquotes fields.</summary>
    public static SepReader Open(TextReader text) => Sep.Reader(o => o with { DisableColCountCheck = true, Unescape = true }).From(text);

    /// <summary>The index of column <paramref name="name"/>, or a message naming it and the expected header.</summary>
    public static int RequiredColumn(SepReaderHeader header, string name, string path, string expected) => header.TryIndexOf(name, out var index)
        ? index
        : throw new ForecastInputException($"{path}: row 1: missing column '{name}' (the header is {expected}).");

    /// <summary>A row's fields, trimmed (a row is a ref struct, so lambdas and local functions cannot hold it).</summary>
    public static string[] Fields(SepReader.Row row)
    {
        var fields = new string[row.ColCount];
        for (var i = 0; i < fields.Length; i++)
        {
            fields[i] = row[i].ToString().Trim();
        }

        return fields;
    }

    private static bool HasOffset(string text) => text.EndsWith('Z') || text.EndsWith('z') || (text.Length > 6 && text[^6] is '+' or '-' && text[^3] == ':');

    private static double? Number(string path, long line, string field, string text, bool allowEmpty)
    {
        if (text.Length == 0 && allowEmpty)
        {
            return null;
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            throw new ForecastInputException($"{path}: row {line}, field {field}: '{text}' is not a number.");
        }

        if (value < 0)
        {
            throw new ForecastInputException($"{path}: row {line}, field {field}: {text} is negative.");
        }

        return value;
    }

    private sealed class Builder(string queue, long first, bool hasHandleTimes)
    {
        private readonly long firstRow = first;
        private readonly List<double> calls = [];
        private readonly List<TimeSpan> handleTimes = [];
        private DateTimeOffset start;
        private DateTimeOffset last;
        private TimeSpan length;
        private long lastRow = first;

        public void Add(string path, long line, DateTimeOffset at, double count, double ahtSeconds)
        {
            if (calls.Count == 0)
            {
                start = at;
            }
            else if (calls.Count == 1)
            {
                length = at - last;
                if (length <= TimeSpan.Zero || TimeSpan.TicksPerDay % length.Ticks != 0)
                {
                    throw new ForecastInputException(
                        $"{path}: row {line}, field interval_start: queue '{queue}' goes from {Format(last)} to {Format(at)}; intervals run forward and a whole number of them makes a day.");
                }
            }
            else if (at != last + length)
            {
                var problem = at <= last ? "is not after" : "leaves a gap after";
                throw new ForecastInputException(
                    $"{path}: row {line}, field interval_start: {Format(at)} {problem} {Format(last)} (row {lastRow}) in queue '{queue}'; expected {Format(last + length)} ({length.TotalMinutes:0.##}-minute intervals).");
            }

            last = at;
            lastRow = line;
            calls.Add(count);
            handleTimes.Add(TimeSpan.FromSeconds(ahtSeconds));
        }

        public QueueRows Build(string path)
        {
            if (calls.Count < 2)
            {
                throw new ForecastInputException($"{path}: row {firstRow}, field interval_start: queue '{queue}' has one interval; its length cannot be known.");
            }

            var series = new IntervalSeries(start, length, calls);
            return new QueueRows(new QueueHistory(queue, series, hasHandleTimes ? handleTimes : null), (int)firstRow, (int)lastRow);
        }

        private static string Format(DateTimeOffset at) => at.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
    }
}
