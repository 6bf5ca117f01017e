using CsCheck;
using Switchboard.Server.Wallboard;

namespace Switchboard.Tests.Server.Wallboard;

public class QueueAlarmsTests
{
    private static readonly DateTimeOffset Nine = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    private static readonly QueueBoard Quiet = new(
        "billing", "acme", "Billing", 0, null, null, null, 0, 0, 0, 0, null, null, null, 0.8, TimeSpan.FromSeconds(30), false, false, null, Nine);

    [Fact]
    public void Of_NothingAtRisk_IsEmpty()
    {
        Assert.Empty(QueueAlarms.Of(Quiet, Nine));
    }

    [Fact]
    public void Of_EveryLimitPassed_NamesEachWithTheQueuesOwnLimits()
    {
        var queue = Quiet with { BelowTarget = true, ServiceLevel = 0.5, LongestWaitingSince = Nine.AddSeconds(-31), AbandonmentRate = 0.2, AbandonmentLimit = 0.15 };

        var alarms = QueueAlarms.Of(queue, Nine);

        Assert.Equal(
            [
                new QueueAlarm(QueueAlarmKind.ServiceLevelBelowTarget, "Service level below the 80% target"),
                new QueueAlarm(QueueAlarmKind.LongestWaitBeyondThreshold, "Longest wait beyond the 30 s threshold"),
                new QueueAlarm(QueueAlarmKind.AbandonmentAboveLimit, "Abandonment above the 15% limit"),
            ],
            alarms);
    }

    [Fact]
    public void Of_AbandonmentWithNoLimitSet_RaisesNoAlarm()
    {
        Assert.Empty(QueueAlarms.Of(Quiet with { AbandonmentRate = 0.9 }, Nine));
    }

    [Fact]
    public void Of_LongestWait_AlarmsOnlyBeyondTheThreshold()
    {
        Gen.Int[0, 7200].Sample(seconds =>
        {
            var queue = Quiet with { LongestWaitingSince = Nine };

            var alarmed = QueueAlarms.Of(queue, Nine.AddSeconds(seconds)).Any(a => a.Kind == QueueAlarmKind.LongestWaitBeyondThreshold);

            Assert.Equal(seconds > 30, alarmed);
        });
    }

    [Theory]
    [InlineData(0, "0 s")]
    [InlineData(59.9, "59 s")]
    [InlineData(60, "1 min 00 s")]
    [InlineData(125, "2 min 05 s")]
    [InlineData(3599, "59 min 59 s")]
    [InlineData(3600 + 180 + 59, "1 h 03 min")]
    [InlineData(-5, "0 s")]
    public void Duration_Seconds_ReadsAsOnAWall(double seconds, string expected)
    {
        Assert.Equal(expected, QueueAlarms.Duration(TimeSpan.FromSeconds(seconds)));
    }

    [Fact]
    public void Duration_AnyWait_NeverGoesBackwardsAsItGrows()
    {
        Gen.Int[0, 86_400].Sample(seconds =>
        {
            static long Seconds(string text)
            {
                var parts = text.Split(' ');
                return parts.Length == 2 ? long.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture)
                    : parts[1] == "min" ? (long.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture) * 60) + long.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture)
                    : (long.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture) * 3600) + (long.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture) * 60);
            }

            var now = Seconds(QueueAlarms.Duration(TimeSpan.FromSeconds(seconds)));
            var next = Seconds(QueueAlarms.Duration(TimeSpan.FromSeconds(seconds + 1)));

            Assert.True(now <= seconds && next >= now && seconds - now < 60, $"{seconds} s read as {now} s, then {next} s");
        });
    }

    [Theory]
    [InlineData(0.8, "80%")]
    [InlineData(0.875, "88%")]
    [InlineData(1.0, "100%")]
    [InlineData(0.0, "0%")]
    public void Percent_Share_IsAWholePercentage(double share, string expected)
    {
        Assert.Equal(expected, QueueAlarms.Percent(share));
    }
}
