namespace Switchboard.Planning.Staffing;

/// <summary>Which queueing model predicts a queue's performance: a closed choice.</summary>
public abstract record QueueModel
{
    private QueueModel()
    {
    }

    /// <summary>Everything the model predicts for <paramref name="agents"/> on <paramref name="traffic"/>, service level at <paramref name="threshold"/>.</summary>
    public abstract QueuePerformance Evaluate(int agents, IntervalTraffic traffic, TimeSpan threshold);

    /// <summary>The same, given the odds against blocking R(N, A) already computed (staffing carries them).</summary>
    internal abstract QueuePerformance Evaluate(int agents, IntervalTraffic traffic, TimeSpan threshold, double odds);

    /// <summary>M/M/N with no abandonment (<see cref="Staffing.ErlangC"/>): everyone waits as long as it takes.</summary>
    public sealed record ErlangC : QueueModel
    {
        /// <summary>The one Erlang C model.</summary>
        public static ErlangC Instance { get; } = new();

        public override QueuePerformance Evaluate(int agents, IntervalTraffic traffic, TimeSpan threshold) =>
            Staffing.ErlangC.Evaluate(agents, traffic, threshold);

        internal override QueuePerformance Evaluate(int agents, IntervalTraffic traffic, TimeSpan threshold, double odds) =>
            Staffing.ErlangC.Evaluate(agents, traffic.OfferedLoad, traffic.AverageHandleTime, threshold, odds);
    }

    /// <summary>M/M/N+M (<see cref="Staffing.ErlangA"/>): customers hang up after an exponential patience.</summary>
    /// <param name="AveragePatience">Mean time a customer waits before hanging up (&gt; 0).</param>
    public sealed record ErlangA(TimeSpan AveragePatience) : QueueModel
    {
        public TimeSpan AveragePatience { get; } = AveragePatience > TimeSpan.Zero
            ? AveragePatience
            : throw new ArgumentOutOfRangeException(nameof(AveragePatience), AveragePatience, "The average patience is longer than zero.");

        public override QueuePerformance Evaluate(int agents, IntervalTraffic traffic, TimeSpan threshold) =>
            Staffing.ErlangA.Evaluate(agents, traffic, AveragePatience, threshold);

        internal override QueuePerformance Evaluate(int agents, IntervalTraffic traffic, TimeSpan threshold, double odds) =>
            Staffing.ErlangA.Evaluate(agents, traffic.OfferedLoad, traffic.AverageHandleTime, AveragePatience, threshold, odds);
    }
}
