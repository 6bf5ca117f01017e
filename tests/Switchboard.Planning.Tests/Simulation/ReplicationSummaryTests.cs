using Switchboard.Planning.Simulation;

namespace Switchboard.Tests.Simulation;

public class ReplicationSummaryTests
{
    /// <summary>t(0.975; 4): the 95% two-sided Student t quantile with 4 degrees of freedom, from any statistics table.</summary>
    private const double T95With4DegreesOfFreedom = 2.7764451052;

    [Fact]
    public void From_FiveReplications_GivesTheMeanAndAStudentTInterval()
    {
        var reports = RunSample(seeds: 5);

        var summary = ReplicationSummary.From(SampleCentre.Scenario, reports);

        var levels = reports.Select(r => r.Queues[0].ServiceLevel!.Value).ToArray();
        var mean = levels.Average();
        var standardDeviation = Math.Sqrt(levels.Sum(l => (l - mean) * (l - mean)) / (levels.Length - 1));
        var sales = summary.Queues[0].ServiceLevel!.Value;
        Assert.Equal(mean, sales.Mean, 12);
        Assert.Equal(T95With4DegreesOfFreedom * standardDeviation / Math.Sqrt(5), sales.HalfWidth, 8);
        Assert.Equal(5, sales.Replications);
        Assert.Equal([1, 2, 3, 4, 5], summary.Seeds);
        Assert.Equal(reports.Average(r => r.Total.Offered), summary.Total.Offered.Mean, 9);
        var abandonment = reports.Average(r => (double)r.Queues[2].Abandoned / r.Queues[2].Offered);
        Assert.Equal(abandonment, summary.Queues[2].AbandonmentRate!.Value.Mean, 12);
    }

    [Fact]
    public void From_HigherConfidence_WidensTheInterval()
    {
        var reports = RunSample(seeds: 4);

        var narrow = ReplicationSummary.From(SampleCentre.Scenario, reports, confidenceLevel: 0.8);
        var wide = ReplicationSummary.From(SampleCentre.Scenario, reports, confidenceLevel: 0.99);

        Assert.True(wide.Queues[1].ServiceLevel!.Value.HalfWidth > narrow.Queues[1].ServiceLevel!.Value.HalfWidth);
        Assert.Equal(narrow.Queues[1].ServiceLevel!.Value.Mean, wide.Queues[1].ServiceLevel!.Value.Mean);
    }

    [Fact]
    public void From_TargetsBelowAboveAndNone_JudgesMetNotMetAndNothing()
    {
        var sample = SampleCentre.Scenario;
        var scenario = sample with
        {
            Queues = [sample.Queues[0] with { ServiceLevelTarget = 0.05 }, sample.Queues[1] with { ServiceLevelTarget = 1 }, sample.Queues[2] with { ServiceLevelTarget = null }],
        };
        var reports = new[] { 1, 2, 3 }.Select(seed => Simulator.Run(scenario, seed).Report).ToArray();

        var summary = ReplicationSummary.From(scenario, reports);

        Assert.Equal(TargetVerdict.Met, summary.Queues[0].Verdict);
        Assert.Equal(TargetVerdict.NotMet, summary.Queues[1].Verdict);
        Assert.Null(summary.Queues[2].Verdict);
        Assert.Null(summary.Total.Verdict);
    }

    [Fact]
    public void From_TargetInsideTheInterval_IsInconclusive()
    {
        var reports = RunSample(seeds: 3);
        var reached = ReplicationSummary.From(SampleCentre.Scenario, reports).Queues[0].ServiceLevel!.Value;
        var sample = SampleCentre.Scenario;
        var scenario = sample with { Queues = [sample.Queues[0] with { ServiceLevelTarget = reached.Mean }, sample.Queues[1], sample.Queues[2]] };

        var summary = ReplicationSummary.From(scenario, reports);

        Assert.Equal(TargetVerdict.Inconclusive, summary.Queues[0].Verdict);
    }

    [Fact]
    public void From_OneReplication_IsRefused()
    {
        var reports = RunSample(seeds: 1);

        Assert.Throws<ArgumentException>(() => ReplicationSummary.From(SampleCentre.Scenario, reports));
    }

    private static SimulationReport[] RunSample(int seeds) =>
        Enumerable.Range(1, seeds).Select(seed => Simulator.Run(SampleCentre.Scenario, seed).Report).ToArray();
}
