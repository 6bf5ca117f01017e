using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Spectre.Console;
using Switchboard.Planning.Simulation;

namespace Switchboard.Simulate;

/// <summary><c>switchboard simulate [--scenario FILE] [--seed N] [--replications N [--confidence P]] [--json] [--print-scenario]</c>:
/// simulate a day of the centre, or check a staffing plan over several replications.</summary>
internal static class SimulateCommand
{
    /// <summary>Exit code for input the command cannot use (a missing, unreadable or invalid scenario).</summary>
    public const int InvalidInput = 2;

    public static Command Create(TextWriter output, TextWriter error)
    {
        var scenario = new Option<string?>("--scenario") { Description = "Scenario JSON file. Default: the built-in sample centre." };
        var seed = new Option<int>("--seed") { Description = "Seed for the random numbers: the same seed gives the same report.", DefaultValueFactory = _ => 1 };
        var json = new Option<bool>("--json") { Description = "Print the report as JSON (durations in seconds) instead of tables." };
        var printScenario = new Option<bool>("--print-scenario") { Description = "Print the scenario as JSON and exit (a starting point for your own)." };
        var replications = new Option<int>("--replications")
        {
            Description = "Run the period this many times (seeds N, N+1, ...) and report each queue's service level, ASA and abandonment "
                + "with a confidence interval, and whether the queue's serviceLevelTarget is met. At least 2; default 1 (one detailed report).",
            DefaultValueFactory = _ => 1,
        };
        replications.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 1 or > MaximumReplications)
            {
                result.AddError($"--replications must be between 2 and {MaximumReplications} (or 1 for a single detailed report).");
            }
        });
        var confidence = new Option<double>("--confidence") { Description = "Two-sided confidence level of the intervals, between 0 and 1.", DefaultValueFactory = _ => 0.95 };
        confidence.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<double>() is not (> 0 and < 1))
            {
                result.AddError("--confidence must lie strictly between 0 and 1 (e.g. 0.95).");
            }
        });
        var command = new Command("simulate", "Simulate a day of the contact centre through the real routing engine and report per interval and queue.")
        {
            scenario, seed, replications, confidence, json, printScenario,
        };
        command.SetAction(parse => Run(
            new SimulateRequest(parse.GetValue(scenario), parse.GetValue(seed), parse.GetValue(json), parse.GetValue(printScenario))
            {
                Replications = parse.GetValue(replications),
                ConfidenceLevel = parse.GetValue(confidence),
            },
            output,
            error));
        return command;
    }

    /// <summary>More replications than anyone needs for a plan check; a guard against a typo that would run for hours.</summary>
    public const int MaximumReplications = 1000;

    public static int Run(SimulateRequest request, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (!TryLoad(request.ScenarioPath, error, out var scenario))
        {
            return InvalidInput;
        }

        if (request.PrintScenario)
        {
            output.WriteLine(SimulationJson.Serialize(scenario));
            return 0;
        }

        // A progress bar only for a person at a terminal: never into a pipe, a file or a test's writer.
        var interactive = !request.Json && TerminalConsole.IsTerminal(output);
        if (request.Replications > 1)
        {
            var summary = RunReplications(scenario, request, interactive);
            if (request.Json)
            {
                output.WriteLine(JsonSerializer.Serialize(summary, SimulationJson.Options));
            }
            else
            {
                ReplicationTables.Write(TerminalConsole.Create(output, interactive), summary);
            }

            return 0;
        }

        var result = interactive ? RunWithProgress(scenario, request.Seed) : Simulator.Run(scenario, request.Seed);
        long peakWorkingSet;
        using (var process = Process.GetCurrentProcess())
        {
            peakWorkingSet = process.PeakWorkingSet64;
        }

        var statistics = new RunStatistics(
            result.Statistics.ContactsSimulated,
            result.Statistics.EventsProcessed,
            result.Statistics.WallClock,
            result.Statistics.ContactsPerSecond,
            peakWorkingSet);
        if (request.Json)
        {
            output.WriteLine(JsonSerializer.Serialize(new SimulateOutput(result.Report, statistics), SimulationJson.Options));
        }
        else
        {
            SimulationTables.Write(TerminalConsole.Create(output, interactive), result.Report, statistics);
        }

        return 0;
    }

    private static bool TryLoad(string? path, TextWriter error, out Scenario scenario)
    {
        scenario = SampleCentre.Scenario;
        if (path is null)
        {
            return true;
        }

        try
        {
            using var stream = File.OpenRead(path);
            scenario = ScenarioLoader.Load(stream);
            return true;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            error.WriteLine($"switchboard simulate: scenario file '{path}' was not found.");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"switchboard simulate: cannot read scenario file '{path}': {e.Message}");
        }
        catch (ScenarioException e)
        {
            error.WriteLine($"switchboard simulate: invalid scenario '{path}': {e.Message}");
        }

        return false;
    }

    /// <summary>Runs the replications side by side on every core; each has its own seed, so the summary is the same however they are scheduled.</summary>
    private static ReplicationSummary RunReplications(Scenario scenario, SimulateRequest request, bool interactive)
    {
        var reports = new SimulationReport[request.Replications];
        if (interactive)
        {
            AnsiConsole.Progress().Start(context =>
            {
                var task = context.AddTask($"Simulating {scenario.Name} x {request.Replications}", maxValue: request.Replications);
                RunAll(scenario, request.Seed, reports, () => task.Increment(1));
            });
        }
        else
        {
            RunAll(scenario, request.Seed, reports, static () => { });
        }

        return ReplicationSummary.From(scenario, reports, request.ConfidenceLevel);
    }

    private static void RunAll(Scenario scenario, int firstSeed, SimulationReport[] reports, Action done)
    {
        var doneLock = new Lock();
        Parallel.For(0, reports.Length, r =>
        {
            reports[r] = Simulator.Run(scenario, unchecked(firstSeed + r)).Report;
            lock (doneLock)
            {
                done();
            }
        });
    }

    private static SimulationResult RunWithProgress(Scenario scenario, int seed)
    {
        SimulationResult? result = null;
        AnsiConsole.Progress().Start(context =>
        {
            var task = context.AddTask($"Simulating {scenario.Name}", maxValue: 1);
            result = Simulator.Run(scenario, seed, progress: new TaskProgress(task));
        });
        return result!;
    }

    private sealed class TaskProgress(ProgressTask task) : IProgress<double>
    {
        public void Report(double value) => task.Value = value;
    }
}

/// <summary>The parsed arguments of <c>switchboard simulate</c>.</summary>
/// <param name="ScenarioPath">The scenario file; null for the built-in sample centre.</param>
internal sealed record SimulateRequest(string? ScenarioPath, int Seed, bool Json, bool PrintScenario)
{
    /// <summary>How many runs; above 1 the output is a <see cref="ReplicationSummary"/> instead of one report.</summary>
    public int Replications { get; init; } = 1;

    public double ConfidenceLevel { get; init; } = 0.95;
}

/// <summary>What <c>--json</c> prints: the report and how the run went.</summary>
internal sealed record SimulateOutput(SimulationReport Report, RunStatistics Statistics);

/// <summary>The simulation's statistics plus the process's peak working set (bytes), which only the host can measure.</summary>
internal sealed record RunStatistics(long ContactsSimulated, long EventsProcessed, TimeSpan WallClock, double ContactsPerSecond, long PeakWorkingSetBytes);

/// <summary>The human-readable report: per queue totals, agent groups, then one row per interval.</summary>
internal static class SimulationTables
{
    public static void Write(IAnsiConsole console, SimulationReport report, RunStatistics statistics)
    {
        console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"Scenario {report.Scenario}, seed {report.Seed}: {report.Start:yyyy-MM-dd HH:mm} UTC for {report.Duration.TotalHours:0.##} h, {report.IntervalLength.TotalMinutes:0} min intervals"));

        // Narrow tables (a few columns each) so the report reads in an 80-column terminal too.
        var volumes = new Table().Title("Queues: contacts").AddColumns("Queue", "Offered", "Answered", "Abandoned", "Short ab.", "Waiting at end", "Callbacks");
        var waits = new Table().Title("Queues: waiting").AddColumns("Queue", "SL (threshold)", "ASA", "Longest", "Est. MAE", "Est. bias", "Est. in range");
        foreach (var q in report.Queues)
        {
            volumes.AddRow(VolumeRow(q));
            waits.AddRow(WaitRow(q));
        }

        volumes.AddRow(VolumeRow(report.Total));
        waits.AddRow(WaitRow(report.Total));
        console.Write(volumes);
        console.Write(waits);

        var groups = new Table().Title("Agent groups").AddColumns("Group", "Agents", "Staffed h", "Busy h", "Occupancy");
        foreach (var g in report.AgentGroups)
        {
            groups.AddRow(Markup.Escape(g.Group), Count(g.Agents), Hours(g.StaffedTime), Hours(g.BusyTime), Percent(g.Occupancy));
        }

        console.Write(groups);

        var intervals = new Table().Title("Intervals: all queues, then service level by queue").AddColumns("Start", "Off.", "Ans.", "Ab.", "SL", "ASA", "Occ.");
        foreach (var q in report.Queues)
        {
            intervals.AddColumn(Markup.Escape(q.Queue));
        }

        foreach (var interval in report.Intervals)
        {
            var cells = new List<string>
            {
                interval.Start.ToString("HH:mm", CultureInfo.InvariantCulture),
                Count(interval.Total.Offered),
                Count(interval.Total.Answered),
                Count(interval.Total.Abandoned),
                WholePercent(interval.Total.ServiceLevel),
                Seconds(interval.Total.AverageSpeedOfAnswer),
                WholePercent(interval.Occupancy),
            };
            foreach (var q in interval.Queues)
            {
                cells.Add(WholePercent(q.ServiceLevel));
            }

            intervals.AddRow(cells.ToArray());
        }

        console.Write(intervals);
        console.WriteLine("Off. offered, Ans. answered, Ab. abandoned, by arrival interval; Occ. occupancy; Est. the wait announced on arrival against the actual wait.");
        console.WriteLine("Service level: " + report.Definitions.ServiceLevel + ".");
        console.WriteLine("Occupancy: " + report.Definitions.Occupancy + ".");
        console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"Simulated {statistics.ContactsSimulated:N0} contacts in {statistics.WallClock.TotalSeconds:0.00} s ({statistics.ContactsPerSecond:N0} contacts/s), peak working set {statistics.PeakWorkingSetBytes / (1024.0 * 1024):0} MiB."));
    }

    private static string[] VolumeRow(QueueFigures q) =>
    [
        Markup.Escape(q.Queue),
        Count(q.Offered),
        Count(q.Answered),
        Count(q.Abandoned),
        Count(q.ShortAbandoned),
        Count(q.WaitingAtEnd),
        Count(q.CallbacksRequested),
    ];

    private static string[] WaitRow(QueueFigures q) =>
    [
        Markup.Escape(q.Queue),
        Percent(q.ServiceLevel) + (q.ServiceLevelThreshold is { } t ? " (" + Seconds(t) + ")" : ""),
        Seconds(q.AverageSpeedOfAnswer),
        Seconds(q.LongestWait),
        Seconds(q.WaitEstimateMeanAbsoluteError),
        Seconds(q.WaitEstimateMeanError),
        Percent(q.WaitEstimateWithinRange),
    ];

    private static string Count(int value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Percent(double? value) => value is { } v ? (v * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%" : "-";

    private static string WholePercent(double? value) => value is { } v ? (v * 100).ToString("0", CultureInfo.InvariantCulture) + "%" : "-";

    private static string Seconds(TimeSpan? value) => value is { } v ? v.TotalSeconds.ToString("0", CultureInfo.InvariantCulture) + "s" : "-";

    private static string Hours(TimeSpan value) => value.TotalHours.ToString("0.0", CultureInfo.InvariantCulture);
}
