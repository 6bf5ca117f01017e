using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Switchboard.Planning.Forecasting;

namespace Switchboard.Forecast;

/// <summary>
/// <c>switchboard forecast --history FILE [--days N] [--interval 30m] [--model M] [--overrides FILE] [--utc-offset +03:00]
/// [--targets 80/20] [--patience 180] [--aht 240] [--json | --csv] [--output FILE] [--plot FILE.png]</c>.
/// </summary>
internal static class ForecastCommand
{
    /// <summary>Exit code for input the command cannot use.</summary>
    public const int InvalidInput = 2;

    /// <summary>The model names the command accepts, and what they mean.</summary>
    public static readonly IReadOnlyDictionary<string, ForecastModel?> Models = new Dictionary<string, ForecastModel?>
    {
        ["auto"] = null,
        ["seasonal-naive"] = ForecastModel.SeasonalNaiveWeek,
        ["seasonal-naive-day"] = ForecastModel.SeasonalNaiveDay,
        ["weekly-profile"] = ForecastModel.WeeklyProfile,
        ["holt-winters"] = ForecastModel.HoltWinters,
        ["stl"] = ForecastModel.Stl,
    };

    public static Command Create(TextWriter output, TextWriter error)
    {
        var history = new Option<string>("--history") { Description = "History CSV: queue,interval_start,calls[,aht_seconds] (ISO 8601 UTC starts).", Required = true };
        var days = new Option<int>("--days") { Description = "Days to forecast from the end of the history.", DefaultValueFactory = _ => 7 };
        var interval = new Option<string?>("--interval") { Description = "Interval length of the forecast (15m, 30m, 1h): the history's own, or a multiple of it (the history is summed up)." };
        var model = new Option<string>("--model") { Description = "auto (chosen per queue by backtest), seasonal-naive, seasonal-naive-day, weekly-profile, holt-winters or stl.", DefaultValueFactory = _ => "auto" };
        model.AcceptOnlyFromAmong([.. Models.Keys]);
        var overrides = new Option<string?>("--overrides") { Description = "Special days CSV: date,kind,value[,queue] with kind closed, like (value a weekday) or campaign (value a factor)." };
        var utcOffset = new Option<string>("--utc-offset") { Description = "The centre's offset from UTC (+03:00): where its days start, for weekdays, day totals and special days.", DefaultValueFactory = _ => "+00:00" };
        var targets = new Option<string>("--targets") { Description = "Service-level target for the workload columns: PERCENT/SECONDS.", DefaultValueFactory = _ => "80/20" };
        var patience = new Option<double>("--patience") { Description = "Mean customer patience (seconds) for the workload's patience_seconds column.", DefaultValueFactory = _ => 180 };
        var aht = new Option<double?>("--aht") { Description = "Average handle time (seconds) to write when the history has none." };
        var json = new Option<bool>("--json") { Description = "Print JSON: per queue the model, its backtests and the intervals." };
        var csv = new Option<bool>("--csv") { Description = "Print CSV in the plan command's workload format (plus model and backtest columns)." };
        var outputFile = new Option<string?>("--output") { Description = "Write to this file instead of the terminal (format from --json/--csv, else from the extension)." };
        var plot = new Option<string?>("--plot") { Description = "Also draw history and forecast to this PNG file." };
        var command = new Command("forecast", "Forecast contacts (and handle time) per queue and interval from history, choosing the model by backtest.")
        {
            history, days, interval, model, overrides, utcOffset, targets, patience, aht, json, csv, outputFile, plot,
        };
        command.SetAction(parse => Run(
            new ForecastRequest(
                parse.GetValue(history)!,
                parse.GetValue(days),
                parse.GetValue(interval),
                parse.GetValue(model)!,
                parse.GetValue(overrides),
                parse.GetValue(utcOffset)!,
                parse.GetValue(targets)!,
                parse.GetValue(patience),
                parse.GetValue(aht),
                parse.GetValue(json),
                parse.GetValue(csv),
                parse.GetValue(outputFile),
                parse.GetValue(plot)),
            output,
            error));
        return command;
    }

    public static int Run(ForecastRequest request, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        try
        {
            var settings = ForecastSettings.From(request);
            foreach (var (option, target) in new[] { ("--output", request.OutputPath), ("--plot", request.PlotPath) })
            {
                // Checked before anything is written, so a bad chart path never leaves a finished output file behind.
                if (target is not null && !Directory.Exists(Path.GetDirectoryName(Path.GetFullPath(target))))
                {
                    throw new ForecastInputException($"{option} {target}: the folder does not exist.");
                }
            }

            var queues = Read(request.HistoryPath, HistoryCsv.Read);
            var specialDays = request.OverridesPath is { } path ? Read(path, SpecialDaysCsv.Read) : [];
            if (settings.Interval is { } length)
            {
                queues = [.. queues.Select(q => Aggregation.To(q, length, request.HistoryPath))];
            }

            var interactive = request.OutputPath is null && TerminalConsole.IsTerminal(output);
            var forecasts = ForecastAll(queues, specialDays, settings, request.HistoryPath, interactive);
            var format = settings.Format;
            if (request.OutputPath is { } file)
            {
                AtomicFile.Write(file, writer => ForecastOutput.Write(writer, format, forecasts, settings, interactive: false));
            }
            else
            {
                ForecastOutput.Write(output, format, forecasts, settings, interactive);
            }

            if (request.PlotPath is { } png)
            {
                AtomicFile.Write(png, stream => ForecastChart.Save(stream, queues, forecasts));
            }

            return 0;
        }
        catch (ForecastInputException e)
        {
            error.WriteLine($"switchboard forecast: {e.Message}");
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            error.WriteLine($"switchboard forecast: file not found: {e.Message}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"switchboard forecast: {e.Message}");
        }

        return InvalidInput;
    }

    private static T Read<T>(string path, Func<string, TextReader, T> read)
    {
        if (!File.Exists(path))
        {
            throw new ForecastInputException($"{path}: file not found.");
        }

        using var text = File.OpenText(path);
        return read(path, text);
    }

    private static QueueForecast[] ForecastAll(IReadOnlyList<HistoryCsv.QueueRows> queues, IReadOnlyList<SpecialDaysCsv.Entry> specialDays, ForecastSettings settings, string path, bool interactive)
    {
        // Refuse before any work: a queue too short for the requested model, or for any model.
        foreach (var queue in queues)
        {
            var calls = queue.History.Calls;
            var needed = settings.Model is { } m ? ForecastModels.MinimumHistory(m) : ForecastModels.MinimumHistory(ForecastModel.SeasonalNaiveDay);
            if (calls.IntervalLength * calls.Count < needed)
            {
                throw new ForecastInputException(
                    $"{path}: rows {queue.FirstRow}-{queue.LastRow}, field interval_start: queue '{queue.History.Queue}' has {(calls.IntervalLength * calls.Count).TotalDays:0.##} days of history; "
                    + $"{(settings.Model is { } model ? Models.First(p => p.Value == model).Key : "forecasting")} needs at least {needed.TotalDays:0}.");
            }

            if ((calls.Start + settings.UtcOffset).TimeOfDay.Ticks % calls.IntervalLength.Ticks != 0 || settings.UtcOffset.Ticks % calls.IntervalLength.Ticks != 0)
            {
                throw new ForecastInputException(
                    $"{path}: row {queue.FirstRow}, field interval_start: queue '{queue.History.Queue}' intervals do not start on the local day's {calls.IntervalLength.TotalMinutes:0.##}-minute grid at UTC offset {settings.UtcOffset}.");
            }
        }

        var results = new QueueForecast[queues.Count];
        var problems = new string?[queues.Count];
        void ForecastOne(int i)
        {
            var history = queues[i].History;
            var options = new ForecastOptions
            {
                Horizon = TimeSpan.FromDays(settings.Days),
                Model = settings.Model,
                UtcOffset = settings.UtcOffset,
                SpecialDays = [.. specialDays.Where(d => d.Queue is null || d.Queue == history.Queue).Select(d => d.Day)],
            };
            try
            {
                results[i] = Forecaster.Forecast(history, options);
            }
            catch (ArgumentException e)
            {
                // Checked above as far as the command can; whatever the core still refuses is named by its queue's rows.
                problems[i] = $"{path}: rows {queues[i].FirstRow}-{queues[i].LastRow}: queue '{history.Queue}': {e.Message.Replace($" (Parameter '{e.ParamName}')", "", StringComparison.Ordinal)}";
            }
        }

        if (!interactive)
        {
            Parallel.For(0, queues.Count, ForecastOne);
        }
        else
        {
            AnsiConsole.Progress().Start(context =>
            {
                var task = context.AddTask($"Forecasting {queues.Count} queue(s)", maxValue: queues.Count);
                Parallel.For(0, queues.Count, i =>
                {
                    ForecastOne(i);
                    lock (task)
                    {
                        task.Increment(1);
                    }
                });
            });
        }

        return problems.FirstOrDefault(p => p is not null) is { } problem ? throw new ForecastInputException(problem) : results;
    }
}
/// <summary>The parsed arguments of <c>switchboard forecast</c>, as typed.</summary>
internal sealed record ForecastRequest(
    string HistoryPath,
    int Days,
    string? Interval,
    string Model,
    string? OverridesPath,
    string UtcOffset,
    string Targets,
    double PatienceSeconds,
    double? AhtSeconds,
    bool Json,
    bool Csv,
    string? OutputPath,
    string? PlotPath);

/// <summary>What the output looks like.</summary>
internal enum OutputFormat
{
    Table,
    Csv,
    Json,
}

/// <summary>The arguments checked and turned into values.</summary>
internal sealed record ForecastSettings(
    int Days,
    TimeSpan? Interval,
    ForecastModel? Model,
    TimeSpan UtcOffset,
    double TargetPercent,
    TimeSpan TargetTime,
    TimeSpan Patience,
    TimeSpan? AverageHandleTime,
    OutputFormat Format)
{
    public static ForecastSettings From(ForecastRequest request)
    {
        if (request.Json && request.Csv)
        {
            throw new ForecastInputException("--json and --csv: choose one.");
        }

        if (request.Days is < 1 or > 366)
        {
            throw new ForecastInputException($"--days {request.Days}: forecast 1 to 366 days.");
        }

        TimeSpan? interval = request.Interval is { } text ? ParseLength(text) : null;
        var offsetText = request.UtcOffset.Trim();
        if (!TimeSpan.TryParseExact(offsetText.TrimStart('+', '-'), @"hh\:mm", CultureInfo.InvariantCulture, out var offset) || offset > TimeSpan.FromHours(14))
        {
            throw new ForecastInputException($"--utc-offset {request.UtcOffset}: write it as +03:00 or -05:00.");
        }

        if (offsetText.StartsWith('-'))
        {
            offset = -offset;
        }

        var parts = request.Targets.Split('/');
        if (parts.Length != 2
            || !double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var percent) || percent is <= 0 or >= 100
            || !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) || seconds < 0 || !double.IsFinite(seconds))
        {
            throw new ForecastInputException($"--targets {request.Targets}: write PERCENT/SECONDS, e.g. 80/20 (80% answered within 20 s).");
        }

        if (!double.IsFinite(request.PatienceSeconds) || request.PatienceSeconds <= 0)
        {
            throw new ForecastInputException($"--patience {request.PatienceSeconds}: a positive number of seconds.");
        }

        if (request.AhtSeconds is { } aht && (!double.IsFinite(aht) || aht <= 0))
        {
            throw new ForecastInputException($"--aht {aht}: a positive number of seconds.");
        }

        var format = request.Json ? OutputFormat.Json
            : request.Csv ? OutputFormat.Csv
            : Path.GetExtension(request.OutputPath ?? "").ToLowerInvariant() switch
            {
                ".csv" => OutputFormat.Csv,
                ".json" => OutputFormat.Json,
                _ => OutputFormat.Table,
            };
        return new ForecastSettings(
            request.Days,
            interval,
            ForecastCommand.Models[request.Model],
            offset,
            percent,
            TimeSpan.FromSeconds(seconds),
            TimeSpan.FromSeconds(request.PatienceSeconds),
            request.AhtSeconds is { } a ? TimeSpan.FromSeconds(a) : null,
            format);
    }

    /// <summary>15m, 30m, 1h, 90s.</summary>
    private static TimeSpan ParseLength(string text)
    {
        var trimmed = text.Trim().ToLowerInvariant();
        var unit = trimmed.Length > 0 ? trimmed[^1] : ' ';
        if (!double.TryParse(trimmed[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var amount) || amount <= 0 || unit is not ('s' or 'm' or 'h'))
        {
            throw new ForecastInputException($"--interval {text}: write a length such as 15m, 30m or 1h.");
        }

        var length = unit switch { 's' => TimeSpan.FromSeconds(amount), 'm' => TimeSpan.FromMinutes(amount), _ => TimeSpan.FromHours(amount) };
        if (length.Ticks <= 0 || TimeSpan.TicksPerDay % length.Ticks != 0)
        {
            throw new ForecastInputException($"--interval {text}: a whole number of intervals makes a day (15m, 30m, 1h, ...).");
        }

        return length;
    }
}
