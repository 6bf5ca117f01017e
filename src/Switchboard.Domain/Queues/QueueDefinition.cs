namespace Switchboard.Queues;

/// <summary>A queue: its routing stages and the rules for the contacts waiting in it.</summary>
public sealed record QueueDefinition
{
    public QueueDefinition(QueueId id, IReadOnlyList<RoutingStage> stages)
    {
        ArgumentNullException.ThrowIfNull(stages);
        if (stages.Count == 0)
        {
            throw new ArgumentException($"Queue {id} needs at least one routing stage.", nameof(stages));
        }

        if (stages[0].After != TimeSpan.Zero)
        {
            throw new ArgumentException($"Queue {id}: the first routing stage applies from the start (After = 0).", nameof(stages));
        }

        for (var i = 1; i < stages.Count; i++)
        {
            if (stages[i].After <= stages[i - 1].After)
            {
                throw new ArgumentException($"Queue {id}: routing stage {i} must apply later than stage {i - 1}.", nameof(stages));
            }
        }

        if (stages.Count > MaximumStages)
        {
            throw new ArgumentException($"Queue {id}: at most {MaximumStages} routing stages.", nameof(stages));
        }

        Id = id;
        Stages = stages;
    }

    /// <summary>More stages than this make a queue nobody can reason about.</summary>
    public const int MaximumStages = 8;

    public QueueId Id { get; }

    public IReadOnlyList<RoutingStage> Stages { get; }

    public AgentSelection Selection { get; init; } = AgentSelection.LongestIdle;

    /// <summary>The most contacts that may wait (or hold a callback place) at once; further arrivals are refused.</summary>
    public int MaximumWaiting { get; init; } = int.MaxValue;

    /// <summary>How long an agent has to accept an offer before it expires and the contact goes back to its place.</summary>
    public TimeSpan OfferTimeout { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>The longest wrap-up; at its end the contact is completed for the agent. Null: no limit.</summary>
    public TimeSpan? WrapUpLimit { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>When the expected wait exceeds this, the customer is offered a callback that keeps their place. Null: never.</summary>
    public TimeSpan? CallbackOfferThreshold { get; init; }

    /// <summary>The handle time assumed for expected-wait estimates until the queue has measured its own.</summary>
    public TimeSpan ExpectedHandleTime { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The priority a scheduled callback gets once its window opens, so it is served inside the window.</summary>
    public int ScheduledCallbackPriority { get; init; } = 100;
}
