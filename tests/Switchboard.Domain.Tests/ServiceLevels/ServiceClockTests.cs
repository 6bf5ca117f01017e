using CsCheck;
using Switchboard.Calendars;
using Switchboard.ServiceLevels;
using Switchboard.Tests.Calendars;
using static Switchboard.Tests.Builders.Hours;

namespace Switchboard.Tests.ServiceLevels;

public class ServiceClockTests
{
    static readonly ClockTargetId Ack = ClockTargetId.Acknowledgement;
    static readonly ClockTargetId Resolution = ClockTargetId.Resolution;

    static BusinessCalendars Calendars()
    {
        var calendars = new BusinessCalendars();
        calendars.Add("london", Weekdays("Europe/London", "09:00-17:00"));
        calendars.Add("new-york", Weekdays("America/New_York", "09:00-17:00"));
        return calendars;
    }

    static ClockPolicy Policy(string? calendar, params (ClockTargetId Id, TimeSpan Limit, Timekeeping Timekeeping)[] targets) =>
        new(calendar, [.. targets.Select(t => new ServiceTarget(t.Id, t.Limit, t.Timekeeping))]);

    static ClockPolicy Business(TimeSpan resolution) => Policy("london", (Resolution, resolution, Timekeeping.BusinessTime));

    static ServiceClock Clock(ClockPolicy policy, params ClockEvent[] events)
    {
        var clock = new ServiceClock(policy, Calendars());
        foreach (var e in events)
        {
            clock.Apply(e);
        }

        return clock;
    }

    static List<ClockEvent> NewEvents(ServiceClock clock, DateTimeOffset at)
    {
        var events = new List<ClockEvent>();
        clock.Evaluate(at, new ClockReading[clock.Policy.Targets.Count], events);
        return events;
    }

    [Fact]
    public void Read_BusinessTargetStartedFridayAfternoon_IsDueAfterTheWeekend()
    {
        var clock = Clock(Business(TimeSpan.FromHours(8)), new ClockEvent.Started(Utc("2026-12-04 16:00"), Resolution));

        var reading = clock.Read(Resolution, Utc("2026-12-07 10:00"));

        Assert.Equal(Utc("2026-12-07 16:00"), reading.DueAt);
        Assert.Equal(TimeSpan.FromHours(2), reading.Elapsed);
        Assert.Equal(TimeSpan.FromHours(6), reading.Remaining);
        Assert.Equal(TargetStatus.Running, reading.Status);
        Assert.False(reading.Breached);
    }

    [Theory]
    // Friday 16:00 GMT, one hour that day; London's clocks go forward on Sunday, so Monday opens at 08:00 UTC.
    [InlineData("london", "2026-03-27 16:00", "2026-03-30 09:00")]
    // Friday 16:00 EDT (20:00 UTC), one hour that day; New York's clocks go back on Sunday, so Monday opens at 14:00 UTC.
    [InlineData("new-york", "2026-10-30 20:00", "2026-11-02 15:00")]
    public void Read_AWeekendTheClocksChange_TheDeadlineMovesWithTheLocalOpening(string calendar, string start, string due)
    {
        var clock = Clock(Policy(calendar, (Resolution, TimeSpan.FromHours(2), Timekeeping.BusinessTime)), new ClockEvent.Started(Utc(start), Resolution));

        var reading = clock.Read(Resolution, Utc(start));

        Assert.Equal(Utc(due), reading.DueAt);
    }

    [Fact]
    public void Evaluate_WarningsThenBreach_EachRaisedOnceOnceRecorded()
    {
        var clock = Clock(Business(TimeSpan.FromHours(4)), new ClockEvent.Started(Utc("2026-11-30 09:00"), Resolution));

        var atThreeHours = NewEvents(clock, Utc("2026-11-30 12:00"));
        atThreeHours.ForEach(clock.Apply);
        var atNineTenths = NewEvents(clock, Utc("2026-11-30 12:36"));
        atNineTenths.ForEach(clock.Apply);
        var late = NewEvents(clock, Utc("2026-11-30 13:30"));
        late.ForEach(clock.Apply);
        var later = NewEvents(clock, Utc("2026-11-30 16:00"));

        Assert.Equal([new ClockEvent.Warned(Utc("2026-11-30 12:00"), Resolution, 0.75)], atThreeHours);
        Assert.Equal([new ClockEvent.Warned(Utc("2026-11-30 12:36"), Resolution, 0.9)], atNineTenths);
        Assert.Equal([new ClockEvent.Breached(Utc("2026-11-30 13:30"), Resolution, Utc("2026-11-30 13:00"))], late);
        Assert.Empty(later);
        Assert.Equal(TimeSpan.FromHours(-3), clock.Read(Resolution, Utc("2026-11-30 16:00")).Remaining);
    }

    [Fact]
    public void Evaluate_ReachedAtTheClosingInstant_BreachedOnlyAfterIt()
    {
        var clock = Clock(Business(TimeSpan.FromHours(2)), new ClockEvent.Started(Utc("2026-11-30 15:00"), Resolution));

        var atClose = clock.Read(Resolution, Utc("2026-11-30 17:00"));
        var evening = clock.Read(Resolution, Utc("2026-11-30 19:00"));

        Assert.Equal(Utc("2026-11-30 17:00"), atClose.DueAt);
        Assert.False(atClose.Breached);
        Assert.True(evening.Breached);
        Assert.Equal(TimeSpan.Zero, evening.Remaining);
    }

    [Fact]
    public void Paused_WaitingOnTheCustomer_TheDeadlineMovesByTheOpenTimeWaited()
    {
        var clock = Clock(Business(TimeSpan.FromHours(8)),
            new ClockEvent.Started(Utc("2026-11-30 09:00"), Resolution),
            new ClockEvent.Paused(Utc("2026-11-30 10:00"), PauseReason.WaitingOnCustomer));

        var paused = clock.Read(Resolution, Utc("2026-12-01 10:00"));
        clock.Apply(new ClockEvent.Resumed(Utc("2026-12-01 11:00")));
        var resumed = clock.Read(Resolution, Utc("2026-12-01 11:00"));

        Assert.Equal(PauseReason.WaitingOnCustomer, Clock(Business(TimeSpan.FromHours(8)), new ClockEvent.Paused(Utc("2026-11-30 10:00"), PauseReason.WaitingOnCustomer)).PausedFor);
        Assert.Equal(TargetStatus.Paused, paused.Status);
        Assert.Null(paused.DueAt);
        Assert.Equal(TimeSpan.FromHours(1), paused.Elapsed);
        Assert.Equal(Utc("2026-12-02 10:00"), resumed.DueAt);
        Assert.Null(clock.PausedFor);
    }

    [Fact]
    public void Met_BeforeAndAfterTheDeadline_OnlyTheLateOneIsBreached()
    {
        var started = new ClockEvent.Started(Utc("2026-11-30 09:00"), Resolution);
        var onTime = Clock(Business(TimeSpan.FromHours(2)), started, new ClockEvent.Met(Utc("2026-11-30 11:00"), Resolution));
        var late = Clock(Business(TimeSpan.FromHours(2)), started, new ClockEvent.Met(Utc("2026-11-30 11:01"), Resolution));

        var onTimeReading = onTime.Read(Resolution, Utc("2026-12-10 09:00"));
        var lateEvents = NewEvents(late, Utc("2026-12-10 09:00"));

        Assert.Equal(TargetStatus.Met, onTimeReading.Status);
        Assert.False(onTimeReading.Breached);
        Assert.Equal(TimeSpan.FromHours(2), onTimeReading.Elapsed);
        Assert.Empty(NewEvents(onTime, Utc("2026-12-10 09:00")));
        Assert.Equal([new ClockEvent.Breached(Utc("2026-12-10 09:00"), Resolution, Utc("2026-11-30 11:00"))], lateEvents);
    }

    [Theory]
    [InlineData(ReopenRule.Resume, "2026-12-01 15:00", 2)]
    [InlineData(ReopenRule.Restart, "2026-12-01 17:00", 0)]
    public void Reopened_ResumeOrRestart_KeepsOrDropsTheTimeUsed(ReopenRule rule, string due, int hoursUsed)
    {
        var clock = Clock(Business(TimeSpan.FromHours(8)),
            new ClockEvent.Started(Utc("2026-11-30 09:00"), Resolution),
            new ClockEvent.Warned(Utc("2026-11-30 10:00"), Resolution, 0.75),
            new ClockEvent.Met(Utc("2026-11-30 11:00"), Resolution));

        clock.Apply(new ClockEvent.Reopened(Utc("2026-12-01 09:00"), Resolution, rule));
        var reading = clock.Read(Resolution, Utc("2026-12-01 09:00"));

        Assert.Equal(Utc(due), reading.DueAt);
        Assert.Equal(TimeSpan.FromHours(hoursUsed), reading.Elapsed);
        Assert.Equal(TargetStatus.Running, reading.Status);
    }

    [Fact]
    public void PolicyChanged_PriorityRaised_KeepsTheElapsedTimeAndBringsTheDeadlineForward()
    {
        var clock = Clock(Business(TimeSpan.FromHours(8)), new ClockEvent.Started(Utc("2026-11-30 09:00"), Resolution));

        clock.Apply(new ClockEvent.PolicyChanged(Utc("2026-11-30 11:00"), Business(TimeSpan.FromHours(4))));
        var reading = clock.Read(Resolution, Utc("2026-11-30 12:00"));

        Assert.Equal(Utc("2026-11-30 13:00"), reading.DueAt);
        Assert.Equal(TimeSpan.FromHours(3), reading.Elapsed);
    }

    [Fact]
    public void PolicyChanged_ToAnotherClientsCalendar_CountsTheRestOnItsHours()
    {
        var clock = Clock(Business(TimeSpan.FromHours(8)), new ClockEvent.Started(Utc("2026-11-30 09:00"), Resolution));

        // 11:00 UTC is 06:00 in New York: the remaining six hours start when New York opens (14:00 UTC).
        clock.Apply(new ClockEvent.PolicyChanged(Utc("2026-11-30 11:00"), Policy("new-york", (Resolution, TimeSpan.FromHours(8), Timekeeping.BusinessTime))));

        Assert.Equal(Utc("2026-11-30 20:00"), clock.Read(Resolution, Utc("2026-11-30 11:00")).DueAt);
    }

    [Fact]
    public void PolicyChanged_TargetAlreadyExceeded_IsDueAtTheChangeAndBreached()
    {
        var clock = Clock(Business(TimeSpan.FromHours(8)),
            new ClockEvent.Started(Utc("2026-11-30 09:00"), Resolution),
            new ClockEvent.PolicyChanged(Utc("2026-11-30 11:00"), Business(TimeSpan.FromHours(1))));

        var events = NewEvents(clock, Utc("2026-11-30 11:05"));

        Assert.Equal([new ClockEvent.Breached(Utc("2026-11-30 11:05"), Resolution, Utc("2026-11-30 11:00"))], events);
    }

    [Fact]
    public void Read_CalendarTimeTarget_CountsNightsWeekendsAndTheClockChange()
    {
        var clock = Clock(Policy("london", (Resolution, TimeSpan.FromDays(56), Timekeeping.CalendarTime), (Ack, TimeSpan.FromHours(24), Timekeeping.BusinessTime)),
            new ClockEvent.Started(Utc("2026-10-01 09:00"), Resolution),
            new ClockEvent.Started(Utc("2026-10-01 09:00"), Ack));

        var reading = clock.Read(Resolution, Utc("2026-10-01 09:00"));

        Assert.Equal(Utc("2026-11-26 09:00"), reading.DueAt);
        // Thursday 10:00 BST: 7 hours that day, 8 on Friday and Monday, the last hour on Tuesday (10:00 BST).
        Assert.Equal(Utc("2026-10-06 09:00"), clock.Read(Ack, Utc("2026-10-01 09:00")).DueAt);
    }

    [Fact]
    public void Apply_MetBeforeStarted_IsABug()
    {
        var clock = Clock(Business(TimeSpan.FromHours(8)));

        Assert.Throws<InvalidOperationException>(() => clock.Apply(new ClockEvent.Met(Utc("2026-11-30 09:00"), Resolution)));
    }

    [Fact]
    public void Read_BeforeTheLastEvent_IsABug()
    {
        var clock = Clock(Business(TimeSpan.FromHours(8)), new ClockEvent.Started(Utc("2026-11-30 09:00"), Resolution));

        Assert.Throws<ArgumentOutOfRangeException>(() => clock.Read(Resolution, Utc("2026-11-30 08:00")));
    }

    static readonly Gen<(OpeningHours Hours, DateTimeOffset Start, TimeSpan Limit, TimeSpan BeforePause, TimeSpan Paused)> GenPausedRun =
        Gen.Select(OpeningHoursTests.GenCalendar, OpeningHoursTests.GenInstant, Gen.Long[1, TimeSpan.FromDays(4).Ticks], Gen.Long[0, TimeSpan.FromDays(6).Ticks], Gen.Long[0, TimeSpan.FromDays(6).Ticks])
            .Select((hours, start, limit, before, paused) => (hours, start, TimeSpan.FromTicks(limit), TimeSpan.FromTicks(before), TimeSpan.FromTicks(paused)));

    static ServiceClock RandomClock(OpeningHours hours, TimeSpan limit)
    {
        var calendars = new BusinessCalendars();
        calendars.Add("c", hours);
        return new ServiceClock(new ClockPolicy("c", [new ServiceTarget(Resolution, limit, Timekeeping.BusinessTime)]), calendars);
    }

    [Fact]
    public void Paused_AnyCalendarAndPause_NeverBringsTheDeadlineForward()
    {
        GenPausedRun.Sample(run =>
        {
            var straight = RandomClock(run.Hours, run.Limit);
            var paused = RandomClock(run.Hours, run.Limit);
            var pausedAt = run.Start + run.BeforePause;
            var resumedAt = pausedAt + run.Paused;

            straight.Apply(new ClockEvent.Started(run.Start, Resolution));
            paused.Apply(new ClockEvent.Started(run.Start, Resolution));
            paused.Apply(new ClockEvent.Paused(pausedAt, PauseReason.WaitingOnThirdParty));
            paused.Apply(new ClockEvent.Resumed(resumedAt));
            var without = straight.Read(Resolution, resumedAt).DueAt ?? DateTimeOffset.MaxValue;
            var with = paused.Read(Resolution, resumedAt).DueAt ?? DateTimeOffset.MaxValue;

            Assert.True(with >= without, $"paused {with:O}, straight {without:O}");
        }, iter: 300);
    }

    [Fact]
    public void Read_BusinessTimeDeadline_AlwaysFallsInsideOpeningHours()
    {
        GenPausedRun.Sample(run =>
        {
            var clock = RandomClock(run.Hours, run.Limit);
            var pausedAt = run.Start + run.BeforePause;

            clock.Apply(new ClockEvent.Started(run.Start, Resolution));
            clock.Apply(new ClockEvent.Paused(pausedAt, PauseReason.WaitingOnCustomer));
            clock.Apply(new ClockEvent.Resumed(pausedAt + run.Paused));
            var reading = clock.Read(Resolution, pausedAt + run.Paused);

            if (reading.DueAt is { } due)
            {
                Assert.True(run.Hours.IsOpen(due.AddTicks(-1)), $"due {due:O} follows closed time");
                Assert.True(reading.Remaining <= TimeSpan.Zero || due > pausedAt + run.Paused);
            }
        }, iter: 300);
    }
}
