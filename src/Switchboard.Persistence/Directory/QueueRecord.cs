namespace Switchboard.Persistence.Directory;

/// <summary>A queue's definition as the administrator gave it; the routing engine holds its own copy from the log.</summary>
public sealed class QueueRecord
{
    public required string Id { get; set; }

    public required string Client { get; set; }

    public required string Domain { get; set; }

    public required string Name { get; set; }

    /// <summary>The routing definition (stages, timeouts, targets) as JSON, in the API's own shape.</summary>
    public required string Definition { get; set; }

    public DateTimeOffset Created { get; set; }

    public DateTimeOffset Updated { get; set; }

    public int Version { get; set; }
}
