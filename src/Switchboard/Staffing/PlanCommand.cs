using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Spectre.Console;
using Switchboard.Planning.Staffing;

namespace Switchboard.Staffing;

/// <summary>
/// <c>switchboard plan --workload FILE.csv [--model erlang-c|erlang-a] [--definition D] [--shrinkage 0.3] [--max-occupancy 0.9]
/// [--interval 30m] [--json | --csv] [--output FILE] [--plot plan.png]</c>: agents required and staff to schedule for every
/// queue and interval of a workload file.
/// </summary>
internal static class PlanCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var workload = new Option<string>("--workload") { Description = "Workload CSV: " + string.Join(",", Workload.Columns) + " (interval starts in ISO 8601 UTC).", Required = true };
        var model = new Option<string>("--model") { Description = "erlang-a (abandonment, uses patience_seconds; the default) or erlang-c.", DefaultValueFactory = _ => "erlang-a" };
        var definition = new Option<string>("--definition") { Description = "Service-level definition: " + string.Join(", ", StaffingArguments.Definitions.Keys) + ". Default all-arrivals.", DefaultValueFactory = _ => "all-arrivals" };
        var shrinkage = new Option<double>("--shrinkage") { Description = "Share of paid time not available for contacts (0 to below 1): scheduled = ⌈required / (1 − shrinkage)⌉. Default 0." };
        var maximumOccupancy = new Option<double?>("--max-occupancy") { Description = "Highest acceptable occupancy (above 0, at most 1). Default: no limit." };
        var interval = new Option<string?>("--interval") { Description = "Interval length for every queue (30m). Default: the gap between each queue's consecutive starts." };
        var json = new Option<bool>("--json") { Description = "Print the plan as JSON (durations in seconds)." };
        var csv = new Option<bool>("--csv") { Description = "Print the plan as CSV." };
        var file = new Option<string?>("--output") { Description = "Write the plan (CSV, or JSON with --json) to this file instead of the terminal." };
        var plot = new Option<string?>("--plot") { Description = "Draw required and scheduled staff across the day to this PNG file." };
        var command = new Command("plan", "Staff every queue and interval of a workload file: agents required, expected service level, ASA, abandonment, occupancy, and staff to schedule after shrinkage.")
        {
            workload, model, definition, shrinkage, maximumOccupancy, interval, json, csv, file, plot,
        };
        command.SetAction(parse => Run(
            new PlanRequest(
                parse.GetValue(workload)!, parse.GetValue(model), parse.GetValue(definition), parse.GetValue(shrinkage), parse.GetValue(maximumOccupancy),
                parse.GetValue(interval), parse.GetValue(json), parse.GetValue(csv), parse.GetValue(file), parse.GetValue(plot)),
            output,
            error));
        return command;
    }

    public static int Run(PlanRequest request, TextWriter output, TextWriter error)
    {
        var problems = new List<string>();
        var erlangA = request.Model switch
        {
            "erlang-a" => true,
            "erlang-c" => false,
            _ => Fail(problems, $"--model: '{request.Model}' is not a model: use erlang-a or erlang-c"),
        };
        if (!StaffingArguments.TryParseDefinition(request.Definition, out var definition, out var problem))
        {
            problems.Add("--definition: " + problem);
        }

        if (!(request.Shrinkage is >= 0 and < 1))
        {
            problems.Add($"--shrinkage: must be a share from 0 up to (not including) 1 (got {request.Shrinkage.ToString(CultureInfo.InvariantCulture)})");
        }

        if (request.MaximumOccupancy is { } m && !(m is > 0 and <= 1))
        {
            problems.Add($"--max-occupancy: must be a share above 0, at most 1 (got {m.ToString(CultureInfo.InvariantCulture)})");
        }

        TimeSpan? interval = null;
        if (request.Interval is not null)
        {
            if (!StaffingArguments.TryParseDuration(request.Interval, out var length, out problem) || length <= TimeSpan.Zero)
            {
                problems.Add("--interval: " + (problem.Length > 0 ? problem : "must be longer than zero"));
            }

            interval = length;
        }

        if (request.Json && request.Csv)
        {
            problems.Add("--json and --csv: choose one");
        }

        if (request.Plot is { } plotPath && !plotPath.EndsWith(".png", StringComparison.OrdinalIgnoreCase))
        {
            problems.Add($"--plot: the chart is a PNG file, so its name ends in .png (got '{plotPath}')");
        }

        var rows = problems.Count == 0 ? Workload.Read(request.WorkloadPath, interval, erlangA, problems) : null;
        if (rows is null)
        {
            foreach (var p in problems)
            {
                error.WriteLine(p.StartsWith("--", StringComparison.Ordinal) ? $"switchboard plan: {p}" : $"switchboard plan: {request.WorkloadPath}: {p}");
            }

            return StaffingArguments.InvalidInput;
        }

        var interactive = request.OutputPath is null && !request.Json && !request.Csv && TerminalConsole.IsTerminal(output);
        var plan = interactive && rows.Count >= 500 ? StaffWithProgress(rows, erlangA, definition, request) : Staff(rows, erlangA, definition, request, null);
        var document = new PlanDocument(
            erlangA ? "erlang-a" : "erlang-c",
            StaffingArguments.NameOf(definition),
            request.Shrinkage,
            request.MaximumOccupancy,
            plan);

        if (request.OutputPath is { } path)
        {
            WriteAtomically(path, writer => WriteDocument(writer, document, request.Json));
        }
        else if (request.Json || request.Csv)
        {
            WriteDocument(output, document, request.Json);
        }
        else
        {
            PlanTable.Write(TerminalConsole.Create(output, TerminalConsole.IsTerminal(output)), document);
        }

        if (request.Plot is { } chart)
        {
            PlanChart.Save(chart, plan);
        }

        if (request.OutputPath is not null)
        {
            output.WriteLine($"Staffed {plan.Count} intervals: {plan.Sum(p => p.RequiredAgents)} agent-intervals required, {plan.Sum(p => p.ScheduledAgents)} scheduled; plan written to {request.OutputPath}.");
        }

        return 0;
    }

    /// <summary>Writes through a temporary file beside the target and moves it into place, so a failure leaves no partial file.</summary>
    internal static void WriteAtomically(string path, Action<TextWriter> write)
    {
        var full = Path.GetFullPath(path);
        var temporary = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var writer = new StreamWriter(temporary, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)))
            {
                write(writer);
            }

            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private static bool Fail(List<string> problems, string problem)
    {
        problems.Add(problem);
        return false;
    }

    private static List<PlanRow> StaffWithProgress(IReadOnlyList<WorkloadRow> rows, bool erlangA, ServiceLevelDefinition definition, PlanRequest request)
    {
        List<PlanRow>? plan = null;
        AnsiConsole.Progress().Start(context =>
        {
            var task = context.AddTask($"Staffing {rows.Count:N0} intervals", maxValue: rows.Count);
            plan = Staff(rows, erlangA, definition, request, () => task.Increment(1));
        });
        return plan!;
    }

    private static List<PlanRow> Staff(IReadOnlyList<WorkloadRow> rows, bool erlangA, ServiceLevelDefinition definition, PlanRequest request, Action? progress)
    {
        var plan = new List<PlanRow>(rows.Count);
        foreach (var row in rows)
        {
            QueueModel model = erlangA ? new QueueModel.ErlangA(row.Patience!.Value) : QueueModel.ErlangC.Instance;
            var performance = StaffingCalculator.Staff(model, row.Traffic, new StaffingTarget.ServiceLevel(row.Target, definition), request.MaximumOccupancy);
            plan.Add(new PlanRow(
                row.Queue,
                row.IntervalStart,
                row.Traffic.IntervalLength.TotalSeconds,
                row.Traffic.Contacts,
                row.Traffic.AverageHandleTime.TotalSeconds,
                row.Traffic.OfferedLoad,
                performance.Agents,
                StaffingCalculator.Scheduled(performance.Agents, request.Shrinkage),
                performance.ServiceLevel(definition),
                row.Target.Fraction,
                row.Target.Threshold.TotalSeconds,
                performance.AverageSpeedOfAnswer == TimeSpan.MaxValue ? null : performance.AverageSpeedOfAnswer.TotalSeconds,
                performance.ProbabilityOfAbandoning,
                performance.Occupancy));
            progress?.Invoke();
        }

        return plan;
    }

    private static void WriteDocument(TextWriter writer, PlanDocument document, bool json)
    {
        if (json)
        {
            writer.WriteLine(JsonSerializer.Serialize(document, StaffingJson.Options));
            return;
        }

        writer.Write("queue,interval_start,interval_seconds,calls,aht_seconds,offered_load,required_agents,scheduled_agents,service_level,target_service_level,target_seconds,asa_seconds,abandonment,occupancy\n");
        foreach (var r in document.Rows)
        {
            writer.Write(string.Create(
                CultureInfo.InvariantCulture,
                $"{Quote(r.Queue)},{r.IntervalStart:yyyy-MM-ddTHH:mm:ssZ},{r.IntervalSeconds:0.###},{r.Calls:0.###},{r.AverageHandleTimeSeconds:0.###},{r.OfferedLoad:0.######},{r.RequiredAgents},{r.ScheduledAgents},{r.ServiceLevel:0.######},{r.TargetServiceLevel:0.####},{r.TargetSeconds:0.###},{r.AverageSpeedOfAnswerSeconds:0.###},{r.Abandonment:0.######},{r.Occupancy:0.######}\n"));
        }
    }

    private static string Quote(string text) =>
        text.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
}

/// <summary>The parsed arguments of <c>switchboard plan</c>.</summary>
internal sealed record PlanRequest(
    string WorkloadPath,
    string? Model,
    string? Definition,
    double Shrinkage,
    double? MaximumOccupancy,
    string? Interval,
    bool Json,
    bool Csv,
    string? OutputPath,
    string? Plot);

/// <summary>What <c>plan --json</c> prints: the settings and one row per queue and interval.</summary>
internal sealed record PlanDocument(string Model, string Definition, double Shrinkage, double? MaximumOccupancy, IReadOnlyList<PlanRow> Rows);

/// <summary>One queue and interval of the plan. Shares 0 to 1, times in seconds; ASA null when unbounded.</summary>
internal sealed record PlanRow(
    string Queue,
    DateTimeOffset IntervalStart,
    double IntervalSeconds,
    double Calls,
    double AverageHandleTimeSeconds,
    double OfferedLoad,
    int RequiredAgents,
    int ScheduledAgents,
    double ServiceLevel,
    double TargetServiceLevel,
    double TargetSeconds,
    double? AverageSpeedOfAnswerSeconds,
    double Abandonment,
    double Occupancy);

/// <summary>The plan as a terminal table, then the totals.</summary>
internal static class PlanTable
{
    public static void Write(IAnsiConsole console, PlanDocument document)
    {
        var table = new Table()
            .Title($"Staffing plan: {(document.Model == "erlang-a" ? "Erlang A" : "Erlang C")}, service level {document.Definition}, shrinkage {document.Shrinkage.ToString("0.##", CultureInfo.InvariantCulture)}")
            .AddColumns("Queue", "Start (UTC)", "Calls", "AHT", "Erlangs", "Required", "Scheduled", "SL (target)", "ASA", "Aband.", "Occ.");
        foreach (var r in document.Rows)
        {
            table.AddRow(
                Markup.Escape(r.Queue),
                r.IntervalStart.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
                r.Calls.ToString("0.#", CultureInfo.InvariantCulture),
                r.AverageHandleTimeSeconds.ToString("0", CultureInfo.InvariantCulture) + "s",
                r.OfferedLoad.ToString("0.0", CultureInfo.InvariantCulture),
                r.RequiredAgents.ToString(CultureInfo.InvariantCulture),
                r.ScheduledAgents.ToString(CultureInfo.InvariantCulture),
                $"{Percent(r.ServiceLevel)} ({Percent(r.TargetServiceLevel)}/{r.TargetSeconds.ToString("0", CultureInfo.InvariantCulture)}s)",
                r.AverageSpeedOfAnswerSeconds is { } asa ? asa.ToString("0.0", CultureInfo.InvariantCulture) + "s" : "-",
                Percent(r.Abandonment),
                Percent(r.Occupancy));
        }

        console.Write(table);
        console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{document.Rows.Count} intervals: {document.Rows.Sum(r => r.RequiredAgents)} agent-intervals required, {document.Rows.Sum(r => r.ScheduledAgents)} scheduled."));
    }

    private static string Percent(double value) => (value * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";
}
