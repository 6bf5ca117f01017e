namespace Switchboard.Planning.Staffing;

/// <summary>
/// The traffic a queue is offered in one planning interval: how many contacts arrive, over how long, and how long each keeps an agent busy.
/// </summary>
/// <remarks>Arrivals are taken as a Poisson stream at a constant rate across the interval (the models' assumption).</remarks>
public readonly record struct IntervalTraffic
{
    /// <summary>Builds the traffic; throws for a negative or non-finite volume or a non-positive duration.</summary>
    /// <param name="contacts">Expected arrivals in the interval (≥ 0; need not be whole).</param>
    /// <param name="intervalLength">The interval's length (&gt; 0), e.g. 15 or 30 minutes.</param>
    /// <param name="averageHandleTime">Talk (or chat, or work) time plus wrap-up, per contact (&gt; 0).</param>
    public IntervalTraffic(double contacts, TimeSpan intervalLength, TimeSpan averageHandleTime)
    {
        if (!double.IsFinite(contacts) || contacts < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(contacts), contacts, "The volume is a finite number of contacts, at least 0.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(intervalLength, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(averageHandleTime, TimeSpan.Zero);
        Contacts = contacts;
        IntervalLength = intervalLength;
        AverageHandleTime = averageHandleTime;
    }

    /// <summary>Expected arrivals in the interval.</summary>
    public double Contacts { get; }

    /// <summary>The interval's length.</summary>
    public TimeSpan IntervalLength { get; }

    /// <summary>Average handle time: talk plus wrap-up per contact.</summary>
    public TimeSpan AverageHandleTime { get; }

    /// <summary>The offered load A in Erlangs: arrival rate × average handle time, the average number of agents the work keeps busy.</summary>
    public double OfferedLoad => Contacts * AverageHandleTime.TotalSeconds / IntervalLength.TotalSeconds;
}
