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
