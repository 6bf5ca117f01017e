using ScottPlot;
using Switchboard.Planning.Forecasting;

namespace Switchboard.Forecast;

/// <summary>A PNG of each queue's recent history (solid) and forecast (dashed), one colour per queue.</summary>
internal static class ForecastChart
{
    /// <summary>How much history the chart shows before the forecast.</summary>
    private static readonly TimeSpan Shown = TimeSpan.FromDays(14);

    public static void Save(Stream stream, IReadOnlyList<HistoryCsv.QueueRows> queues, IReadOnlyList<QueueForecast> forecasts)
    {
        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        for (var q = 0; q < forecasts.Count; q++)
        {
            var colour = palette.GetColor(q);
            var history = queues[q].History.Calls;
            var first = Math.Max(0, history.Count - (int)(Shown.Ticks / history.IntervalLength.Ticks));
            var past = plot.Add.Scatter(Times(history, first), history.Values[first..].ToArray());
            past.Color = colour;
            past.MarkerSize = 0;
            past.LegendText = $"{forecasts[q].Queue} history";
            var ahead = plot.Add.Scatter(Times(forecasts[q].Calls, 0), forecasts[q].Calls.Values.ToArray());
            ahead.Color = colour;
            ahead.MarkerSize = 0;
            ahead.LinePattern = LinePattern.Dashed;
            ahead.LegendText = $"{forecasts[q].Queue} forecast ({ForecastOutput.Name(forecasts[q].Model)})";
        }

        var axis = plot.Axes.DateTimeTicksBottom();
        if (axis.TickGenerator is ScottPlot.TickGenerators.DateTimeAutomatic ticks)
        {
            ticks.LabelFormatter = at => at.ToString(at.TimeOfDay == TimeSpan.Zero ? "yyyy-MM-dd" : "yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        }

        plot.Title("Contacts per interval: history and forecast (UTC)");
        plot.YLabel("Contacts per interval");
        plot.ShowLegend(Alignment.UpperLeft);
        var image = plot.GetImage(1400, 500);
        var bytes = image.GetImageBytes(ImageFormat.Png);
        stream.Write(bytes);
    }

    private static double[] Times(IntervalSeries series, int first)
    {
        var times = new double[series.Count - first];
        for (var i = first; i < series.Count; i++)
        {
            times[i - first] = series.IntervalStart(i).UtcDateTime.ToOADate();
        }

        return times;
    }
}
