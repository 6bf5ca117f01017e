namespace Switchboard.Calendars;

/// <summary>
/// A stretch of local wall-clock time within one day: from <see cref="From"/> (included) to <see cref="To"/> (excluded).
/// <see cref="To"/> of 00:00 means the end of the day (midnight), so 00:00-00:00 is the whole day.
/// </summary>
public readonly record struct OpeningPeriod
{
    public OpeningPeriod(TimeOnly from, TimeOnly to)
    {
        if (to != TimeOnly.MinValue && to <= from)
        {
            throw new ArgumentException("An opening period ends after it starts (00:00 as the end means midnight).", nameof(to));
        }

        From = from;
        To = to;
    }

    public TimeOnly From { get; }

    public TimeOnly To { get; }

    /// <summary>The end as time since local midnight: 24 hours when <see cref="To"/> is 00:00.</summary>
    public TimeSpan End => To == TimeOnly.MinValue ? TimeSpan.FromDays(1) : To.ToTimeSpan();

    /// <summary>Whether a local time of day falls in this period.</summary>
    public bool Contains(TimeSpan timeOfDay) => timeOfDay >= From.ToTimeSpan() && timeOfDay < End;
}

/// <summary>A regular opening period on one day of every week.</summary>
public readonly record struct WeeklyPeriod(DayOfWeek Day, OpeningPeriod Period);

/// <summary>A date whose hours replace the weekly ones: no periods means closed all day.</summary>
public sealed record HolidayHours(DateOnly Date, IReadOnlyList<OpeningPeriod> Periods)
{
    /// <summary>A date closed all day.</summary>
    public static HolidayHours Closed(DateOnly date) => new(date, []);
}
