using System.CommandLine;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Switchboard.Persistence;
using Switchboard.Server.Contracts;
using Switchboard.Server.Hosting;
using Switchboard.Simulate;

namespace Switchboard.CallFlows;

/// <summary>
/// <c>switchboard flow lint FILE [--client C] [--max-levels N] [--max-options N] [--human-key K] [--max-failed-inputs N] [--json]</c>:
/// checks a call flow as saving it will, against the client's contracted limits or the defaults. Exit 0: no error (warnings allowed); 1: the flow breaks a rule; 2: the file
/// cannot be read.
/// </summary>
internal static class FlowCommand
{
    public const int RuleBroken = 1;

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static Command Create(TextWriter output, TextWriter error)
    {
        var file = new Argument<FileInfo>("file") { Description = "The flow definition (YAML or JSON)." };
        var levels = new Option<int?>("--max-levels") { Description = $"Menu levels allowed on the longest path. Default {CallFlowRules.Default.MaxMenuLevels}." };
        var options = new Option<int?>("--max-options") { Description = $"Choices a menu may offer besides the key to a person. Default {CallFlowRules.Default.MaxOptions}." };
        var human = new Option<string?>("--human-key") { Description = $"The key that reaches a person at every menu. Default {CallFlowRules.Default.HumanDigit}." };
        var failed = new Option<int?>("--max-failed-inputs") { Description = $"Failed or empty inputs after which a menu must hand over to a person. Default {CallFlowRules.Default.MaxFailedInputs}." };
        var json = new Option<bool>("--json") { Description = "Print the findings as JSON." };
        var client = new Option<string?>("--client") { Description = "Check against this client's contract's limits (from the database); options given still override them." };
        var lint = new Command("lint", "Check a call flow: at most a few short menus, a person reachable from every menu and after failed inputs, no dead ends, every prompt in every language.")
        {
            file, levels, options, human, failed, json, client, ServeCommand.Database, ServeCommand.ConnectionString, ServeCommand.DataFolder,
        };
        lint.SetAction((parse, cancellationToken) => LintAsync(
            new LintRequest(parse.GetValue(file)!, parse.GetValue(levels), parse.GetValue(options), parse.GetValue(human), parse.GetValue(failed), parse.GetValue(json)),
            parse.GetValue(client), ServeCommand.ArgumentsFrom(parse), output, error, cancellationToken));
        var promptsFile = new Argument<FileInfo>("file") { Description = "The flow definition (YAML or JSON)." };
        var folder = new Option<DirectoryInfo>("--output") { Description = "Where the recordings go: one folder per language, one WAV file per prompt.", Required = true };
        var espeak = new Option<string>("--espeak") { Description = "The espeak-ng program. Default: espeak-ng on the PATH.", DefaultValueFactory = _ => "espeak-ng" };
        var prompts = new Command("prompts", "Make the flow's prompts by speech synthesis (espeak-ng) as 8 kHz telephone audio; prompts whose words have not changed are kept.")
        {
            promptsFile, folder, espeak,
        };
        prompts.SetAction((parse, cancellationToken) => RecordAsync(parse.GetValue(promptsFile)!, parse.GetValue(folder)!, parse.GetValue(espeak)!, output, error, cancellationToken));
        return new Command("flow", "Call flows (IVR) for the voice channel.") { lint, prompts };
    }

    private sealed record LintRequest(FileInfo File, int? Levels, int? Options, string? Human, int? Failed, bool Json);

    private static async Task<int> LintAsync(LintRequest request, string? client, string[] databaseArguments, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (client is null)
        {
            return Lint(request, CallFlowRules.Default, output, error);
        }

        return await CommandHost.WithServicesAsync(databaseArguments, error, async services =>
        {
            var db = services.GetRequiredService<SwitchboardDb>();
            if (!await db.Clients.AnyAsync(c => c.Id == client, cancellationToken))
            {
                await error.WriteLineAsync($"switchboard flow lint: --client: no client '{client}'");
                return SimulateCommand.InvalidInput;
            }

            var contract = await ContractsApi.ContractAsync(db, client, cancellationToken);
            if (contract is null)
            {
                await error.WriteLineAsync($"switchboard flow lint: client '{client}' has no contract: the default limits apply");
            }

            return Lint(request, contract?.CallFlows ?? CallFlowRules.Default, output, error);
        }, cancellationToken);
    }

    private static int Lint(LintRequest request, CallFlowRules contracted, TextWriter output, TextWriter error)
    {
        var (file, levels, options, human, failed, json) = request;
        var problems = new List<string>();
        if (levels is < 1)
        {
            problems.Add($"--max-levels: must be at least 1 (got {levels})");
        }

        if (options is < 1 or > 11)
        {
            problems.Add($"--max-options: must be 1 to 11 (got {options})");
        }

        if (human is not null && (human.Length != 1 || !"0123456789*#".Contains(human, StringComparison.Ordinal)))
        {
            problems.Add($"--human-key: must be one telephone key, 0-9, * or # (got '{human}')");
        }

        if (failed is < 1)
        {
            problems.Add($"--max-failed-inputs: must be at least 1 (got {failed})");
        }

        if (problems.Count > 0)
        {
            return Refuse(problems, error, "lint");
        }

        if (!TryRead(file, out var flow, out var unread))
        {
            return Refuse(unread, error, "lint");
        }

        var defaults = contracted;
        var rules = new CallFlowRules
        {
            MaxMenuLevels = levels ?? defaults.MaxMenuLevels,
            MaxOptions = options ?? defaults.MaxOptions,
            HumanDigit = human is { Length: 1 } ? human[0] : defaults.HumanDigit,
            MaxFailedInputs = failed ?? defaults.MaxFailedInputs,
        };
        var findings = CallFlowLinter.Lint(flow, rules);
        if (json)
        {
            output.WriteLine(JsonSerializer.Serialize(
                new
                {
                    flow = flow.Name,
                    passes = CallFlowLinter.Passes(findings),
                    findings = findings.Select(f => new { node = f.Node, rule = f.Rule, severity = f.Severity == FindingSeverity.Error ? "error" : "warning", message = f.Message }),
                },
                Indented));
        }
        else
        {
            foreach (var finding in findings)
            {
                output.WriteLine($"{file.Name}: {finding}");
            }

            var errors = findings.Count(f => f.Severity == FindingSeverity.Error);
            output.WriteLine($"{flow.Name}: {errors} error(s), {findings.Count - errors} warning(s)");
        }

        return CallFlowLinter.Passes(findings) ? 0 : RuleBroken;
    }

    private static async Task<int> RecordAsync(FileInfo file, DirectoryInfo folder, string espeak, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (!TryRead(file, out var flow, out var problems))
        {
            return Refuse(problems, error, "prompts");
        }

        PromptRecording recording;
        try
        {
            recording = await new PromptRecorder(espeak).RecordAsync(flow, folder.FullName, cancellationToken);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            error.WriteLine($"switchboard flow prompts: {espeak} could not be run: install it (apt-get install espeak-ng) or name it with --espeak");
            return RuleBroken;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            error.WriteLine($"switchboard flow prompts: {e.Message}");
            return RuleBroken;
        }

        foreach (var problem in recording.Problems)
        {
            error.WriteLine($"switchboard flow prompts: {problem}");
        }

        output.WriteLine($"{flow.Name}: {recording.Recorded} prompt(s) recorded, {recording.Unchanged} unchanged, in {folder.FullName}");
        return recording.Problems.Count == 0 ? 0 : RuleBroken;
    }

    private static bool TryRead(FileInfo file, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out CallFlow? flow, out List<string> problems)
    {
        flow = null;
        problems = [];
        string text;
        try
        {
            text = File.ReadAllText(file.FullName);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            problems.Add($"{file.Name}: cannot be read ({e.Message})");
            return false;
        }

        var reading = CallFlowFile.Read(text);
        problems.AddRange(reading.Problems.Select(p => $"{file.Name}: {p}"));
        flow = reading.Flow;
        return flow is not null;
    }

    private static int Refuse(IEnumerable<string> problems, TextWriter error, string command)
    {
        foreach (var problem in problems)
        {
            error.WriteLine($"switchboard flow {command}: {problem}");
        }

        return SimulateCommand.InvalidInput;
    }
}
