using System.Globalization;

namespace Switchboard.Load;

/// <summary>
/// What the server says about itself at one moment: its CPU time (from the operating system) and, from its
/// <c>/metrics</c>, routing events stored, writer batches stored and the time spent storing them, and the same for the
/// chat store's group commits. Differences of two readings describe the measured window.
/// </summary>
internal readonly record struct ServerFigures(TimeSpan Cpu, long Events, long Batches, double StoreSeconds, long ChatMessages, long ChatCommits, double ChatCommitSeconds)
{
    public static ServerFigures operator -(ServerFigures after, ServerFigures before) =>
        new(after.Cpu - before.Cpu, after.Events - before.Events, after.Batches - before.Batches, after.StoreSeconds - before.StoreSeconds,
            after.ChatMessages - before.ChatMessages, after.ChatCommits - before.ChatCommits, after.ChatCommitSeconds - before.ChatCommitSeconds);

    public static async Task<ServerFigures> ReadAsync(HttpClient http, ServerProcess server)
    {
        var cpu = server.CpuTime;
        var text = await http.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        return new ServerFigures(cpu, (long)Sum(text, "switchboard_routing_events_total"), (long)Sum(text, "switchboard_routing_batch_duration_seconds_count"),
            Sum(text, "switchboard_routing_batch_duration_seconds_sum"), (long)Sum(text, "switchboard_chat_messages_total"),
            (long)Sum(text, "switchboard_chat_store_duration_seconds_count"), Sum(text, "switchboard_chat_store_duration_seconds_sum"));
    }

    /// <summary>Adds up a Prometheus metric over its label sets (one per routing domain).</summary>
    private static double Sum(string exposition, string metric)
    {
        var total = 0.0;
        foreach (var line in exposition.AsSpan().EnumerateLines())
        {
            if (!line.StartsWith(metric, StringComparison.Ordinal) || line.Length <= metric.Length || line[metric.Length] is not ('{' or ' '))
            {
                continue;
            }

            // name{labels} value [timestamp]
            var rest = line[(line[metric.Length] == '{' ? line.IndexOf('}') + 1 : metric.Length)..].Trim();
            var space = rest.IndexOf(' ');
            var value = space < 0 ? rest : rest[..space];
            total += double.Parse(value, CultureInfo.InvariantCulture);
        }

        return total;
    }
}
