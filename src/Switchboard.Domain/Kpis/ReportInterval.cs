namespace Switchboard.Kpis;

/// <summary>The length of a report's intervals.</summary>
public enum ReportInterval
{
    FifteenMinutes = 15,
    ThirtyMinutes = 30,
    Hour = 60,
    Day = 1440,
    Month = 43200,
}

/// <summary>
/// Where report intervals start, on the wall clock of the client's time zone: a day is a local day (23 or 25 hours long
/// when daylight saving changes), and the hour repeated in autumn gives two distinct intervals (their offsets differ).
/// </summary>
public static class ReportIntervals
{
    /// <summary>The start of the interval holding an instant, as a local time with its UTC offset.</summary>
    public static DateTimeOffset StartOf(DateTimeOffset instant, ReportInterval interval, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var local = TimeZoneInfo.ConvertTime(instant, zone);
        switch (interval)
        {
            case ReportInterval.FifteenMinutes or ReportInterval.ThirtyMinutes or ReportInterval.Hour:
                var length = TimeSpan.FromMinutes((int)interval).Ticks;
                var clock = local.DateTime;
                var floored = new DateTime(clock.Ticks - (clock.TimeOfDay.Ticks % length), DateTimeKind.Unspecified);
                return new DateTimeOffset(floored, local.Offset);
            case ReportInterval.Day:
                return LocalMidnight(DateOnly.FromDateTime(local.DateTime), zone);
            case ReportInterval.Month:
                return LocalMidnight(new DateOnly(local.Year, local.Month, 1), zone);
            default:
                throw new ArgumentOutOfRangeException(nameof(interval), interval, "Unknown report interval.");
        }
    }

    /// <summary>The start of the interval after the one starting at <paramref name="start"/>.</summary>
    public static DateTimeOffset Next(DateTimeOffset start, ReportInterval interval, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return interval switch
        {
            // Sub-day intervals are whole minutes of real time: the local label follows the instant's own offset.
            ReportInterval.FifteenMinutes or ReportInterval.ThirtyMinutes or ReportInterval.Hour =>
                TimeZoneInfo.ConvertTime(start.AddMinutes((int)interval), zone),
            ReportInterval.Day => LocalMidnight(DateOnly.FromDateTime(start.DateTime).AddDays(1), zone),
            ReportInterval.Month => LocalMidnight(DateOnly.FromDateTime(start.DateTime).AddMonths(1), zone),
            _ => throw new ArgumentOutOfRangeException(nameof(interval), interval, "Unknown report interval."),
        };
    }

    /// <summary>The first instant of a local date (midnight, or the first valid time when the clock skips midnight).</summary>
    public static DateTimeOffset LocalMidnight(DateOnly date, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var clock = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(clock))
        {
            clock = clock.AddMinutes(15);
        }

        // An ambiguous midnight (the clock falls back across it) starts at its first occurrence: the larger offset.
        var offset = zone.IsAmbiguousTime(clock) ? zone.GetAmbiguousTimeOffsets(clock).Max() : zone.GetUtcOffset(clock);
        return new DateTimeOffset(clock, offset);
    }
}
