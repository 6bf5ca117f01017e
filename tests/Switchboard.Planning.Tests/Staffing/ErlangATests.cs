using CsCheck;
using Switchboard.Planning.Staffing;

namespace Switchboard.Tests.Staffing;

public class ErlangATests
{
    private static readonly TimeSpan ThreeMinutes = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan Twenty = TimeSpan.FromSeconds(20);

    [Fact]
    public void Evaluate_UpToTwentyThousandAgents_EqualsTheExactClosedFormsWithinOneBillionth()
    {
        // Agents log-uniform over 1..20,000; from light load to 30% overload (stable with abandonment); patience from a
        // fifth of the handle time to five times it; thresholds from 0 to one handle time.
        var systems = Gen.Select(Gen.Double[0, Math.Log(20_000)], Gen.Double[0.5, 1.3], Gen.Double[0.2, 5], Gen.Double[0, 1]);

        systems.Sample((logAgents, utilisation, patienceRate, thresholdInHandleTimes) =>
        {
            var agents = (int)Math.Round(Math.Exp(logAgents));
            var load = agents * utilisation;
            var patience = ThreeMinutes / patienceRate;
            var threshold = ThreeMinutes * thresholdInHandleTimes;

            // The reference gets the durations as the fast code sees them, rounded to whole 100 ns ticks.
            var exact = ExactErlang.ErlangA(
                agents, load, ThreeMinutes / patience, threshold / ThreeMinutes, ExactErlang.OddsAgainst(agents, load));
            var fast = ErlangA.Evaluate(agents, new IntervalTraffic(load, ThreeMinutes, ThreeMinutes), patience, threshold);

            Accuracy.AssertClose(exact.Waiting, fast.ProbabilityOfWaiting, "P(W > 0)");
            Accuracy.AssertClose(exact.Abandoned, fast.ProbabilityOfAbandoning, "P(Ab)");
            Accuracy.AssertClose(exact.AnsweredWithin, fast.AnsweredWithinThreshold, "P(answered, W ≤ t)");
            Accuracy.AssertClose(exact.AbandonedWithin, fast.AbandonedWithinThreshold, "P(abandoned, W ≤ t)");
            Accuracy.AssertClose(exact.AnsweredWaitInHandleTimes / (1 - exact.Abandoned) * ThreeMinutes.TotalSeconds, fast.AverageSpeedOfAnswer, "ASA");
        }, iter: 30);
    }

    [Fact]
    public void Evaluate_CustomersWhoNeverHangUp_TendsToErlangC()
    {
        var traffic = new IntervalTraffic(100, TimeSpan.FromMinutes(30), ThreeMinutes);

        var patient = ErlangA.Evaluate(14, traffic, TimeSpan.FromDays(3650), Twenty);
        var erlangC = ErlangC.Evaluate(14, traffic, Twenty);

        Assert.Equal(erlangC.ProbabilityOfWaiting, patient.ProbabilityOfWaiting, 5);
        Assert.Equal(erlangC.AnsweredWithinThreshold, patient.AnsweredWithinThreshold, 5);
        Assert.Equal(erlangC.AverageSpeedOfAnswer.TotalSeconds, patient.AverageSpeedOfAnswer.TotalSeconds, 2);
        Assert.True(patient.ProbabilityOfAbandoning < 1e-5);
    }

    /// <summary>With patience equal to the handle time every customer in the system leaves at the same rate μ, waiting or
    /// served, so the number present is Poisson(A) as in M/M/∞: P(W &gt; 0) = P(X ≥ N) and, since abandonments are μ per
    /// waiting customer, P(Ab) = E[(X − N)⁺] / A.</summary>
    [Theory]
    [InlineData(10, 8.0)]
    [InlineData(48, 55.0)]
    [InlineData(200, 190.0)]
    public void Evaluate_PatienceEqualToHandleTime_IsThePoissonOfAnInfiniteServerQueue(int agents, double load)
    {
        var (atLeastN, excess) = PoissonTail(agents, load);

        var performance = ErlangA.Evaluate(agents, new IntervalTraffic(load, ThreeMinutes, ThreeMinutes), ThreeMinutes, Twenty);

        Assert.Equal(atLeastN, performance.ProbabilityOfWaiting, 12);
        Assert.Equal(excess / load, performance.ProbabilityOfAbandoning, 12);
    }

    [Fact]
    public void Evaluate_ThresholdZeroAndBeyondEveryWait_BoundTheWithinFigures()
    {
        var traffic = new IntervalTraffic(400, TimeSpan.FromMinutes(30), ThreeMinutes);
        var patience = TimeSpan.FromMinutes(2);

        var atZero = ErlangA.Evaluate(40, traffic, patience, TimeSpan.Zero);
        var atADay = ErlangA.Evaluate(40, traffic, patience, TimeSpan.FromDays(1));

        Assert.Equal(1 - atZero.ProbabilityOfWaiting, atZero.AnsweredWithinThreshold, 14);
        Assert.Equal(0, atZero.AbandonedWithinThreshold, 14);
        Assert.Equal(1 - atADay.ProbabilityOfAbandoning, atADay.AnsweredWithinThreshold, 12);
        Assert.Equal(atADay.ProbabilityOfAbandoning, atADay.AbandonedWithinThreshold, 12);
        Assert.Equal(atZero.ProbabilityOfAbandoning * patience.TotalSeconds, atZero.AverageWait.TotalSeconds, 6);
    }

    [Fact]
    public void Evaluate_MoreAgents_NeverLowerServiceLevelNorRaiseAbandonment()
    {
        var systems = Gen.Select(Gen.Int[1, 1500], Gen.Double[0.3, 1.5], Gen.Double[0.2, 5], Gen.Int[0, 90]);

        systems.Sample((agents, utilisation, patienceRate, seconds) =>
        {
            var traffic = new IntervalTraffic(agents * utilisation, ThreeMinutes, ThreeMinutes);
            var threshold = TimeSpan.FromSeconds(seconds);
            var fewer = ErlangA.Evaluate(agents, traffic, ThreeMinutes / patienceRate, threshold);
            var more = ErlangA.Evaluate(agents + 1, traffic, ThreeMinutes / patienceRate, threshold);
            // Within rounding: service levels of 1 − 1e-15 differ in their last bits.
            return more.ProbabilityOfAbandoning <= fewer.ProbabilityOfAbandoning + 1e-13
                && more.AverageSpeedOfAnswer <= fewer.AverageSpeedOfAnswer + TimeSpan.FromTicks(1)
                && Enum.GetValues<ServiceLevelDefinition>().All(d => more.ServiceLevel(d) >= fewer.ServiceLevel(d) - 1e-13);
        });
    }

    private static (double AtLeastN, double Excess) PoissonTail(int agents, double load)
    {
        // P(X ≥ N) and E[(X − N)⁺] for X ~ Poisson(A), summed in log space term by term far into the tail.
        double atLeast = 0, excess = 0;
        for (var k = agents; k < agents + 2000; k++)
        {
            var logTerm = (k * Math.Log(load)) - load - LogFactorial(k);
            var term = Math.Exp(logTerm);
            atLeast += term;
            excess += (k - agents) * term;
        }

        return (atLeast, excess);
    }

    private static double LogFactorial(int k)
    {
        var sum = 0.0;
        for (var i = 2; i <= k; i++)
        {
            sum += Math.Log(i);
        }

        return sum;
    }
}
