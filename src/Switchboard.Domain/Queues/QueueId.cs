namespace Switchboard.Queues;

/// <summary>A queue's name, such as <c>billing</c>; unique within a routing domain.</summary>
public readonly record struct QueueId
{
    public QueueId(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        Value = value;
    }

    public string Value { get; }

    public override string ToString() => Value;
}
