namespace Switchboard.Voice.Media;

/// <summary>The two companding laws of ITU-T G.711: µ-law (PCMU, North America and Japan) and A-law (PCMA, elsewhere).</summary>
public enum G711Law
{
    MuLaw,
    ALaw,
}

/// <summary>
/// G.711 companding between 16-bit linear PCM and 8-bit codes. Each law splits the magnitude into eight segments
/// (exponent) of sixteen steps (mantissa), the step doubling from one segment to the next, so the error is at most half
/// a step: 4·2^segment for µ-law (after clipping at 32635) and 8·2^max(segment-1, 0) for A-law.
/// </summary>
public static class G711
{
    /// <summary>µ-law adds this to the magnitude so every segment starts on a power of two (G.711 table 2a).</summary>
    private const int MuLawBias = 0x84;

    /// <summary>The largest µ-law magnitude before the bias would overflow 15 bits.</summary>
    public const int MuLawClip = 32635;

    public static byte Encode(G711Law law, short sample) => law == G711Law.MuLaw ? EncodeMuLaw(sample) : EncodeALaw(sample);

    public static short Decode(G711Law law, byte code) => law == G711Law.MuLaw ? DecodeMuLaw(code) : DecodeALaw(code);

    public static byte EncodeMuLaw(short sample)
    {
        var negative = sample < 0;
        var magnitude = Math.Min(negative ? -sample : sample, MuLawClip) + MuLawBias;
        var segment = HighestBit(magnitude) - 7;
        var mantissa = (magnitude >> (segment + 3)) & 0x0F;
        // Codes are sent inverted so that silence, the commonest sample, is not a run of zero bits.
        return (byte)~((negative ? 0x80 : 0) | (segment << 4) | mantissa);
    }

    public static short DecodeMuLaw(byte code)
    {
        var bits = ~code & 0xFF;
        var segment = (bits >> 4) & 0x07;
        var magnitude = ((((bits & 0x0F) << 3) + MuLawBias) << segment) - MuLawBias;
        return (short)((bits & 0x80) != 0 ? -magnitude : magnitude);
    }

    public static byte EncodeALaw(short sample)
    {
        // A-law is symmetric about -0.5: a negative sample's magnitude is -sample - 1 (one's complement).
        var positive = sample >= 0;
        var magnitude = positive ? sample : -sample - 1;
        var segment = magnitude < 256 ? 0 : HighestBit(magnitude) - 7;
        var mantissa = (magnitude >> (segment == 0 ? 4 : segment + 3)) & 0x0F;
        // Even bits are inverted on the line (the 0x55 mask); the sign bit is 1 for positive samples.
        return (byte)(((segment << 4) | mantissa) ^ (positive ? 0xD5 : 0x55));
    }

    public static short DecodeALaw(byte code)
    {
        var bits = code ^ 0x55;
        var segment = (bits >> 4) & 0x07;
        var magnitude = (bits & 0x0F) << 4;
        // Decoded values sit in the middle of their step: +8 in the first segment, +0x108 (leading one and half step)
        // in the others before the shift.
        magnitude = segment == 0 ? magnitude + 8 : (magnitude + 0x108) << (segment - 1);
        return (short)((bits & 0x80) != 0 ? magnitude : -magnitude);
    }

    /// <summary>Encodes a frame of samples into <paramref name="codes"/> (same length).</summary>
    public static void Encode(G711Law law, ReadOnlySpan<short> samples, Span<byte> codes)
    {
        if (codes.Length < samples.Length)
        {
            throw new ArgumentException("The code buffer is shorter than the samples.", nameof(codes));
        }
        for (var i = 0; i < samples.Length; i++)
        {
            codes[i] = Encode(law, samples[i]);
        }
    }

    /// <summary>Decodes a frame of codes into <paramref name="samples"/> (same length).</summary>
    public static void Decode(G711Law law, ReadOnlySpan<byte> codes, Span<short> samples)
    {
        if (samples.Length < codes.Length)
        {
            throw new ArgumentException("The sample buffer is shorter than the codes.", nameof(samples));
        }
        for (var i = 0; i < codes.Length; i++)
        {
            samples[i] = Decode(law, codes[i]);
        }
    }

    private static int HighestBit(int value) => 31 - int.LeadingZeroCount(value);
}
