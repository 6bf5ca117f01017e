using System.Text.Json;

namespace Switchboard.Tests.CallFlows;

public sealed class FlowCommandTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("flows").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private static string Example()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Switchboard.slnx")))
        {
            directory = directory.Parent;
        }

        return Path.Combine(directory?.FullName ?? throw new InvalidOperationException("Not inside the repository."), "docs", "examples", "call-flow.yaml");
    }

    private string Write(string text)
    {
        var path = Path.Combine(folder, "flow.yaml");
        File.WriteAllText(path, text);
        return path;
    }

    private static (int Exit, string Output, string Error) Run(params string[] args)
    {
        var (output, error) = (new StringWriter(), new StringWriter());
        var exit = SwitchboardCli.Run(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    /// <summary>A menu of five choices plus 0: one over the default limit.</summary>
    internal const string TooMany = """
        name: wide
        languages: [en-GB]
        start: main
        prompts:
          menu: { en-GB: "Press a key." }
        nodes:
          main:
            type: menu
            say: menu
            options: { 1: q, 2: q, 3: q, 4: q, 5: q, 0: q }
            fallback: q
          q: { type: queue, queue: general }
        """;

    [Fact]
    public void TheDocumentedExample_Passes()
    {
        var (exit, output, error) = Run("flow", "lint", Example());

        Assert.Equal("", error);
        Assert.Equal(0, exit);
        Assert.Contains("acme-support: 0 error(s), 0 warning(s)", output, StringComparison.Ordinal);
    }

    [Fact]
    public void AMenuWithFiveChoices_ExitsOne_NamingTheNode_UnlessTheLimitIsRaised()
    {
        var path = Write(TooMany);

        var (exit, output, _) = Run("flow", "lint", path);
        Assert.Equal(1, exit);
        Assert.Contains("error too-many-options at 'main'", output, StringComparison.Ordinal);

        Assert.Equal(0, Run("flow", "lint", path, "--max-options", "5").Exit);
    }

    [Fact]
    public void Json_ListsTheFindings()
    {
        var (exit, output, _) = Run("flow", "lint", Write(TooMany), "--json");

        Assert.Equal(1, exit);
        using var json = JsonDocument.Parse(output);
        Assert.False(json.RootElement.GetProperty("passes").GetBoolean());
        var finding = Assert.Single(json.RootElement.GetProperty("findings").EnumerateArray());
        Assert.Equal("main", finding.GetProperty("node").GetString());
        Assert.Equal("too-many-options", finding.GetProperty("rule").GetString());
        Assert.Equal("error", finding.GetProperty("severity").GetString());
    }

    [Theory]
    [InlineData("name: x\nlanguages: [en-GB]\nstart: q\nnodes:\n  q: { type: queue, queue: general, colour: red }\n", "line 5: nodes.q: unknown key 'colour'")]
    [InlineData("name: x\nlanguages: [en-GB]\nstart: q\nnodes:\n  q: { type: queu, queue: general }\n", "line 5: nodes.q: unknown type 'queu'")]
    [InlineData("name: x\nlanguages: [english!]\nstart: q\nnodes:\n  q: { type: queue, queue: general }\n", "'english!' is not a BCP 47 language tag")]
    [InlineData("name: x\nlanguages: [en-GB]\nstart: q\nnodes:\n  q: { type: queue, queue: general, skills: [\"billing>=9\"] }\n", "'billing>=9' is not a skill")]
    [InlineData("name: x\nlanguages: [en-GB]\nstart: m\nnodes:\n  m: { type: message, say: hi }\n", "a message has either next")]
    [InlineData("name: x\nlanguages: [en-GB]\nstart: m\nnodes:\n  m: { type: menu, say: hi, options: { 12: m }, fallback: m }\n", "'12' is not one telephone key")]
    [InlineData("name: [x\n", "not valid YAML or JSON")]
    public void AFileThatCannotBeRead_ExitsTwo_WithTheLineOnStderr(string text, string expected)
    {
        var (exit, output, error) = Run("flow", "lint", Write(text));

        Assert.Equal(2, exit);
        Assert.Equal("", output);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void JsonFlows_AreReadToo()
    {
        var path = Write("""
            { "name": "j", "languages": ["en-GB"], "start": "q", "prompts": {}, "nodes": { "q": { "type": "queue", "queue": "general" } } }
            """);

        Assert.Equal(0, Run("flow", "lint", path).Exit);
    }

    [Fact]
    public void AMissingFileOrBadOption_ExitsTwo()
    {
        Assert.Equal(2, Run("flow", "lint", Path.Combine(folder, "absent.yaml")).Exit);
        var (exit, _, error) = Run("flow", "lint", Write(TooMany), "--human-key", "10");
        Assert.Equal(2, exit);
        Assert.Contains("--human-key", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("../escape")]
    [InlineData(".hidden")]
    public void APromptIdThatIsNotAFileName_IsRefused(string id)
    {
        var path = Write($"name: x\nlanguages: [en-GB]\nstart: q\nprompts:\n  \"{id}\": {{ en-GB: Hello }}\nnodes:\n  q: {{ type: queue, queue: general }}\n");

        var (exit, _, error) = Run("flow", "lint", path);

        Assert.Equal(2, exit);
        Assert.Contains("a prompt's id may hold letters, digits", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Prompts_AreSpokenAsTelephoneAudio_AndKeptWhenTheirWordsHaveNotChanged()
    {
        var espeak = Espeak();
        var output = Path.Combine(folder, "prompts");
        var (exit, printed, error) = Run("flow", "prompts", Example(), "--output", output, "--espeak", espeak);

        Assert.True(exit == 0, error);
        Assert.Contains("10 prompt(s) recorded, 0 unchanged", printed, StringComparison.Ordinal);
        foreach (var language in new[] { "en-GB", "fr-FR" })
        {
            using var reader = new NAudio.Wave.WaveFileReader(Path.Combine(output, language, "welcome.wav"));
            Assert.Equal(8000, reader.WaveFormat.SampleRate);
            Assert.Equal(1, reader.WaveFormat.Channels);
            Assert.Equal(16, reader.WaveFormat.BitsPerSample);
            Assert.InRange(reader.TotalTime, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(15));
        }

        var welcome = Path.Combine(output, "en-GB", "welcome.wav");
        var written = File.GetLastWriteTimeUtc(welcome);
        var again = Run("flow", "prompts", Example(), "--output", output, "--espeak", espeak);
        Assert.Equal(0, again.Exit);
        Assert.Contains("0 prompt(s) recorded, 10 unchanged", again.Output, StringComparison.Ordinal);
        Assert.Equal(written, File.GetLastWriteTimeUtc(welcome));
    }

    [Fact]
    public void Prompts_WithoutEspeak_ExitOneWithHowToInstallIt()
    {
        var (exit, _, error) = Run("flow", "prompts", Example(), "--output", Path.Combine(folder, "p"), "--espeak", Path.Combine(folder, "no-such-espeak"));

        Assert.Equal(1, exit);
        Assert.Contains("apt-get install espeak-ng", error, StringComparison.Ordinal);
    }

    /// <summary>The espeak-ng .ci/run names (which must then exist), else one on the PATH; without either the test is skipped.</summary>
    private static string Espeak()
    {
        if (Environment.GetEnvironmentVariable("SWITCHBOARD_TEST_ESPEAK") is { Length: > 0 } named)
        {
            Assert.True(File.Exists(named), $"{named} is missing: apt-get install espeak-ng (.ci/run does).");
            return named;
        }

        return (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Select(d => Path.Combine(d, "espeak-ng")).FirstOrDefault(p => Path.IsPathRooted(p) && File.Exists(p))
            ?? throw Xunit.Sdk.SkipException.ForSkip("espeak-ng is not installed: apt-get install espeak-ng.");
    }
}

