using CsCheck;
using Switchboard.Calendars;

namespace Switchboard.Tests.Calendars;

public class OpeningHoursTests
{
    // Zones with daylight saving in both hemispheres, a half-hour shift (Lord Howe) and none.
    static readonly string[] Zones = ["Europe/Berlin", "America/New_York", "Australia/Sydney", "Australia/Lord_Howe", "Asia/Kolkata", "UTC"];

    static readonly Gen<OpeningPeriod> GenPeriod =
        Gen.Select(Gen.Int[0, 95], Gen.Int[1, 24]).Select((start, quarters) =>
        {
            var from = TimeOnly.FromTimeSpan(TimeSpan.FromMinutes(start * 15));
            var endMinutes = Math.Min((start + quarters) * 15, 24 * 60);
            return new OpeningPeriod(from, endMinutes == 24 * 60 ? TimeOnly.MinValue : TimeOnly.FromTimeSpan(TimeSpan.FromMinutes(endMinutes)));
        });

    // Random periods per day, dropping any that overlap an earlier one so the calendar is valid.
    static OpeningPeriod[] NonOverlapping(OpeningPeriod[] periods)
    {
        var kept = new List<OpeningPeriod>();
        foreach (var p in periods)
        {
            if (kept.All(k => p.End <= k.From.ToTimeSpan() || p.From.ToTimeSpan() >= k.End))
            {
                kept.Add(p);
            }
        }

        return [.. kept];
    }

    static readonly DateTimeOffset Base = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    internal static readonly Gen<OpeningHours> GenCalendar =
        Gen.Select(
            Gen.Int[0, Zones.Length - 1],
            GenPeriod.Array[0, 3].Array[7],
            Gen.Select(Gen.Int[0, 300], GenPeriod.Array[0, 2]).Array[0, 6])
        .Select((zone, days, holidays) => new OpeningHours(
            TimeZoneInfo.FindSystemTimeZoneById(Zones[zone]),
            days.SelectMany((periods, day) => NonOverlapping(periods).Select(p => new WeeklyPeriod((DayOfWeek)day, p))),
            holidays.DistinctBy(h => h.Item1).Select(h => new HolidayHours(DateOnly.FromDateTime(Base.AddDays(h.Item1).UtcDateTime), NonOverlapping(h.Item2)))));

    // Instants around the 2026 clock changes of every zone above, and elsewhere, on whole minutes.
    internal static readonly Gen<DateTimeOffset> GenInstant = Gen.Int[0, 300 * 24 * 60].Select(m => Base.AddMinutes(m));

    // The model: read the local wall clock by the zone's offset at the instant and scan the date's periods.
    static bool OpenByScan(OpeningHours hours, DateTimeOffset instant)
    {
        var local = instant.UtcDateTime + hours.TimeZone.GetUtcOffset(instant);
        return hours.PeriodsOn(DateOnly.FromDateTime(local)).Any(p => p.Contains(local.TimeOfDay));
    }

    [Fact]
    public void IsOpen_RandomCalendars_AgreesWithAMinuteScan()
    {
        Gen.Select(GenCalendar, GenInstant).Sample((hours, start) =>
        {
            for (var m = 0; m < 3 * 24 * 60; m += 7)
            {
                var t = start.AddMinutes(m);
                Assert.Equal(OpenByScan(hours, t), hours.IsOpen(t));
            }
        }, iter: 200);
    }

    [Fact]
    public void NextOpening_RandomCalendars_IsOpenNotEarlierAndNothingOpenBefore()
    {
        Gen.Select(GenCalendar, GenInstant, Gen.Int[0, 59]).Sample((hours, minute, seconds) =>
        {
            var t = minute.AddSeconds(seconds);
            var next = hours.NextOpening(t);
            if (next is not { } opening)
            {
                Assert.All(Enumerable.Range(0, 14 * 24 * 4), q => Assert.False(OpenByScan(hours, t.AddMinutes(q * 15))));
                return;
            }

            Assert.True(opening >= t);
            Assert.True(hours.IsOpen(opening));
            Assert.Equal(TimeSpan.Zero, opening.Offset);
            for (var probe = t; probe < opening; probe = probe.AddMinutes(1))
            {
                Assert.False(OpenByScan(hours, probe), $"open at {probe:O} before {opening:O}");
            }
        }, iter: 200);
    }

    static OpeningHours Berlin(params WeeklyPeriod[] weekly) =>
        new(TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin"), weekly, []);

    static WeeklyPeriod On(DayOfWeek day, string from, string to) =>
        new(day, new OpeningPeriod(TimeOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture), TimeOnly.Parse(to, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void IsOpen_SpringForwardPeriodAcrossSkippedHour_OpenOnlyForRealRemainder()
    {
        // 2026-03-29: Berlin clocks jump 02:00 CET -> 03:00 CEST (01:00 UTC).
        var hours = Berlin(On(DayOfWeek.Sunday, "01:30", "03:00"));
        Assert.True(hours.IsOpen(new DateTimeOffset(2026, 3, 29, 0, 30, 0, TimeSpan.Zero)));
        Assert.True(hours.IsOpen(new DateTimeOffset(2026, 3, 29, 0, 59, 0, TimeSpan.Zero)));
        Assert.False(hours.IsOpen(new DateTimeOffset(2026, 3, 29, 1, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void NextOpening_PeriodInsideSkippedHour_OpensAtTheClockChangeWhenItStraddles()
    {
        var hours = Berlin(On(DayOfWeek.Sunday, "02:30", "03:30"));
        Assert.Equal(new DateTimeOffset(2026, 3, 29, 1, 0, 0, TimeSpan.Zero), hours.NextOpening(new DateTimeOffset(2026, 3, 28, 12, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void IsOpen_RepeatedAutumnHour_OpenBothTimes()
    {
        // 2026-10-25: Berlin clocks go back 03:00 CEST -> 02:00 CET (01:00 UTC); 02:00-03:00 local happens twice.
        var hours = Berlin(On(DayOfWeek.Sunday, "02:00", "02:30"));
        Assert.True(hours.IsOpen(new DateTimeOffset(2026, 10, 25, 0, 10, 0, TimeSpan.Zero)));
        Assert.False(hours.IsOpen(new DateTimeOffset(2026, 10, 25, 0, 40, 0, TimeSpan.Zero)));
        Assert.Equal(new DateTimeOffset(2026, 10, 25, 1, 0, 0, TimeSpan.Zero), hours.NextOpening(new DateTimeOffset(2026, 10, 25, 0, 40, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void NextOpening_ClosedHoliday_SkipsToTheNextWorkingDay()
    {
        var hours = new OpeningHours(
            TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin"),
            Enumerable.Range(1, 5).Select(d => On((DayOfWeek)d, "08:00", "12:00")).Concat(Enumerable.Range(1, 5).Select(d => On((DayOfWeek)d, "13:00", "17:00"))),
            [HolidayHours.Closed(new DateOnly(2026, 12, 25)), new HolidayHours(new DateOnly(2026, 12, 24), [new OpeningPeriod(new TimeOnly(9, 0), new TimeOnly(11, 0))])]);
        Assert.Equal(new DateTimeOffset(2026, 12, 24, 8, 0, 0, TimeSpan.Zero), hours.NextOpening(new DateTimeOffset(2026, 12, 24, 6, 0, 0, TimeSpan.Zero)));
        Assert.Equal(new DateTimeOffset(2026, 12, 28, 7, 0, 0, TimeSpan.Zero), hours.NextOpening(new DateTimeOffset(2026, 12, 24, 10, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void Constructor_OverlappingPeriods_Refused() =>
        Assert.Throws<ArgumentException>(() => Berlin(On(DayOfWeek.Monday, "08:00", "12:00"), On(DayOfWeek.Monday, "11:00", "13:00")));
}
