using CsCheck;
using Switchboard.Planning.Staffing;

namespace Switchboard.Tests.Staffing;

public class StaffingCalculatorTests
{
    private static readonly TimeSpan ThreeMinutes = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan Twenty = TimeSpan.FromSeconds(20);
    private static readonly StaffingTarget EightyTwenty = new StaffingTarget.ServiceLevel(new ServiceLevelTarget(0.8, Twenty));

    /// <summary>Call Centre Helper's worked example as published by pyworkforce (README 0.1.0) and the R package ErlangC
    /// (0.1.0): 100 calls per 30 minutes, AHT 180 s, 80/20, maximum occupancy 85%, shrinkage 30%: 14 agents, 20 scheduled.</summary>
    [Fact]
    public void Staff_CallCentreHelperExample_FourteenRequiredTwentyScheduled()
    {
        var traffic = new IntervalTraffic(100, TimeSpan.FromMinutes(30), ThreeMinutes);

        var performance = StaffingCalculator.Staff(QueueModel.ErlangC.Instance, traffic, EightyTwenty, maximumOccupancy: 0.85);

        Assert.Equal(14, performance.Agents);
        Assert.Equal(20, StaffingCalculator.Scheduled(performance.Agents, 0.3));
    }

    [Fact]
    public void RequiredAgents_EveryRowOfTheCommittedWorkload_EqualsTheExactReference()
    {
        foreach (var row in WorkloadFile.Rows)
        {
            var target = new StaffingTarget.ServiceLevel(row.Target);
            var erlangC = StaffingCalculator.RequiredAgents(QueueModel.ErlangC.Instance, row.Traffic, target);
            var erlangA = StaffingCalculator.RequiredAgents(new QueueModel.ErlangA(row.Patience), row.Traffic, target);

            AssertFewestMeetingTheTarget(row.Traffic, null, row.Target, erlangC);
            AssertFewestMeetingTheTarget(row.Traffic, row.Patience, row.Target, erlangA);
        }
    }

    [Fact]
    public void RequiredAgents_UpToTwentyThousandAgents_EqualsTheExactReference()
    {
        var systems = Gen.Select(Gen.Double[0, Math.Log(19_000)], Gen.Double[0.2, 5], Gen.Double[0.5, 0.95], Gen.Int[5, 60]);

        systems.Sample((logLoad, patienceRate, fraction, seconds) =>
        {
            var traffic = new IntervalTraffic(Math.Exp(logLoad), ThreeMinutes, ThreeMinutes);
            var target = new ServiceLevelTarget(fraction, TimeSpan.FromSeconds(seconds));
            var patience = ThreeMinutes / patienceRate;

            AssertFewestMeetingTheTarget(traffic, null, target, StaffingCalculator.RequiredAgents(QueueModel.ErlangC.Instance, traffic, new StaffingTarget.ServiceLevel(target)));
            AssertFewestMeetingTheTarget(traffic, patience, target, StaffingCalculator.RequiredAgents(new QueueModel.ErlangA(patience), traffic, new StaffingTarget.ServiceLevel(target)));
        }, iter: 12);
    }

    [Fact]
    public void RequiredAgents_TenThousandErlangs_EqualsTheExactReference()
    {
        var traffic = new IntervalTraffic(10_000, ThreeMinutes, ThreeMinutes);

        var agents = StaffingCalculator.RequiredAgents(QueueModel.ErlangC.Instance, traffic, EightyTwenty);

        AssertFewestMeetingTheTarget(traffic, null, new ServiceLevelTarget(0.8, Twenty), agents);
    }

    /// <summary>
    /// The definition alone changes the answer: over the committed workload's 4,800 ordinary intervals (Erlang A, the
    /// rows' own targets and patience), leaving out abandons within the threshold needs one agent fewer than counting
    /// every arrival in about a third of intervals, and never more.
    /// </summary>
    [Fact]
    public void RequiredAgents_ServiceLevelDefinition_MovesTheAnswerByOneInAShareOfOrdinaryIntervals()
    {
        var (fewerByOne, fewer, more) = (0, 0, 0);
        foreach (var row in WorkloadFile.Rows)
        {
            var model = new QueueModel.ErlangA(row.Patience);
            var all = StaffingCalculator.RequiredAgents(model, row.Traffic, new StaffingTarget.ServiceLevel(row.Target, ServiceLevelDefinition.AllArrivals));
            var excluding = StaffingCalculator.RequiredAgents(model, row.Traffic, new StaffingTarget.ServiceLevel(row.Target, ServiceLevelDefinition.ExcludingAbandonsWithinThreshold));
            fewerByOne += all - excluding == 1 ? 1 : 0;
            fewer += all > excluding ? 1 : 0;
            more += excluding > all ? 1 : 0;
        }

        Assert.Equal(0, more);
        Assert.InRange(fewerByOne / (double)WorkloadFile.Rows.Count, 0.2, 0.5);
        Assert.InRange(fewer / (double)WorkloadFile.Rows.Count, fewerByOne / (double)WorkloadFile.Rows.Count, 0.6);
    }

    [Fact]
    public void RequiredAgents_ErlangCWithEveryDefinition_IsTheSame()
    {
        var traffic = new IntervalTraffic(360, TimeSpan.FromMinutes(30), TimeSpan.FromMinutes(4));

        var answers = Enum.GetValues<ServiceLevelDefinition>()
            .Select(d => StaffingCalculator.RequiredAgents(QueueModel.ErlangC.Instance, traffic, new StaffingTarget.ServiceLevel(new ServiceLevelTarget(0.8, Twenty), d)))
            .Distinct();

        Assert.Single(answers);
    }

    [Fact]
    public void RequiredAgents_AbandonmentTarget_IsTheFewestAgentsAtOrUnderIt()
    {
        var cases = Gen.Select(Gen.Double[1, 500], Gen.Double[0.01, 0.2], Gen.Double[0.2, 5]);

        cases.Sample((load, rate, patienceRate) =>
        {
            var traffic = new IntervalTraffic(load, ThreeMinutes, ThreeMinutes);
            var model = new QueueModel.ErlangA(ThreeMinutes / patienceRate);

            var agents = StaffingCalculator.RequiredAgents(model, traffic, new StaffingTarget.Abandonment(rate));

            return model.Evaluate(agents, traffic, Twenty).ProbabilityOfAbandoning <= rate
                && (agents == 1 || model.Evaluate(agents - 1, traffic, Twenty).ProbabilityOfAbandoning > rate);
        });
    }

    [Fact]
    public void RequiredAgents_AverageSpeedOfAnswerTarget_IsTheFewestAgentsAtOrUnderIt()
    {
        var cases = Gen.Select(Gen.Double[1, 500], Gen.Int[5, 120], Gen.Bool);

        cases.Sample((load, seconds, withAbandonment) =>
        {
            var traffic = new IntervalTraffic(load, ThreeMinutes, ThreeMinutes);
            QueueModel model = withAbandonment ? new QueueModel.ErlangA(TimeSpan.FromMinutes(2)) : QueueModel.ErlangC.Instance;
            var maximum = TimeSpan.FromSeconds(seconds);

            var agents = StaffingCalculator.RequiredAgents(model, traffic, new StaffingTarget.AverageSpeedOfAnswer(maximum));

            return model.Evaluate(agents, traffic, Twenty).AverageSpeedOfAnswer <= maximum
                && (agents == 1 || model.Evaluate(agents - 1, traffic, Twenty).AverageSpeedOfAnswer > maximum);
        });
    }

    [Fact]
    public void Staff_MaximumOccupancy_IsHeldWithTheFewestAgents()
    {
        var cases = Gen.Select(Gen.Double[1, 800], Gen.Double[0.5, 0.95], Gen.Bool);

        cases.Sample((load, maximum, withAbandonment) =>
        {
            var traffic = new IntervalTraffic(load, ThreeMinutes, ThreeMinutes);
            QueueModel model = withAbandonment ? new QueueModel.ErlangA(TimeSpan.FromMinutes(2)) : QueueModel.ErlangC.Instance;
            var unlimited = StaffingCalculator.Staff(model, traffic, EightyTwenty);

            var limited = StaffingCalculator.Staff(model, traffic, EightyTwenty, maximum);

            return limited.Occupancy <= maximum
                && (limited.Agents == unlimited.Agents || model.Evaluate(limited.Agents - 1, traffic, Twenty).Occupancy > maximum);
        });
    }

    [Fact]
    public void Staff_NoTraffic_NeedsNobody()
    {
        var performance = StaffingCalculator.Staff(QueueModel.ErlangC.Instance, new IntervalTraffic(0, ThreeMinutes, ThreeMinutes), EightyTwenty);

        Assert.Equal(0, performance.Agents);
        Assert.Equal(1, performance.ServiceLevel(ServiceLevelDefinition.AllArrivals));
    }

    [Theory]
    [InlineData(14, 0.3, 20)]
    [InlineData(7, 0.3, 10)]
    [InlineData(10, 0, 10)]
    [InlineData(0, 0.5, 0)]
    [InlineData(1, 0.99, 100)]
    public void Scheduled_Shrinkage_IsRequiredOverAvailableShareRoundedUp(int required, double shrinkage, int expected)
    {
        Assert.Equal(expected, StaffingCalculator.Scheduled(required, shrinkage));
    }

    [Fact]
    public void Scheduled_AnyShrinkage_IsTheFewestThatLeaveEnoughAfterIt()
    {
        Gen.Select(Gen.Int[0, 5000], Gen.Double[0, 0.9]).Sample((required, shrinkage) =>
        {
            var scheduled = StaffingCalculator.Scheduled(required, shrinkage);
            return (scheduled * (1 - shrinkage)) >= required - 1e-6 && (scheduled == 0 || ((scheduled - 1) * (1 - shrinkage)) < required);
        });
    }

    /// <summary>Checks with the 200-bit reference that N agents meet the target and N − 1 do not (Erlang C: or are unstable).</summary>
    private static void AssertFewestMeetingTheTarget(IntervalTraffic traffic, TimeSpan? patience, ServiceLevelTarget target, int agents)
    {
        var load = traffic.OfferedLoad;
        var odds = ExactErlang.OddsAgainst(agents, load);

        // R(N − 1) = A·R(N)/N − 1, exact enough in 200 bits.
        var fewerOdds = (odds * BigFloat.From(load) / agents) - BigFloat.One;
        Assert.True(Meets(agents, odds), $"{agents} agents should meet {target} on {load} Erlangs (patience {patience})");
        Assert.False(agents > 1 && Meets(agents - 1, fewerOdds), $"{agents - 1} agents already meet {target} on {load} Erlangs (patience {patience})");

        bool Meets(int n, BigFloat r)
        {
            var aht = traffic.AverageHandleTime;
            var threshold = target.Threshold / aht;
            if (patience is { } p)
            {
                return ExactErlang.ErlangA(n, load, aht / p, threshold, r).AnsweredWithin >= target.Fraction;
            }

            return n > load && ExactErlang.ErlangC(n, load, threshold, r).ServiceLevel >= target.Fraction;
        }
    }
}
