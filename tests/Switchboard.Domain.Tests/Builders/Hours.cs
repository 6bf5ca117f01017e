using System.Globalization;
using Switchboard.Calendars;

namespace Switchboard.Tests.Builders;

/// <summary>Business calendars for tests: the same periods Monday to Friday in one IANA zone.</summary>
public static class Hours
{
    public static OpeningHours Weekdays(string zone, string periods, params HolidayHours[] holidays) =>
        new(TimeZoneInfo.FindSystemTimeZoneById(zone), Days(periods, DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday), holidays);

    public static OpeningHours Every(string zone, string periods, params HolidayHours[] holidays) =>
        new(TimeZoneInfo.FindSystemTimeZoneById(zone), Days(periods, Enum.GetValues<DayOfWeek>()), holidays);

    /// <summary>Periods written "09:00-12:00 13:00-17:00", on each of the days.</summary>
    static IEnumerable<WeeklyPeriod> Days(string periods, params DayOfWeek[] days) =>
        from day in days
        from period in periods.Split(' ', StringSplitOptions.RemoveEmptyEntries)
        let ends = period.Split('-')
        select new WeeklyPeriod(day, new OpeningPeriod(TimeOnly.Parse(ends[0], CultureInfo.InvariantCulture), TimeOnly.Parse(ends[1], CultureInfo.InvariantCulture)));

    /// <summary>A UTC instant written "2026-03-27 16:30".</summary>
    public static DateTimeOffset Utc(string instant) =>
        DateTimeOffset.ParseExact(instant, "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
}
