using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Spectre.Console;
using Switchboard.Planning.Forecasting;

namespace Switchboard.Forecast;

/// <summary>The forecast as tables (people), CSV (the plan command's workload format) or JSON (programs).</summary>
internal static class ForecastOutput
{
    /// <summary>The workload columns of <c>switchboard plan --workload</c>, then the forecast's own.</summary>
    public const string CsvHeader = "queue,interval_start,calls,aht_seconds,patience_seconds,target_percent,target_seconds,model,backtest_wape,backtest_mase";

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public static void Write(TextWriter writer, OutputFormat format, IReadOnlyList<QueueForecast> forecasts, ForecastSettings settings, bool interactive)
    {
        switch (format)
        {
            case OutputFormat.Csv:
                WriteCsv(writer, forecasts, settings);
                break;
            case OutputFormat.Json:
                writer.WriteLine(JsonSerializer.Serialize(new JsonForecast([.. forecasts.Select(f => JsonQueue.From(f, settings))]), Json));
                break;
            default:
                WriteTables(TerminalConsole.Create(writer, interactive), forecasts, settings);
                break;
        }
    }

    /// <summary>The model's name as the command's <c>--model</c> option spells it.</summary>
    public static string Name(ForecastModel model) => ForecastCommand.Models.First(p => p.Value == model).Key;

    private static void WriteCsv(TextWriter writer, IReadOnlyList<QueueForecast> forecasts, ForecastSettings settings)
    {
        writer.WriteLine(CsvHeader);
        foreach (var forecast in forecasts)
        {
            var chosen = forecast.ModelBacktest?.Accuracy.Intervals;
            var queue = Quote(forecast.Queue);
            var tail = string.Join(
                ',',
                Number(settings.Patience.TotalSeconds),
                Number(settings.TargetPercent),
                Number(settings.TargetTime.TotalSeconds),
                Name(forecast.Model),
                Number(chosen?.Wape, "0.0000"),
                Number(chosen?.Mase, "0.0000"));
            for (var i = 0; i < forecast.Calls.Count; i++)
            {
                writer.Write(queue);
                writer.Write(',');
                writer.Write(Instant(forecast.Calls.IntervalStart(i)));
                writer.Write(',');
                writer.Write(Number(forecast.Calls[i]));
                writer.Write(',');
                writer.Write(Number(HandleTime(forecast, settings, i)?.TotalSeconds));
                writer.Write(',');
                writer.WriteLine(tail);
            }
        }
    }

    private static void WriteTables(IAnsiConsole console, IReadOnlyList<QueueForecast> forecasts, ForecastSettings settings)
    {
        foreach (var forecast in forecasts)
        {
            var calls = forecast.Calls;
            console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"Queue {forecast.Queue}: {Name(forecast.Model)}, {calls.Count} intervals of {calls.IntervalLength.TotalMinutes:0.##} min from {Instant(calls.Start)}"));
            var backtests = new Table().Title("Backtest (rolling origin)").AddColumns("Model", "WAPE", "MASE", "Day WAPE", "Day MASE");
            foreach (var b in forecast.Backtests)
            {
                var mark = b.Model == forecast.Model ? " *" : "";
                backtests.AddRow(Name(b.Model) + mark, Percent(b.Accuracy.Intervals.Wape), Ratio(b.Accuracy.Intervals.Mase), Percent(b.Accuracy.Days.Wape), Ratio(b.Accuracy.Days.Mase));
            }

            if (forecast.Backtests.Count == 0)
            {
                console.WriteLine("No backtest: the history is too short to hold days back.");
            }
            else
            {
                console.Write(backtests);
            }

            var days = new Table().Title($"Forecast per day (UTC{Offset(settings.UtcOffset)})").AddColumns("Day", "Calls", "Busiest interval", "Calls then", "AHT");
            foreach (var day in Enumerable.Range(0, calls.Count).GroupBy(i => DateOnly.FromDateTime(calls.IntervalStart(i).UtcDateTime + settings.UtcOffset)))
            {
                var total = day.Sum(i => calls[i]);
                var busiest = day.MaxBy(i => calls[i]);
                var seconds = total > 0 ? day.Sum(i => calls[i] * (HandleTime(forecast, settings, i)?.TotalSeconds ?? 0)) / total : (double?)null;
                days.AddRow(
                    day.Key.ToString("ddd yyyy-MM-dd", CultureInfo.InvariantCulture),
                    Number(total, "0"),
                    (calls.IntervalStart(busiest) + settings.UtcOffset).ToString("HH:mm", CultureInfo.InvariantCulture),
                    Number(calls[busiest], "0.0"),
                    HandleTime(forecast, settings, 0) is null ? "-" : Number(seconds, "0") + " s");
            }

            console.Write(days);
        }

        console.WriteLine("WAPE: sum of absolute errors over sum of actual contacts. MASE: mean absolute error over that of last week's same interval (below 1 beats it).");
        console.WriteLine("* the model used. Per-interval figures: --csv or --json.");
    }

    private static TimeSpan? HandleTime(QueueForecast forecast, ForecastSettings settings, int index) =>
        forecast.AverageHandleTimes is { } aht ? aht[index] : settings.AverageHandleTime;

    private static string Instant(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string Offset(TimeSpan offset) => (offset < TimeSpan.Zero ? "-" : "+") + offset.Duration().ToString(@"hh\:mm", CultureInfo.InvariantCulture);

    private static string Number(double? value, string format = "0.###") => value is { } v ? v.ToString(format, CultureInfo.InvariantCulture) : "";

    private static string Percent(double? value) => value is { } v ? (v * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%" : "-";

    private static string Ratio(double? value) => value is { } v ? v.ToString("0.00", CultureInfo.InvariantCulture) : "-";

    private static string Quote(string text) => text.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;

    private sealed record JsonForecast(IReadOnlyList<JsonQueue> Queues);

    private sealed record JsonQueue(string Queue, string Model, double IntervalMinutes, IReadOnlyList<JsonBacktest> Backtests, IReadOnlyList<JsonInterval> Intervals)
    {
        public static JsonQueue From(QueueForecast forecast, ForecastSettings settings) => new(
            forecast.Queue,
            Name(forecast.Model),
            forecast.Calls.IntervalLength.TotalMinutes,
            [.. forecast.Backtests.Select(b => new JsonBacktest(Name(b.Model), b.Accuracy.Intervals.Wape, b.Accuracy.Intervals.Mase, b.Accuracy.Days.Wape, b.Accuracy.Days.Mase))],
            [.. Enumerable.Range(0, forecast.Calls.Count).Select(i => new JsonInterval(
                forecast.Calls.IntervalStart(i).UtcDateTime,
                Math.Round(forecast.Calls[i], 3),
                HandleTime(forecast, settings, i) is { } t ? Math.Round(t.TotalSeconds, 3) : null))]);
    }

    private sealed record JsonBacktest(string Model, double? IntervalWape, double? IntervalMase, double? DayWape, double? DayMase);

    private sealed record JsonInterval(DateTime IntervalStart, double Calls, double? AhtSeconds);
}
