using CsCheck;
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

        var estimate = WaitEstimator.Estimate(4, 2, aht.Ticks, 0, Low, High);

        Assert.Equal(TimeSpan.FromMinutes(10), estimate.Expected);
        Assert.True(estimate.Low < estimate.Expected && estimate.Expected < estimate.High);
        Assert.Equal(4, estimate.Position);
    }

    [Fact]
    public void Estimate_NobodyAheadOneAgent_RangeMatchesTheExponentialQuantiles()
    {
        // One completion at rate 1/AHT: the wait is exponential; its 10th and 90th percentiles are 0.105 and 2.303 AHT.
        var aht = TimeSpan.FromMinutes(1);

        var estimate = WaitEstimator.Estimate(0, 1, aht.Ticks, 0, Low, High);

        Assert.Equal(0.1054, estimate.Low.TotalMinutes, 0.01);
        Assert.Equal(2.3026, estimate.High.TotalMinutes, 0.05);
    }

    [Fact]
    public void Estimate_NoAgents_IsUnknown()
    {
        var estimate = WaitEstimator.Estimate(3, 0, TimeSpan.FromMinutes(3).Ticks, 0, Low, High);

        Assert.False(estimate.IsKnown);
        Assert.Equal(3, estimate.Position);
    }

    [Fact]
    public void Estimate_CustomersAheadAbandon_MeanIsTheSumOfTheStageTimes()
    {
        // Three ahead, two agents with AHT 4 min (rate 0.5/min), patience 2 min (θ = 0.5/min):
        // stages at rates 0.5 + 1.5, 0.5 + 1.0, 0.5 + 0.5, 0.5 per minute: 0.5 + 0.6667 + 1 + 2 minutes.
        var aht = TimeSpan.FromMinutes(4);
        var theta = 0.5 / TimeSpan.FromMinutes(1).Ticks;

        var estimate = WaitEstimator.Estimate(3, 2, aht.Ticks, theta, Low, High);

        Assert.Equal(0.5 + (2.0 / 3) + 1 + 2, estimate.Expected.TotalMinutes, 1e-6);
        Assert.True(estimate.Expected < WaitEstimator.Estimate(3, 2, aht.Ticks, 0, Low, High).Expected);
    }

    [Fact]
    public void StageSums_AnyPosition_MatchTheTermByTermSums()
    {
        var cases = Gen.Select(Gen.Double[1e-3, 1e6], Gen.OneOf(Gen.Int[1, 40], Gen.Int[1, 60_000]));

        cases.Sample((x, m) =>
        {
            double sum = 0, squares = 0;
            for (var i = m - 1; i >= 0; i--)
            {
                sum += 1 / (x + i);
                squares += 1 / ((x + i) * (x + i));
            }

            var (fastSum, fastSquares) = WaitEstimator.StageSums(x, m);
            Assert.Equal(1, fastSum / sum, 1e-11);
            Assert.Equal(1, fastSquares / squares, 1e-11);
        });
    }

    [Fact]
    public void Estimate_MoreAbandonment_NeverLengthensTheWait()
    {
        var cases = Gen.Select(Gen.Int[0, 5_000], Gen.Int[1, 500], Gen.Double[0, 1e-7], Gen.Double[0, 1e-7]);

        cases.Sample((position, agents, theta1, theta2) =>
        {
            var aht = TimeSpan.FromMinutes(5).Ticks;
            var (less, more) = (Math.Min(theta1, theta2), Math.Max(theta1, theta2));

            var slower = WaitEstimator.Estimate(position, agents, aht, less, Low, High);
            var faster = WaitEstimator.Estimate(position, agents, aht, more, Low, High);

            Assert.True(faster.Expected <= slower.Expected, $"{faster.Expected} > {slower.Expected}");
            Assert.True(faster.Low <= faster.Expected && faster.Expected <= faster.High);
        });
    }
}
