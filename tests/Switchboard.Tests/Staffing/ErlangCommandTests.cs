using System.Text.Json;

namespace Switchboard.Tests.Staffing;

public class ErlangCommandTests
{
    [Fact]
    public void Erlang_CallCentreHelperExample_PrintsThePublishedFigures()
    {
        var (output, error) = (new StringWriter(), new StringWriter());

        var exitCode = SwitchboardCli.Run(["erlang", "--calls", "100", "--interval", "30m", "--aht", "180s", "--agents", "14", "--target", "80/20s", "--json"], output, error);

        Assert.Equal(0, exitCode);
        Assert.Equal("", error.ToString());
        using var json = JsonDocument.Parse(output.ToString());
        var root = json.RootElement;
        Assert.Equal("erlang-c", root.GetProperty("model").GetString());
        Assert.Equal(10, root.GetProperty("offeredLoad").GetDouble(), 12);
        Assert.Equal(0.8883500191794669, root.GetProperty("serviceLevel").GetDouble(), 12);
        Assert.Equal(0.1741319335950498, root.GetProperty("probabilityOfWaiting").GetDouble(), 12);
        Assert.Equal(7.835937, root.GetProperty("averageSpeedOfAnswerSeconds").GetDouble(), 5);
        Assert.Equal(14, root.GetProperty("requiredAgents").GetInt32());
    }

    [Fact]
    public void Erlang_WithPatience_UsesErlangAAndReportsAbandonment()
    {
        var (output, error) = (new StringWriter(), new StringWriter());

        var exitCode = SwitchboardCli.Run(["erlang", "--calls", "360", "--interval", "1800", "--aht", "4m", "--target", "80/20", "--patience", "2m", "--definition", "excluding-abandons-within-threshold", "--json"], output, error);

        Assert.Equal(0, exitCode);
        using var json = JsonDocument.Parse(output.ToString());
        var root = json.RootElement;
        Assert.Equal("erlang-a", root.GetProperty("model").GetString());
        Assert.Equal("excluding-abandons-within-threshold", root.GetProperty("definition").GetString());
        Assert.InRange(root.GetProperty("abandonment").GetDouble(), 0.001, 0.2);
        Assert.True(root.GetProperty("serviceLevel").GetDouble() >= 0.8);
        Assert.Equal(root.GetProperty("agents").GetInt32(), root.GetProperty("requiredAgents").GetInt32());
    }

    [Fact]
    public void Erlang_Table_ShowsEveryFigure()
    {
        var (output, error) = (new StringWriter(), new StringWriter());

        var exitCode = SwitchboardCli.Run(["erlang", "--calls", "100", "--aht", "3m", "--agents", "12"], output, error);

        Assert.Equal(0, exitCode);
        var text = output.ToString();
        foreach (var figure in new[] { "Erlang C", "Service level", "Average speed of answer", "Abandonment", "Occupancy", "Probability of waiting", "Agents required" })
        {
            Assert.Contains(figure, text, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("--aht", "3x", "--aht: '3x' is not a duration")]
    [InlineData("--interval", "0", "--interval: must be longer than zero")]
    [InlineData("--target", "120/20s", "--target: the target percent must be from 0 up to (not including) 100")]
    [InlineData("--target", "80-20", "--target: '80-20' is not a target")]
    [InlineData("--calls", "-5", "--calls: must be a number of contacts, at least 0")]
    [InlineData("--definition", "lenient", "--definition: 'lenient' is not a service-level definition")]
    public void Erlang_BadInput_ExitsTwoNamingTheOption(string option, string value, string message)
    {
        var args = new List<string> { "erlang", "--calls", "100", "--aht", "180s" };
        var existing = args.IndexOf(option);
        if (existing >= 0)
        {
            args[existing + 1] = value;
        }
        else
        {
            args.AddRange([option, value]);
        }

        var (output, error) = (new StringWriter(), new StringWriter());

        var exitCode = SwitchboardCli.Run([.. args], output, error);

        Assert.Equal(2, exitCode);
        Assert.Contains(message, error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error.ToString(), StringComparison.Ordinal);
        Assert.Equal("", output.ToString());
    }
}
