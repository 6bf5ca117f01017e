using System.Text.Json;

namespace Switchboard.Tests.Staffing;

public sealed class PlanCommandTests : IDisposable
{
    private const string Header = "queue,interval_start,calls,aht_seconds,patience_seconds,target_percent,target_seconds";

    private readonly string folder = Directory.CreateTempSubdirectory("switchboard-plan-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void Plan_Csv_OneResultPerRowWithShrinkage()
    {
        var workload = Write(
            Header,
            "billing,2026-03-02T08:00:00Z,100,180,120,80,20",
            "billing,2026-03-02T08:30:00Z,200,180,120,80,20",
            "sales,2026-03-02T08:00:00Z,50,300,90,90,30",
            "sales,2026-03-02T08:30:00Z,60,300,90,90,30");
        var (output, error) = (new StringWriter(), new StringWriter());

        var exitCode = SwitchboardCli.Run(["plan", "--workload", workload, "--model", "erlang-c", "--shrinkage", "0.3", "--csv"], output, error);

        Assert.Equal(0, exitCode);
        Assert.Equal("", error.ToString());
        var lines = output.ToString().TrimEnd().Split('\n');
        Assert.Equal(5, lines.Length);
        Assert.StartsWith("queue,interval_start,interval_seconds,calls,aht_seconds,offered_load,required_agents,scheduled_agents,", lines[0], StringComparison.Ordinal);

        // Call Centre Helper's example: 100 calls per 30 minutes at 180 s need 14 agents, 20 with 30% shrinkage.
        Assert.StartsWith("billing,2026-03-02T08:00:00Z,1800,100,180,10,14,20,0.88835", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_Json_ErlangAReportsAbandonmentForEveryRow()
    {
        var workload = Write(Header, "q,2026-03-02T08:00:00Z,100,180,60,80,20", "q,2026-03-02T08:15:00Z,120,180,60,80,20");
        var (output, error) = (new StringWriter(), new StringWriter());

        var exitCode = SwitchboardCli.Run(["plan", "--workload", workload, "--json", "--max-occupancy", "0.85"], output, error);

        Assert.Equal(0, exitCode);
        using var json = JsonDocument.Parse(output.ToString());
        Assert.Equal("erlang-a", json.RootElement.GetProperty("model").GetString());
        var rows = json.RootElement.GetProperty("rows");
        Assert.Equal(2, rows.GetArrayLength());
        foreach (var row in rows.EnumerateArray())
        {
            Assert.Equal(900, row.GetProperty("intervalSeconds").GetDouble());
            Assert.True(row.GetProperty("abandonment").GetDouble() > 0);
            Assert.True(row.GetProperty("occupancy").GetDouble() <= 0.85);
            Assert.True(row.GetProperty("serviceLevel").GetDouble() >= 0.8);
        }
    }

    [Fact]
    public void Plan_OutputAndPlot_WritesBothFilesAndASummary()
    {
        var workload = Write(Header, "q,2026-03-02T08:00:00Z,100,180,60,80,20", "q,2026-03-02T08:30:00Z,120,180,60,80,20");
        var (plan, chart) = (Path.Combine(folder, "plan.csv"), Path.Combine(folder, "plan.png"));
        var (output, error) = (new StringWriter(), new StringWriter());

        var exitCode = SwitchboardCli.Run(["plan", "--workload", workload, "--output", plan, "--plot", chart], output, error);

        Assert.Equal(0, exitCode);
        Assert.Equal(3, File.ReadAllLines(plan).Length);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], File.ReadAllBytes(chart)[..4]);
        Assert.Contains("plan written to", output.ToString(), StringComparison.Ordinal);
        Assert.Equal(3, Directory.GetFiles(folder).Length);
    }

    [Fact]
    public void Plan_Table_ShowsEveryQueueAndTheTotals()
    {
        var workload = Write(Header, "billing,2026-03-02T08:00:00Z,100,180,60,80,20", "billing,2026-03-02T08:30:00Z,120,180,60,80,20");
        var (output, error) = (new StringWriter(), new StringWriter());

        var exitCode = SwitchboardCli.Run(["plan", "--workload", workload], output, error);

        Assert.Equal(0, exitCode);
        Assert.Contains("billing", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("2 intervals:", output.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("q,2026-03-02T08:00:00Z,-4,180,60,80,20", "row 1, field calls: must be a number of contacts, at least 0 (got '-4')")]
    [InlineData("q,2026-03-02T08:00:00Z,100,180,60,120,20", "row 1, field target_percent: must be a percent from 0 up to (not including) 100 (got '120')")]
    [InlineData("q,08:00 on Monday,100,180,60,80,20", "row 1, field interval_start: must be an ISO 8601 UTC time")]
    [InlineData("q,2026-03-02T08:00:00+01:00,100,180,60,80,20", "row 1, field interval_start: must be an ISO 8601 UTC time")]
    [InlineData("q,2026-03-02T08:00:00Z,100,3 minutes,60,80,20", "row 1, field aht_seconds: must be a number of seconds above 0 (got '3 minutes')")]
    [InlineData("q,2026-03-02T08:00:00Z,100,180,,80,20", "row 1, field patience_seconds: Erlang A needs the average patience")]
    public void Plan_BadRow_ExitsTwoNamingRowAndFieldAndLeavesNoOutput(string badRow, string message)
    {
        var workload = Write(Header, badRow, "q,2026-03-02T08:30:00Z,100,180,60,80,20");
        var plan = Path.Combine(folder, "plan.csv");
        var (output, error) = (new StringWriter(), new StringWriter());

        var exitCode = SwitchboardCli.Run(["plan", "--workload", workload, "--output", plan], output, error);

        Assert.Equal(2, exitCode);
        Assert.Contains(message, error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error.ToString(), StringComparison.Ordinal);
        Assert.Equal("", output.ToString());
        Assert.Equal([workload], Directory.GetFiles(folder));
    }

    [Fact]
    public void Plan_MissingColumn_ExitsTwoNamingIt()
    {
        var workload = Write("queue,interval_start,calls,patience_seconds,target_percent,target_seconds", "q,2026-03-02T08:00:00Z,100,60,80,20");
        var error = new StringWriter();

        var exitCode = SwitchboardCli.Run(["plan", "--workload", workload], new StringWriter(), error);

        Assert.Equal(2, exitCode);
        Assert.Contains("missing column 'aht_seconds'", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_SingleRowPerQueue_NeedsAnExplicitInterval()
    {
        var workload = Write(Header, "q,2026-03-02T08:00:00Z,100,180,60,80,20");
        var (error, output) = (new StringWriter(), new StringWriter());

        var without = SwitchboardCli.Run(["plan", "--workload", workload], new StringWriter(), error);
        var with = SwitchboardCli.Run(["plan", "--workload", workload, "--interval", "15m", "--csv"], output, new StringWriter());

        Assert.Equal(2, without);
        Assert.Contains("row 1, field interval_start: queue 'q' has a single interval", error.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, with);
        Assert.Contains(",900,100,180,20,", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_GapThatIsNotAWholeNumberOfIntervals_ExitsTwoNamingTheRow()
    {
        var workload = Write(Header, "q,2026-03-02T08:00:00Z,100,180,60,80,20", "q,2026-03-02T08:30:00Z,100,180,60,80,20", "q,2026-03-02T09:15:00Z,100,180,60,80,20");
        var error = new StringWriter();

        var exitCode = SwitchboardCli.Run(["plan", "--workload", workload], new StringWriter(), error);

        Assert.Equal(2, exitCode);
        Assert.Contains("row 3, field interval_start: 45 min after the queue's previous interval", error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--interval", "30x", "--interval: '30x' is not a duration")]
    [InlineData("--shrinkage", "1.2", "--shrinkage: must be a share from 0 up to (not including) 1")]
    [InlineData("--model", "erlang-b", "--model: 'erlang-b' is not a model")]
    [InlineData("--plot", "plan.svg", "--plot: the chart is a PNG file")]
    public void Plan_BadOption_ExitsTwoNamingIt(string option, string value, string message)
    {
        var workload = Write(Header, "q,2026-03-02T08:00:00Z,100,180,60,80,20", "q,2026-03-02T08:30:00Z,100,180,60,80,20");
        var error = new StringWriter();

        var exitCode = SwitchboardCli.Run(["plan", "--workload", workload, option, value], new StringWriter(), error);

        Assert.Equal(2, exitCode);
        Assert.Contains(message, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_MissingFile_ExitsTwoSayingSo()
    {
        var error = new StringWriter();

        var exitCode = SwitchboardCli.Run(["plan", "--workload", Path.Combine(folder, "absent.csv")], new StringWriter(), error);

        Assert.Equal(2, exitCode);
        Assert.Contains("was not found", error.ToString(), StringComparison.Ordinal);
    }

    private string Write(params string[] lines)
    {
        var path = Path.Combine(folder, "workload.csv");
        File.WriteAllText(path, string.Join('\n', lines) + "\n");
        return path;
    }
}
