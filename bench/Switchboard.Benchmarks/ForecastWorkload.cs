using System.Globalization;
using Switchboard.Planning.Forecasting;

namespace Switchboard.Benchmarks;

/// <summary>Forecasting inputs: the anonymous bank's training weeks, and synthetic queues with a weekly pattern and Poisson noise.</summary>
public static class ForecastWorkload
{
    /// <summary>The bank's VRU entries for 1–21 August 1999 (half-hours, local days at UTC+3), read from the test data.</summary>
    public static QueueHistory BankTraining()
    {
        var path = Path.Combine(RepositoryRoot(), "tests", "Switchboard.Planning.Tests", "Forecasting", "Data", "anonymous-bank-1999-08-30min.csv");
        var values = File.ReadLines(path).Skip(1).Take(21 * 48).Select(line => double.Parse(line.Split(',')[3], CultureInfo.InvariantCulture));
        var start = new DateTimeOffset(1999, 8, 1, 0, 0, 0, TimeSpan.FromHours(3)).ToUniversalTime();
        return new QueueHistory("bank", new IntervalSeries(start, TimeSpan.FromMinutes(30), values));
    }

    public static readonly ForecastOptions BankOptions = new() { Horizon = TimeSpan.FromDays(7), UtcOffset = TimeSpan.FromHours(3) };

    /// <summary>
    /// <paramref name="queues"/> queues of 15-minute intervals (96 a day) over <paramref name="days"/> days: open 8:00–20:00,
    /// a midday peak, weekday volumes from 40 to 400 contacts an hour at the peak, Poisson noise.
    /// </summary>
    public static QueueHistory[] SyntheticQueues(int queues, int days, int seed)
    {
        var random = new Random(seed);
        var start = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var result = new QueueHistory[queues];
        for (var q = 0; q < queues; q++)
        {
            var peak = 10 + (random.NextDouble() * 90);
            var values = new double[days * 96];
            for (var i = 0; i < values.Length; i++)
            {
                var weekday = i / 96 % 7;
                var hour = i % 96 / 4.0;
                var open = hour is >= 8 and < 20 && weekday < 6;
                var shape = open ? Math.Sin(Math.PI * (hour - 8) / 12) * (weekday == 5 ? 0.4 : 1) : 0;
                values[i] = Poisson(random, peak * shape);
            }

            result[q] = new QueueHistory($"q{q}", new IntervalSeries(start, TimeSpan.FromMinutes(15), values));
        }

        return result;
    }

    private static int Poisson(Random random, double mean)
    {
        if (mean <= 0)
        {
            return 0;
        }

        if (mean > 30)
        {
            // Normal approximation for large means keeps generation cheap.
            var u = 1 - random.NextDouble();
            var v = random.NextDouble();
            return Math.Max(0, (int)Math.Round(mean + (Math.Sqrt(mean) * Math.Sqrt(-2 * Math.Log(u)) * Math.Cos(2 * Math.PI * v))));
        }

        var limit = Math.Exp(-mean);
        var k = 0;
        for (var p = random.NextDouble(); p > limit; p *= random.NextDouble())
        {
            k++;
        }

        return k;
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Switchboard.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException("Run from inside the repository: the bank data is read from tests/.");
    }
}
