using System.Globalization;
using Spectre.Console;
using Switchboard.Planning.Simulation;

namespace Switchboard.Simulate;

/// <summary>The human-readable plan check: one row per queue with each figure's confidence interval and the verdict.</summary>
internal static class ReplicationTables
{
    public static void Write(IAnsiConsole console, ReplicationSummary summary)
    {
        var level = (summary.ConfidenceLevel * 100).ToString("0.##", CultureInfo.InvariantCulture);
        console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"Scenario {summary.Scenario}: {summary.Seeds.Count} replications (seeds {summary.Seeds[0]}-{summary.Seeds[^1]}), {level}% confidence intervals"));
        var table = new Table().AddColumns("Queue", "Offered", "SL (threshold)", "Target", "Verdict", "ASA", "Abandoned");
        foreach (var q in summary.Queues)
        {
            table.AddRow(Row(q));
        }

        table.AddRow(Row(summary.Total));
        console.Write(table);
        console.WriteLine("Each figure is the mean over replications ± the half-width of its interval. Met: the whole interval is at or above the target; "
            + "not met: the whole interval is below it; inconclusive: run more replications.");
    }

    private static string[] Row(QueueEstimates q) =>
    [
        Markup.Escape(q.Queue),
        q.Offered.Mean.ToString("N0", CultureInfo.InvariantCulture),
        Share(q.ServiceLevel) + (q.ServiceLevelThreshold is { } t ? " (" + t.TotalSeconds.ToString("0", CultureInfo.InvariantCulture) + "s)" : ""),
        q.ServiceLevelTarget is { } target ? (target * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%" : "-",
        q.Verdict switch
        {
            TargetVerdict.Met => "[green]met[/]",
            TargetVerdict.NotMet => "[red]not met[/]",
            TargetVerdict.Inconclusive => "[yellow]inconclusive[/]",
            _ => "-",
        },
        q.AverageSpeedOfAnswer is { } asa
            ? asa.Mean.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + "s ± " + asa.HalfWidth.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)
            : "-",
        Share(q.AbandonmentRate),
    ];

    private static string Share(Estimate? estimate) => estimate is { } e
        ? (e.Mean * 100).ToString("0.0", CultureInfo.InvariantCulture) + "% ± " + (e.HalfWidth * 100).ToString("0.0", CultureInfo.InvariantCulture)
        : "-";
}
