using Switchboard.Planning.Forecasting;

namespace Switchboard.Tests.Forecasting;

/// <summary>Histories with a known expected volume per interval and Poisson noise from a seeded <see cref="Random"/>.</summary>
internal static class Synthetic
{
    /// <summary>Monday 1 January 2024, 00:00 UTC.</summary>
    public static readonly DateTimeOffset Monday = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static readonly TimeSpan HalfHour = TimeSpan.FromMinutes(30);

    /// <summary>
    /// Expected calls per half-hour: open 7:00–21:00 with a peak late morning and a second one after lunch;
    /// Monday 1.2, Tuesday–Thursday 1, Friday 0.8, Saturday 0.3 of a 40-call peak; closed on Sunday.
    /// </summary>
    public static double Expected(int index, bool weekly = true)
    {
        var weekday = index / 48 % 7;
        var hour = index % 48 / 2.0;
        if (hour is < 7 or >= 21)
        {
            return 0;
        }

        double[] dayLevel = [1.2, 1, 1, 1, 0.8, 0.3, 0];
        var shape = (0.6 * Math.Exp(-Math.Pow((hour - 10.5) / 2, 2))) + (0.4 * Math.Exp(-Math.Pow((hour - 15) / 2.5, 2))) + 0.1;
        return 40 * shape * (weekly ? dayLevel[weekday] : 1);
    }

    public static IntervalSeries History(int days, int seed, bool weekly = true, bool noise = true)
    {
        var random = new Random(seed);
        var values = new double[days * 48];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = noise ? Poisson(random, Expected(i, weekly)) : Expected(i, weekly);
        }

        return new IntervalSeries(Monday, HalfHour, values);
    }

    public static double[] ExpectedAfter(int days, int horizonDays, bool weekly = true) =>
        [.. Enumerable.Range(days * 48, horizonDays * 48).Select(i => Expected(i, weekly))];

    private static int Poisson(Random random, double mean)
    {
        var limit = Math.Exp(-mean);
        var k = 0;
        for (var p = random.NextDouble(); p > limit; p *= random.NextDouble())
        {
            k++;
        }

        return k;
    }
}
