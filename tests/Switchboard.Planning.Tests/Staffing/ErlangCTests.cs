using CsCheck;
using Switchboard.Planning.Staffing;

namespace Switchboard.Tests.Staffing;

public class ErlangCTests
{
    private static readonly TimeSpan ThreeMinutes = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan Twenty = TimeSpan.FromSeconds(20);

    [Fact]
    public void ProbabilityOfWaiting_TenErlangsOnTwelveAgents_IsKnownValue()
    {
        var c = ErlangC.ProbabilityOfWaiting(12, 10);

        Assert.Equal(0.4493882243, c, 9);
    }

    [Theory]
    [InlineData(12, 10.0)]
    [InlineData(10, 8.0)]
    [InlineData(2, 1.0)]
    [InlineData(30, 25.5)]
    [InlineData(1, 0.3)]
    public void ProbabilityOfWaiting_SmallSystems_EqualsTheTextbookSum(int agents, double load)
    {
        var expected = TextbookErlangC(agents, load);

        var c = ErlangC.ProbabilityOfWaiting(agents, load);

        Assert.Equal(expected, c, 10);
    }

    [Fact]
    public void ErlangB_TenErlangsOnTwelveAgents_IsKnownValue()
    {
        var b = ErlangC.ErlangB(12, 10);

        Assert.Equal(0.1197391884, b, 9);
    }

    [Fact]
    public void ServiceLevel_TenErlangsOnTwelveAgents_MatchesTheClosedForm()
    {
        var serviceLevel = ErlangC.ServiceLevel(12, 10, ThreeMinutes, Twenty);

        Assert.Equal(1 - (0.4493882243 * Math.Exp(-2.0 * 20 / 180)), serviceLevel, 9);
        Assert.Equal(0.6401580404, serviceLevel, 9);
    }

    [Fact]
    public void AverageSpeedOfAnswer_TenErlangsOnTwelveAgents_IsCTimesHandleTimeOverSpareAgents()
    {
        var asa = ErlangC.AverageSpeedOfAnswer(12, 10, ThreeMinutes);

        Assert.Equal(40.444940, asa.TotalSeconds, 3);
    }

    [Fact]
    public void ProbabilityOfWaiting_NoMoreAgentsThanLoad_IsOne()
    {
        var c = ErlangC.ProbabilityOfWaiting(10, 10);

        Assert.Equal(1, c);
        Assert.Equal(0, ErlangC.ServiceLevel(10, 10, ThreeMinutes, Twenty));
        Assert.Equal(TimeSpan.MaxValue, ErlangC.AverageSpeedOfAnswer(9, 10, ThreeMinutes));
    }

    [Fact]
    public void ProbabilityOfWaiting_ThousandsOfAgents_StaysFiniteAndInRange()
    {
        var c = ErlangC.ProbabilityOfWaiting(5000, 4950);

        Assert.InRange(c, 0.0, 1.0);
        Assert.True(double.IsFinite(c));
    }

    [Fact]
    public void AgentsFor_EightyPercentInTwentySeconds_IsFewestAgentsThatReachIt()
    {
        var agents = ErlangC.AgentsFor(0.8, 10, ThreeMinutes, Twenty);

        Assert.True(ErlangC.ServiceLevel(agents, 10, ThreeMinutes, Twenty) >= 0.8);
        Assert.True(ErlangC.ServiceLevel(agents - 1, 10, ThreeMinutes, Twenty) < 0.8);
    }

    [Fact]
    public void ProbabilityOfWaiting_AnyStableSystem_IsAProbabilityAboveErlangBAndFallsWithMoreAgents()
    {
        var systems = Gen.Select(Gen.Int[1, 400], Gen.Double[0.01, 0.99]);

        systems.Sample((agents, utilisation) =>
        {
            var load = agents * utilisation;
            var c = ErlangC.ProbabilityOfWaiting(agents, load);
            return c is >= 0 and <= 1
                && c >= ErlangC.ErlangB(agents, load) - 1e-12
                && ErlangC.ProbabilityOfWaiting(agents + 1, load) <= c + 1e-12;
        });
    }

    /// <summary>
    /// Call Centre Helper's worked example (100 calls per 30 minutes, AHT 180 s, 80% in 20 s), as published with the
    /// outputs of the pyworkforce package (README, version 0.1.0: waiting probability 0.1741319335950498, service level
    /// 0.8883500191794669, occupancy 0.7142857142857143 at 14 agents) and of the R package ErlangC (0.1.0 documentation:
    /// average speed of answer 7.83593701177724 s).
    /// </summary>
    [Fact]
    public void Evaluate_CallCentreHelperExampleOnFourteenAgents_MatchesPublishedFigures()
    {
        var traffic = new IntervalTraffic(100, TimeSpan.FromMinutes(30), ThreeMinutes);

        var performance = ErlangC.Evaluate(14, traffic, Twenty);

        Assert.Equal(10, traffic.OfferedLoad, 12);
        Assert.Equal(0.1741319335950498, performance.ProbabilityOfWaiting, 13);
        Assert.Equal(0.8883500191794669, performance.ServiceLevel(ServiceLevelDefinition.AllArrivals), 13);
        Assert.Equal(0.7142857142857143, performance.Occupancy, 13);
        Assert.Equal(7.83593701177724, performance.AverageSpeedOfAnswer.TotalSeconds, 6);
    }

    /// <summary>R package ErlangC 0.1.0 documentation, <c>calculate_agents</c> example: the first step of its search,
    /// 11 agents on 10 Erlangs, has waiting probability 0.6821182.</summary>
    [Fact]
    public void ProbabilityOfWaiting_ElevenAgentsOnTenErlangs_IsThePublishedValue()
    {
        Assert.Equal(0.6821182, ErlangC.ProbabilityOfWaiting(11, 10), 7);
    }

    /// <summary>
    /// Avaya, "Basic Call Management System (BCMS) Operations" (07-300061, issue 5.0, May 2005), average service time
    /// engineering tables for 60-second calls: the busy-hour calls that 5 and 6 agents answer 90% of within 30, 40 and 45 s.
    /// The table rounds calls to whole numbers (one call moves the service level by about 0.003).
    /// </summary>
    [Theory]
    [InlineData(5, 30, 186)]
    [InlineData(5, 40, 197)]
    [InlineData(5, 45, 202)]
    [InlineData(6, 30, 238)]
    [InlineData(6, 40, 251)]
    [InlineData(6, 45, 257)]
    public void ServiceLevel_AvayaEngineeringTableForSixtySecondCalls_IsNinetyPercent(int agents, int thresholdSeconds, int callsPerHour)
    {
        var load = callsPerHour / 60.0;

        var serviceLevel = ErlangC.ServiceLevel(agents, load, TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(thresholdSeconds));

        Assert.InRange(serviceLevel, 0.897, 0.903);
    }

    /// <summary>Erlang's C formula (L. Kleinrock, "Queueing Systems" vol. 1, 1975, eq. 3.40) by hand: with A = 1 and N = 2,
    /// Σ_{k&lt;2} A^k/k! = 2 and A²/2!·2/(2 − 1) = 1, so C = 1/3; with A = 2 and N = 3, 1 + 2 + 2 = 5 and 8/6·3 = 4, so C = 4/9.</summary>
    [Theory]
    [InlineData(2, 1.0, 1.0 / 3)]
    [InlineData(3, 2.0, 4.0 / 9)]
    public void ProbabilityOfWaiting_SmallSystemsByHand_AreTheExactFractions(int agents, double load, double expected)
    {
        Assert.Equal(expected, ErlangC.ProbabilityOfWaiting(agents, load), 15);
    }

    [Fact]
    public void ProbabilityOfWaiting_AnyStableSystem_IsNTimesBOverNMinusAOneMinusB()
    {
        var systems = Gen.Select(Gen.Int[1, 5000], Gen.Double[0.01, 0.999]);

        systems.Sample((agents, utilisation) =>
        {
            var load = agents * utilisation;
            var b = ErlangC.ErlangB(agents, load);
            var textbook = agents * b / (agents - (load * (1 - b)));
            return Math.Abs(ErlangC.ProbabilityOfWaiting(agents, load) - textbook) <= 1e-12 * textbook;
        });
    }

    [Fact]
    public void Evaluate_UpToTwentyThousandAgents_EqualsTheExactReferenceWithinOneBillionth()
    {
        var systems = Gen.Select(Gen.Double[0, Math.Log(20_000)], Gen.Double[0.3, 0.999], Gen.Double[0, 1]);

        systems.Sample((logAgents, utilisation, thresholdInHandleTimes) =>
        {
            var agents = (int)Math.Round(Math.Exp(logAgents));
            var load = agents * utilisation;
            var traffic = new IntervalTraffic(load, ThreeMinutes, ThreeMinutes);
            var threshold = ThreeMinutes * thresholdInHandleTimes;

            // The reference gets the threshold as the fast code sees it, rounded to whole 100 ns ticks.
            var exact = ExactErlang.ErlangC(agents, load, threshold / ThreeMinutes, ExactErlang.OddsAgainst(agents, load));

            var fast = ErlangC.Evaluate(agents, traffic, threshold);

            Accuracy.AssertClose(exact.Waiting, fast.ProbabilityOfWaiting, "P(W > 0)");
            Accuracy.AssertClose(exact.ServiceLevel, fast.AnsweredWithinThreshold, "service level");
            Accuracy.AssertClose(exact.MeanWait * ThreeMinutes.TotalSeconds, fast.AverageSpeedOfAnswer, "ASA");
        }, iter: 40);
    }

    [Fact]
    public void ServiceLevel_MoreAgents_NeverLower()
    {
        var systems = Gen.Select(Gen.Int[1, 2000], Gen.Double[0.05, 0.999], Gen.Int[0, 120]);

        systems.Sample((agents, utilisation, seconds) =>
        {
            var load = agents * utilisation;
            var threshold = TimeSpan.FromSeconds(seconds);
            return ErlangC.ServiceLevel(agents + 1, load, ThreeMinutes, threshold) >= ErlangC.ServiceLevel(agents, load, ThreeMinutes, threshold) - 1e-15;
        });
    }

    /// <summary>The textbook formula, summed directly: fine for small N, where factorials do not overflow.</summary>
    private static double TextbookErlangC(int agents, double load)
    {
        var sum = 0.0;
        var term = 1.0;
        for (var k = 0; k < agents; k++)
        {
            sum += term;
            term *= load / (k + 1);
        }

        var last = term * agents / (agents - load);
        return last / (sum + last);
    }
}
