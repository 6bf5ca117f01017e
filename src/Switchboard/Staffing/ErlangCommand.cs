using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Spectre.Console;
using Switchboard.Planning.Staffing;

namespace Switchboard.Staffing;

/// <summary>
/// <c>switchboard erlang --calls N --interval 30m --aht 180s [--agents N] --target 80/20s [--patience 120s] [--definition D] [--json]</c>:
/// one staffing calculation, Erlang C (or Erlang A with <c>--patience</c>).
/// </summary>
internal static class ErlangCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var calls = new Option<double>("--calls") { Description = "Contacts arriving in the interval.", Required = true };
        var interval = new Option<string>("--interval") { Description = "The interval's length (30m, 15m, 1h, or seconds). Default 30m.", DefaultValueFactory = _ => "30m" };
        var aht = new Option<string>("--aht") { Description = "Average handle time, talk plus wrap-up (180s, 3m).", Required = true };
        var agents = new Option<int?>("--agents") { Description = "Agents to evaluate. Default: the agents required for the target." };
        var target = new Option<string>("--target") { Description = "Service-level target, percent/threshold (80/20s). Default 80/20s.", DefaultValueFactory = _ => "80/20s" };
        var patience = new Option<string?>("--patience") { Description = "Customers' average patience (120s): use Erlang A, with abandonment. Without it, Erlang C." };
        var definition = new Option<string>("--definition") { Description = "Service-level definition: " + string.Join(", ", StaffingArguments.Definitions.Keys) + ". Default all-arrivals.", DefaultValueFactory = _ => "all-arrivals" };
        var json = new Option<bool>("--json") { Description = "Print the result as JSON (durations in seconds)." };
        var command = new Command("erlang", "One Erlang C (or, with --patience, Erlang A) calculation: service level, ASA, abandonment, occupancy and the agents the target needs.")
        {
            calls, interval, aht, agents, target, patience, definition, json,
        };
        command.SetAction(parse => Run(
            parse.GetValue(calls), parse.GetValue(interval), parse.GetValue(aht), parse.GetValue(agents), parse.GetValue(target),
            parse.GetValue(patience), parse.GetValue(definition), parse.GetValue(json), output, error));
        return command;
    }

    private static int Run(double calls, string? intervalText, string? ahtText, int? agents, string? targetText, string? patienceText, string? definitionText, bool json, TextWriter output, TextWriter error)
    {
        var problems = new List<string>();
        if (!double.IsFinite(calls) || calls < 0)
        {
            problems.Add($"--calls: must be a number of contacts, at least 0 (got {calls.ToString(CultureInfo.InvariantCulture)})");
        }

        if (!StaffingArguments.TryParseDuration(intervalText, out var interval, out var problem) || interval <= TimeSpan.Zero)
        {
            problems.Add("--interval: " + (problem.Length > 0 ? problem : "must be longer than zero"));
        }

        if (!StaffingArguments.TryParseDuration(ahtText, out var aht, out problem) || aht <= TimeSpan.Zero)
        {
            problems.Add("--aht: " + (problem.Length > 0 ? problem : "must be longer than zero"));
        }

        if (agents is <= 0)
        {
            problems.Add($"--agents: must be at least 1 (got {agents})");
        }

        if (!StaffingArguments.TryParseTarget(targetText, out var target, out problem))
        {
            problems.Add("--target: " + problem);
        }

        TimeSpan? patience = null;
        if (patienceText is not null)
        {
            if (!StaffingArguments.TryParseDuration(patienceText, out var p, out problem) || p <= TimeSpan.Zero)
            {
                problems.Add("--patience: " + (problem.Length > 0 ? problem : "must be longer than zero"));
            }

            patience = p;
        }

        if (!StaffingArguments.TryParseDefinition(definitionText, out var definition, out problem))
        {
            problems.Add("--definition: " + problem);
        }

        if (problems.Count > 0)
        {
            foreach (var p in problems)
            {
                error.WriteLine("switchboard erlang: " + p);
            }

            return StaffingArguments.InvalidInput;
        }

        var traffic = new IntervalTraffic(calls, interval, aht);
        QueueModel model = patience is { } averagePatience ? new QueueModel.ErlangA(averagePatience) : QueueModel.ErlangC.Instance;
        var required = StaffingCalculator.Staff(model, traffic, new StaffingTarget.ServiceLevel(target, definition));
        var evaluated = agents is { } n ? model.Evaluate(n, traffic, target.Threshold) : required;
        var result = new ErlangResult(
            patience is null ? "erlang-c" : "erlang-a",
            StaffingArguments.NameOf(definition),
            traffic.OfferedLoad,
            evaluated.Agents,
            evaluated.ServiceLevel(definition),
            target.Fraction,
            target.Threshold.TotalSeconds,
            Seconds(evaluated.AverageSpeedOfAnswer),
            evaluated.ProbabilityOfAbandoning,
            evaluated.Occupancy,
            evaluated.ProbabilityOfWaiting,
            required.Agents);
        if (json)
        {
            output.WriteLine(JsonSerializer.Serialize(result, StaffingJson.Options));
            return 0;
        }

        var table = new Table().AddColumns("Figure", "Value");
        table.AddRow("Model", result.Model == "erlang-c" ? "Erlang C (no abandonment)" : $"Erlang A (patience {Format(patience!.Value)})");
        table.AddRow("Offered load", result.OfferedLoad.ToString("0.###", CultureInfo.InvariantCulture) + " Erlangs");
        table.AddRow("Agents", result.Agents.ToString(CultureInfo.InvariantCulture));
        table.AddRow($"Service level ({Format(target.Threshold)}, {result.Definition})", Percent(result.ServiceLevel));
        table.AddRow("Average speed of answer", result.AverageSpeedOfAnswerSeconds is { } asa ? asa.ToString("0.0", CultureInfo.InvariantCulture) + " s" : "unbounded");
        table.AddRow("Abandonment", Percent(result.Abandonment));
        table.AddRow("Occupancy", Percent(result.Occupancy));
        table.AddRow("Probability of waiting", Percent(result.ProbabilityOfWaiting));
        table.AddRow($"Agents required for {Percent(target.Fraction)}/{Format(target.Threshold)}", result.RequiredAgents.ToString(CultureInfo.InvariantCulture));
        TerminalConsole.Create(output, TerminalConsole.IsTerminal(output)).Write(table);
        return 0;
    }

    private static double? Seconds(TimeSpan value) => value == TimeSpan.MaxValue ? null : value.TotalSeconds;

    private static string Percent(double value) => (value * 100).ToString("0.##", CultureInfo.InvariantCulture) + "%";

    private static string Format(TimeSpan value) => value.TotalSeconds.ToString("0.##", CultureInfo.InvariantCulture) + "s";
}

/// <summary>What <c>switchboard erlang --json</c> prints. Shares are 0 to 1; times in seconds; ASA null when unbounded.</summary>
internal sealed record ErlangResult(
    string Model,
    string Definition,
    double OfferedLoad,
    int Agents,
    double ServiceLevel,
    double TargetServiceLevel,
    double TargetSeconds,
    double? AverageSpeedOfAnswerSeconds,
    double Abandonment,
    double Occupancy,
    double ProbabilityOfWaiting,
    int RequiredAgents);

/// <summary>JSON and console settings shared by the staffing commands.</summary>
internal static class StaffingJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web) { WriteIndented = true };
}
