using System.Globalization;

namespace Switchboard.Server.Wallboard;

/// <summary>Why a queue's target is at risk, as the wallboard says it in words (never by colour alone).</summary>
public enum QueueAlarmKind
{
    /// <summary>Today's service level is below the target agreed with the client.</summary>
    ServiceLevelBelowTarget = 1,

    /// <summary>Someone has waited longer than the service-level threshold: each further answer misses it.</summary>
    LongestWaitBeyondThreshold = 2,

    /// <summary>Today's abandonment rate is above the queue's limit (only when the queue sets one).</summary>
    AbandonmentAboveLimit = 3,
}

/// <summary>One alarm on a queue: what is at risk, and the sentence that says so (without figures that tick, so a
/// screen reader announces it once rather than every second).</summary>
public sealed record QueueAlarm(QueueAlarmKind Kind, string Words);

/// <summary>
/// The alarms a queue's board raises. Every limit comes from the queue's own settings: the service-level target and
/// threshold (the service-level method's, 20 s by default, or the queue's own) and the abandonment limit;
/// a queue with no target or no limit raises no alarm for it.
/// </summary>
public static class QueueAlarms
{
    /// <summary>The alarms of <paramref name="queue"/> at <paramref name="now"/> (the longest wait goes on growing after
    /// the board was read), in <see cref="QueueAlarmKind"/> order; empty when nothing is at risk.</summary>
    public static IReadOnlyList<QueueAlarm> Of(QueueBoard queue, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(queue);
        var alarms = new List<QueueAlarm>(3);
        if (queue.BelowTarget && queue.ServiceLevelTarget is { } target)
        {
            alarms.Add(new(QueueAlarmKind.ServiceLevelBelowTarget, $"Service level below the {Percent(target)} target"));
        }

        if (queue.LongestWaitingSince is { } since && now - since > queue.ServiceLevelThreshold)
        {
            alarms.Add(new(QueueAlarmKind.LongestWaitBeyondThreshold, $"Longest wait beyond the {Duration(queue.ServiceLevelThreshold)} threshold"));
        }

        if (queue.AbandonmentRate is { } rate && queue.AbandonmentLimit is { } limit && rate > limit)
        {
            alarms.Add(new(QueueAlarmKind.AbandonmentAboveLimit, $"Abandonment above the {Percent(limit)} limit"));
        }

        return alarms;
    }

    /// <summary>A share (0-1) as a whole percentage, e.g. "80%".</summary>
    public static string Percent(double share) => Math.Round(share * 100, MidpointRounding.AwayFromZero).ToString("0", CultureInfo.InvariantCulture) + "%";

    /// <summary>A wait or a time in presence in whole seconds, as people read it on a wall: "45 s", "2 min 05 s", "1 h 02 min".</summary>
    public static string Duration(TimeSpan duration)
    {
        var seconds = Math.Max(0, (long)Math.Floor(duration.TotalSeconds));
        return seconds switch
        {
            < 60 => $"{seconds} s",
            < 3600 => string.Create(CultureInfo.InvariantCulture, $"{seconds / 60} min {seconds % 60:00} s"),
            _ => string.Create(CultureInfo.InvariantCulture, $"{seconds / 3600} h {seconds % 3600 / 60:00} min"),
        };
    }
}
