namespace Switchboard.Tests.Staffing;

/// <summary>
/// The test oracle: Erlang B, C and A evaluated in 200-bit arithmetic from the textbook and closed forms, by a different
/// route from the fast code wherever one exists: the odds against blocking as the full sum Σ_{j&lt;N} N!/(j!·A^(N−j)) (no
/// truncation, no recursion), and Erlang A's service level and abandonment through Mandelbaum and Zeltyn's incomplete-gamma
/// closed forms rather than per-state incomplete-beta sums. Times are in units of the average handle time.
/// </summary>
internal static class ExactErlang
{
    /// <summary>R(N, A) = Σ_{j&lt;N} π_j / π_N, summed from j = N − 1 down with terms N!/(j!·A^(N−j)).</summary>
    public static BigFloat OddsAgainst(int agents, double load)
    {
        var a = BigFloat.From(load);
        var term = BigFloat.From(agents) / a;
        var sum = BigFloat.Zero;
        for (var j = agents - 1; j >= 0; j--)
        {
            sum += term;
            term = term * j / a;
        }

        return sum;
    }

    /// <summary>Erlang C: probability of waiting, service level at t and mean wait (in handle times). N &gt; A.</summary>
    public static (double Waiting, double ServiceLevel, double MeanWait) ErlangC(int agents, double load, double threshold, BigFloat odds)
    {
        var n = BigFloat.From(agents);
        var spare = n - BigFloat.From(load);
        var c = BigFloat.One / (BigFloat.One + (odds * spare / n));
        var serviceLevel = BigFloat.One - (c * BigFloat.Exp(-(spare * BigFloat.From(threshold))));
        return (c.ToDouble(), serviceLevel.ToDouble(), (c / spare).ToDouble());
    }

    /// <summary>Erlang A figures as shares of arrivals (mean answered wait over all arrivals, in handle times).</summary>
    /// <param name="patienceRate">θ/μ = AHT / average patience.</param>
    /// <param name="threshold">t / AHT.</param>
    public static Figures ErlangA(int agents, double load, double patienceRate, double threshold, BigFloat odds)
    {
        var g = BigFloat.From(patienceRate);
        var a = BigFloat.From(agents) / g;
        var x = BigFloat.From(load) / g;
        var logQ = -(g * BigFloat.From(threshold));
        var q = BigFloat.Exp(logQ);

        // J = Σ_i t_i with t_i = Π_{k≤i} x/(a+k), and the answered customers' waits Σ_i t_i·a/(a+i+1)·Σ_{k≤i+1} 1/(g(a+k)).
        BigFloat total = BigFloat.Zero, meanWait = BigFloat.Zero, harmonic = BigFloat.Zero;
        var term = BigFloat.One;
        for (var i = 0; ; i++)
        {
            var rate = a + (i + 1);
            harmonic += BigFloat.One / (g * rate);
            total += term;
            meanWait += term * a / rate * harmonic;
            var next = term * x / rate;
            if (x < rate && next * 1_000_000 < total * BigFloat.From(1e-40))
            {
                break;
            }

            term = next;
        }

        var atAgents = BigFloat.One / (odds + total);
        var overRho = BigFloat.From(agents) / BigFloat.From(load);
        var abandoned = atAgents * (((BigFloat.One - overRho) * total) + overRho);

        // G(s, y) = e^x·x^(−s)·γ(s, y): a served customer's wait is within t in a[G(a+1, x) − G(a+1, xq)].
        var servedDelayed = G(a + 1, x, BigFloat.Zero);
        var servedBeyond = G(a + 1, x, logQ);
        var answeredWithin = (odds * atAgents) + (atAgents * a * (servedDelayed - servedBeyond));
        var abandonedWithin = atAgents * ((total * (BigFloat.One - q))
            - (a * ((servedDelayed - servedBeyond) - (q * (G(a, x, BigFloat.Zero) - G(a, x, logQ))))));
        return new Figures(
            (total * atAgents).ToDouble(),
            abandoned.ToDouble(),
            answeredWithin.ToDouble(),
            abandonedWithin.ToDouble(),
            (meanWait * atAgents).ToDouble());
    }

    /// <summary>e^x·x^(−s)·γ(s, xq) = q^s·e^(x(1−q))·Σ_k (xq)^k / (s(s+1)…(s+k)), the series of the lower incomplete gamma; q = e^(logQ).</summary>
    private static BigFloat G(BigFloat s, BigFloat x, BigFloat logQ)
    {
        var y = x * BigFloat.Exp(logQ);
        var sum = BigFloat.Zero;
        var term = BigFloat.One / s;
        for (var k = 1; ; k++)
        {
            sum += term;
            var rate = s + k;
            term = term * y / rate;
            if (y < rate && term * 1_000_000 < sum * BigFloat.From(1e-40))
            {
                break;
            }
        }

        return BigFloat.Exp((s * logQ) + x - y) * sum;
    }

    public readonly record struct Figures(double Waiting, double Abandoned, double AnsweredWithin, double AbandonedWithin, double AnsweredWaitInHandleTimes);
}
