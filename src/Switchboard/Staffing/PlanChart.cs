using ScottPlot;

namespace Switchboard.Staffing;

/// <summary>
/// The plan as a PNG: required (solid) and scheduled (dashed) staff across the day, one pair of lines per queue when there
/// are at most eight queues, otherwise the sum over queues (fifty overlapping lines tell nothing).
/// </summary>
internal static class PlanChart
{
    private const int MostQueuesDrawnApart = 8;

    public static void Save(string path, IReadOnlyList<PlanRow> plan)
    {
        var chart = new Plot();
        var queues = plan.Select(r => r.Queue).Distinct(StringComparer.Ordinal).ToList();
        if (queues.Count <= MostQueuesDrawnApart)
        {
            foreach (var queue in queues)
            {
                var rows = plan.Where(r => r.Queue == queue).OrderBy(r => r.IntervalStart).ToList();
                AddPair(chart, queue, rows.Select(r => r.IntervalStart).ToList(), rows.Select(r => (double)r.RequiredAgents).ToList(), rows.Select(r => (double)r.ScheduledAgents).ToList());
            }
        }
        else
        {
            var byStart = plan.GroupBy(r => r.IntervalStart).OrderBy(g => g.Key).ToList();
            AddPair(chart, $"all {queues.Count} queues", byStart.Select(g => g.Key).ToList(), byStart.Select(g => (double)g.Sum(r => r.RequiredAgents)).ToList(), byStart.Select(g => (double)g.Sum(r => r.ScheduledAgents)).ToList());
        }

        chart.Axes.DateTimeTicksBottom();
        chart.Title("Required and scheduled staff");
        chart.XLabel("Interval start (UTC)");
        chart.YLabel("Agents");
        chart.ShowLegend(Alignment.UpperLeft);

        // Render beside the target and move into place, so a failed render leaves no partial file.
        var full = Path.GetFullPath(path);
        var temporary = Path.Combine(Path.GetDirectoryName(full)!, $".{Guid.NewGuid():N}.png");
        try
        {
            chart.SavePng(temporary, 1400, 700);
            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private static void AddPair(Plot chart, string name, List<DateTimeOffset> starts, List<double> required, List<double> scheduled)
    {
        var xs = starts.Select(s => s.UtcDateTime.ToOADate()).ToArray();
        var requiredLine = chart.Add.ScatterLine(xs, required.ToArray());
        requiredLine.LegendText = name + " required";
        requiredLine.LineWidth = 2;
        var scheduledLine = chart.Add.ScatterLine(xs, scheduled.ToArray());
        scheduledLine.LegendText = name + " scheduled";
        scheduledLine.LineWidth = 2;
        scheduledLine.Color = requiredLine.Color;
        scheduledLine.LinePattern = LinePattern.Dashed;
    }
}
