using System.CommandLine;
using Switchboard.Simulate;

return SwitchboardCli.Run(args, Console.Out, Console.Error);

/// <summary>The <c>switchboard</c> command line: one subcommand per feature folder.</summary>
internal static class SwitchboardCli
{
    /// <summary>Parses and runs a command, writing to the given writers (tests pass their own).</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var root = new RootCommand("Switchboard: an open-source contact-centre platform (ISO 18295).")
        {
            SimulateCommand.Create(output, error),
        };
        return root.Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
    }
}
