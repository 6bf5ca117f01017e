using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Switchboard.Tests.Forecast;

public sealed class ForecastCommandTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("switchboard-forecast-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public void Forecast_ConvertedBankHistory_WritesAWeekOfWorkloadRowsAfterTheHistory()
    {
        var history = Write("bank.csv", BankHistoryConverter.Convert(File.ReadAllText(BankHistoryConverter.BankPath), "bank", new DateOnly(1999, 8, 21)));

        var (exitCode, output, error) = Run("forecast", "--history", history, "--utc-offset", "+03:00", "--csv");

        Assert.Equal(0, exitCode);
        Assert.Equal("", error);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("queue,interval_start,calls,aht_seconds,patience_seconds,target_percent,target_seconds,model,backtest_wape,backtest_mase", lines[0]);
        Assert.Equal(1 + (7 * 48), lines.Length);
        Assert.StartsWith("bank,1999-08-21T21:00:00Z,", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("bank,1999-08-28T20:30:00Z,", lines[^1], StringComparison.Ordinal);
        Assert.All(lines.Skip(1), line => Assert.EndsWith(",180,80,20,weekly-profile,0.2806,0.6142", line, StringComparison.Ordinal));
        Assert.All(lines.Skip(1), line => Assert.True(double.Parse(line.Split(',')[2], CultureInfo.InvariantCulture) >= 0));
    }

    [Fact]
    public void Forecast_Json_ListsBacktestsAndIntervalsWithHandleTimes()
    {
        var history = Write("history.csv", Synthetic(days: 21, withHandleTime: true));

        var (exitCode, output, error) = Run("forecast", "--history", history, "--days", "2", "--json");

        Assert.Equal(0, exitCode);
        Assert.Equal("", error);
        using var json = JsonDocument.Parse(output);
        var queue = json.RootElement.GetProperty("queues")[0];
        Assert.Equal("sales", queue.GetProperty("queue").GetString());
        Assert.Equal(5, queue.GetProperty("backtests").GetArrayLength());
        Assert.Equal(queue.GetProperty("model").GetString(), queue.GetProperty("backtests")[0].GetProperty("model").GetString());
        var intervals = queue.GetProperty("intervals");
        Assert.Equal(2 * 24, intervals.GetArrayLength());
        Assert.Equal("2024-01-22T00:00:00Z", intervals[0].GetProperty("interval_start").GetString());
        Assert.Equal(240, intervals[12].GetProperty("aht_seconds").GetDouble(), 3);
    }

    [Fact]
    public void Forecast_Default_PrintsBacktestAndDayTables()
    {
        var history = Write("history.csv", Synthetic(days: 14, withHandleTime: false));

        var (exitCode, output, _) = Run("forecast", "--history", history, "--days", "3");

        Assert.Equal(0, exitCode);
        Assert.Contains("Backtest", output, StringComparison.Ordinal);
        Assert.Contains("weekly-profile", output, StringComparison.Ordinal);
        Assert.Contains("Mon 2024-01-15", output, StringComparison.Ordinal);
        Assert.Contains("Wed 2024-01-17", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Forecast_ClosedAndCampaignDays_ZeroOneDayAndScaleAnother()
    {
        var history = Write("history.csv", Synthetic(days: 14, withHandleTime: false));
        var overrides = Write("days.csv", "date,kind,value\n2024-01-15,closed,\n2024-01-16,campaign,2\n");
        var plain = Run("forecast", "--history", history, "--days", "3", "--model", "weekly-profile", "--csv").Output;

        var (exitCode, output, error) = Run("forecast", "--history", history, "--days", "3", "--model", "weekly-profile", "--csv", "--overrides", overrides);

        Assert.Equal(0, exitCode);
        Assert.Equal("", error);
        var before = DayTotals(plain);
        var after = DayTotals(output);
        Assert.Equal(0, after["2024-01-15"]);
        Assert.Equal(2 * before["2024-01-16"], after["2024-01-16"], 1);
        Assert.Equal(before["2024-01-17"], after["2024-01-17"], 6);
    }

    [Fact]
    public void Forecast_OutputAndPlot_WritesBothFiles()
    {
        var history = Write("history.csv", Synthetic(days: 14, withHandleTime: false));
        var csv = Path.Combine(directory, "out.csv");
        var png = Path.Combine(directory, "chart.png");

        var (exitCode, output, _) = Run("forecast", "--history", history, "--days", "1", "--output", csv, "--plot", png);

        Assert.Equal(0, exitCode);
        Assert.Equal("", output);
        Assert.StartsWith("queue,interval_start,calls,aht_seconds", File.ReadAllText(csv), StringComparison.Ordinal);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], File.ReadAllBytes(png)[..4]);
        Assert.Equal(["chart.png", "history.csv", "out.csv"], Directory.GetFiles(directory).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void Forecast_LongerInterval_SumsTheHistory()
    {
        var history = Write("history.csv", Synthetic(days: 14, withHandleTime: false));

        var (exitCode, output, _) = Run("forecast", "--history", history, "--days", "1", "--interval", "2h", "--model", "seasonal-naive", "--csv");

        Assert.Equal(0, exitCode);
        var rows = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split(',')).ToList();
        Assert.Equal(12, rows.Count);
        Assert.Equal("2024-01-15T02:00:00Z", rows[1][1]);
        var lastWeek = SyntheticCalls(14).Skip(7 * 24).Take(24).ToArray();
        Assert.Equal(lastWeek[10] + lastWeek[11], double.Parse(rows[5][2], CultureInfo.InvariantCulture));
    }

    public static TheoryData<string, string, string> BadHistories => new()
    {
        { "queue,calls\nq,3\n", "row 1: missing column 'interval_start'", "" },
        { "queue,interval_start,calls\nq,2024-01-01T00:00:00Z,4\nq,2024-01-01T01:00:00Z,-2\n", "row 3, field calls", "negative" },
        { "queue,interval_start,calls\nq,2024-01-01T00:00:00Z,4\nq,yesterday,2\n", "row 3, field interval_start", "ISO 8601" },
        { "queue,interval_start,calls\nq,2024-01-01T00:00:00,4\n", "row 2, field interval_start", "offset" },
        { "queue,interval_start,calls\nq,2024-01-01T00:00:00Z,4\nq,2024-01-01T01:00:00Z,2\nq,2024-01-01T03:00:00Z,2\n", "row 4, field interval_start", "gap" },
        { "queue,interval_start,calls\nq,2024-01-01T00:00:00Z,4\nq,2024-01-01T00:07:00Z,2\n", "row 3, field interval_start", "whole number" },
        { "queue,interval_start,calls\nq,2024-01-01T00:00:00Z,4\nq,2024-01-01T01:00:00Z,many\n", "row 3, field calls", "not a number" },
        { "queue,interval_start,calls,aht_seconds\nq,2024-01-01T00:00:00Z,4,\n", "row 2, field aht_seconds", "not a number" },
    };

    [Theory]
    [MemberData(nameof(BadHistories))]
    public void Forecast_BadHistory_ExitsTwoNamingRowAndFieldAndWritesNothing(string csv, string where, string what)
    {
        var history = Write("history.csv", csv);
        var target = Path.Combine(directory, "out.csv");

        var (exitCode, output, error) = Run("forecast", "--history", history, "--output", target, "--plot", Path.Combine(directory, "chart.png"));

        Assert.Equal(2, exitCode);
        Assert.Equal("", output);
        Assert.Contains(where, error, StringComparison.Ordinal);
        Assert.Contains(what, error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
        Assert.Equal(["history.csv"], Directory.GetFiles(directory).Select(Path.GetFileName));
    }

    [Fact]
    public void Forecast_TooLittleHistoryForTheModel_ExitsTwoNamingTheQueueRows()
    {
        var history = Write("history.csv", Synthetic(days: 10, withHandleTime: false));

        var (exitCode, _, error) = Run("forecast", "--history", history, "--model", "holt-winters");

        Assert.Equal(2, exitCode);
        Assert.Contains("rows 2-241, field interval_start: queue 'sales' has 10 days of history; holt-winters needs at least 14", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("date,kind,value\n2024-01-15,holiday,\n", "row 2, field kind")]
    [InlineData("date,kind,value\n2024-01-15,like,Funday\n", "row 2, field value")]
    [InlineData("date,kind,value\n15/01/2024,closed,\n", "row 2, field date")]
    [InlineData("date,kind,value\n2024-01-15,campaign,-1\n", "row 2, field value")]
    public void Forecast_BadOverrides_ExitsTwoNamingRowAndField(string csv, string where)
    {
        var history = Write("history.csv", Synthetic(days: 14, withHandleTime: false));
        var overrides = Write("days.csv", csv);

        var (exitCode, _, error) = Run("forecast", "--history", history, "--overrides", overrides);

        Assert.Equal(2, exitCode);
        Assert.Contains(where, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--json", "--csv")]
    [InlineData("--interval", "7m")]
    [InlineData("--interval", "15m")]
    [InlineData("--targets", "80")]
    [InlineData("--utc-offset", "3")]
    [InlineData("--model", "prophet")]
    public void Forecast_BadArguments_ExitTwo(string option, string value)
    {
        var history = Write("history.csv", Synthetic(days: 14, withHandleTime: false));
        var (exitCode, output, error) = Run("forecast", "--history", history, option, value);

        Assert.Equal(2, exitCode);
        Assert.Equal("", output);
        Assert.NotEqual("", error);
    }

    [Fact]
    public void Forecast_PlotIntoAMissingFolder_ExitsTwoAndWritesNoOutputFile()
    {
        var history = Write("history.csv", Synthetic(days: 14, withHandleTime: false));

        var (exitCode, _, error) = Run("forecast", "--history", history, "--output", Path.Combine(directory, "out.csv"), "--plot", Path.Combine(directory, "no", "chart.png"));

        Assert.Equal(2, exitCode);
        Assert.Contains("--plot", error, StringComparison.Ordinal);
        Assert.Equal(["history.csv"], Directory.GetFiles(directory).Select(Path.GetFileName));
    }

    [Fact]
    public void Forecast_MissingHistoryFile_ExitsTwo()
    {
        var (exitCode, _, error) = Run("forecast", "--history", Path.Combine(directory, "none.csv"));

        Assert.Equal(2, exitCode);
        Assert.Contains("file not found", error, StringComparison.Ordinal);
    }

    private static (int ExitCode, string Output, string Error) Run(params string[] args)
    {
        var (output, error) = (new StringWriter(), new StringWriter());
        var exitCode = SwitchboardCli.Run(args, output, error);
        return (exitCode, output.ToString(), error.ToString());
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(directory, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static Dictionary<string, double> DayTotals(string csv) =>
        csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(l => l.Split(','))
            .GroupBy(f => f[1][..10])
            .ToDictionary(g => g.Key, g => g.Sum(f => double.Parse(f[2], CultureInfo.InvariantCulture)));

    /// <summary>Hourly calls from Monday 2024-01-01 UTC: open 8:00-18:00 with a midday peak, quieter on Saturday, closed Sunday.</summary>
    private static IEnumerable<double> SyntheticCalls(int days)
    {
        var random = new Random(7);
        for (var i = 0; i < days * 24; i++)
        {
            var (weekday, hour) = (i / 24 % 7, i % 24);
            var level = hour is >= 8 and < 18 && weekday < 6 ? (weekday == 5 ? 10 : 30) + (20 * Math.Sin(Math.PI * (hour - 8) / 10)) : 0;
            yield return level > 0 ? Math.Round(level + random.Next(-3, 4)) : 0;
        }
    }

    private static string Synthetic(int days, bool withHandleTime)
    {
        var text = new StringBuilder(withHandleTime ? "queue,interval_start,calls,aht_seconds\n" : "queue,interval_start,calls\n");
        var start = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var i = 0;
        foreach (var calls in SyntheticCalls(days))
        {
            text.Append(CultureInfo.InvariantCulture, $"sales,{start.AddHours(i++):yyyy-MM-dd'T'HH:mm:ss'Z'},{calls}");
            text.Append(withHandleTime ? (calls > 0 ? ",240\n" : ",\n") : "\n");
        }

        return text.ToString();
    }
}
