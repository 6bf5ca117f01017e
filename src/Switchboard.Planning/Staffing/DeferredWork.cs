namespace Switchboard.Planning.Staffing;

/// <summary>
/// Staffing for deferred work (email, cases, messages answered later): the work arriving in a window, plus any backlog
/// waiting at its start, must each be finished within a response-time target of its arrival.
/// </summary>
/// <remarks>
/// <para><b>Model:</b> a fluid, first-in-first-out one. V items arrive evenly over a window of length T, B are waiting at
/// its start, each takes h of an agent's time, and N agents work at N/h items per unit time from the window's start. The
/// item that arrives at s is finished when the work ahead of it and its own is done, at (B + V·s/T)·h/N. Its response time
/// is that minus s; the largest is at s = T (if arrivals outpace the agents) or s = 0, so every item meets the target R
/// exactly when (B + V)·h/N ≤ T + R and B·h/N ≤ R, i.e.
/// N ≥ h·max((B + V)/(T + R), B/R).</para>
/// <para><b>Assumptions:</b> arrivals are spread evenly (no burst within the window), the work keeps agents busy without
/// gaps, every item takes the average time, and R ≥ h (no item can be finished sooner than its own handle time). Work
/// arriving at the window's end may be finished after the window: the agents are needed until T + R at most, but the figure
/// is the staff to have during the window. No randomness is modelled, so use a margin for lumpy arrivals.</para>
/// </remarks>
public static class DeferredWork
{
    /// <summary>The fewest agents so that every item arriving in the window, and the backlog at its start, is finished within <paramref name="responseTarget"/>.</summary>
    /// <param name="traffic">Items arriving in the window (its <see cref="IntervalTraffic.IntervalLength"/>) and the work time of each.</param>
    /// <param name="responseTarget">R, the time from arrival within which each item must be finished (≥ the handle time).</param>
    /// <param name="backlog">B, items already waiting at the window's start (≥ 0), taken as just arrived.</param>
    public static int RequiredAgents(IntervalTraffic traffic, TimeSpan responseTarget, double backlog = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(responseTarget, traffic.AverageHandleTime);
        if (!double.IsFinite(backlog) || backlog < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(backlog), backlog, "The backlog is a finite number of items, at least 0.");
        }

        var h = traffic.AverageHandleTime.TotalSeconds;
        var window = traffic.IntervalLength.TotalSeconds;
        var target = responseTarget.TotalSeconds;
        var needed = h * Math.Max((backlog + traffic.Contacts) / (window + target), backlog / target);

        // A hair under the exact quotient, so that exactly enough agents is not rounded up by a last-bit error.
        return (int)Math.Ceiling(needed - 1e-9);
    }
}
