using Bunit;
using Microsoft.AspNetCore.Components;
using MudBlazor.Services;
using Switchboard.Kpis;
using Switchboard.Server.Kpis;

namespace Switchboard.Tests.Server.Kpis;

/// <summary>The reports screen's parts: the summary writes each figure in its unit with its target and met or not met in
/// words; the filters offer figures per agent to the centre's staff only, as the API.</summary>
public class ReportViewTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 2, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void ReportResult_Summary_WritesUnitsTargetsAndMetInWords()
    {
        using var context = Context();
        var report = Report(
            Row(null, Start, Start.AddDays(1), (KpiCatalogue.ServiceLevel, new KpiFigureView(0.75, 1, 0.8, false)), (KpiCatalogue.AverageSpeedOfAnswer, new KpiFigureView(65, 1, 90, true)), (KpiCatalogue.Offered, new KpiFigureView(1200, 1, null, null))));

        var view = context.Render<ReportResult>(p => p.Add(r => r.Report, report).Add(r => r.CsvLink, "/api/reports/kpis?format=csv"));

        var cells = view.FindAll("table.report-table")[0].QuerySelectorAll("tbody td").Select(c => c.TextContent.Trim()).ToList();
        Assert.Contains(cells, c => c.StartsWith("75.0%", StringComparison.Ordinal) && c.Contains("Target at least 80.0%: not met", StringComparison.Ordinal));
        Assert.Contains(cells, c => c.StartsWith("1:05", StringComparison.Ordinal) && c.Contains("Target at most 1:30: met", StringComparison.Ordinal));
        Assert.Contains(cells, c => c == "1,200");
    }

    [Fact]
    public void ReportResult_TargetAgreed_ChartsItAsASeries()
    {
        using var context = Context();
        var report = Report(
            Row("billing", Start, Start.AddDays(1), (KpiCatalogue.ServiceLevel, new KpiFigureView(0.9, 1, 0.8, true))),
            Row("sales", Start, Start.AddDays(1), (KpiCatalogue.ServiceLevel, new KpiFigureView(0.7, 1, 0.8, false))));

        var view = context.Render<ReportResult>(p => p.Add(r => r.Report, report).Add(r => r.CsvLink, "x"));

        var headings = view.FindAll("details table thead th").Select(h => h.TextContent).ToList();
        Assert.Equal(["Interval start", "billing", "sales"], headings);
        Assert.Contains("Target", view.Markup, StringComparison.Ordinal);
        Assert.Equal("70.0% (not met)", view.FindAll("details table tbody td")[1].TextContent);
    }

    [Fact]
    public void ReportResult_Methods_NameEachKpiAtItsVersion()
    {
        using var context = Context();
        var report = Report(Row(null, Start, Start.AddDays(1))) with
        {
            Methods = [new KpiMethodUsed(KpiCatalogue.ServiceLevel.Name, 2, new KpiParameters { AnswerThreshold = TimeSpan.FromSeconds(30) })],
        };

        var view = context.Render<ReportResult>(p => p.Add(r => r.Report, report).Add(r => r.CsvLink, "/csv"));

        Assert.StartsWith("service-level@2: answer threshold 0:30", view.Find(".report-methods li").TextContent, StringComparison.Ordinal);
        Assert.Equal("/csv", view.Find("a[download]").GetAttribute("href"));
    }

    [Theory]
    [InlineData("first-contact-resolution", "first-contact-resolution@1: repeat window 7 days, a repeat needs the same reason")]
    [InlineData("abandonment-rate", "abandonment-rate@1: short abandons within 0:05, short abandons counted")]
    [InlineData("answered", "answered@1: no parameters")]
    public void ReportResult_Methods_ShowOnlyTheParametersTheKpiReads(string kpi, string line)
    {
        using var context = Context();
        var report = Report(Row(null, Start, Start.AddDays(1))) with { Methods = [new KpiMethodUsed(kpi, 1, new KpiParameters())] };

        var view = context.Render<ReportResult>(p => p.Add(r => r.Report, report).Add(r => r.CsvLink, "/csv"));

        Assert.Equal(line, view.Find(".report-methods li").TextContent);
    }

    [Fact]
    public void KpiParameters_ReadBy_NamesOnlyRealParameters()
    {
        var names = System.Text.Json.JsonSerializer.SerializeToElement(new KpiParameters(), System.Text.Json.JsonSerializerOptions.Web)
            .EnumerateObject().Select(p => p.Name).ToHashSet();

        var read = KpiCatalogue.All.SelectMany(k => KpiParameters.ReadBy(k.Id)).ToList();

        Assert.NotEmpty(read);
        Assert.All(read, name => Assert.Contains(name, names));
        Assert.Equal(names.Order(), read.Distinct().Order());
    }

    [Theory]
    [InlineData(true, true)]
    [InlineData(false, false)]
    public void ReportFilters_PerAgent_OfferedToStaffOnly(bool staff, bool offered)
    {
        using var context = Context();
        var choices = new ReportChoices { Client = "acme" };

        var filters = context.Render<ReportFilters>(p => p.Add(f => f.Choices, choices).Add(f => f.Staff, staff));

        var breakdowns = filters.FindAll("#report-by option").Select(o => o.GetAttribute("value")).ToList();
        Assert.Equal(offered, breakdowns.Contains("agent"));
        Assert.Contains("queue", breakdowns);
        Assert.Equal(staff, filters.FindAll("#report-client").Count == 1);
    }

    [Fact]
    public void ReportFilters_EveryInputHasALabel()
    {
        using var context = Context();

        var filters = context.Render<ReportFilters>(p => p.Add(f => f.Choices, new ReportChoices()).Add(f => f.Staff, true));

        var labelled = filters.FindAll("label").Select(l => l.GetAttribute("for")).ToHashSet();
        Assert.All(filters.FindAll("input, select"), input => Assert.Contains(input.Id, labelled));
    }

    [Fact]
    public void Pick_LastMonth_IsTheWholePreviousMonth()
    {
        var choices = new ReportChoices();

        choices.Pick(QuickPeriod.LastMonth, new DateOnly(2026, 3, 15));

        Assert.Equal((new DateOnly(2026, 2, 1), new DateOnly(2026, 2, 28)), (choices.First, choices.Last));
        Assert.Equal(("2026-02-01", "2026-03-01"), (choices.ToQuery().From, choices.ToQuery().To));
    }

    [Fact]
    public void CsvLink_EscapesTheZoneAndAsksForCsv()
    {
        var link = ReportChoices.CsvLink(new KpiReportQuery("2026-11-01", "2026-11-02", "day", "queue", "acme", "America/New_York"));

        Assert.Equal("/api/reports/kpis?from=2026-11-01&to=2026-11-02&interval=day&by=queue&client=acme&timeZone=America%2FNew_York&format=csv", link);
    }

    private static BunitContext Context()
    {
        var context = new BunitContext();
        context.Services.AddMudServices();
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        // The filters' buttons wait for the circuit (an interactive renderer), as in the browser.
        context.Renderer.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        return context;
    }

    private static KpiReportView Report(params KpiRowView[] rows) =>
        new(Start, Start.AddDays(1), "Etc/UTC", "day", rows.Any(r => r.Key is not null) ? "queue" : "none", "acme", [], rows, rows);

    private static KpiRowView Row(string? key, DateTimeOffset start, DateTimeOffset end, params (KpiId Kpi, KpiFigureView Figure)[] figures) =>
        new(start, end, key, figures.ToDictionary(f => f.Kpi.Name, f => f.Figure));
}
