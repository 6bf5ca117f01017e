using MathNet.Numerics.Distributions;

namespace Switchboard.Planning.Simulation;

/// <summary>
/// What several independent runs of one scenario (replications, each with its own seed) say about a staffing plan:
/// per queue, the mean of each figure over the runs with a confidence interval, and whether the service level target is met.
/// </summary>
/// <remarks>
/// Each replication is one whole simulated period, so its figures are independent and identically distributed across
/// replications; the interval is mean ± t(1 − α/2, n − 1) · s / √n (Student's t, the method of independent replications:
/// A. M. Law, "Simulation Modeling and Analysis", 5th ed., §9.4.1). A replication contributes to a figure only when the
/// figure exists in it (a queue with no answered contact has no service level), so counts may differ by figure.
/// </remarks>
/// <param name="Scenario">The scenario's name.</param>
/// <param name="Seeds">The seed of each replication, in order.</param>
/// <param name="ConfidenceLevel">The two-sided confidence level of every interval (e.g. 0.95).</param>
/// <param name="Queues">Each queue's estimates, in scenario order.</param>
/// <param name="Total">All queues together; no target applies.</param>
public sealed record ReplicationSummary(
    string Scenario,
    IReadOnlyList<int> Seeds,
    double ConfidenceLevel,
    IReadOnlyList<QueueEstimates> Queues,
    QueueEstimates Total)
{
    /// <summary>Summarises the reports of replications of <paramref name="scenario"/>.</summary>
    /// <param name="reports">At least two reports of the same scenario, each from its own seed.</param>
    /// <param name="confidenceLevel">Between 0 and 1, exclusive.</param>
    public static ReplicationSummary From(Scenario scenario, IReadOnlyList<SimulationReport> reports, double confidenceLevel = 0.95)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(reports);
        if (reports.Count < 2)
        {
            throw new ArgumentException("A confidence interval needs at least two replications.", nameof(reports));
        }

        if (confidenceLevel is <= 0 or >= 1 || double.IsNaN(confidenceLevel))
        {
            throw new ArgumentOutOfRangeException(nameof(confidenceLevel), confidenceLevel, "The confidence level must lie strictly between 0 and 1.");
        }

        var seeds = new int[reports.Count];
        for (var r = 0; r < reports.Count; r++)
        {
            seeds[r] = reports[r].Seed;
            if (reports[r].Queues.Count != scenario.Queues.Count)
            {
                throw new ArgumentException($"Report {r} is not of scenario '{scenario.Name}': it has {reports[r].Queues.Count} queues.", nameof(reports));
            }
        }

        var queues = new QueueEstimates[scenario.Queues.Count];
        for (var q = 0; q < queues.Length; q++)
        {
            var index = q;
            queues[q] = Estimate(scenario.Queues[q].Id, scenario.Queues[q].ServiceLevelThreshold, scenario.Queues[q].ServiceLevelTarget, reports, r => r.Queues[index], confidenceLevel);
        }

        var total = Estimate("all", null, null, reports, r => r.Total, confidenceLevel);
        return new ReplicationSummary(scenario.Name, seeds, confidenceLevel, queues, total);
    }

    private static QueueEstimates Estimate(
        string queue,
        TimeSpan? threshold,
        double? target,
        IReadOnlyList<SimulationReport> reports,
        Func<SimulationReport, QueueFigures> figures,
        double confidenceLevel)
    {
        var offered = new List<double>(reports.Count);
        var serviceLevel = new List<double>(reports.Count);
        var speed = new List<double>(reports.Count);
        var abandonment = new List<double>(reports.Count);
        foreach (var report in reports)
        {
            var f = figures(report);
            offered.Add(f.Offered);
            if (f.ServiceLevel is { } level)
            {
                serviceLevel.Add(level);
            }

            if (f.AverageSpeedOfAnswer is { } asa)
            {
                speed.Add(asa.TotalSeconds);
            }

            if (f.Offered > 0)
            {
                abandonment.Add((double)f.Abandoned / f.Offered);
            }
        }

        var serviceLevelEstimate = Figure.Of(serviceLevel, confidenceLevel);
        var speedEstimate = Figure.Of(speed, confidenceLevel);
        return new QueueEstimates(
            queue,
            threshold,
            target,
            Figure.Of(offered, confidenceLevel)!.Value,
            serviceLevelEstimate,
            speedEstimate is { } s ? new DurationEstimate(TimeSpan.FromSeconds(s.Mean), TimeSpan.FromSeconds(s.HalfWidth), s.Replications) : null,
            Figure.Of(abandonment, confidenceLevel),
            target is { } goal && serviceLevelEstimate is { } reached ? Judge(reached, goal) : null);
    }

    private static TargetVerdict Judge(Estimate reached, double target) =>
        reached.Low >= target ? TargetVerdict.Met
        : reached.High < target ? TargetVerdict.NotMet
        : TargetVerdict.Inconclusive;

    private static class Figure
    {
        public static Estimate? Of(List<double> values, double confidenceLevel)
        {
            if (values.Count == 0)
            {
                return null;
            }

            var mean = 0.0;
            foreach (var v in values)
            {
                mean += v;
            }

            mean /= values.Count;
            if (values.Count == 1)
            {
                // One replication gives a value but no spread: an interval of unknown width, reported as infinite.
                return new Estimate(mean, double.PositiveInfinity, 1);
            }

            var squares = 0.0;
            foreach (var v in values)
            {
                squares += (v - mean) * (v - mean);
            }

            var standardError = Math.Sqrt(squares / (values.Count - 1) / values.Count);
            var t = StudentT.InvCDF(0, 1, values.Count - 1, 1 - ((1 - confidenceLevel) / 2));
            return new Estimate(mean, t * standardError, values.Count);
        }
    }
}

/// <summary>One queue's (or all queues') figures over replications.</summary>
/// <param name="Queue">The queue's id, or <c>all</c>.</param>
/// <param name="ServiceLevelThreshold">The queue's service-level threshold; null for <c>all</c>.</param>
/// <param name="ServiceLevelTarget">The queue's target share (0 to 1); null when the scenario sets none.</param>
/// <param name="Offered">Contacts offered per replication.</param>
/// <param name="ServiceLevel">The service level reached (0 to 1, as <see cref="ReportDefinitions.ServiceLevel"/>); null when no replication had one.</param>
/// <param name="AverageSpeedOfAnswer">Mean wait of live answers; null when no replication answered live.</param>
/// <param name="AbandonmentRate">Abandoned ÷ offered (0 to 1); null when nothing was offered.</param>
/// <param name="Verdict">Whether the target is met with the stated confidence; null without a target or a service level.</param>
public sealed record QueueEstimates(
    string Queue,
    TimeSpan? ServiceLevelThreshold,
    double? ServiceLevelTarget,
    Estimate Offered,
    Estimate? ServiceLevel,
    DurationEstimate? AverageSpeedOfAnswer,
    Estimate? AbandonmentRate,
    TargetVerdict? Verdict);

/// <summary>A mean over replications and the half-width of its confidence interval: the true value lies in
/// [<see cref="Low"/>, <see cref="High"/>] with the summary's confidence. Infinite half-width from a single replication.</summary>
/// <param name="Replications">How many replications had the figure.</param>
public readonly record struct Estimate(double Mean, double HalfWidth, int Replications)
{
    public double Low => Mean - HalfWidth;

    public double High => Mean + HalfWidth;
}

/// <summary>An <see cref="Estimate"/> of a duration.</summary>
public readonly record struct DurationEstimate(TimeSpan Mean, TimeSpan HalfWidth, int Replications);

/// <summary>Whether a plan reaches its service level target, judged by the confidence interval.</summary>
public enum TargetVerdict
{
    /// <summary>The whole interval lies at or above the target.</summary>
    Met = 1,

    /// <summary>The whole interval lies below the target: the plan needs more staff (or a different routing).</summary>
    NotMet = 2,

    /// <summary>The interval straddles the target: run more replications to decide.</summary>
    Inconclusive = 3,
}
