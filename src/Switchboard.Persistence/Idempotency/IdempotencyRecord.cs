namespace Switchboard.Persistence.Idempotency;

/// <summary>
/// The answer given to a create request that carried an <c>Idempotency-Key</c>: a retry with the same key and the same
/// body gets the same answer and creates nothing; the same key with another body is refused.
/// </summary>
public sealed class IdempotencyRecord
{
    /// <summary>Who sent it (user id) and the key, so two callers' keys never collide.</summary>
    public required string Scope { get; set; }

    public required string Key { get; set; }

    /// <summary>SHA-256 of method, path and body.</summary>
    public required string RequestHash { get; set; }

    public int Status { get; set; }

    public string? Location { get; set; }

    public required string Response { get; set; }

    public DateTimeOffset Created { get; set; }
}
