namespace Switchboard.Planning.Staffing;

/// <summary>What a staffing level must achieve: a closed choice of goal.</summary>
public abstract record StaffingTarget
{
    private StaffingTarget()
    {
    }

    /// <summary>The threshold at which the performance is evaluated for this goal (zero when the goal has none).</summary>
    internal abstract TimeSpan Threshold { get; }

    /// <summary>Whether <paramref name="performance"/> meets the goal.</summary>
    public abstract bool IsMetBy(QueuePerformance performance);

    /// <summary>At least <see cref="ServiceLevelTarget.Fraction"/> answered within its threshold, counted by <paramref name="Definition"/>.</summary>
    public sealed record ServiceLevel(ServiceLevelTarget Target, ServiceLevelDefinition Definition = ServiceLevelDefinition.AllArrivals) : StaffingTarget
    {
        internal override TimeSpan Threshold => Target.Threshold;

        public override bool IsMetBy(QueuePerformance performance)
        {
            ArgumentNullException.ThrowIfNull(performance);
            return performance.ServiceLevel(Definition) >= Target.Fraction;
        }
    }

    /// <summary>An average speed of answer (mean wait of answered contacts) of at most <paramref name="Maximum"/>.</summary>
    public sealed record AverageSpeedOfAnswer(TimeSpan Maximum) : StaffingTarget
    {
        public TimeSpan Maximum { get; } = Maximum > TimeSpan.Zero
            ? Maximum
            : throw new ArgumentOutOfRangeException(nameof(Maximum), Maximum, "The average speed of answer to reach is longer than zero.");

        internal override TimeSpan Threshold => TimeSpan.Zero;

        public override bool IsMetBy(QueuePerformance performance)
        {
            ArgumentNullException.ThrowIfNull(performance);
            return performance.AverageSpeedOfAnswer <= Maximum;
        }
    }

    /// <summary>At most <paramref name="MaximumRate"/> (0 to 1, above 0) of arrivals abandoning. Meaningful with Erlang A only: Erlang C has none.</summary>
    public sealed record Abandonment(double MaximumRate) : StaffingTarget
    {
        public double MaximumRate { get; } = MaximumRate is > 0 and <= 1
            ? MaximumRate
            : throw new ArgumentOutOfRangeException(nameof(MaximumRate), MaximumRate, "The abandonment rate to stay under is a share above 0, at most 1.");

        internal override TimeSpan Threshold => TimeSpan.Zero;

        public override bool IsMetBy(QueuePerformance performance)
        {
            ArgumentNullException.ThrowIfNull(performance);
            return performance.ProbabilityOfAbandoning <= MaximumRate;
        }
    }
}
