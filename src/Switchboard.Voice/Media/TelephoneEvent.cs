using System.Buffers.Binary;

namespace Switchboard.Voice.Media;

/// <summary>
/// An RFC 4733 §2.3 telephone-event payload: the event (0-9, * = 10, # = 11, A-D = 12-15, flash = 16), whether it
/// has ended, its volume in -dBm0 (0-63) and its duration so far in RTP timestamp units (1/8000 s for G.711 calls).
/// </summary>
public readonly record struct TelephoneEvent(byte Event, bool End, byte Volume, ushort Duration)
{
    public const int Length = 4;

    private const string Digits = "0123456789*#ABCD";

    /// <summary>The DTMF digit the event stands for, or null for flash and other events.</summary>
    public char? Digit => Event < Digits.Length ? Digits[Event] : null;

    public static TelephoneEvent? ForDigit(char digit, bool end, byte volume, ushort duration)
    {
        var index = Digits.IndexOf(char.ToUpperInvariant(digit), StringComparison.Ordinal);
        return index < 0 ? null : new TelephoneEvent((byte)index, end, volume, duration);
    }

    public static TelephoneEvent? Read(ReadOnlySpan<byte> payload) =>
        payload.Length < Length
            ? null
            : new TelephoneEvent(payload[0], (payload[1] & 0x80) != 0, (byte)(payload[1] & 0x3F), BinaryPrimitives.ReadUInt16BigEndian(payload[2..]));

    public void Write(Span<byte> destination)
    {
        if (Volume > 63)
        {
            throw new InvalidOperationException($"Volume {Volume} does not fit six bits.");
        }
        destination[0] = Event;
        destination[1] = (byte)((End ? 0x80 : 0) | Volume);
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], Duration);
    }
}

/// <summary>A digit pressed by the caller, the RTP timestamp its event began at, and how long it was held.</summary>
public sealed record DtmfDigit(char Digit, uint Timestamp, TimeSpan Duration);

/// <summary>
/// Turns a stream of telephone-event packets into digits, one per event. The packets of one event share an RTP
/// timestamp (RFC 4733 §2.5.1.2) and its end is sent three times (§2.5.1.4), so a digit is reported at the first end
/// packet of a timestamp not reported yet. When every end packet is lost, the event is reported as soon as a packet of
/// a later event shows it is over. Packets from before the last reported event (reordered) are ignored.
/// </summary>
public sealed class DtmfDetector
{
    private const int ClockRate = 8000;
    private uint? reported;
    private (uint Timestamp, TelephoneEvent Event)? open;

    /// <summary>Feeds one packet; returns the digits it completes (at most two: a lost end's, and this one's).</summary>
    public IReadOnlyList<DtmfDigit> Accept(uint timestamp, TelephoneEvent telephoneEvent)
    {
        if (reported is { } last && (timestamp == last || (int)(timestamp - last) < 0))
        {
            return [];
        }
        var digits = new List<DtmfDigit>(1);
        if (open is { } pending && pending.Timestamp != timestamp)
        {
            // A later event began before this one's end arrived: its end packets were all lost.
            if ((int)(timestamp - pending.Timestamp) < 0)
            {
                return [];
            }
            Report(pending.Timestamp, pending.Event, digits);
        }
        if (telephoneEvent.End)
        {
            Report(timestamp, telephoneEvent, digits);
        }
        else
        {
            open = (timestamp, telephoneEvent);
        }
        return digits;
    }

    private void Report(uint timestamp, TelephoneEvent telephoneEvent, List<DtmfDigit> digits)
    {
        reported = timestamp;
        open = null;
        if (telephoneEvent.Digit is { } digit)
        {
            digits.Add(new DtmfDigit(digit, timestamp, TimeSpan.FromSeconds(telephoneEvent.Duration / (double)ClockRate)));
        }
    }
}
