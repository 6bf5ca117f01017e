namespace Switchboard.Planning.Staffing;

/// <summary>
/// Required agents for a target, then scheduled staff after shrinkage. Every search uses the model's monotonicity (more
/// agents never lower the service level nor raise abandonment, ASA or occupancy): it starts from a bound and steps up one
/// agent at a time, carrying the odds against blocking R(N) from one N to the next instead of recomputing them; when the
/// start already meets the target (Erlang A begins from the Erlang C answer) it gallops down and bisects.
/// </summary>
public static class StaffingCalculator
{
    /// <summary>The fewest agents that meet <paramref name="target"/> (and, when given, keep occupancy at or below <paramref name="maximumOccupancy"/>). 0 for no traffic.</summary>
    /// <param name="maximumOccupancy">The highest acceptable occupancy, above 0 and at most 1; null for no limit.</param>
    public static int RequiredAgents(QueueModel model, IntervalTraffic traffic, StaffingTarget target, double? maximumOccupancy = null) =>
        Staff(model, traffic, target, maximumOccupancy).Agents;

    /// <summary>The fewest agents that meet <paramref name="target"/> and the occupancy limit, with what the model predicts for them.</summary>
    /// <param name="maximumOccupancy">The highest acceptable occupancy, above 0 and at most 1; null for no limit.</param>
    public static QueuePerformance Staff(QueueModel model, IntervalTraffic traffic, StaffingTarget target, double? maximumOccupancy = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(target);
        if (maximumOccupancy is { } limit && !(limit is > 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(maximumOccupancy), limit, "The maximum occupancy is a share above 0, at most 1.");
        }

        var load = traffic.OfferedLoad;
        var threshold = target.Threshold;
        if (load == 0)
        {
            return new QueuePerformance(0, 0, 0, 0, 1, 0, TimeSpan.Zero, TimeSpan.Zero, 0, threshold);
        }

        var stable = (int)Math.Floor(load) + 1;
        if (model is QueueModel.ErlangC && target is StaffingTarget.ServiceLevel or StaffingTarget.AverageSpeedOfAnswer)
        {
            return StaffErlangC(traffic, target, maximumOccupancy, stable);
        }

        var start = model switch
        {
            // Erlang C needs N > A; every target is met by some N beyond it.
            QueueModel.ErlangC => stable,

            // With abandonment N agents carry at most N Erlangs, so P(Ab) ≥ 1 − N/A: a lower bound. Otherwise begin from
            // the Erlang C answer, usually within a few agents above the Erlang A one, and step down.
            QueueModel.ErlangA when target is StaffingTarget.Abandonment abandonment =>
                Math.Max(1, (int)Math.Ceiling(load * (1 - abandonment.MaximumRate))),
            QueueModel.ErlangA => Staff(QueueModel.ErlangC.Instance, traffic, target).Agents,
            _ => throw new ArgumentOutOfRangeException(nameof(model), model, "Unknown queue model."),
        };

        var cursor = new Cursor(model, traffic, threshold, start);
        var best = cursor.Performance;
        if (!target.IsMetBy(best))
        {
            // Upward the recursion for R is stable, so step one agent at a time carrying it.
            do
            {
                best = cursor.Up();
            }
            while (!target.IsMetBy(best));
        }
        else if (model is not QueueModel.ErlangC)
        {
            // Downward the recursion amplifies rounding below the mean load, and the answer may lie far below the Erlang C
            // one (short patience, modest targets): gallop down, then bisect, each probe with R computed afresh.
            var (met, notMet, step) = (best, 0, 1);
            while (true)
            {
                var probe = met.Agents - step;
                if (probe < 1)
                {
                    break;
                }

                var performance = new Cursor(model, traffic, threshold, probe).Performance;
                if (!target.IsMetBy(performance))
                {
                    notMet = probe;
                    break;
                }

                met = performance;
                step *= 2;
            }

            while (met.Agents - notMet > 1)
            {
                var performance = new Cursor(model, traffic, threshold, (met.Agents + notMet) / 2).Performance;
                if (target.IsMetBy(performance))
                {
                    met = performance;
                }
                else
                {
                    notMet = performance.Agents;
                }
            }

            best = met;
        }

        if (maximumOccupancy is { } maximum && best.Occupancy > maximum)
        {
            // Occupancy is carried load / N and the carried load only grows with N, so fewer than ⌈carried load here /
            // maximum⌉ agents cannot hold the limit: jump to just below that bound, then step up.
            var atLeast = (int)Math.Ceiling(load * (1 - best.ProbabilityOfAbandoning) / maximum);
            var more = new Cursor(model, traffic, threshold, Math.Max(best.Agents, atLeast - 1));
            best = more.Performance;
            while (best.Occupancy > maximum)
            {
                best = more.Up();
            }
        }

        return best;
    }

    /// <summary>
    /// Erlang C for a service-level or ASA target without building a <see cref="QueuePerformance"/> per candidate: from the
    /// first stable N, step R(N) up and test the closed forms until the target holds (every definition gives the same
    /// service level here). The occupancy limit A/N ≤ maximum is met by ⌈A / maximum⌉ agents, jumped to directly.
    /// </summary>
    private static QueuePerformance StaffErlangC(IntervalTraffic traffic, StaffingTarget target, double? maximumOccupancy, int stable)
    {
        var load = traffic.OfferedLoad;
        var aht = traffic.AverageHandleTime.TotalSeconds;
        var agents = stable;
        if (maximumOccupancy is { } maximum)
        {
            // The smallest N with A/N ≤ maximum, checked in the same arithmetic the occupancy is reported in.
            var occupancyBound = Math.Max(1, (int)Math.Ceiling(load / maximum) - 1);
            while (load / occupancyBound > maximum)
            {
                occupancyBound++;
            }

            agents = Math.Max(agents, occupancyBound);
        }

        var odds = ErlangB.Step(0, agents, load, 0);
        if (target is StaffingTarget.ServiceLevel serviceLevel)
        {
            var threshold = serviceLevel.Target.Threshold.TotalSeconds / aht;
            var fraction = serviceLevel.Target.Fraction;
            while (ErlangC.ServiceLevel(agents, load, ErlangC.Waiting(agents, load, odds), threshold) < fraction)
            {
                agents++;
                odds = (agents / load) * (1 + odds);
            }
        }
        else
        {
            var maximumWait = ((StaffingTarget.AverageSpeedOfAnswer)target).Maximum;
            while (ErlangC.Evaluate(agents, load, traffic.AverageHandleTime, TimeSpan.Zero, odds).AverageSpeedOfAnswer > maximumWait)
            {
                agents++;
                odds = (agents / load) * (1 + odds);
            }
        }

        return ErlangC.Evaluate(agents, load, traffic.AverageHandleTime, target.Threshold, odds);
    }

    /// <summary>Staff to schedule so that <paramref name="required"/> are at work after shrinkage: ⌈required / (1 − shrinkage)⌉.</summary>
    /// <param name="shrinkage">The share of paid time not available for contacts (breaks, training, absence), 0 up to (not including) 1.</param>
    public static int Scheduled(int required, double shrinkage)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(required);
        if (!(shrinkage is >= 0 and < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(shrinkage), shrinkage, "Shrinkage is a share from 0 up to (not including) 1.");
        }

        // A hair under the exact quotient so that, say, 7 / (1 − 0.3) = 10.000000000000002 schedules 10, not 11.
        return (int)Math.Ceiling((required / (1 - shrinkage)) - 1e-9);
    }

    /// <summary>A staffing level and its odds against blocking, moved one agent at a time.</summary>
    private sealed class Cursor
    {
        private readonly QueueModel model;
        private readonly IntervalTraffic traffic;
        private readonly TimeSpan threshold;
        private readonly double load;
        private double odds;

        public Cursor(QueueModel model, IntervalTraffic traffic, TimeSpan threshold, int agents)
        {
            this.model = model;
            this.traffic = traffic;
            this.threshold = threshold;
            load = traffic.OfferedLoad;
            Agents = agents;
            odds = ErlangB.Step(0, agents, load, 0);
            Performance = model.Evaluate(agents, traffic, threshold, odds);
        }

        public int Agents { get; private set; }

        public QueuePerformance Performance { get; private set; }

        public QueuePerformance Up()
        {
            odds = ErlangB.Step(Agents, Agents + 1, load, odds);
            Agents++;
            return Performance = model.Evaluate(Agents, traffic, threshold, odds);
        }
    }
}
