namespace Switchboard.Routing;

/// <summary>Rules that hold for a whole routing domain (a set of clients sharing one agent pool).</summary>
public sealed record RoutingOptions
{
    /// <summary>
    /// A waiting contact gains one priority level per this much waiting. Null: no aging.
    /// </summary>
    /// <remarks>
    /// One rate for the whole domain keeps the order between any two waiting contacts fixed over time,
    /// which lets the engine keep them in heaps rather than re-sorting on every decision.
    /// </remarks>
    public TimeSpan? PriorityAgingStep { get; init; }

    /// <summary>After this many offers in a row missed (rejected or expired), the agent is set to not responding.</summary>
    public int MissedOffersBeforeNotResponding { get; init; } = 2;

    /// <summary>Well-being guard: an agent's wrap-up lasts at least this long, even when they finish it sooner.</summary>
    public TimeSpan MinimumWrapUp { get; init; } = TimeSpan.Zero;

    /// <summary>Well-being guard: after this many contacts in a row, the agent is granted a break once free. Null: no limit.</summary>
    public int? MaximumConsecutiveContacts { get; init; }

    /// <summary>The reason recorded on the break the well-being guard grants.</summary>
    public string WellBeingBreakReason { get; init; } = "well-being";

    /// <summary>Weight of the newest handle time in a queue's running average, used for expected-wait estimates.</summary>
    public double HandleTimeSmoothing { get; init; } = 0.05;

    /// <summary>Weight of the newest finished wait (answered or abandoned) in a queue's running estimate of how often its
    /// customers abandon, used for expected-wait estimates. Callbacks do not count: their customers are not on the line.</summary>
    public double AbandonmentSmoothing { get; init; } = 0.02;

    /// <summary>The lower and upper quantiles of the expected-wait range told to customers.</summary>
    public double ExpectedWaitLowQuantile { get; init; } = 0.1;

    /// <inheritdoc cref="ExpectedWaitLowQuantile"/>
    public double ExpectedWaitHighQuantile { get; init; } = 0.9;

    /// <summary>How long completed or abandoned contacts and answered offers stay queryable in the engine.
    /// They are forgotten at the first event recorded after that (forgetting is itself driven by the log, so a replay
    /// forgets exactly the same). Replies to forgotten offers are answered <see cref="OfferReply.Unknown"/>; history lives in the event log.</summary>
    public TimeSpan FinishedRetention { get; init; } = TimeSpan.FromHours(1);
}
