namespace Switchboard.Planning.Staffing;

/// <summary>
/// What a queueing model predicts for one staffing level in steady state. Probabilities are shares of all arrivals unless
/// said otherwise.
/// </summary>
/// <param name="Agents">Agents (or, for chat, agent slots) serving the queue.</param>
/// <param name="OfferedLoad">A, in Erlangs.</param>
/// <param name="ProbabilityOfWaiting">P(W &gt; 0): the share of arrivals that find every agent busy.</param>
/// <param name="ProbabilityOfAbandoning">P(Ab): the share of arrivals that hang up before an agent answers (0 in Erlang C).</param>
/// <param name="AnsweredWithinThreshold">P(answered and W ≤ t): the share answered within <paramref name="Threshold"/>.</param>
/// <param name="AbandonedWithinThreshold">P(abandoned and W ≤ t): the share that hung up within <paramref name="Threshold"/>.</param>
/// <param name="AverageSpeedOfAnswer">Mean wait of answered contacts (those answered at once count as 0); <see cref="TimeSpan.MaxValue"/> when the queue is unstable.</param>
/// <param name="AverageWait">Mean wait of all arrivals, abandoned ones until they hung up; <see cref="TimeSpan.MaxValue"/> when unstable.</param>
/// <param name="Occupancy">The share of agents' time spent handling contacts: carried load ÷ agents (1 when unstable).</param>
/// <param name="Threshold">The answer-time threshold t of the two "within" figures.</param>
public sealed record QueuePerformance(
    int Agents,
    double OfferedLoad,
    double ProbabilityOfWaiting,
    double ProbabilityOfAbandoning,
    double AnsweredWithinThreshold,
    double AbandonedWithinThreshold,
    TimeSpan AverageSpeedOfAnswer,
    TimeSpan AverageWait,
    double Occupancy,
    TimeSpan Threshold)
{
    /// <summary>The service level within <see cref="Threshold"/> under <paramref name="definition"/> (0 to 1; see <see cref="ServiceLevelDefinition"/>).</summary>
    public double ServiceLevel(ServiceLevelDefinition definition)
    {
        var answered = 1 - ProbabilityOfAbandoning;
        return definition switch
        {
            ServiceLevelDefinition.AllArrivals => AnsweredWithinThreshold,
            ServiceLevelDefinition.Answered or ServiceLevelDefinition.ExcludingAbandons => answered > 0 ? Math.Min(1, AnsweredWithinThreshold / answered) : 0,
            ServiceLevelDefinition.ExcludingAbandonsWithinThreshold => Math.Min(1, AnsweredWithinThreshold / (1 - AbandonedWithinThreshold)),
            ServiceLevelDefinition.AbandonsWithinThresholdMet => Math.Min(1, AnsweredWithinThreshold + AbandonedWithinThreshold),
            _ => throw new ArgumentOutOfRangeException(nameof(definition), definition, "Unknown service-level definition."),
        };
    }
}
