using ScottPlot;

namespace Switchboard.Server.ClientReports;

/// <summary>The month's daily trend as a PNG: contacts offered (bars, left axis) and the service level with its target (lines, right axis).</summary>
internal static class MonthlyReportChart
{
    public static byte[] Png(MonthlyReport report, int width = 900, int height = 360)
    {
        var plot = new Plot();
        var days = report.Days;
        var positions = days.Select(d => d.Day.ToDateTime(TimeOnly.MinValue).ToOADate()).ToArray();
        if (days.Count > 0)
        {
            var bars = plot.Add.Bars(positions, days.Select(d => d.Offered).ToArray());
            bars.LegendText = "Offered";
            var levels = days.Where(d => d.ServiceLevel is not null).ToList();
            if (levels.Count > 0)
            {
                var line = plot.Add.Scatter(levels.Select(d => d.Day.ToDateTime(TimeOnly.MinValue).ToOADate()).ToArray(), levels.Select(d => d.ServiceLevel!.Value * 100).ToArray());
                line.LegendText = "Service level %";
                line.Axes.YAxis = plot.Axes.Right;
            }

            var targets = days.Where(d => d.ServiceLevelTarget is not null).ToList();
            if (targets.Count > 0)
            {
                var target = plot.Add.Scatter(targets.Select(d => d.Day.ToDateTime(TimeOnly.MinValue).ToOADate()).ToArray(), targets.Select(d => d.ServiceLevelTarget!.Value * 100).ToArray());
                target.LegendText = "Service-level target %";
                target.LinePattern = LinePattern.Dashed;
                target.MarkerSize = 0;
                target.Axes.YAxis = plot.Axes.Right;
            }

            plot.Axes.Right.Label.Text = "Service level (%)";
            plot.Axes.Right.Min = 0;
            plot.Axes.Right.Max = 100;
        }

        plot.Axes.DateTimeTicksBottom();
        plot.Title($"{report.ClientName}: {report.Period}, day by day");
        plot.YLabel("Contacts offered");
        plot.ShowLegend(Alignment.UpperLeft);
        return plot.GetImageBytes(width, height, ImageFormat.Png);
    }
}
