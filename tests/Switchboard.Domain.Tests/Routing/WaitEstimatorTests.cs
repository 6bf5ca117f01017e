using Switchboard.Routing;

namespace Switchboard.Tests.Routing;

public class WaitEstimatorTests
{
    private static readonly double Low = WaitEstimator.StandardNormalQuantile(0.1);
    private static readonly double High = WaitEstimator.StandardNormalQuantile(0.9);

    [Theory]
    [InlineData(0.5, 0.0)]
    [InlineData(0.9, 1.2815515655446004)]
    [InlineData(0.1, -1.2815515655446004)]
    [InlineData(0.975, 1.959963984540054)]
    [InlineData(0.001, -3.090232306167813)]
    public void StandardNormalQuantile_KnownValues_MatchToNineDigits(double p, double z) =>
        Assert.Equal(z, WaitEstimator.StandardNormalQuantile(p), 1e-8);

    [Fact]
    public void Estimate_FourAheadTwoAgents_MeanIsFiveHandleTimesOverTwo()
    {
        var aht = TimeSpan.FromMinutes(4);

        var estimate = WaitEstimator.Estimate(4, 2, aht.Ticks, Low, High);

        Assert.Equal(TimeSpan.FromMinutes(10), estimate.Expected);
        Assert.True(estimate.Low < estimate.Expected && estimate.Expected < estimate.High);
        Assert.Equal(4, estimate.Position);
    }

    [Fact]
    public void Estimate_NobodyAheadOneAgent_RangeMatchesTheExponentialQuantiles()
    {
        // One completion at rate 1/AHT: the wait is exponential; its 10th and 90th percentiles are 0.105 and 2.303 AHT.
        var aht = TimeSpan.FromMinutes(1);

        var estimate = WaitEstimator.Estimate(0, 1, aht.Ticks, Low, High);

        Assert.Equal(0.1054, estimate.Low.TotalMinutes, 0.01);
        Assert.Equal(2.3026, estimate.High.TotalMinutes, 0.05);
    }

    [Fact]
    public void Estimate_NoAgents_IsUnknown()
    {
        var estimate = WaitEstimator.Estimate(3, 0, TimeSpan.FromMinutes(3).Ticks, Low, High);

        Assert.False(estimate.IsKnown);
        Assert.Equal(3, estimate.Position);
    }
}
