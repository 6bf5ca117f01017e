namespace Switchboard.ServiceLevels;

/// <summary>What a service-level target times: a name, so that contracts can add their own (escalation steps).</summary>
public readonly record struct ClockTargetId
{
    public ClockTargetId(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        Value = value;
    }

    public string Value { get; }

    /// <summary>From receipt to the acknowledgement sent to the customer.</summary>
    public static ClockTargetId Acknowledgement { get; } = new("acknowledgement");

    /// <summary>From receipt to the first substantive answer.</summary>
    public static ClockTargetId FirstResponse { get; } = new("first-response");

    /// <summary>From a customer's reply to the centre's next answer.</summary>
    public static ClockTargetId NextResponse { get; } = new("next-response");

    /// <summary>From receipt to the final response (a complaint) or resolution (a case).</summary>
    public static ClockTargetId Resolution { get; } = new("resolution");

    public override string ToString() => Value;
}

/// <summary>How a target counts time: only the business calendar's open time, every moment, or whole business days.</summary>
public enum Timekeeping
{
    BusinessTime = 1,
    CalendarTime = 2,

    /// <summary>
    /// Whole business dates (<see cref="Calendars.BusinessTimeline.BusinessDates"/>): each local date the calendar opens
    /// at all is worth one day (limits are whole days, such as fifteen business days), whatever its opening hours.
    /// Counted from the start instant, so the deadline falls at that time of day on the last date, never later than
    /// the end of that date.
    /// </summary>
    BusinessDays = 3,
}

/// <summary>One service-level target: the time allowed and how it is counted.</summary>
public sealed record ServiceTarget
{
    public ServiceTarget(ClockTargetId id, TimeSpan limit, Timekeeping timekeeping)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(limit, TimeSpan.Zero);
        if (!Enum.IsDefined(timekeeping))
        {
            throw new ArgumentOutOfRangeException(nameof(timekeeping));
        }

        Id = id;
        Limit = limit;
        Timekeeping = timekeeping;
    }

    public ClockTargetId Id { get; }

    /// <summary>The time allowed, in <see cref="Timekeeping"/>'s time (positive).</summary>
    public TimeSpan Limit { get; }

    public Timekeeping Timekeeping { get; }
}

/// <summary>
/// The targets a clock runs against: which business calendar counts business time (null: always open), the targets
/// (each id once) and the fractions of a target's limit at which a pre-breach warning is raised.
/// </summary>
public sealed record ClockPolicy
{
    /// <summary>Warnings at three quarters and nine tenths of the time allowed.</summary>
    public static IReadOnlyList<double> DefaultWarnings { get; } = [0.75, 0.9];

    readonly ServiceTarget[] targets;
    readonly double[] warnings;

    // thresholds[i * warnings.Length + w]: the elapsed ticks at which target i passes warning w.
    readonly long[] thresholds;

    public ClockPolicy(string? calendar, IReadOnlyList<ServiceTarget> targets, IReadOnlyList<double>? warnings = null)
    {
        ArgumentNullException.ThrowIfNull(targets);
        warnings ??= DefaultWarnings;
        if (targets.Select(t => t.Id).Distinct().Count() != targets.Count)
        {
            throw new ArgumentException("Each target is given once.", nameof(targets));
        }

        if (warnings.Count > 8 || warnings.Any(w => !(w > 0 && w < 1)) || warnings.Zip(warnings.Skip(1)).Any(p => p.First >= p.Second))
        {
            throw new ArgumentException("At most eight warning fractions, ascending, each between 0 and 1.", nameof(warnings));
        }

        Calendar = calendar;
        this.targets = [.. targets];
        this.warnings = [.. warnings];
        thresholds = new long[this.targets.Length * this.warnings.Length];
        for (var i = 0; i < this.targets.Length; i++)
        {
            for (var w = 0; w < this.warnings.Length; w++)
            {
                thresholds[(i * this.warnings.Length) + w] = (long)Math.Ceiling(this.targets[i].Limit.Ticks * this.warnings[w]);
            }
        }
    }

    /// <summary>The name of the business calendar (see <see cref="Calendars.BusinessCalendars"/>); null: always open.</summary>
    public string? Calendar { get; }

    public IReadOnlyList<ServiceTarget> Targets => targets;

    /// <summary>Fractions of each target's limit, ascending, at which a warning is raised.</summary>
    public IReadOnlyList<double> Warnings => warnings;

    internal ServiceTarget Target(int index) => targets[index];

    internal int TargetCount => targets.Length;

    internal int WarningCount => warnings.Length;

    internal long Threshold(int target, int warning) => thresholds[(target * warnings.Length) + warning];

    internal int WarningIndex(double fraction) => Array.IndexOf(warnings, fraction);

    internal int IndexOf(ClockTargetId id)
    {
        for (var i = 0; i < targets.Length; i++)
        {
            if (targets[i].Id == id)
            {
                return i;
            }
        }

        return -1;
    }

    public bool Equals(ClockPolicy? other) =>
        other is not null && Calendar == other.Calendar && targets.SequenceEqual(other.targets) && warnings.SequenceEqual(other.warnings);

    public override int GetHashCode() => HashCode.Combine(Calendar, targets.Length, warnings.Length);
}
