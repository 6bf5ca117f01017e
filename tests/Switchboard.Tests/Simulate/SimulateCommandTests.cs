using System.Text.Json;

namespace Switchboard.Tests.Simulate;

public class SimulateCommandTests
{
    [Fact]
    public void Simulate_Json_PrintsTheReportAndStatistics()
    {
        var (output, error) = (new StringWriter(), new StringWriter());

        var exitCode = SwitchboardCli.Run(["simulate", "--json", "--seed", "5"], output, error);

        Assert.Equal(0, exitCode);
        Assert.Equal("", error.ToString());
        using var json = JsonDocument.Parse(output.ToString());
        var report = json.RootElement.GetProperty("report");
        Assert.Equal("sample-centre", report.GetProperty("scenario").GetString());
        Assert.Equal(5, report.GetProperty("seed").GetInt32());
        Assert.Equal(900, report.GetProperty("intervalLength").GetDouble());
        Assert.Equal(3, report.GetProperty("queues").GetArrayLength());
        Assert.Equal(48, report.GetProperty("intervals").GetArrayLength());
        var total = report.GetProperty("total");
        Assert.True(total.GetProperty("offered").GetInt32() > 0);
        Assert.InRange(total.GetProperty("serviceLevel").GetDouble(), 0, 1);
        Assert.Equal(JsonValueKind.Number, total.GetProperty("averageSpeedOfAnswer").ValueKind);
        Assert.Equal(JsonValueKind.Number, total.GetProperty("waitEstimateMeanAbsoluteError").ValueKind);
        Assert.Equal(JsonValueKind.Number, report.GetProperty("intervals")[10].GetProperty("occupancy").ValueKind);
        Assert.Contains("serviceLevelThreshold", report.GetProperty("definitions").GetProperty("serviceLevel").GetString(), StringComparison.Ordinal);
        var statistics = json.RootElement.GetProperty("statistics");
        Assert.True(statistics.GetProperty("contactsSimulated").GetInt64() > 0);
        Assert.True(statistics.GetProperty("contactsPerSecond").GetDouble() > 0);
        Assert.True(statistics.GetProperty("peakWorkingSetBytes").GetInt64() > 0);
    }

    [Fact]
    public void Simulate_Default_PrintsTables()
    {
        var (output, error) = (new StringWriter(), new StringWriter());

        var exitCode = SwitchboardCli.Run(["simulate"], output, error);

        Assert.Equal(0, exitCode);
        var text = output.ToString();
        Assert.Contains("Queues", text, StringComparison.Ordinal);
        Assert.Contains("billing", text, StringComparison.Ordinal);
        Assert.Contains("19:45", text, StringComparison.Ordinal);
        Assert.Contains("contacts/s", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Simulate_MalformedScenario_ExitsTwoNamingTheField()
    {
        var path = Path.Combine(Path.GetTempPath(), $"switchboard-{Guid.NewGuid():N}.json");
        var scenario = new StringWriter();
        SwitchboardCli.Run(["simulate", "--print-scenario"], scenario, new StringWriter());
        File.WriteAllText(path, scenario.ToString().Replace("\"count\": 5,", "\"count\": -5,", StringComparison.Ordinal));
        var (output, error) = (new StringWriter(), new StringWriter());
        try
        {
            var exitCode = SwitchboardCli.Run(["simulate", "--scenario", path], output, error);

            Assert.Equal(2, exitCode);
            Assert.Contains("agentGroups[0].count: must be >= 1", error.ToString(), StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", error.ToString(), StringComparison.Ordinal);
            Assert.Equal("", output.ToString());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Simulate_MissingScenarioFile_ExitsTwoSayingItWasNotFound()
    {
        var path = Path.Combine(Path.GetTempPath(), $"switchboard-missing-{Guid.NewGuid():N}.json");
        var (output, error) = (new StringWriter(), new StringWriter());

        var exitCode = SwitchboardCli.Run(["simulate", "--scenario", path], output, error);

        Assert.Equal(2, exitCode);
        Assert.Contains($"scenario file '{path}' was not found", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Simulate_PrintedScenarioFile_GivesTheSameReportAsTheBuiltIn()
    {
        var path = Path.Combine(Path.GetTempPath(), $"switchboard-{Guid.NewGuid():N}.json");
        var scenario = new StringWriter();
        SwitchboardCli.Run(["simulate", "--print-scenario"], scenario, new StringWriter());
        File.WriteAllText(path, scenario.ToString());
        var (builtIn, fromFile) = (new StringWriter(), new StringWriter());
        try
        {
            SwitchboardCli.Run(["simulate", "--json"], builtIn, new StringWriter());

            var exitCode = SwitchboardCli.Run(["simulate", "--json", "--scenario", path], fromFile, new StringWriter());

            Assert.Equal(0, exitCode);
            using var a = JsonDocument.Parse(builtIn.ToString());
            using var b = JsonDocument.Parse(fromFile.ToString());
            Assert.Equal(a.RootElement.GetProperty("report").GetRawText(), b.RootElement.GetProperty("report").GetRawText());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Simulate_Replications_PrintsEachQueueWithAnIntervalAndAVerdict()
    {
        var (output, error) = (new StringWriter(), new StringWriter());

        var exitCode = SwitchboardCli.Run(["simulate", "--replications", "3", "--seed", "10", "--json"], output, error);

        Assert.Equal(0, exitCode);
        Assert.Equal("", error.ToString());
        using var json = JsonDocument.Parse(output.ToString());
        Assert.Equal([10, 11, 12], json.RootElement.GetProperty("seeds").EnumerateArray().Select(s => s.GetInt32()));
        Assert.Equal(0.95, json.RootElement.GetProperty("confidenceLevel").GetDouble());
        var sales = json.RootElement.GetProperty("queues")[0];
        Assert.Equal("sales", sales.GetProperty("queue").GetString());
        Assert.Equal(0.8, sales.GetProperty("serviceLevelTarget").GetDouble());
        var level = sales.GetProperty("serviceLevel");
        Assert.InRange(level.GetProperty("mean").GetDouble(), 0, 1);
        Assert.True(level.GetProperty("halfWidth").GetDouble() > 0);
        Assert.Equal(3, level.GetProperty("replications").GetInt32());
        Assert.Contains(sales.GetProperty("verdict").GetString(), new[] { "met", "notMet", "inconclusive" });
    }

    [Fact]
    public void Simulate_ReplicationsAsTables_ShowsTheVerdicts()
    {
        var (output, error) = (new StringWriter(), new StringWriter());

        var exitCode = SwitchboardCli.Run(["simulate", "--replications", "2"], output, error);

        Assert.Equal(0, exitCode);
        Assert.Contains("2 replications (seeds 1-2), 95% confidence intervals", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("technical", output.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--seed", "abc", "'abc'")]
    [InlineData("--replications", "0", "--replications must be between 2 and 1000")]
    [InlineData("--confidence", "1.5", "--confidence must lie strictly between 0 and 1")]
    public void Simulate_BadArgument_ExitsTwoWithoutRunning(string option, string value, string message)
    {
        var (output, error) = (new StringWriter(), new StringWriter());

        var exitCode = SwitchboardCli.Run(["simulate", option, value], output, error);

        Assert.Equal(2, exitCode);
        Assert.Contains(message, error.ToString(), StringComparison.Ordinal);
        Assert.Equal("", output.ToString());
    }
}
