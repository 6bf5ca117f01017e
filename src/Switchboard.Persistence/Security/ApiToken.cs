namespace Switchboard.Persistence.Security;

/// <summary>An API token for an integration, acting as its user with a narrower scope. Only its hash is stored.</summary>
public sealed class ApiToken
{
    public Guid Id { get; set; }

    public Guid UserId { get; set; }

    public required string Name { get; set; }

    /// <summary>Hex SHA-256 of the secret (the secret is random, 256 bits, so a plain hash is enough).</summary>
    public required string SecretHash { get; set; }

    /// <summary>Space-separated scopes (e.g. "contacts:write events:read"); empty means all the user's rights.</summary>
    public string Scopes { get; set; } = "";

    public DateTimeOffset Created { get; set; }

    public DateTimeOffset? Expires { get; set; }

    public DateTimeOffset? Revoked { get; set; }

    public DateTimeOffset? LastUsed { get; set; }
}
