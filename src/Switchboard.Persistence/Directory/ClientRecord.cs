namespace Switchboard.Persistence.Directory;

/// <summary>An organisation whose customers the centre serves (the "client" of ISO 18295-2).</summary>
public sealed class ClientRecord
{
    /// <summary>A short lower-case id chosen by the administrator (e.g. "acme").</summary>
    public required string Id { get; set; }

    public required string Name { get; set; }

    /// <summary>The routing domain (shared agent pool) the client's queues live in; by default its own id.</summary>
    public required string Domain { get; set; }

    public DateTimeOffset Created { get; set; }

    public int Version { get; set; }
}
