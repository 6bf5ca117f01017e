using CsCheck;
using Switchboard.Planning.Staffing;

namespace Switchboard.Tests.Staffing;

public class ErlangBTests
{
    /// <summary>Westbay Engineers, Erlang calculator manual, "How much traffic can a trunk group handle?": 15 lines at 1%
    /// blocking carry 8.108 Erlangs.</summary>
    [Fact]
    public void Blocking_FifteenLinesAtTheirOnePercentLoad_IsOnePercent()
    {
        var blocking = ErlangB.Blocking(15, 8.108);

        Assert.Equal(0.01, blocking, 4);
    }

    /// <summary>Westbay Engineers, Erlang calculator manual, "How many lines?": 50,000 call minutes a day, 19% in the busy
    /// hour (158.333 Erlangs) at 3% blocking need 168 lines.</summary>
    [Fact]
    public void Blocking_WestbayCallMinutesExample_HundredSixtyEightLinesAreTheFewestUnderThreePercent()
    {
        const double load = 50_000 * 0.19 / 60;

        Assert.True(ErlangB.Blocking(168, load) <= 0.03);
        Assert.True(ErlangB.Blocking(167, load) > 0.03);
    }

    [Fact]
    public void Blocking_NoAgents_BlocksEveryone()
    {
        Assert.Equal(1, ErlangB.Blocking(0, 3));
    }

    [Fact]
    public void Blocking_OneAgent_IsLoadOverOnePlusLoad()
    {
        Assert.Equal(2.5 / 3.5, ErlangB.Blocking(1, 2.5), 15);
    }

    [Fact]
    public void Blocking_AnySizeUpToTwentyThousandAgents_EqualsTheExactSumWithinOneBillionth()
    {
        // Agent counts log-uniform over 1..20,000 so that large systems are sampled as often as small ones.
        var systems = Gen.Select(Gen.Double[0, Math.Log(20_000)], Gen.Double[0.3, 1.5]);

        systems.Sample((logAgents, utilisation) =>
        {
            var agents = (int)Math.Round(Math.Exp(logAgents));
            var load = agents * utilisation;
            var exact = 1 / (1 + ExactErlang.OddsAgainst(agents, load).ToDouble());
            return Accuracy.Close(exact, ErlangB.Blocking(agents, load));
        }, iter: 40);
    }

    [Fact]
    public void OddsAgainst_MoreAgents_GrowByTheRecursion()
    {
        var loads = Gen.Select(Gen.Int[1, 3000], Gen.Double[0.1, 2]);

        loads.Sample((agents, utilisation) =>
        {
            var load = agents * utilisation;
            var odds = ErlangB.OddsAgainst(agents, load);
            var next = ErlangB.OddsAgainst(agents + 1, load);
            // Beyond 1e308 the odds are +∞ (blocking is then below the double range): nothing to compare.
            return double.IsPositiveInfinity(next) || Math.Abs(next - ((agents + 1) / load * (1 + odds))) <= 1e-11 * next;
        });
    }
}
