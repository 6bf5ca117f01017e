using CsCheck;
using Switchboard.Voice.Media;

namespace Switchboard.Voice.Tests.Media;

public class G711Tests
{
    // Reference points from G.711's tables: silence, the extremes, and segment edges.
    [Theory]
    [InlineData(0, 0xFF)]
    [InlineData(-1, 0x7F)]
    [InlineData(32767, 0x80)]
    [InlineData(-32768, 0x00)]
    [InlineData(8, 0xFE)]
    [InlineData(-8, 0x7E)]
    [InlineData(123, 0xF0)]
    [InlineData(124, 0xEF)]
    [InlineData(1000, 0xCE)]
    public void EncodeMuLaw_KnownValues(short sample, int code)
    {
        Assert.Equal((byte)code, G711.EncodeMuLaw(sample));
    }

    [Theory]
    [InlineData(0xFF, 0)]
    [InlineData(0x7F, 0)]
    [InlineData(0x80, 32124)]
    [InlineData(0x00, -32124)]
    [InlineData(0xF0, 120)]
    public void DecodeMuLaw_KnownValues(int code, short sample)
    {
        Assert.Equal(sample, G711.DecodeMuLaw((byte)code));
    }

    [Theory]
    [InlineData(0, 0xD5)]
    [InlineData(-1, 0x55)]
    [InlineData(32767, 0xAA)]
    [InlineData(-32768, 0x2A)]
    [InlineData(256, 0xC5)]
    [InlineData(1000, 0xFA)]
    public void EncodeALaw_KnownValues(short sample, int code)
    {
        Assert.Equal((byte)code, G711.EncodeALaw(sample));
    }

    [Theory]
    [InlineData(0xD5, 8)]
    [InlineData(0x55, -8)]
    [InlineData(0xAA, 32256)]
    [InlineData(0x2A, -32256)]
    public void DecodeALaw_KnownValues(int code, short sample)
    {
        Assert.Equal(sample, G711.DecodeALaw((byte)code));
    }

    [Fact]
    public void MuLaw_RoundTrip_StaysWithinHalfAStep()
    {
        Gen.Short.Sample(sample =>
        {
            var clipped = Math.Clamp((int)sample, -G711.MuLawClip, G711.MuLawClip);
            var code = G711.EncodeMuLaw(sample);
            var segment = (~code >> 4) & 0x07;

            var error = Math.Abs(G711.DecodeMuLaw(code) - clipped);

            Assert.True(error <= 4 << segment, $"{sample} -> {code:X2} -> {G711.DecodeMuLaw(code)}");
        }, iter: 20_000);
    }

    [Fact]
    public void ALaw_RoundTrip_StaysWithinHalfAStep()
    {
        Gen.Short.Sample(sample =>
        {
            var code = G711.EncodeALaw(sample);
            var segment = ((code ^ 0x55) >> 4) & 0x07;

            var error = Math.Abs(G711.DecodeALaw(code) - sample);

            Assert.True(error <= 8 << Math.Max(segment - 1, 0), $"{sample} -> {code:X2} -> {G711.DecodeALaw(code)}");
        }, iter: 20_000);
    }

    [Theory]
    [InlineData(G711Law.MuLaw)]
    [InlineData(G711Law.ALaw)]
    public void EveryCode_DecodesToAValueThatEncodesBackToItself(G711Law law)
    {
        for (var code = 0; code < 256; code++)
        {
            var sample = G711.Decode(law, (byte)code);

            var again = G711.Encode(law, sample);

            // µ-law has two zeros (0x7F and 0xFF); both decode to 0, which encodes as 0xFF.
            Assert.True(again == code || (law == G711Law.MuLaw && code == 0x7F && again == 0xFF), $"{code:X2} -> {sample} -> {again:X2}");
        }
    }

    [Fact]
    public void EncodeAndDecode_Frames_MatchSampleBySample()
    {
        short[] samples = [0, 100, -100, 30000, -30000];
        var codes = new byte[samples.Length];
        var back = new short[samples.Length];

        G711.Encode(G711Law.ALaw, samples, codes);
        G711.Decode(G711Law.ALaw, codes, back);

        Assert.Equal(samples.Select(G711.EncodeALaw), codes);
        Assert.Equal(codes.Select(G711.DecodeALaw), back);
    }
}
