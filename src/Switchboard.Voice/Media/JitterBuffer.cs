namespace Switchboard.Voice.Media;

/// <summary>What became of a packet offered to a <see cref="JitterBuffer{T}"/>.</summary>
public enum JitterOffer
{
    Held,

    /// <summary>Its place in the sequence has already been played out (or skipped as lost).</summary>
    Late,

    /// <summary>The buffer already holds a packet with its sequence number.</summary>
    Duplicate,
}

/// <summary>A packet leaving the buffer in playout order, with how many packets before it were skipped as lost.</summary>
public readonly record struct JitterPlayout<T>(ushort SequenceNumber, T Packet, int Lost);

/// <summary>
/// A fixed-delay jitter buffer for one RTP stream. Packets are ordered by sequence number across the 16-bit
/// wrap-around (RFC 3550 appendix A.1's extended sequence). A packet plays out once it has waited
/// <see cref="Delay"/> since it arrived, or at once when more than <see cref="Depth"/> packets wait, so a gap
/// (a lost packet) is skipped rather than stalling the stream. Late and duplicate packets are dropped, so nothing
/// leaves out of order or twice. Pure: the caller passes the time.
/// </summary>
public sealed class JitterBuffer<T>
{
    private readonly SortedDictionary<long, (ushort Sequence, T Packet, DateTimeOffset Arrived)> held = [];

    /// <summary>The extended sequence number the next packet to play out should have; null before the first.</summary>
    private long? next;

    private bool playing;

    /// <param name="depth">Packets held before the oldest is forced out (e.g. 3 packets of 20 ms).</param>
    /// <param name="delay">How long a packet waits for those before it to arrive (e.g. 60 ms).</param>
    public JitterBuffer(int depth, TimeSpan delay)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(depth, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        Depth = depth;
        Delay = delay;
    }

    public int Depth { get; }

    public TimeSpan Delay { get; }

    public int Count => held.Count;

    public JitterOffer Offer(ushort sequenceNumber, T packet, DateTimeOffset now)
    {
        var extended = Extend(sequenceNumber);
        if (next is { } expected && extended < expected)
        {
            if (playing)
            {
                return JitterOffer.Late;
            }
            // Nothing has played yet, so a packet overtaken by its successor still has its place.
            next = extended;
        }
        if (!held.TryAdd(extended, (sequenceNumber, packet, now)))
        {
            return JitterOffer.Duplicate;
        }
        next ??= extended;
        return JitterOffer.Held;
    }

    /// <summary>The next packet due to play out at <paramref name="now"/>, or null when none is due yet.</summary>
    public JitterPlayout<T>? Take(DateTimeOffset now)
    {
        if (held.Count == 0 || next is not { } expected)
        {
            return null;
        }
        var (key, entry) = First();
        if (held.Count <= Depth && now - entry.Arrived < Delay)
        {
            return null;
        }
        playing = true;
        held.Remove(key);
        next = key + 1;
        return new JitterPlayout<T>(entry.Sequence, entry.Packet, (int)(key - expected));
    }

    private KeyValuePair<long, (ushort Sequence, T Packet, DateTimeOffset Arrived)> First()
    {
        using var items = held.GetEnumerator();
        items.MoveNext();
        return items.Current;
    }

    /// <summary>The sequence number placed on the unbounded line nearest the next expected one.</summary>
    private long Extend(ushort sequenceNumber)
    {
        if (next is not { } expected)
        {
            return (1L << 16) + sequenceNumber;
        }
        var delta = (short)(sequenceNumber - (ushort)expected);
        return expected + delta;
    }
}
