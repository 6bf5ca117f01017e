namespace Switchboard.Agents;

/// <summary>An agent's identity, as the centre knows them (a staff number or login).</summary>
public readonly record struct AgentId
{
    public AgentId(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        Value = value;
    }

    public string Value { get; }

    public override string ToString() => Value;
}
