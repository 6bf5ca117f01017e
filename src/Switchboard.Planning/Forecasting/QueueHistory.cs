namespace Switchboard.Planning.Forecasting;

/// <summary>What a queue received in the past: contacts offered per interval and, optionally, their average handle time.</summary>
/// <param name="Queue">The queue's id, as reports name it.</param>
/// <param name="Calls">Contacts offered per interval.</param>
/// <param name="AverageHandleTimes">Null when unknown; otherwise one per interval of <paramref name="Calls"/>, each at least zero.
/// An interval without contacts may hold any value: handle times are weighted by contacts.</param>
public sealed record QueueHistory(string Queue, IntervalSeries Calls, IReadOnlyList<TimeSpan>? AverageHandleTimes = null);
