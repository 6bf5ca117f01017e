namespace Switchboard.Skills;

/// <summary>
/// How well an agent masters a skill or a language, from 1 (novice) to 5 (expert).
/// A requirement's minimum is met by any proficiency at or above it.
/// </summary>
public readonly record struct Proficiency : IComparable<Proficiency>
{
    public const int Lowest = 1;
    public const int Highest = 5;

    public Proficiency(int level)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(level, Lowest);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(level, Highest);
        Level = level;
    }

    /// <summary>1 (novice) to 5 (expert).</summary>
    public int Level { get; }

    /// <summary>Any proficiency at all: the minimum that every holder of a skill meets.</summary>
    public static Proficiency Any => new(Lowest);

    public static Proficiency Expert => new(Highest);

    public int CompareTo(Proficiency other) => Level.CompareTo(other.Level);

    public static bool operator <(Proficiency left, Proficiency right) => left.Level < right.Level;
    public static bool operator >(Proficiency left, Proficiency right) => left.Level > right.Level;
    public static bool operator <=(Proficiency left, Proficiency right) => left.Level <= right.Level;
    public static bool operator >=(Proficiency left, Proficiency right) => left.Level >= right.Level;

    public override string ToString() => Level.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
