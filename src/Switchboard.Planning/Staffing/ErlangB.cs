namespace Switchboard.Planning.Staffing;

/// <summary>
/// The Erlang B (loss) model M/M/N/N, and the quantity every other model here is built on: the odds against blocking.
/// </summary>
/// <remarks>
/// <para>With offered load A and N agents, the stationary probabilities of k busy agents are proportional to A^k / k!.
/// Blocking B(N, A) is the share at k = N. Instead of B we carry its odds against, R(N) = (1 − B) / B =
/// Σ_{k&lt;N} π_k / π_N, by the recursion R(0) = 0, R(n) = (n / A)·(1 + R(n − 1)): only additions and multiplications of
/// positive numbers, so relative rounding errors add up (at most n·1.1e-16, 2.2e-12 at 20,000 agents) and never cancel.
/// No factorials or powers appear, so nothing overflows before R itself exceeds 1e308, where B is below 1e-308 and is 0 in
/// double precision anyway.</para>
/// <para>Only states near and above the mean A matter: the recursion starts at n₀ = max(0, min(N, A) − ⌈10·√A⌉ − 10)
/// with R(n₀) = 0. The states skipped weigh at most e^(−50)·√A/10 ≈ 3e-22·√A of those kept, because π_{k−1}/π_k = k/A and
/// ln(k/A) ≤ (k − A)/A, so π_{n₀}/π_{min(N,A)} ≤ e^(−s²/2A) with s = min(N, A) − n₀, and what lies below n₀ is a
/// geometric tail of ratio at most 1 − s/A. This makes large offered loads cost O(√A + N − A) steps, not O(N).</para>
/// <para>Source: the recursion for B is standard (e.g. G. Koole, "Call Center Optimization", MG Books 2013, ch. 5;
/// N. Gans, G. Koole, A. Mandelbaum 2003, M&amp;SOM 5(2), section 4.1); R is its reciprocal form.</para>
/// </remarks>
public static class ErlangB
{
    /// <summary>B(N, A): the probability that an arrival finds all <paramref name="agents"/> busy in a loss system (M/M/N/N).</summary>
    /// <param name="offeredLoad">A, in Erlangs (≥ 0).</param>
    public static double Blocking(int agents, double offeredLoad)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(agents);
        CheckLoad(offeredLoad);
        return 1 / (1 + OddsAgainst(agents, offeredLoad));
    }

    /// <summary>
    /// R(N, A) = (1 − B) / B = Σ_{k&lt;N} π_k / π_N: how much more likely fewer than N busy agents is than exactly N, in the loss system.
    /// 0 for N = 0; +∞ when it exceeds the double range (B is then 0); also +∞ for A = 0 and N &gt; 0.
    /// </summary>
    /// <param name="offeredLoad">A, in Erlangs (≥ 0).</param>
    public static double OddsAgainst(int agents, double offeredLoad)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(agents);
        CheckLoad(offeredLoad);
        if (agents == 0)
        {
            return 0;
        }

        if (offeredLoad == 0)
        {
            return double.PositiveInfinity;
        }

        return Step(0, agents, offeredLoad, 0);
    }

    /// <summary>R(to) from R(from) by the upward recursion R(n) = (n / A)·(1 + R(n − 1)).</summary>
    internal static double Step(int from, int to, double offeredLoad, double odds)
    {
        var start = Math.Max(from, FirstState(to, offeredLoad));
        if (start > from)
        {
            odds = 0;
        }

        var perAgent = 1 / offeredLoad;
        var n = start + 1;

        // Four states a step: R(n+3) = c3·(1 + c2·(1 + c1·(1 + c0·(1 + R)))) expanded so the chain that carries R is one
        // multiply-add per four states; the products of the c's are independent of R and overlap in the pipeline.
        for (; n + 3 <= to; n += 4)
        {
            var c0 = n * perAgent;
            var c1 = (n + 1) * perAgent;
            var c2 = (n + 2) * perAgent;
            var c3 = (n + 3) * perAgent;
            var c32 = c3 * c2;
            var c321 = c32 * c1;
            var c3210 = c321 * c0;
            odds = Math.FusedMultiplyAdd(c3210, odds, c3 + c32 + c321 + c3210);
        }

        for (; n <= to; n++)
        {
            odds = n * perAgent * (1 + odds);
        }

        return odds;
    }

    /// <summary>The first state whose odds matter for R(N) at load A (see the remarks).</summary>
    internal static int FirstState(int agents, double offeredLoad)
    {
        var top = Math.Min(agents, offeredLoad);
        var skip = Math.Ceiling(10 * Math.Sqrt(offeredLoad)) + 10;
        return top - skip <= 0 ? 0 : (int)(top - skip);
    }

    internal static void CheckLoad(double offeredLoad)
    {
        if (!double.IsFinite(offeredLoad) || offeredLoad < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(offeredLoad), offeredLoad, "The offered load is a finite number of Erlangs, at least 0.");
        }
    }
}
