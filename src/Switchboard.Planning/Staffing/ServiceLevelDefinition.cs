namespace Switchboard.Planning.Staffing;

/// <summary>
/// Which contacts a service level counts: the same staffing gives different numbers under each, so a service level is
/// never quoted without its definition. In the Erlang C model nobody abandons and all definitions give the same value.
/// </summary>
/// <remarks>
/// All are ratios of long-run rates in the stationary model. "Answered within t" counts contacts answered after a wait
/// of at most t; "abandoned within t" counts contacts that hung up after waiting at most t.
/// </remarks>
public enum ServiceLevelDefinition
{
    /// <summary>Answered within t ÷ all arrivals. Every abandon counts as a failure. The strictest; the default.</summary>
    AllArrivals = 1,

    /// <summary>Answered within t ÷ answered. Abandons are left out altogether.</summary>
    Answered,

    /// <summary>
    /// Answered within t ÷ (arrivals − abandoned). In the stationary models every arrival is eventually answered or
    /// abandons, so this equals <see cref="Answered"/>; on measured intervals it differs by the contacts still waiting at
    /// the interval's end, which it counts in the denominator.
    /// </summary>
    ExcludingAbandons,

    /// <summary>
    /// Answered within t ÷ (arrivals − abandoned within t). Customers who hang up within the threshold are left out
    /// (they gave the centre no fair chance); later abandons count as failures. The simulator's definition.
    /// </summary>
    ExcludingAbandonsWithinThreshold,

    /// <summary>(Answered within t + abandoned within t) ÷ all arrivals: an abandon within the threshold counts as met.</summary>
    AbandonsWithinThresholdMet,
}
