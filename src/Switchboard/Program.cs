using System.CommandLine;
using Switchboard.CallFlows;
using Switchboard.Forecast;
using Switchboard.Server.Administration;
using Switchboard.Server.ClientReports;
using Switchboard.Server.Demo;
using Switchboard.Server.Hosting;
using Switchboard.Simulate;
using Switchboard.Staffing;

return await SwitchboardCli.RunAsync(args, Console.Out, Console.Error);

/// <summary>The <c>switchboard</c> command line: one subcommand per feature folder.</summary>
internal static class SwitchboardCli
{
    /// <summary>Parses and runs a command, writing to the given writers (tests pass their own).</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error) => RunAsync(args, output, error).GetAwaiter().GetResult();

    /// <summary>Parses and runs a command; with no command at all, runs the server.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        var root = new RootCommand("Switchboard: an open-source contact-centre platform (ISO 18295). With no command, runs the server.")
        {
            ServeCommand.Create(output, error),
            AdminCommand.Create(output, error),
            ForecastCommand.Create(output, error),
            SimulateCommand.Create(output, error),
            ErlangCommand.Create(output, error),
            PlanCommand.Create(output, error),
            ReportCommand.Create(output, error),
            DemoCommand.Create(output, error),
            FlowCommand.Create(output, error),
        };
        root.SetAction((_, cancellationToken) => ServeCommand.RunAsync([], output, error, cancellationToken));
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            // Bad arguments are bad input, like a bad scenario: one message each, exit code 2, no stack trace.
            foreach (var problem in parsed.Errors)
            {
                error.WriteLine($"switchboard: {problem.Message}");
            }

            error.WriteLine("Run 'switchboard --help' for usage.");
            return SimulateCommand.InvalidInput;
        }

        return await parsed.InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
    }
}
