namespace Switchboard.Persistence.Contracts;

/// <summary>A client's contract with the centre (ISO 18295-2) as the administrator gave it: one document per client.</summary>
public sealed class ContractRecord
{
    /// <summary>The client's id.</summary>
    public required string Client { get; set; }

    /// <summary>The contract as JSON, in the API's own shape.</summary>
    public required string Document { get; set; }

    public DateTimeOffset Updated { get; set; }

    public string? UpdatedBy { get; set; }

    public int Version { get; set; }
}

/// <summary>Information a client supplied to the centre (a price change, a campaign, a forecast ...), as recorded when it came.</summary>
public sealed class ClientInformationRecord
{
    public long Id { get; set; }

    public required string Client { get; set; }

    /// <summary>The kind, as the API names it (camel case, such as <c>priceChange</c>).</summary>
    public required string Kind { get; set; }

    /// <summary>When the centre received it.</summary>
    public DateTimeOffset Supplied { get; set; }

    /// <summary>When what it announces takes effect.</summary>
    public DateTimeOffset EffectiveAt { get; set; }

    public required string Summary { get; set; }

    public string? RecordedBy { get; set; }
}
