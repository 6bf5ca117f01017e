namespace Switchboard.Planning.Staffing;

/// <summary>A service-level goal: at least <see cref="Fraction"/> of contacts answered within <see cref="Threshold"/> ("80/20" is 0.8 within 20 s).</summary>
public readonly record struct ServiceLevelTarget
{
    /// <param name="fraction">The share to reach, 0 to 1 (1 excluded: no finite staffing answers everyone within a threshold).</param>
    /// <param name="threshold">The answer-time threshold (≥ 0).</param>
    public ServiceLevelTarget(double fraction, TimeSpan threshold)
    {
        if (!(fraction is >= 0 and < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "The service-level target is a share from 0 up to (not including) 1.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(threshold, TimeSpan.Zero);
        Fraction = fraction;
        Threshold = threshold;
    }

    /// <summary>The share of contacts to answer within the threshold, 0 to 1.</summary>
    public double Fraction { get; }

    /// <summary>The answer-time threshold.</summary>
    public TimeSpan Threshold { get; }
}
