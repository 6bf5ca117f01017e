using Spectre.Console;

namespace Switchboard;

/// <summary>Spectre.Console over a command's writer: colour and live widgets only for a person at a terminal.</summary>
internal static class TerminalConsole
{
    /// <summary>Whether <paramref name="output"/> is the process's own, unredirected, interactive terminal (never a pipe, a file or a test's writer).</summary>
    public static bool IsTerminal(TextWriter output) =>
        ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;

    public static IAnsiConsole Create(TextWriter output, bool interactive)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = interactive ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = interactive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        if (!interactive)
        {
            // Redirected output has no width of its own; wide enough that wide tables never wrap.
            console.Profile.Width = 200;
        }

        return console;
    }
}
