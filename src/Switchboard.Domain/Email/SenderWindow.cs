namespace Switchboard.Email;

/// <summary>
/// How many messages each sender sent within a sliding window, for flood detection. Belongs to one mailbox's reader
/// (single-threaded); time is passed in. Senders are compared case-insensitively.
/// </summary>
public sealed class SenderWindow(TimeSpan window)
{
    private readonly Dictionary<string, Queue<DateTimeOffset>> bySender = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Counts a message from <paramref name="sender"/> at <paramref name="at"/>; returns how many the window now holds, this one included.</summary>
    public int Record(string sender, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(sender);
        if (!bySender.TryGetValue(sender, out var times))
        {
            times = new Queue<DateTimeOffset>();
            bySender[sender] = times;
        }

        while (times.Count > 0 && times.Peek() <= at - window)
        {
            times.Dequeue();
        }

        times.Enqueue(at);

        // Forget quiet senders now and then, so the table does not grow with every address ever seen.
        if (bySender.Count > 10_000)
        {
            foreach (var (name, queue) in bySender.Where(p => p.Value.Count == 0 || p.Value.Last() <= at - window).ToList())
            {
                bySender.Remove(name);
            }
        }

        return times.Count;
    }
}
