namespace Switchboard.Persistence.Directory;

/// <summary>An agent's profile as the administrator gave it; the routing engine holds its own copy from the log.</summary>
public sealed class AgentRecord
{
    public required string Id { get; set; }

    /// <summary>The routing domain whose clients the agent serves.</summary>
    public required string Domain { get; set; }

    public required string Name { get; set; }

    /// <summary>Skills, languages, certifications and capacity as JSON, in the API's own shape.</summary>
    public required string Profile { get; set; }

    public DateTimeOffset Created { get; set; }

    public DateTimeOffset Updated { get; set; }

    public int Version { get; set; }
}
