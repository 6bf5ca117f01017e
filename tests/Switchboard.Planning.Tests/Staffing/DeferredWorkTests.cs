using CsCheck;
using Switchboard.Planning.Staffing;

namespace Switchboard.Tests.Staffing;

public class DeferredWorkTests
{
    [Fact]
    public void RequiredAgents_EmailsAnsweredWithinTwoHours_IsWorkOverWindowPlusTarget()
    {
        // 120 emails in an hour at 6 minutes each, answered within 2 hours: 720 minutes of work over 180 minutes.
        var traffic = new IntervalTraffic(120, TimeSpan.FromHours(1), TimeSpan.FromMinutes(6));

        Assert.Equal(4, DeferredWork.RequiredAgents(traffic, TimeSpan.FromHours(2)));
    }

    [Fact]
    public void RequiredAgents_Backlog_MustBeClearedWithinTheTargetItself()
    {
        // 60 cases waiting, none arriving, 6 minutes each, due within an hour: 360 minutes of work in 60.
        var traffic = new IntervalTraffic(0, TimeSpan.FromHours(1), TimeSpan.FromMinutes(6));

        Assert.Equal(6, DeferredWork.RequiredAgents(traffic, TimeSpan.FromHours(1), backlog: 60));
    }

    [Fact]
    public void RequiredAgents_TargetShorterThanTheWork_IsRefused()
    {
        var traffic = new IntervalTraffic(10, TimeSpan.FromHours(1), TimeSpan.FromMinutes(30));

        Assert.Throws<ArgumentOutOfRangeException>(() => DeferredWork.RequiredAgents(traffic, TimeSpan.FromMinutes(10)));
    }

    /// <summary>
    /// Worked item by item (arrivals evenly spread, each taking the AHT, first in first out, N agents), every item is
    /// finished within the target plus one handle time (the fluid model's allowance for whole items).
    /// </summary>
    [Fact]
    public void RequiredAgents_ItemByItem_EveryItemFinishedWithinTheTargetPlusOneHandleTime()
    {
        var cases = Gen.Select(Gen.Int[1, 400], Gen.Int[1, 60], Gen.Int[0, 200], Gen.Int[1, 8]);

        cases.Sample((items, minutesEach, backlog, targetInHandleTimes) =>
        {
            var window = TimeSpan.FromHours(1);
            var handle = TimeSpan.FromMinutes(minutesEach);
            var target = handle * targetInHandleTimes;
            var agents = DeferredWork.RequiredAgents(new IntervalTraffic(items, window, handle), target, backlog);

            var free = new PriorityQueue<double, double>();
            for (var a = 0; a < agents; a++)
            {
                free.Enqueue(0, 0);
            }

            var latest = 0.0;
            for (var j = 0; j < backlog + items; j++)
            {
                var arrival = j < backlog ? 0 : (j - backlog) * window.TotalMinutes / items;
                var start = Math.Max(arrival, free.Dequeue());
                var finish = start + minutesEach;
                free.Enqueue(finish, finish);
                latest = Math.Max(latest, finish - arrival);
            }

            return latest <= target.TotalMinutes + minutesEach + 1e-9;
        });
    }
}
