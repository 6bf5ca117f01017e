using Switchboard.Calendars;
using Switchboard.ServiceLevels;

namespace Switchboard.Benchmarks;

/// <summary>
/// Open cases and complaints for the deadline benchmark: service clocks over five business calendars (four zones with
/// holidays, split shifts and daylight saving, and one always open), started over the 30 days before
/// <see cref="Now"/>, a third paused once and resumed, a tenth still paused, a fifth with the first response met.
/// Seeded: the same clocks every time.
/// </summary>
public sealed class DeadlineWorkload
{
    /// <summary>The instant every clock is evaluated at: a Monday noon in UTC.</summary>
    public static readonly DateTimeOffset Now = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

    public DeadlineWorkload(int cases, int seed = 18295)
    {
        var calendars = new BusinessCalendars();
        var christmas = new[] { new DateOnly(2026, 12, 25), new DateOnly(2026, 12, 28), new DateOnly(2027, 1, 1) };
        var weekdays = new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday };
        OpeningHours Hours(string zone, DayOfWeek[] days, string[] periods, DateOnly[] closed) => new(
            TimeZoneInfo.FindSystemTimeZoneById(zone),
            from day in days
            from period in periods
            select new WeeklyPeriod(day, new OpeningPeriod(TimeOnly.Parse(period[..5], System.Globalization.CultureInfo.InvariantCulture), TimeOnly.Parse(period[6..], System.Globalization.CultureInfo.InvariantCulture))),
            closed.Select(HolidayHours.Closed));

        string?[] names = ["london", "new-york", "sydney", "kolkata", null];
        var timelines = new[]
        {
            calendars.Add("london", Hours("Europe/London", weekdays, ["09:00-17:00"], [.. christmas, new DateOnly(2026, 11, 2)])),
            calendars.Add("new-york", Hours("America/New_York", weekdays, ["08:00-12:00", "13:00-18:00"], [new DateOnly(2026, 11, 26), .. christmas])),
            calendars.Add("sydney", Hours("Australia/Sydney", [.. weekdays, DayOfWeek.Saturday], ["08:00-20:00"], [new DateOnly(2026, 12, 25), new DateOnly(2026, 12, 26)])),
            calendars.Add("kolkata", Hours("Asia/Kolkata", weekdays, ["09:30-13:00", "14:00-18:30"], [new DateOnly(2026, 11, 8)])),
            BusinessTimeline.AlwaysOpen,
        };

        // Every query falls in this span, so evaluation never widens a timeline.
        foreach (var timeline in timelines.Concat(names.Select(calendars.DatesFor)))
        {
            timeline.Cover(Now.AddDays(-60), Now.AddDays(400));
        }

        var policies = names.Select(name => new[]
        {
            // A case: first response within 4 business hours, resolution within 5 business days.
            new ClockPolicy(name, [new ServiceTarget(ClockTargetId.FirstResponse, TimeSpan.FromHours(4), Timekeeping.BusinessTime), new ServiceTarget(ClockTargetId.Resolution, TimeSpan.FromHours(40), Timekeeping.BusinessTime)]),
            // A complaint: acknowledged within a business day (a whole business date), final response within eight weeks of calendar time, the first rung within two business hours.
            new ClockPolicy(name, [new ServiceTarget(ClockTargetId.Acknowledgement, TimeSpan.FromDays(1), Timekeeping.BusinessDays), new ServiceTarget(ClockTargetId.Resolution, TimeSpan.FromDays(56), Timekeeping.CalendarTime), new ServiceTarget(new ClockTargetId("escalation-agent"), TimeSpan.FromHours(2), Timekeeping.BusinessTime)]),
        }).ToArray();

        var random = new Random(seed);
        Clocks = new ServiceClock[cases];
        for (var c = 0; c < cases; c++)
        {
            var calendar = random.Next(names.Length);
            var policy = policies[calendar][random.Next(2)];
            var clock = new ServiceClock(policy, calendars);
            var start = Now.AddMinutes(-random.Next(30 * 24 * 60));
            foreach (var target in policy.Targets)
            {
                clock.Apply(new ClockEvent.Started(start, target.Id));
            }

            var span = (Now - start).Ticks;
            var kind = random.NextDouble();
            if (kind < 0.2)
            {
                clock.Apply(new ClockEvent.Met(start.AddTicks((long)(span * random.NextDouble() * 0.5)), policy.Targets[0].Id));
            }
            else if (kind < 0.5)
            {
                var paused = start.AddTicks((long)(span * random.NextDouble() * 0.5));
                clock.Apply(new ClockEvent.Paused(paused, PauseReason.WaitingOnCustomer));
                clock.Apply(new ClockEvent.Resumed(paused.AddTicks((long)((Now - paused).Ticks * random.NextDouble()))));
            }
            else if (kind < 0.6)
            {
                clock.Apply(new ClockEvent.Paused(start.AddTicks((long)(span * random.NextDouble())), PauseReason.WaitingOnThirdParty));
            }

            Clocks[c] = clock;
        }
    }

    public ServiceClock[] Clocks { get; }
}
