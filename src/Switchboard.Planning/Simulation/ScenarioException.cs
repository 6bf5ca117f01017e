namespace Switchboard.Planning.Simulation;

/// <summary>A scenario that cannot be simulated. The message names the field at fault, as in <c>queues[1].stages[0].after: must be &gt;= 0</c>.</summary>
public sealed class ScenarioException : Exception
{
    public ScenarioException()
    {
    }

    public ScenarioException(string message)
        : base(message)
    {
    }

    public ScenarioException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
