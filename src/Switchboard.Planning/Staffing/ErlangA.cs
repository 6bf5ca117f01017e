namespace Switchboard.Planning.Staffing;

/// <summary>
/// The Erlang A (Palm) model M/M/N+M: Erlang C plus customers who hang up after an exponential patience, mean 1/θ,
/// if no agent has answered them by then.
/// </summary>
/// <remarks>
/// <para><b>Model.</b> Arrival rate λ, handle rate μ = 1/AHT, patience rate θ = 1/(average patience), N agents; offered
/// load A = λ/μ. The number in the system is a birth–death process with birth rate λ and death rate min(k, N)·μ +
/// max(k − N, 0)·θ; it is stable for every N ≥ 1. Write a = Nμ/θ and x = λ/θ. Relative to state N, state N + i has weight
/// t_i = Π_{k=1..i} x/(a + k), and the states below N have total weight R, the odds against blocking of
/// <see cref="ErlangB"/>. With J = Σ t_i (the confluent hypergeometric ₁F₁(1; a+1; x) = a·e^x·x^(−a)·γ(a, x) of the
/// references), π_N = 1/(R + J) and P(W &gt; 0) = J/(R + J) (PASTA: arrivals see the stationary distribution).</para>
/// <para><b>A tagged arrival who finds i others waiting</b> advances when an agent frees (rate Nμ) or someone ahead hangs up;
/// with k ahead it leaves its place at rate Nμ + (k+1)θ = θ(a + k + 1), by its own abandonment with probability
/// θ/θ(a+k+1). Hence P(answered | i) = a/(a + i + 1) (the product telescopes), and the wait of an answered customer is a
/// sum of independent exponentials with rates θ(a+1), …, θ(a+i+1), whose distribution function is the regularised
/// incomplete beta I_p(i+1, a+1) with p = 1 − e^(−θt) (the i+1-th order statistic of exponentials, continued to real a).
/// The offered wait V (until answered, were the customer infinitely patient) has rates θa, …, θ(a+i) and
/// P(V ≤ t) = I_p(i+1, a); the customer is still waiting at t with probability e^(−θt)·(1 − I_p(i+1, a)), so
/// P(abandoned, W ≤ t | i) = p − I_p(i+1, a+1)·(a/(a+i+1) − e^(−θt)) − (i+1)/(a+i+1)·d_{i+1}, using
/// I_p(m, a) = I_p(m, a+1) − m/((m+a)·e^(−θt))·d_m where d_m = I_p(m, a+1) − I_p(m+1, a+1).</para>
/// <para>Summed with weights π_N·t_i, these give the closed forms of the references (P(Ab), P(W &gt; t), and the waiting-time
/// distribution of served customers through incomplete gamma functions); summing them directly keeps every step a
/// product or quotient of positive numbers, with one recursion for t_i, one for the incomplete beta (I_{m+1} = I_m − d_m,
/// d_m = d_{m−1}·p·(m + a)/m, d_0 = e^(−θt(a+1))) and one harmonic sum for the answered customers' mean wait. The forward
/// I_m is a difference and loses relative accuracy once small, so from the first state where it falls below 1/16 (long
/// queues, short thresholds) I is summed backward instead, I_m = Σ_{k≥m} d_k, from where d's tail is negligible. Mean wait of
/// all arrivals is P(Ab)/θ (Little's law applied to abandonment: θ·E[queue] = λ·P(Ab)).</para>
/// <para><b>Truncation.</b> The sum stops once the terms fall (ratio r = x/(a+i+1) &lt; 1, which only falls further) and the
/// geometric bound on everything left, t_{i+1}·(i+2)/(1 − r)², is below 1e-17 of J; the largest weight in any sum is i + 1
/// times its term. Terms above 1e250 rescale the running sums (J can exceed the double range in overload); terms of the
/// incomplete beta below e^(−600) are taken as 0, which changes no sum by a relative 1e-60. The work grows as
/// √(x) + max(0, x − a): a few hundred terms at ordinary loads, more when overloaded with patience much longer than AHT.</para>
/// <para>Sources: A. Mandelbaum, S. Zeltyn, "The M/M/n+G queue: summary of performance measures" (Technion, 2004/2009) and
/// "Service engineering in action: the Palm/Erlang-A queue, with applications to call centers" (2007); O. Garnett,
/// A. Mandelbaum, M. Reiman (2002), "Designing a call center with impatient customers", M&amp;SOM 4(3), 208–227;
/// N. Gans, G. Koole, A. Mandelbaum (2003), M&amp;SOM 5(2), section 4.2.</para>
/// </remarks>
public static class ErlangA
{
    /// <summary>Everything the model predicts for <paramref name="agents"/> on <paramref name="traffic"/> with customers of the given average patience.</summary>
    /// <param name="averagePatience">1/θ: how long customers wait on average before hanging up (&gt; 0).</param>
    /// <param name="threshold">The service-level threshold t.</param>
    public static QueuePerformance Evaluate(int agents, IntervalTraffic traffic, TimeSpan averagePatience, TimeSpan threshold)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(agents);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(averagePatience, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(threshold, TimeSpan.Zero);
        var load = traffic.OfferedLoad;
        return Evaluate(agents, load, traffic.AverageHandleTime, averagePatience, threshold, load == 0 ? double.PositiveInfinity : ErlangB.OddsAgainst(agents, load));
    }

    /// <summary>The performance for N agents given R(N) already computed (staffing carries it from one N to the next).</summary>
    internal static QueuePerformance Evaluate(int agents, double load, TimeSpan averageHandleTime, TimeSpan averagePatience, TimeSpan threshold, double odds)
    {
        var aht = averageHandleTime.TotalSeconds;
        var patience = averagePatience.TotalSeconds;
        var s = Sum(agents, load, aht / patience, threshold.TotalSeconds / aht, odds);
        var abandoning = s.Abandoned;
        var answered = 1 - abandoning;
        return new QueuePerformance(
            agents,
            load,
            s.Waiting,
            abandoning,
            s.AnsweredWithin,
            s.AbandonedWithin,
            answered > 0 ? Seconds(s.AnsweredWaitInHandleTimes * aht / answered) : TimeSpan.MaxValue,
            Seconds(abandoning * patience),
            load * answered / agents,
            threshold);
    }

    /// <summary>The model's figures as shares of arrivals, with time in units of the average handle time.</summary>
    /// <param name="patienceRate">θ/μ = AHT / average patience.</param>
    /// <param name="threshold">t/AHT.</param>
    /// <param name="odds">R(N, A), the odds against blocking.</param>
    internal static Figures Sum(int agents, double load, double patienceRate, double threshold, double odds)
    {
        var a = agents / patienceRate;
        var x = load / patienceRate;
        var q = Math.Exp(-patienceRate * threshold);
        var p = -ExpMinusOne(-patienceRate * threshold);

        // Incomplete beta I_p(m, a+1) for m = i + 1 and its decrement d_m; d_0 = q^(a+1) may underflow, so it is carried
        // as a mantissa times e^(dLog) until it is large enough to matter.
        var dLog = -threshold * (agents + patienceRate);
        var dScaled = 1.0;
        var d0 = dLog > -600 ? Math.Exp(dLog) : 0;
        var incomplete = dLog > -600 ? -ExpMinusOne(dLog) : 1;
        var scaled = dLog <= -600;
        var d = d0 * p * (a + 1);
        if (scaled)
        {
            dScaled = p * (a + 1);
        }

        double term = 1, total = 0, answered = 0, abandoned = 0, answeredWithin = 0, abandonedWithin = 0, answeredWait = 0, harmonic = 0;
        var rescales = 0;

        // Forward, I_m = 1 − Σ_{k<m} d_k loses relative accuracy once it is small. From the first state where it is below
        // 1/16 the terms and decrements are kept, and the two sums that use I are finished after the loop with I summed
        // backward from the far tail of d (all positive terms, no cancellation).
        var tailStart = -1;
        var tailCount = 0;
        var tailTerms = Array.Empty<double>();
        var tailDecrements = Array.Empty<double>();
        try
        {
            int i;
            for (i = 0; ; i++)
            {
                var rate = a + i + 1;
                var served = a / rate;
                var abandons = (i + 1) / rate;
                harmonic += 1 / (patienceRate * rate);
                total += term;
                answered += term * served;
                abandoned += term * abandons;
                answeredWait += term * served * harmonic;
                if (tailStart < 0 && incomplete < 0.0625)
                {
                    tailStart = i;
                }

                if (tailStart < 0)
                {
                    answeredWithin += term * served * incomplete;
                    abandonedWithin += term * AbandonedWithin(p, q, incomplete, served, abandons, d);
                }
                else
                {
                    Keep(ref tailTerms, tailCount, term);
                    Keep(ref tailDecrements, tailCount, d);
                    tailCount++;
                }

                // Next incomplete beta: I_{m+1} = I_m − d_m, d_{m+1} = d_m·p·(m + 1 + a)/(m + 1), with m = i + 1.
                incomplete = Math.Max(0, incomplete - d);
                var growth = p * (i + 2 + a) / (i + 2);
                if (scaled)
                {
                    dScaled *= growth;
                    if (dScaled > 1e200)
                    {
                        dScaled *= 1e-200;
                        dLog += 460.51701859880914; // ln 1e200
                    }

                    if (dLog > -600)
                    {
                        scaled = false;
                        d = dScaled * Math.Exp(dLog);
                    }
                }
                else
                {
                    d *= growth;
                }

                var ratio = x / rate;
                term *= ratio;
                if (term > 1e250)
                {
                    term *= 1e-250;
                    total *= 1e-250;
                    answered *= 1e-250;
                    abandoned *= 1e-250;
                    answeredWithin *= 1e-250;
                    abandonedWithin *= 1e-250;
                    answeredWait *= 1e-250;
                    for (var k = 0; k < tailCount; k++)
                    {
                        tailTerms[k] *= 1e-250;
                    }

                    rescales++;
                }

                if (ratio < 1 && term * (i + 2) / ((1 - ratio) * (1 - ratio)) <= 1e-17 * total)
                {
                    break;
                }
            }

            if (tailCount > 0)
            {
                // I_{L+2} = Σ_{k ≥ L+2} d_k, with d already at d_{L+2}: continue until the ratios fall below 1 and the
                // geometric bound on what is left is below 1e-17 of the sum.
                var rest = 0.0;
                var next = d;
                for (var m = i + 2; ; m++)
                {
                    rest += next;
                    var r = p * (m + 1 + a) / (m + 1);
                    next *= r;
                    if (r < 1 && next / (1 - r) <= 1e-17 * (rest + tailDecrements[tailCount - 1]))
                    {
                        break;
                    }
                }

                var backward = rest;
                for (var k = tailCount - 1; k >= 0; k--)
                {
                    var state = tailStart + k;
                    var rate = a + state + 1;
                    backward += tailDecrements[k];
                    answeredWithin += tailTerms[k] * (a / rate) * backward;
                    abandonedWithin += tailTerms[k] * AbandonedWithin(p, q, backward, a / rate, (state + 1) / rate, tailDecrements[k]);
                }
            }
        }
        finally
        {
            Return(tailTerms);
            Return(tailDecrements);
        }

        // π_N = 1/(R + J), in the units the sums were rescaled to.
        var lower = rescales == 0 || double.IsPositiveInfinity(odds) ? odds : odds * Math.Pow(1e-250, rescales);
        var atAgents = 1 / (lower + total);
        var immediately = double.IsPositiveInfinity(lower) ? 1 : lower * atAgents;
        return new Figures(
            Waiting: total * atAgents,
            Abandoned: abandoned * atAgents,
            AnsweredWithin: Math.Min(1, immediately + (answeredWithin * atAgents)),
            AbandonedWithin: abandonedWithin * atAgents,
            AnsweredWaitInHandleTimes: answeredWait * atAgents,
            Answered: immediately + (answered * atAgents));
    }

    /// <summary>P(abandoned, W ≤ t | i waiting ahead) = p − I_{i+1}·(a/(a+i+1) − q) − (i+1)/(a+i+1)·d_{i+1}, never below 0.</summary>
    private static double AbandonedWithin(double p, double q, double incomplete, double served, double abandons, double decrement) =>
        Math.Max(0, p - (incomplete * (served - q)) - (abandons * decrement));

    private static void Keep(ref double[] buffer, int index, double value)
    {
        if (index == buffer.Length)
        {
            var larger = System.Buffers.ArrayPool<double>.Shared.Rent(Math.Max(64, 2 * buffer.Length));
            buffer.AsSpan().CopyTo(larger);
            Return(buffer);
            buffer = larger;
        }

        buffer[index] = value;
    }

    private static void Return(double[] buffer)
    {
        if (buffer.Length > 0)
        {
            System.Buffers.ArrayPool<double>.Shared.Return(buffer);
        }
    }

    /// <summary>e^x − 1 without cancellation for small x (Kahan's trick: the rounding of e^x cancels in the quotient).</summary>
    internal static double ExpMinusOne(double x)
    {
        var u = Math.Exp(x);
        if (u == 1.0)
        {
            return x;
        }

        var um1 = u - 1.0;
        return um1 == -1.0 ? -1.0 : um1 * x / Math.Log(u);
    }

    private static TimeSpan Seconds(double seconds) => seconds >= TimeSpan.MaxValue.TotalSeconds ? TimeSpan.MaxValue : TimeSpan.FromSeconds(seconds);

    /// <summary>Shares of arrivals; the answered customers' wait is a mean over all arrivals, in handle times.</summary>
    internal readonly record struct Figures(double Waiting, double Abandoned, double AnsweredWithin, double AbandonedWithin, double AnsweredWaitInHandleTimes, double Answered);
}
