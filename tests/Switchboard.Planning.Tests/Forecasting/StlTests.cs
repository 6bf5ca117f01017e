using Switchboard.Planning.Forecasting;

namespace Switchboard.Tests.Forecasting;

public class StlTests
{
    [Fact]
    public void Decompose_SeasonPlusLine_RecoversBoth()
    {
        const int period = 24;
        var n = 8 * period;
        var y = new double[n];
        for (var t = 0; t < n; t++)
        {
            y[t] = 50 + (0.1 * t) + (10 * Math.Sin(2 * Math.PI * t / period));
        }

        var seasonal = new double[n];
        var trend = new double[n];

        Stl.Decompose(y, period, seasonal, trend);

        for (var t = period; t < n - period; t++)
        {
            Assert.Equal(10 * Math.Sin(2 * Math.PI * t / period), seasonal[t], 0.5);
            Assert.Equal(50 + (0.1 * t), trend[t], 0.5);
        }
    }

    [Fact]
    public void LoessAt_StraightLine_IsReproducedExactly()
    {
        double[] line = [.. Enumerable.Range(0, 30).Select(x => 3 + (2.0 * x))];

        Assert.Equal(3 + (2.0 * 7), Loess.At(line, 9, 7), 9);
        Assert.Equal(3 + (2.0 * 0), Loess.At(line, 9, 0), 9);
        Assert.Equal(3 + (2.0 * 30), Loess.At(line, 9, 30), 9);
        Assert.Equal(3 + (2.0 * 12.5), Loess.At(line, 41, 12.5), 9);
    }

    [Fact]
    public void Smooth_WithJumps_MatchesTheFitAtEveryEvaluatedPoint()
    {
        var random = new Random(3);
        double[] y = [.. Enumerable.Range(0, 200).Select(_ => random.NextDouble())];
        var smoothed = new double[y.Length];

        Loess.Smooth(y, 51, smoothed);

        foreach (var x in new[] { 0, 6, 60, 102, 150, 199 })
        {
            Assert.Equal(Loess.At(y, 51, x), smoothed[x], 9);
        }
    }

    [Fact]
    public void Minimise_QuadraticInTheBox_FindsTheMinimum()
    {
        var best = NelderMead.Minimise(p => Math.Pow(p[0] - 0.3, 2) + Math.Pow(p[1] - 0.8, 2) + 1, [0.5, 0.5], 0.1, 300);

        Assert.Equal(0.3, best[0], 3);
        Assert.Equal(0.8, best[1], 3);
    }

    [Fact]
    public void Minimise_MinimumOutsideTheBox_StopsAtTheBound()
    {
        var best = NelderMead.Minimise(p => Math.Pow(p[0] + 1, 2), [0.5], 0.1, 200);

        Assert.Equal(0, best[0], 6);
    }
}
