using CsCheck;
using Switchboard.Routing;

namespace Switchboard.Tests.Routing;

public class TimerScheduleTests
{
    [Fact]
    public void Dequeue_MixedLanesAndInstants_FiresByDueThenBySettingOrder()
    {
        // Each step: advance time by 0..3 ticks, then set a timer either a fixed delay (one of 4) from now or at an instant.
        var steps = Gen.Select(Gen.Int[0, 3], Gen.Bool, Gen.Int[0, 3], Gen.Long[0, 40]).Array[1, 200];

        steps.Sample(plan =>
        {
            var schedule = new TimerSchedule();
            var expected = new List<(long Due, int Order)>();
            long now = 0;
            for (var i = 0; i < plan.Length; i++)
            {
                var (advance, atInstant, lane, instant) = plan[i];
                now += advance;
                var timer = new ScheduledTimer(TimerKind.Stage, i, i, 0, 0);
                if (atInstant)
                {
                    schedule.At(now + instant, timer);
                    expected.Add((now + instant, i));
                }
                else
                {
                    long[] delays = [5, 10, 20, 1];
                    schedule.After(now, delays[lane], timer);
                    expected.Add((now + delays[lane], i));
                }
            }

            expected.Sort();
            var fired = new List<(long, int)>();
            while (schedule.TryPeekDue(out var due))
            {
                fired.Add((due, schedule.Dequeue().Slot));
            }

            Assert.Equal(expected, fired);
        });
    }

    [Fact]
    public void Cancel_SomeLaneTimers_OthersStillFireByDueThenBySettingOrder()
    {
        // Each step: advance 0..3 ticks, set a timer a fixed delay (one of 3) from now, and perhaps cancel an earlier one
        // (possibly one that already fired: that cancel must do nothing).
        var steps = Gen.Select(Gen.Int[0, 3], Gen.Int[0, 2], Gen.Int[-1, 199], Gen.Bool).Array[1, 200];

        steps.Sample(plan =>
        {
            var schedule = new TimerSchedule();
            var live = new SortedSet<(long Due, int Order)>();
            var handles = new List<(long Handle, long Due)>();
            var fired = new List<(long, int)>();
            var expected = new List<(long, int)>();
            long now = 0;
            for (var i = 0; i < plan.Length; i++)
            {
                var (advance, lane, cancel, fireDue) = plan[i];
                now += advance;
                if (fireDue)
                {
                    while (schedule.TryPeekDue(out var due) && due <= now)
                    {
                        fired.Add((due, schedule.Dequeue().Slot));
                    }

                    while (live.Count > 0 && live.Min.Due <= now)
                    {
                        expected.Add(live.Min);
                        live.Remove(live.Min);
                    }
                }

                long[] delays = [5, 10, 1];
                var handle = schedule.After(now, delays[lane], new ScheduledTimer(TimerKind.Stage, i, i, 0, 0));
                handles.Add((handle, now + delays[lane]));
                live.Add((now + delays[lane], i));
                if (cancel >= 0 && cancel <= i)
                {
                    schedule.Cancel(handles[cancel].Handle);
                    live.Remove((handles[cancel].Due, cancel));
                }
            }

            Assert.Equal(live.Count, schedule.Count);
            while (schedule.TryPeekDue(out var due))
            {
                fired.Add((due, schedule.Dequeue().Slot));
            }

            expected.AddRange(live);
            Assert.Equal(expected, fired);
        });
    }

    [Fact]
    public void TryPeekDue_Empty_ReturnsFalse()
    {
        var schedule = new TimerSchedule();

        Assert.False(schedule.TryPeekDue(out _));
        Assert.Equal(0, schedule.Count);
    }
}
