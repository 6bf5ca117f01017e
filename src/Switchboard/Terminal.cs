using Spectre.Console;

namespace Switchboard;

/// <summary>How commands talk to a terminal: colour and progress for a person, plain text for pipes, files and tests.</summary>
internal static class Terminal
{
    /// <summary>True when <paramref name="output"/> is the process's own stdout and that is an interactive terminal.</summary>
    public static bool IsInteractive(TextWriter output) =>
        ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;

    /// <summary>A Spectre console over <paramref name="output"/>; without a terminal, no colour and <paramref name="width"/> columns.</summary>
    public static IAnsiConsole Create(TextWriter output, bool interactive, int width)
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
            // Redirected output has no width of its own.
            console.Profile.Width = width;
        }

        return console;
    }
}
