namespace Switchboard.Calendars;

/// <summary>
/// When a queue (or any business calendar) is open, in local wall-clock time of one time zone: several periods per
/// weekday (split shifts) and holidays that close a date or give it special hours.
/// </summary>
/// <remarks>
/// An instant is open when its local wall-clock time, in <see cref="TimeZone"/>, lies in a period of its local date.
/// That one rule settles daylight-saving days: on a spring-forward day a period inside the skipped hour never opens and
/// one that straddles it opens for the remaining real time; on an autumn day a repeated hour is open both times the
/// clock shows it. The time zone is resolved by the host (reading tzdata is I/O) and passed in.
/// </remarks>
public sealed class OpeningHours
{
    // How far NextOpening looks ahead before deciding the calendar never opens again (more than a year of holidays).
    static readonly int SearchDays = 800;

    readonly OpeningPeriod[][] weekly = new OpeningPeriod[7][];
    readonly Dictionary<DateOnly, OpeningPeriod[]> holidays = [];

    public OpeningHours(TimeZoneInfo timeZone, IEnumerable<WeeklyPeriod> weekly, IEnumerable<HolidayHours> holidays)
    {
        ArgumentNullException.ThrowIfNull(timeZone);
        ArgumentNullException.ThrowIfNull(weekly);
        ArgumentNullException.ThrowIfNull(holidays);
        TimeZone = timeZone;
        var byDay = weekly.ToLookup(w => w.Day, w => w.Period);
        for (var day = 0; day < 7; day++)
        {
            this.weekly[day] = Ordered(byDay[(DayOfWeek)day], ((DayOfWeek)day).ToString());
        }

        foreach (var holiday in holidays)
        {
            if (!this.holidays.TryAdd(holiday.Date, Ordered(holiday.Periods, holiday.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))))
            {
                throw new ArgumentException($"The holiday {holiday.Date:yyyy-MM-dd} is given twice.", nameof(holidays));
            }
        }
    }

    /// <summary>The time zone whose wall clock the periods are written in.</summary>
    public TimeZoneInfo TimeZone { get; }

    /// <summary>The periods that apply on a local date, earliest first: the holiday's when it is one, else the weekday's.</summary>
    public IReadOnlyList<OpeningPeriod> PeriodsOn(DateOnly date) =>
        holidays.TryGetValue(date, out var special) ? special : weekly[(int)date.DayOfWeek];

    /// <summary>Whether the calendar is open at an instant.</summary>
    public bool IsOpen(DateTimeOffset instant)
    {
        var local = TimeZoneInfo.ConvertTime(instant, TimeZone).DateTime;
        var periods = PeriodsOn(DateOnly.FromDateTime(local));
        var timeOfDay = local.TimeOfDay;
        for (var i = 0; i < periods.Count; i++)
        {
            if (periods[i].Contains(timeOfDay))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The earliest instant at or after <paramref name="instant"/> when the calendar is open (UTC), or null when it
    /// does not open within about two years.
    /// </summary>
    public DateTimeOffset? NextOpening(DateTimeOffset instant)
    {
        if (IsOpen(instant))
        {
            return instant.ToUniversalTime();
        }

        // The calendar opens when the local clock reaches a period's start, or when a clock change jumps into a period.
        // So the candidates are every instant a start time occurs and every offset change, day by day.
        var start = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, TimeZone).DateTime).AddDays(-1);
        // A day's offset-change window reaches into its neighbours, so look two days past the first find.
        DateTimeOffset? best = null;
        var foundOn = 0;
        for (var d = 0; d < SearchDays; d++)
        {
            if (best is not null && d > foundOn + 2)
            {
                return best;
            }

            var date = start.AddDays(d);
            var before = best;
            foreach (var period in PeriodsOn(date))
            {
                foreach (var candidate in Occurrences(date.ToDateTime(period.From)))
                {
                    best = Earlier(best, candidate, instant);
                }
            }

            if (OffsetChange(date) is { } change)
            {
                best = Earlier(best, change, instant);
            }

            if (before is null && best is not null)
            {
                foundOn = d;
            }
        }

        return best;
    }

    DateTimeOffset? Earlier(DateTimeOffset? best, DateTimeOffset candidate, DateTimeOffset notBefore) =>
        candidate >= notBefore && (best is null || candidate < best) && IsOpen(candidate) ? candidate : best;

    // The instants at which the local clock shows a time: one normally, two in a repeated hour, and for a skipped time
    // the instant the clock jumps past it.
    IEnumerable<DateTimeOffset> Occurrences(DateTime local)
    {
        if (TimeZone.IsAmbiguousTime(local))
        {
            foreach (var offset in TimeZone.GetAmbiguousTimeOffsets(local))
            {
                yield return new DateTimeOffset(local.Ticks - offset.Ticks, TimeSpan.Zero);
            }
        }
        else if (TimeZone.IsInvalidTime(local))
        {
            // Interpreted with the offset in force before the jump, a skipped time lands after the jump; the clock
            // change itself is then the moment the clock passes it.
            var before = TimeZone.GetUtcOffset(new DateTimeOffset(local.Ticks, TimeSpan.Zero).AddDays(-1));
            var instant = new DateTimeOffset(local.Ticks - before.Ticks, TimeSpan.Zero);
            yield return OffsetChangeBetween(instant.AddDays(-1), instant) ?? instant;
        }
        else
        {
            yield return new DateTimeOffset(local.Ticks - TimeZone.GetUtcOffset(local).Ticks, TimeSpan.Zero);
        }
    }

    // The first instant with a new UTC offset during a local date (spanning it generously), if the offset changes.
    DateTimeOffset? OffsetChange(DateOnly date)
    {
        var from = new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue).Ticks, TimeSpan.Zero).AddDays(-1);
        return OffsetChangeBetween(from, from.AddDays(2));
    }

    DateTimeOffset? OffsetChangeBetween(DateTimeOffset low, DateTimeOffset high)
    {
        var lowOffset = TimeZone.GetUtcOffset(low);
        if (TimeZone.GetUtcOffset(high) == lowOffset)
        {
            return null;
        }

        // Binary search to the tick: the offset is lowOffset at low and different at high.
        long a = low.UtcTicks, b = high.UtcTicks;
        while (b - a > 1)
        {
            var mid = a + ((b - a) / 2);
            if (TimeZone.GetUtcOffset(new DateTimeOffset(mid, TimeSpan.Zero)) == lowOffset)
            {
                a = mid;
            }
            else
            {
                b = mid;
            }
        }

        return new DateTimeOffset(b, TimeSpan.Zero);
    }

    static OpeningPeriod[] Ordered(IEnumerable<OpeningPeriod> periods, string day)
    {
        var ordered = periods.OrderBy(p => p.From).ToArray();
        for (var i = 1; i < ordered.Length; i++)
        {
            if (ordered[i].From.ToTimeSpan() < ordered[i - 1].End)
            {
                throw new ArgumentException($"Opening periods on {day} overlap: {ordered[i - 1].From}-{ordered[i - 1].To} and {ordered[i].From}-{ordered[i].To}.", nameof(periods));
            }
        }

        return ordered;
    }
}
