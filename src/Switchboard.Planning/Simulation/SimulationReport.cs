namespace Switchboard.Planning.Simulation;

/// <summary>
/// What a simulated period looked like: figures per reporting interval and queue, per queue, and for the whole centre.
/// </summary>
/// <remarks>
/// Contacts are counted in the interval in which they arrived, whatever happened to them later.
/// The same scenario and seed give an equal report (compare the JSON of <see cref="SimulationJson.Serialize(SimulationReport)"/>).
/// </remarks>
/// <param name="Scenario">The scenario's name.</param>
/// <param name="Seed">The seed of the run's random numbers.</param>
/// <param name="Start">When the period started (UTC).</param>
/// <param name="Duration">How long the period lasted.</param>
/// <param name="IntervalLength">The length of each reporting interval.</param>
/// <param name="Definitions">How the figures are computed, in words.</param>
/// <param name="Queues">Each queue's figures over the whole period, in scenario order.</param>
/// <param name="Total">All queues together over the whole period.</param>
/// <param name="AgentGroups">Each agent group's staffed time, busy time and occupancy over the period.</param>
/// <param name="Intervals">Figures for each reporting interval.</param>
public sealed record SimulationReport(
    string Scenario,
    int Seed,
    DateTimeOffset Start,
    TimeSpan Duration,
    TimeSpan IntervalLength,
    ReportDefinitions Definitions,
    IReadOnlyList<QueueFigures> Queues,
    QueueFigures Total,
    IReadOnlyList<AgentGroupFigures> AgentGroups,
    IReadOnlyList<IntervalFigures> Intervals);

/// <summary>The definitions behind the figures, stated in the report so it can be read on its own.</summary>
/// <param name="ShortAbandonThreshold">Abandons sooner than this after arrival are short abandons.</param>
public sealed record ReportDefinitions(TimeSpan ShortAbandonThreshold)
{
    public string ServiceLevel { get; init; } =
        "answeredWithinThreshold / (answeredLive + abandoned - shortAbandoned): contacts answered within the queue's serviceLevelThreshold "
        + "of arriving, over contacts with a known live outcome, leaving out customers who took a callback, those still waiting at the end, "
        + "and abandons sooner than shortAbandonThreshold";

    public string AverageSpeedOfAnswer { get; init; } = "mean wait from arrival to the agent's accept, over contacts answered live (not callbacks)";

    public string Occupancy { get; init; } = "time agents held a connected or wrapping-up contact / time agents were signed in (from shift start until signed off)";

    public string WaitEstimate { get; init; } =
        "the engine's expected wait announced on arrival (ContactQueued estimate) compared with the actual wait (accept minus arrival) "
        + "of contacts answered live: mean absolute error, mean error (positive: longer than told), and the share whose actual wait fell "
        + "inside the announced low-high range; contacts offered at once on arrival (no announcement) or without a known estimate are left out";

    public string Answered { get; init; } = "contacts connected to an agent, callbacks included; offered = answered + abandoned + waitingAtEnd";
}

/// <summary>One queue's figures (or all queues', with <see cref="Queue"/> "all") over an interval or the whole period.</summary>
/// <param name="Queue">The queue's id, or <c>all</c>.</param>
/// <param name="ServiceLevelThreshold">The queue's threshold; null for "all" (each contact is judged by its own queue's).</param>
/// <param name="Offered">Contacts that entered the queue.</param>
/// <param name="Answered">Contacts connected to an agent, callbacks included.</param>
/// <param name="AnsweredLive">Contacts connected to an agent while the customer waited on the line (not callbacks).</param>
/// <param name="AnsweredWithinThreshold">Live answers within the service-level threshold.</param>
/// <param name="Abandoned">Customers who left before being connected.</param>
/// <param name="ShortAbandoned">Of those, the ones who left sooner than the short-abandon threshold.</param>
/// <param name="WaitingAtEnd">Contacts (callbacks included) still not connected when the period ended.</param>
/// <param name="Refused">Arrivals the engine turned away (queue full); not part of offered.</param>
/// <param name="CallbacksOffered">Arrivals whose expected wait exceeded the callback threshold.</param>
/// <param name="CallbacksRequested">Customers who took the callback.</param>
/// <param name="CallbacksConnected">Callbacks connected to an agent.</param>
/// <param name="ServiceLevel">See <see cref="ReportDefinitions.ServiceLevel"/>, from 0 to 1; null when nothing counts.</param>
/// <param name="AverageSpeedOfAnswer">Mean wait of live answers; null when none.</param>
/// <param name="LongestWait">The longest wait of a live answer; null when none.</param>
/// <param name="WaitEstimatesCompared">Live answers that queued and were announced a known expected wait (customers offered
/// to an agent at once on arrival heard no announcement and are left out).</param>
/// <param name="WaitEstimateMeanAbsoluteError">Mean of |actual wait - announced expected wait|; null when none compared.</param>
/// <param name="WaitEstimateMeanError">Mean of (actual wait - announced expected wait): positive when customers wait longer than told.</param>
/// <param name="WaitEstimateWithinRange">Share (0 to 1) of compared contacts whose wait fell inside the announced range.</param>
public sealed record QueueFigures(
    string Queue,
    TimeSpan? ServiceLevelThreshold,
    int Offered,
    int Answered,
    int AnsweredLive,
    int AnsweredWithinThreshold,
    int Abandoned,
    int ShortAbandoned,
    int WaitingAtEnd,
    int Refused,
    int CallbacksOffered,
    int CallbacksRequested,
    int CallbacksConnected,
    double? ServiceLevel,
    TimeSpan? AverageSpeedOfAnswer,
    TimeSpan? LongestWait,
    int WaitEstimatesCompared,
    TimeSpan? WaitEstimateMeanAbsoluteError,
    TimeSpan? WaitEstimateMeanError,
    double? WaitEstimateWithinRange);

/// <summary>One reporting interval.</summary>
/// <param name="Start">When the interval starts (UTC); it includes its start and excludes its end.</param>
/// <param name="Queues">Each queue's figures for contacts that arrived in the interval.</param>
/// <param name="Total">All queues together.</param>
/// <param name="StaffedTime">Agent time signed in during the interval, summed over agents.</param>
/// <param name="Occupancy">Busy and wrap-up time over staffed time in the interval (0 to 1); null when nobody was staffed.</param>
public sealed record IntervalFigures(DateTimeOffset Start, IReadOnlyList<QueueFigures> Queues, QueueFigures Total, TimeSpan StaffedTime, double? Occupancy);

/// <summary>An agent group's time over the whole period.</summary>
/// <param name="StaffedTime">Time signed in, summed over the group's agents.</param>
/// <param name="BusyTime">Time holding a connected or wrapping-up contact, summed over agents.</param>
/// <param name="Occupancy">Busy time over staffed time (0 to 1); null when never staffed.</param>
public sealed record AgentGroupFigures(string Group, int Agents, TimeSpan StaffedTime, TimeSpan BusyTime, double? Occupancy);

/// <summary>How the run itself went: size and speed. Not part of the report, because wall-clock time differs between runs.</summary>
/// <param name="ContactsSimulated">Arrivals generated (offered and refused).</param>
/// <param name="EventsProcessed">Simulator events plus routing-engine events handled.</param>
/// <param name="WallClock">Real time the run took.</param>
/// <param name="ContactsPerSecond">Contacts simulated per second of real time.</param>
public sealed record SimulationStatistics(long ContactsSimulated, long EventsProcessed, TimeSpan WallClock, double ContactsPerSecond);

/// <summary>A finished run: the deterministic report and the run's statistics.</summary>
public sealed record SimulationResult(SimulationReport Report, SimulationStatistics Statistics);
