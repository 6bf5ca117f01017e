using CsCheck;
using Switchboard.Kpis;

namespace Switchboard.Tests.Kpis;

public class ReportIntervalsTests
{
    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
    private static readonly TimeZoneInfo Kathmandu = TimeZoneInfo.FindSystemTimeZoneById("Asia/Kathmandu");

    [Fact]
    public void StartOf_Day_IsLocalMidnightWithItsOffset()
    {
        // 23:30 UTC on 30 November is 00:30 on 1 December in Paris.
        var start = ReportIntervals.StartOf(new DateTimeOffset(2026, 11, 30, 23, 30, 0, TimeSpan.Zero), ReportInterval.Day, Paris);

        Assert.Equal(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.FromHours(1)), start);
        Assert.Equal(start.Offset, TimeSpan.FromHours(1));
    }

    [Fact]
    public void Next_DaylightSavingDays_Last23And25Hours()
    {
        var spring = ReportIntervals.LocalMidnight(new DateOnly(2026, 3, 29), Paris);
        var autumn = ReportIntervals.LocalMidnight(new DateOnly(2026, 10, 25), Paris);

        Assert.Equal(TimeSpan.FromHours(23), ReportIntervals.Next(spring, ReportInterval.Day, Paris) - spring);
        Assert.Equal(TimeSpan.FromHours(25), ReportIntervals.Next(autumn, ReportInterval.Day, Paris) - autumn);
    }

    [Fact]
    public void StartOf_RepeatedAutumnHour_GivesTwoDistinctIntervals()
    {
        // 00:30 and 01:30 UTC on 25 October 2026 both read 02:30 in Paris.
        var first = ReportIntervals.StartOf(new DateTimeOffset(2026, 10, 25, 0, 30, 0, TimeSpan.Zero), ReportInterval.Hour, Paris);
        var second = ReportIntervals.StartOf(new DateTimeOffset(2026, 10, 25, 1, 30, 0, TimeSpan.Zero), ReportInterval.Hour, Paris);

        Assert.Equal(new DateTimeOffset(2026, 10, 25, 2, 0, 0, TimeSpan.FromHours(2)), first);
        Assert.Equal(new DateTimeOffset(2026, 10, 25, 2, 0, 0, TimeSpan.FromHours(1)), second);
        Assert.Equal(second, ReportIntervals.Next(first, ReportInterval.Hour, Paris));
    }

    [Fact]
    public void StartOf_SpringForward_TheQuarterAfterTheGapStartsAtThree()
    {
        var before = ReportIntervals.StartOf(new DateTimeOffset(2026, 3, 29, 0, 50, 0, TimeSpan.Zero), ReportInterval.FifteenMinutes, Paris);

        var next = ReportIntervals.Next(before, ReportInterval.FifteenMinutes, Paris);

        Assert.Equal(new DateTimeOffset(2026, 3, 29, 1, 45, 0, TimeSpan.FromHours(1)), before);
        Assert.Equal(new DateTimeOffset(2026, 3, 29, 3, 0, 0, TimeSpan.FromHours(2)), next);
    }

    [Fact]
    public void StartOf_Hour_FollowsAQuarterHourOffsetZone()
    {
        var start = ReportIntervals.StartOf(new DateTimeOffset(2026, 11, 30, 4, 20, 0, TimeSpan.Zero), ReportInterval.Hour, Kathmandu);

        // 04:20 UTC is 10:05 in Kathmandu (+05:45).
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 10, 0, 0, new TimeSpan(5, 45, 0)), start);
    }

    [Fact]
    public void StartOf_Month_IsTheFirstLocalMidnight()
    {
        var start = ReportIntervals.StartOf(new DateTimeOffset(2026, 10, 31, 23, 30, 0, TimeSpan.Zero), ReportInterval.Month, Paris);

        Assert.Equal(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.FromHours(1)), start);
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.FromHours(1)), ReportIntervals.Next(start, ReportInterval.Month, Paris));
    }

    [Fact]
    public void Intervals_AnyInstant_LiesInsideItsIntervalAndIntervalsTile()
    {
        var zones = new[] { Paris, Kathmandu, TimeZoneInfo.FindSystemTimeZoneById("America/New_York"), TimeZoneInfo.Utc };
        var intervals = Enum.GetValues<ReportInterval>();
        var origin = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).UtcTicks;

        Gen.Select(Gen.Long[0, TimeSpan.FromDays(730).Ticks], Gen.Int[0, zones.Length - 1], Gen.Int[0, intervals.Length - 1])
            .Sample((offset, z, i) =>
            {
                var instant = new DateTimeOffset(origin + offset, TimeSpan.Zero);
                var start = ReportIntervals.StartOf(instant, intervals[i], zones[z]);
                var next = ReportIntervals.Next(start, intervals[i], zones[z]);
                return start <= instant && instant < next && ReportIntervals.StartOf(next, intervals[i], zones[z]) == next;
            });
    }
}
