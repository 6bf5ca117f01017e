using System.Buffers.Binary;

namespace Switchboard.Voice.Media;

/// <summary>
/// The fixed RTP header (RFC 3550 §5.1) and its contributing sources. Version is always 2. Padding and a header
/// extension are understood when reading (the payload excludes them) and never written.
/// </summary>
public sealed record RtpHeader(bool Marker, int PayloadType, ushort SequenceNumber, uint Timestamp, uint Ssrc, ValueList<uint> ContributingSources)
{
    public const int FixedLength = 12;

    public int Length => FixedLength + (4 * ContributingSources.Count);

    /// <summary>Writes the header and payload into <paramref name="destination"/>; returns the bytes written.</summary>
    public int Write(ReadOnlySpan<byte> payload, Span<byte> destination)
    {
        if (PayloadType is < 0 or > 127)
        {
            throw new InvalidOperationException($"Payload type {PayloadType} does not fit RTP's seven bits.");
        }
        if (ContributingSources.Count > 15)
        {
            throw new InvalidOperationException("RTP carries at most 15 contributing sources.");
        }
        var length = Length + payload.Length;
        if (destination.Length < length)
        {
            throw new ArgumentException($"The packet needs {length} bytes.", nameof(destination));
        }
        destination[0] = (byte)(0x80 | ContributingSources.Count);
        destination[1] = (byte)((Marker ? 0x80 : 0) | PayloadType);
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], SequenceNumber);
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], Timestamp);
        BinaryPrimitives.WriteUInt32BigEndian(destination[8..], Ssrc);
        for (var i = 0; i < ContributingSources.Count; i++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(destination[(FixedLength + (4 * i))..], ContributingSources[i]);
        }
        payload.CopyTo(destination[Length..]);
        return length;
    }

    /// <summary>Reads a packet: the header and where its payload lies, or a refusal with its reason.</summary>
    public static RtpRead Read(ReadOnlySpan<byte> packet)
    {
        if (packet.Length < FixedLength)
        {
            return RtpRead.Refuse("shorter than the 12-byte RTP header");
        }
        if (packet[0] >> 6 != 2)
        {
            return RtpRead.Refuse("not RTP version 2");
        }
        var padding = (packet[0] & 0x20) != 0;
        var extension = (packet[0] & 0x10) != 0;
        var count = packet[0] & 0x0F;
        var offset = FixedLength + (4 * count);
        if (packet.Length < offset)
        {
            return RtpRead.Refuse("shorter than its contributing sources");
        }
        var sources = new uint[count];
        for (var i = 0; i < count; i++)
        {
            sources[i] = BinaryPrimitives.ReadUInt32BigEndian(packet[(FixedLength + (4 * i))..]);
        }
        if (extension)
        {
            // §5.3.1: a 4-byte extension header whose second half counts the 32-bit words that follow.
            if (packet.Length < offset + 4)
            {
                return RtpRead.Refuse("shorter than its header extension");
            }
            offset += 4 + (4 * BinaryPrimitives.ReadUInt16BigEndian(packet[(offset + 2)..]));
            if (packet.Length < offset)
            {
                return RtpRead.Refuse("shorter than its header extension");
            }
        }
        var end = packet.Length;
        if (padding)
        {
            var pad = packet[^1];
            if (pad == 0 || end - pad < offset)
            {
                return RtpRead.Refuse("padding longer than the payload");
            }
            end -= pad;
        }
        var header = new RtpHeader(
            (packet[1] & 0x80) != 0,
            packet[1] & 0x7F,
            BinaryPrimitives.ReadUInt16BigEndian(packet[2..]),
            BinaryPrimitives.ReadUInt32BigEndian(packet[4..]),
            BinaryPrimitives.ReadUInt32BigEndian(packet[8..]),
            new ValueList<uint>(sources));
        return new RtpRead(header, offset, end - offset, null);
    }
}

/// <summary>A read RTP packet: its header and the payload's offset and length in the datagram, or, when
/// <see cref="Header"/> is null, why the datagram is not RTP.</summary>
public readonly record struct RtpRead(RtpHeader? Header, int PayloadOffset, int PayloadLength, string? Refusal)
{
    internal static RtpRead Refuse(string reason) => new(null, 0, 0, reason);
}
