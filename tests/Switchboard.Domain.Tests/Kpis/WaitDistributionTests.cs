using CsCheck;
using Switchboard.Kpis;

namespace Switchboard.Tests.Kpis;

public class WaitDistributionTests
{
    [Fact]
    public void Percentile_FewWaits_IsTheExactNearestRank()
    {
        var waits = new WaitDistribution();
        foreach (var seconds in new[] { 30.5, 2, 12, 7 })
        {
            waits.Add(TimeSpan.FromSeconds(seconds));
        }

        Assert.Equal(TimeSpan.FromSeconds(7), waits.Percentile(0.5));
        Assert.Equal(TimeSpan.FromSeconds(30.5), waits.Percentile(0.9));
        Assert.Equal(TimeSpan.FromSeconds(2), waits.Percentile(0.01));
    }

    [Fact]
    public void Percentile_NoWaits_IsNull() => Assert.Null(new WaitDistribution().Percentile(0.5));

    [Fact]
    public void Percentile_ReadBetweenAdds_IsAlwaysTheExactNearestRankOfTheWaitsSoFar()
    {
        Gen.Double[0, 600].Array[1, 64].Select(Gen.Double[0.01, 1])
            .Sample((seconds, share) =>
            {
                var waits = new WaitDistribution();
                var added = new List<long>();
                foreach (var s in seconds)
                {
                    waits.Add(TimeSpan.FromSeconds(s));
                    added.Add(TimeSpan.FromSeconds(s).Ticks);
                    var truth = added.Order().ElementAt((int)Math.Ceiling(share * added.Count) - 1);
                    if (waits.Percentile(share)!.Value.Ticks != truth)
                    {
                        return false;
                    }
                }

                return true;
            });
    }

    [Fact]
    public void Percentile_ManyWaits_IsNeverBelowTheTruthAndWithinItsBucket()
    {
        Gen.Double[0, 20_000].Array[65, 2_000].Select(Gen.Double[0.01, 1])
            .Sample((seconds, share) =>
            {
                var waits = new WaitDistribution();
                foreach (var s in seconds)
                {
                    waits.Add(TimeSpan.FromSeconds(s));
                }

                var sorted = seconds.Select(s => TimeSpan.FromSeconds(s).Ticks).Order().ToArray();
                var truth = sorted[(int)Math.Ceiling(share * sorted.Length) - 1];
                var read = waits.Percentile(share)!.Value.TotalSeconds;

                // Up to two minutes whole seconds are exact (a wait counts in the second it ends in); beyond, within 1/32.
                var ceiling = (double)((truth + TimeSpan.TicksPerSecond - 1) / TimeSpan.TicksPerSecond);
                return read >= ceiling && read <= Math.Max(ceiling, ceiling + (ceiling / 32) + 1);
            });
    }
}
