using CsCheck;
using Switchboard.Calendars;
using static Switchboard.Tests.Builders.Hours;

namespace Switchboard.Tests.Calendars;

public class BusinessTimelineTests
{
    static readonly Gen<DateTimeOffset> GenMoment =
        Gen.Select(OpeningHoursTests.GenInstant, Gen.Long[0, TimeSpan.TicksPerMinute - 1]).Select((minute, ticks) => minute.AddTicks(ticks));

    [Fact]
    public void IsOpen_RandomCalendars_AgreesWithTheOpeningHours()
    {
        Gen.Select(OpeningHoursTests.GenCalendar, GenMoment.Array[20]).Sample((hours, instants) =>
        {
            var timeline = new BusinessTimeline(hours);

            foreach (var instant in instants)
            {
                Assert.Equal(hours.IsOpen(instant), timeline.IsOpen(instant));
            }
        }, iter: 200);
    }

    [Fact]
    public void OpenTimeBetween_RandomCalendars_EqualsTheOpenMinutesCounted()
    {
        Gen.Select(OpeningHoursTests.GenCalendar, OpeningHoursTests.GenInstant, Gen.Int[0, 4 * 24 * 60]).Sample((hours, from, minutes) =>
        {
            var open = Enumerable.Range(0, minutes).Count(m => hours.IsOpen(from.AddMinutes(m)));

            var measured = new BusinessTimeline(hours).OpenTimeBetween(from, from.AddMinutes(minutes));

            Assert.Equal(TimeSpan.FromMinutes(open), measured);
        }, iter: 150);
    }

    [Fact]
    public void OpenTimeBetween_AnyThreeInstants_AddsUp()
    {
        Gen.Select(OpeningHoursTests.GenCalendar, GenMoment, GenMoment, GenMoment).Sample((hours, a, b, c) =>
        {
            var timeline = new BusinessTimeline(hours);

            var ab = timeline.OpenTimeBetween(a, b);
            var bc = timeline.OpenTimeBetween(b, c);

            Assert.Equal(timeline.OpenTimeBetween(a, c), ab + bc);
        }, iter: 300);
    }

    [Fact]
    public void AddOpenTime_ThenMeasure_RoundTripsAndTheDeadlineFallsInOpeningHours()
    {
        Gen.Select(OpeningHoursTests.GenCalendar, GenMoment, Gen.Long[0, TimeSpan.FromDays(20).Ticks]).Sample((hours, start, ticks) =>
        {
            var timeline = new BusinessTimeline(hours);
            var openTime = TimeSpan.FromTicks(ticks);

            var due = timeline.AddOpenTime(start, openTime);

            if (due is not { } deadline)
            {
                Assert.True(timeline.OpenTimeBetween(start, start.AddDays(3650)) < openTime);
                return;
            }

            Assert.Equal(openTime, timeline.OpenTimeBetween(start, deadline));
            if (ticks > 0)
            {
                // Inside an open interval or exactly at its end: the last tick counted is open.
                Assert.True(hours.IsOpen(deadline.AddTicks(-1)), $"{deadline:O} follows closed time");
            }
            else
            {
                Assert.Equal(start, deadline);
            }
        }, iter: 300);
    }

    [Theory]
    // 2026-03-29: London's clocks jump 01:00 GMT -> 02:00 BST, so 00:00-04:00 local lasts three hours.
    [InlineData("Europe/London", "00:00-04:00", "2026-03-28 12:00", 3)]
    // 2026-10-25: 02:00 BST -> 01:00 GMT; 00:00 BST (23:00 UTC the day before) to 04:00 GMT is five hours.
    [InlineData("Europe/London", "00:00-04:00", "2026-10-24 12:00", 5)]
    // 2026-11-01: 02:00 EDT -> 01:00 EST (06:00 UTC); 01:00-02:00 local happens twice, 05:00-07:00 UTC.
    [InlineData("America/New_York", "01:00-02:00", "2026-10-31 12:00", 2)]
    public void OpenTimeBetween_ANightTheClocksChange_CountsTheRealHoursTheWallClockShowsThePeriod(string zone, string periods, string noon, int hours)
    {
        var timeline = new BusinessTimeline(Every(zone, periods));

        var open = timeline.OpenTimeBetween(Utc(noon), Utc(noon).AddDays(1));

        Assert.Equal(TimeSpan.FromHours(hours), open);
    }

    [Fact]
    public void AddOpenTime_NewYorkSpringForward_EndsAtTheShortenedPeriodsCloseThenCarriesOver()
    {
        // 2026-03-08: 02:00 EST -> 03:00 EDT (07:00 UTC); 01:00-04:00 local is 06:00-08:00 UTC.
        var timeline = new BusinessTimeline(Every("America/New_York", "01:00-04:00"));

        var exactly = timeline.AddOpenTime(Utc("2026-03-08 05:00"), TimeSpan.FromHours(2));
        var more = timeline.AddOpenTime(Utc("2026-03-08 05:00"), TimeSpan.FromMinutes(150));

        Assert.Equal(Utc("2026-03-08 08:00"), exactly);
        Assert.Equal(Utc("2026-03-09 05:30"), more);
    }

    [Fact]
    public void AddOpenTime_SplitShift_ReachingTheTargetAtTheMorningsCloseIsDueThen()
    {
        var timeline = new BusinessTimeline(Weekdays("Europe/London", "09:00-12:00 13:00-17:00"));
        var monday10 = Utc("2026-11-30 10:00");

        Assert.Equal(Utc("2026-11-30 12:00"), timeline.AddOpenTime(monday10, TimeSpan.FromHours(2)));
        Assert.Equal(Utc("2026-11-30 13:01"), timeline.AddOpenTime(monday10, TimeSpan.FromMinutes(121)));
        Assert.Equal(Utc("2026-11-30 14:00"), timeline.AddOpenTime(monday10, TimeSpan.FromHours(3)));
    }

    [Fact]
    public void AddOpenTime_ChristmasHolidays_SkipsClosedDates()
    {
        var hours = Weekdays("Europe/London", "09:00-17:00", HolidayHours.Closed(new DateOnly(2026, 12, 25)), HolidayHours.Closed(new DateOnly(2026, 12, 28)));

        var due = new BusinessTimeline(hours).AddOpenTime(Utc("2026-12-24 16:30"), TimeSpan.FromHours(1));

        Assert.Equal(Utc("2026-12-29 09:30"), due);
    }

    [Fact]
    public void AddOpenTime_ACalendarThatNeverOpens_IsNeverDue()
    {
        var timeline = new BusinessTimeline(new OpeningHours(TimeZoneInfo.Utc, [], []));

        Assert.Null(timeline.AddOpenTime(Utc("2026-11-30 10:00"), TimeSpan.FromMinutes(1)));
        Assert.Equal(TimeSpan.Zero, timeline.OpenTimeBetween(Utc("2026-01-01 00:00"), Utc("2027-01-01 00:00")));
    }

    [Fact]
    public void AlwaysOpen_IsCalendarTime()
    {
        var start = Utc("2026-11-30 10:00");

        Assert.Equal(start.AddDays(56), BusinessTimeline.AlwaysOpen.AddOpenTime(start, TimeSpan.FromDays(56)));
        Assert.Equal(TimeSpan.FromDays(-2), BusinessTimeline.AlwaysOpen.OpenTimeBetween(start, start.AddDays(-2)));
    }

    [Theory]
    [InlineData("09:00-17:00")]
    [InlineData("08:00-20:00")]
    [InlineData("10:00-12:00 14:00-15:00")]
    public void BusinessDates_FifteenDays_AreThreeWorkingWeeksWhateverTheDailyHours(string periods)
    {
        var dates = BusinessTimeline.BusinessDates(Weekdays("Europe/London", periods));

        // Tuesday 1 December 2026, 14:00 GMT: fifteen weekdays later is Tuesday 22 December at the same time.
        var due = dates.AddOpenTime(Utc("2026-12-01 14:00"), TimeSpan.FromDays(15));

        Assert.Equal(Utc("2026-12-22 14:00"), due);
    }

    [Fact]
    public void BusinessDates_StartedOnAClosedDate_CountFromTheNextBusinessDatesMidnight()
    {
        var dates = BusinessTimeline.BusinessDates(Weekdays("Europe/London", "09:00-17:00", HolidayHours.Closed(new DateOnly(2026, 12, 28))));

        // Received on Saturday 26 December; Monday 28 is a holiday: one business day is the whole of Tuesday 29.
        var due = dates.AddOpenTime(Utc("2026-12-26 11:00"), TimeSpan.FromDays(1));

        Assert.Equal(Utc("2026-12-30 00:00"), due);
        Assert.False(dates.IsOpen(Utc("2026-12-28 10:00")));
        Assert.True(dates.IsOpen(Utc("2026-12-29 23:30")));
    }

    [Fact]
    public void BusinessDates_AcrossTheSpringForward_TheShortDateStillCountsOneDay()
    {
        // 2026-03-29 in London lasts 23 hours; every day is a business day here.
        var dates = BusinessTimeline.BusinessDates(Every("Europe/London", "09:00-17:00"));

        var due = dates.AddOpenTime(Utc("2026-03-28 12:00"), TimeSpan.FromDays(2));

        // Saturday noon GMT plus two dates is Monday noon BST, 11:00 UTC.
        Assert.Equal(Utc("2026-03-30 11:00"), due);
        Assert.Equal(TimeSpan.FromDays(1), dates.OpenTimeBetween(Utc("2026-03-29 00:00"), Utc("2026-03-29 23:00")));
    }

    [Fact]
    public void BusinessDates_RandomCalendars_RoundTripAndTheDeadlineFallsOnABusinessDate()
    {
        Gen.Select(OpeningHoursTests.GenCalendar, GenMoment, Gen.Long[1, TimeSpan.FromDays(30).Ticks]).Sample((hours, start, ticks) =>
        {
            var dates = BusinessTimeline.BusinessDates(hours);
            var openTime = TimeSpan.FromTicks(ticks);

            var due = dates.AddOpenTime(start, openTime);

            if (due is not { } deadline)
            {
                Assert.True(dates.OpenTimeBetween(start, start.AddDays(3650)) < openTime);
                return;
            }

            // Time inside a date is scaled to its real length, so the round trip may lose a tick to rounding.
            var measured = dates.OpenTimeBetween(start, deadline);
            Assert.InRange(measured.Ticks, ticks, ticks + 2);
            Assert.True(dates.IsOpen(deadline.AddTicks(-1)), $"{deadline:O} follows a closed date");
            var local = TimeZoneInfo.ConvertTime(deadline.AddTicks(-1), hours.TimeZone);
            Assert.NotEmpty(hours.PeriodsOn(DateOnly.FromDateTime(local.DateTime)));
        }, iter: 300);
    }
}
