namespace Switchboard.Persistence.Complaints;

/// <summary>
/// A complaint's read model: what lists and the public status page need, kept in step with its event log
/// (<see cref="ComplaintEventRecord"/>), which is the record of what happened and from which the complaint and its
/// clocks are rebuilt.
/// </summary>
public sealed class ComplaintRecord
{
    /// <summary>The number in the customer's reference (<c>CMP-000123-K</c>).</summary>
    public long Id { get; set; }

    public required string Reference { get; set; }

    public required string Client { get; set; }

    /// <summary>The status in the API's words (<c>received</c>, <c>underInvestigation</c>, ...).</summary>
    public required string Status { get; set; }

    public required string Category { get; set; }

    public required string Severity { get; set; }

    public bool VulnerableCustomer { get; set; }

    /// <summary>What the customer says went wrong, in their words or the agent's summary of them.</summary>
    public required string Summary { get; set; }

    public required string RemedySought { get; set; }

    public string? CustomerName { get; set; }

    /// <summary>Where acknowledgement and responses go; with the reference, it lets the customer look the complaint up.</summary>
    public string? CustomerEmail { get; set; }

    public string? Owner { get; set; }

    /// <summary>The rung of the escalation ladder handling it (<c>agent</c>, <c>teamLeader</c>, ...).</summary>
    public required string Level { get; set; }

    /// <summary>The contract's complaint handling when the complaint was received (JSON), so later contract changes
    /// do not rewrite the rules an open complaint was taken on under.</summary>
    public required string Handling { get; set; }

    public DateTimeOffset Received { get; set; }

    public DateTimeOffset Updated { get; set; }

    /// <summary>The acknowledgement and final-response deadlines as last computed (null while paused or met).</summary>
    public DateTimeOffset? AcknowledgementDue { get; set; }

    public DateTimeOffset? ResponseDue { get; set; }

    /// <summary>The number of the complaint this one is about the handling of.</summary>
    public long? EarlierComplaint { get; set; }

    public string? RootCause { get; set; }

    /// <summary>Events in the log; the next event's sequence, and the concurrency token between writers.</summary>
    public int Version { get; set; }
}

/// <summary>
/// One entry of a complaint's append-only log: a step of its handling (<c>received</c>, <c>acknowledged</c>, ...) or a
/// warning or breach its clock raised (<c>clock.warned</c>, <c>clock.breached</c>). Never updated or deleted.
/// </summary>
public sealed class ComplaintEventRecord
{
    public long Id { get; set; }

    public long Complaint { get; set; }

    /// <summary>0 for the receipt, then counting up per complaint.</summary>
    public int Sequence { get; set; }

    public required string Client { get; set; }

    public required string Kind { get; set; }

    public DateTimeOffset At { get; set; }

    /// <summary>Who did it (a user or token), or the server for its own clock entries.</summary>
    public required string Actor { get; set; }

    /// <summary>The event's fields in the API's JSON shape.</summary>
    public required string Payload { get; set; }
}
