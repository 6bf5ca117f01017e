namespace Switchboard.Calendars;

/// <summary>
/// Business-time arithmetic on one <see cref="OpeningHours"/>: the open intervals in UTC, earliest first, with the
/// open time before each, so measuring and adding business time are binary searches rather than wall-clock
/// conversions. <see cref="AlwaysOpen"/> is calendar time.
/// </summary>
/// <remarks>
/// Open time is counted over half-open intervals: an open interval includes its start and excludes its end.
/// <see cref="AddOpenTime"/> answers the instant the accumulated open time reaches the amount asked for, which for a
/// positive amount lies inside an open interval or exactly at its end (the closing instant), never in closed time
/// after it. The intervals are worked out from <see cref="OpeningHours"/>' own rule (open when the local wall clock is
/// in a period of its local date), so daylight-saving days agree with <see cref="OpeningHours.IsOpen"/>.
/// The timeline covers every local date from the earliest to the latest instant asked about (a quarter of a year at
/// least), widening itself when asked about instants outside that span; widening changes
/// its arrays, so one timeline must not be used from several threads at once unless <see cref="Cover"/> already
/// covers every instant they ask about.
/// </remarks>
public sealed class BusinessTimeline
{
    static readonly IReadOnlyList<OpeningPeriod> WholeDate = [new(TimeOnly.MinValue, TimeOnly.MinValue)];

    // A deadline not reached within this much calendar time after its start never comes (a calendar with no hours).
    static readonly long Horizon = TimeSpan.FromDays(3660).Ticks;

    // Widening works in whole local days, a quarter of a year at least, so most queries never widen.
    const int MinimumWideningDays = 92;

    readonly OpeningHours? hours;

    // Whole business dates: each local date the calendar opens at all counts as one day of business time, from its
    // local midnight to the next, however long its opening hours and whether daylight saving makes it 23 or 25 hours.
    readonly bool wholeDates;
    long[] starts = [];
    long[] ends = [];

    // openBefore[i]: open ticks from the covered span's start to starts[i]; openAfter[i] = openBefore[i] + the interval's
    // worth, its length except for whole dates, whose pieces share one day between them in proportion to their length.
    long[] openBefore = [];
    long[] openAfter = [];
    int count;
    DateOnly firstDate;
    DateOnly lastDate;
    long coveredFrom = long.MaxValue;
    long coveredTo = long.MinValue;

    /// <summary>A timeline of <paramref name="hours"/>, built as it is used.</summary>
    public BusinessTimeline(OpeningHours hours)
        : this(hours, wholeDates: false)
    {
    }

    BusinessTimeline(OpeningHours hours, bool wholeDates)
    {
        ArgumentNullException.ThrowIfNull(hours);
        this.hours = hours;
        this.wholeDates = wholeDates;
    }

    BusinessTimeline()
    {
        coveredFrom = DateTimeOffset.MinValue.UtcTicks;
        coveredTo = DateTimeOffset.MaxValue.UtcTicks;
    }

    /// <summary>
    /// Business days of <paramref name="hours"/>: every local date on which the calendar opens at all (holidays and
    /// closed weekdays excluded) counts as exactly one day, from local midnight to local midnight, whatever its
    /// opening hours and its length on a daylight-saving change; closed dates count nothing. So "fifteen business
    /// days" is fifteen such dates whether the centre opens eight hours a day or twelve. Inside a date, time counts in
    /// proportion to the date's real length.
    /// </summary>
    public static BusinessTimeline BusinessDates(OpeningHours hours) => new(hours, wholeDates: true);

    /// <summary>Whether this timeline counts whole business dates (<see cref="BusinessDates"/>) rather than open time.</summary>
    public bool CountsWholeDates => wholeDates;

    /// <summary>Calendar time: open all the time, so business time equals elapsed real time. Safe to share.</summary>
    public static BusinessTimeline AlwaysOpen { get; } = new();

    /// <summary>The opening hours this timeline follows; null for <see cref="AlwaysOpen"/>.</summary>
    public OpeningHours? Hours => hours;

    /// <summary>Whether the calendar is open at an instant (the same answer as <see cref="OpeningHours.IsOpen"/>).</summary>
    public bool IsOpen(DateTimeOffset instant)
    {
        if (hours is null)
        {
            return true;
        }

        var t = instant.UtcTicks;
        CoverTicks(t, t + 1);
        var i = LastStartAtOrBefore(t);
        return i >= 0 && t < ends[i];
    }

    /// <summary>
    /// The open time from <paramref name="from"/> to <paramref name="to"/>; negative when <paramref name="to"/> is
    /// earlier, so that the open time from a to b plus b to c is always the open time from a to c.
    /// </summary>
    public TimeSpan OpenTimeBetween(DateTimeOffset from, DateTimeOffset to) =>
        TimeSpan.FromTicks(OpenTicksBetween(from.UtcTicks, to.UtcTicks));

    /// <summary>
    /// The instant at which <paramref name="openTime"/> of open time has passed since <paramref name="start"/> (UTC):
    /// <paramref name="start"/> itself for zero, otherwise inside an open interval or at its end. Null when the
    /// calendar does not open for that long within ten years.
    /// </summary>
    public DateTimeOffset? AddOpenTime(DateTimeOffset start, TimeSpan openTime)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(openTime, TimeSpan.Zero);
        var due = AddOpenTicks(start.UtcTicks, openTime.Ticks);
        return due == long.MaxValue ? null : new DateTimeOffset(due, TimeSpan.Zero);
    }

    /// <summary>Works out the open intervals from <paramref name="from"/> to <paramref name="to"/> now, so that later
    /// queries inside that span never widen the timeline (and may run on several threads).</summary>
    public void Cover(DateTimeOffset from, DateTimeOffset to) => CoverTicks(from.UtcTicks, to.UtcTicks);

    internal long OpenTicksBetween(long from, long to)
    {
        if (hours is null)
        {
            return to - from;
        }

        CoverTicks(Math.Min(from, to), Math.Max(from, to) + 1);
        return OpenTicksBefore(to) - OpenTicksBefore(from);
    }

    // long.MaxValue when the open time is not reached within the horizon.
    internal long AddOpenTicks(long start, long openTicks)
    {
        if (hours is null)
        {
            return openTicks > DateTimeOffset.MaxValue.UtcTicks - start ? long.MaxValue : start + openTicks;
        }

        if (openTicks == 0)
        {
            return start;
        }

        CoverTicks(start, start + 1);
        var target = OpenTicksBefore(start) + openTicks;
        var limit = start > DateTimeOffset.MaxValue.UtcTicks - Horizon ? DateTimeOffset.MaxValue.UtcTicks : start + Horizon;
        while (count == 0 || openAfter[count - 1] < target)
        {
            if (coveredTo >= limit)
            {
                return long.MaxValue;
            }

            var before = coveredTo;
            CoverTicks(coveredTo - 1, Math.Min(limit, coveredTo + (coveredTo - coveredFrom)));
            if (coveredTo <= before)
            {
                return long.MaxValue;
            }
        }

        // The first interval whose end brings the open time to the target: the deadline lies in it, end included.
        int lo = 0, hi = count - 1;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (openAfter[mid] >= target)
            {
                hi = mid;
            }
            else
            {
                lo = mid + 1;
            }
        }

        var worth = target - openBefore[lo];
        var length = ends[lo] - starts[lo];
        var weight = openAfter[lo] - openBefore[lo];
        // Rounded up, so that the open time at the due instant reaches the target rather than falling a tick short.
        var due = starts[lo] + (weight == length ? worth : (long)(((Int128)worth * length + weight - 1) / weight));
        return due < start ? start : due;
    }

    long OpenTicksBefore(long t)
    {
        var i = LastStartAtOrBefore(t);
        if (i < 0)
        {
            return 0;
        }

        var part = Math.Min(t, ends[i]) - starts[i];
        var length = ends[i] - starts[i];
        var weight = openAfter[i] - openBefore[i];
        return openBefore[i] + (weight == length ? part : (long)((Int128)part * weight / length));
    }

    int LastStartAtOrBefore(long t)
    {
        int lo = 0, hi = count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (starts[mid] <= t)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo - 1;
    }

    void CoverTicks(long from, long to)
    {
        if (hours is null || (from >= coveredFrom && to <= coveredTo))
        {
            return;
        }

        // Local dates whose periods can reach the span: UTC offsets lie within ±14 hours, so a day either side.
        var fromDate = DateOnly.FromDateTime(new DateTime(Math.Max(from, DateTime.MinValue.Ticks + TimeSpan.TicksPerDay * 2), DateTimeKind.Utc)).AddDays(-1);
        var toDate = DateOnly.FromDateTime(new DateTime(Math.Min(to, DateTime.MaxValue.Ticks - TimeSpan.TicksPerDay * 2), DateTimeKind.Utc)).AddDays(1);
        if (count == 0 && coveredFrom == long.MaxValue)
        {
            firstDate = fromDate;
            lastDate = fromDate.AddDays(-1);
        }

        if (fromDate < firstDate)
        {
            firstDate = fromDate.DayNumber < firstDate.DayNumber - MinimumWideningDays ? fromDate : DateOnly.FromDayNumber(Math.Max(DateOnly.MinValue.DayNumber + 2, firstDate.DayNumber - MinimumWideningDays));
        }

        if (toDate > lastDate)
        {
            lastDate = toDate.DayNumber > lastDate.DayNumber + MinimumWideningDays ? toDate : DateOnly.FromDayNumber(Math.Min(DateOnly.MaxValue.DayNumber - 2, lastDate.DayNumber + MinimumWideningDays));
        }

        Build();
    }

    // Rebuilds the intervals for every local date from firstDate to lastDate. Widening rebuilds all of them, which
    // keeps one simple path; it happens rarely (the span at least doubles each time a deadline runs past it).
    void Build()
    {
        var zone = hours!.TimeZone;
        var pieces = new List<(long Start, long End)>();
        var offsets = new List<(long From, long Offset)>(2);
        for (var date = firstDate; date <= lastDate; date = date.AddDays(1))
        {
            var periods = hours.PeriodsOn(date);
            if (periods.Count == 0)
            {
                continue;
            }

            if (wholeDates)
            {
                periods = WholeDate;
            }

            // Instants whose local date can be this one, and the UTC offsets in force over them.
            var midnight = date.ToDateTime(TimeOnly.MinValue).Ticks;
            var low = midnight - TimeSpan.TicksPerHour * 15;
            var high = midnight + TimeSpan.TicksPerDay + TimeSpan.TicksPerHour * 15;
            offsets.Clear();
            OffsetSegments(zone, low, high, offsets);
            for (var s = 0; s < offsets.Count; s++)
            {
                var segmentFrom = offsets[s].From;
                var segmentTo = s + 1 < offsets.Count ? offsets[s + 1].From : high;
                var offset = offsets[s].Offset;
                foreach (var period in periods)
                {
                    // While the offset holds, the local clock shows [from, end) exactly from (from - offset) to (end - offset).
                    var start = Math.Max(segmentFrom, midnight + period.From.Ticks - offset);
                    var end = Math.Min(segmentTo, midnight + period.End.Ticks - offset);
                    if (start < end)
                    {
                        pieces.Add((start, end));
                    }
                }
            }
        }

        pieces.Sort();
        if (wholeDates)
        {
            BuildWholeDates(pieces);
            return;
        }

        var merged = new List<(long Start, long End)>(pieces.Count);
        foreach (var piece in pieces)
        {
            if (merged.Count > 0 && piece.Start <= merged[^1].End)
            {
                merged[^1] = (merged[^1].Start, Math.Max(merged[^1].End, piece.End));
            }
            else
            {
                merged.Add(piece);
            }
        }

        Fill(merged, [.. merged.Select(p => p.End - p.Start)]);
    }

    // A date's pieces (one, or two around an offset change) are consecutive in UTC and are never merged with the next
    // date's, so that each date's midnight stays an interval boundary and the date is worth exactly one day.
    void BuildWholeDates(List<(long Start, long End)> pieces)
    {
        var worth = new long[pieces.Count];
        for (var first = 0; first < pieces.Count;)
        {
            var last = first;
            while (last + 1 < pieces.Count && pieces[last + 1].Start == pieces[last].End && SameLocalDate(pieces[first].Start, pieces[last + 1].Start))
            {
                last++;
            }

            var length = pieces[last].End - pieces[first].Start;
            long given = 0;
            for (var i = first; i < last; i++)
            {
                worth[i] = (long)((Int128)(pieces[i].End - pieces[i].Start) * TimeSpan.TicksPerDay / length);
                given += worth[i];
            }

            worth[last] = TimeSpan.TicksPerDay - given;
            first = last + 1;
        }

        Fill(pieces, worth);
    }

    bool SameLocalDate(long a, long b) =>
        TimeZoneInfo.ConvertTimeFromUtc(new DateTime(a, DateTimeKind.Utc), hours!.TimeZone).Date == TimeZoneInfo.ConvertTimeFromUtc(new DateTime(b, DateTimeKind.Utc), hours.TimeZone).Date;

    void Fill(List<(long Start, long End)> intervals, long[] worth)
    {
        count = intervals.Count;
        starts = new long[count];
        ends = new long[count];
        openBefore = new long[count];
        openAfter = new long[count];
        long open = 0;
        for (var i = 0; i < count; i++)
        {
            starts[i] = intervals[i].Start;
            ends[i] = intervals[i].End;
            openBefore[i] = open;
            open += worth[i];
            openAfter[i] = open;
        }

        // Every instant whose local date lies in [firstDate, lastDate] is accounted for; keep a margin of a day.
        coveredFrom = firstDate.ToDateTime(TimeOnly.MinValue).Ticks + TimeSpan.TicksPerDay;
        coveredTo = lastDate.ToDateTime(TimeOnly.MinValue).Ticks;
    }

    // The offsets in force from low to high as (first instant, offset) pairs: zones change offset at most a few times
    // a year, so each change is found by bisection between samples a day apart.
    static void OffsetSegments(TimeZoneInfo zone, long low, long high, List<(long From, long Offset)> into)
    {
        var offset = Offset(zone, low);
        into.Add((low, offset));
        var a = low;
        while (a < high)
        {
            var b = Math.Min(high, a + TimeSpan.TicksPerDay);
            if (Offset(zone, b) == offset)
            {
                a = b;
                continue;
            }

            long lo = a, hi = b;
            while (hi - lo > 1)
            {
                var mid = lo + ((hi - lo) / 2);
                if (Offset(zone, mid) == offset)
                {
                    lo = mid;
                }
                else
                {
                    hi = mid;
                }
            }

            offset = Offset(zone, hi);
            into.Add((hi, offset));
            a = hi;
        }
    }

    static long Offset(TimeZoneInfo zone, long utcTicks) => zone.GetUtcOffset(new DateTime(utcTicks, DateTimeKind.Utc)).Ticks;
}
