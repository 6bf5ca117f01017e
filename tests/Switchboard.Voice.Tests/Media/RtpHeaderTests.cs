using CsCheck;
using Switchboard.Voice.Media;

namespace Switchboard.Voice.Tests.Media;

public class RtpHeaderTests
{
    private static readonly Gen<RtpHeader> Headers = Gen.Select(Gen.Bool, Gen.Int[0, 127], Gen.UShort, Gen.UInt, Gen.UInt, Gen.UInt.Array[0, 15],
        (marker, pt, sequence, timestamp, ssrc, sources) => new RtpHeader(marker, pt, sequence, timestamp, ssrc, [.. sources]));

    [Fact]
    public void WriteThenRead_GivesTheSameHeaderAndPayload()
    {
        Gen.Select(Headers, Gen.Byte.Array[0, 200]).Sample((header, payload) =>
        {
            var packet = new byte[header.Length + payload.Length];
            var written = header.Write(payload, packet);

            var read = RtpHeader.Read(packet);

            Assert.Equal(packet.Length, written);
            Assert.Equal(header, read.Header);
            Assert.Equal(payload, packet.AsSpan(read.PayloadOffset, read.PayloadLength).ToArray());
        });
    }

    [Fact]
    public void Read_KnownPacket_GivesItsFields()
    {
        byte[] packet = [0x80, 0x80 | 0x00, 0x12, 0x34, 0x00, 0x00, 0x01, 0x40, 0xDE, 0xAD, 0xBE, 0xEF, 0xFF, 0xFF];

        var read = RtpHeader.Read(packet);

        Assert.Equal(new RtpHeader(true, 0, 0x1234, 320, 0xDEADBEEF, []), read.Header);
        Assert.Equal((12, 2), (read.PayloadOffset, read.PayloadLength));
    }

    [Fact]
    public void Read_ExtensionAndPadding_AreLeftOutOfThePayload()
    {
        byte[] packet =
        [
            0xB0, 8, 0, 1, 0, 0, 0, 160, 0, 0, 0, 7,
            0xBE, 0xDE, 0x00, 0x01, 1, 2, 3, 4,
            0xAA, 0xBB,
            0, 0, 3,
        ];

        var read = RtpHeader.Read(packet);

        Assert.Equal(8, read.Header!.PayloadType);
        Assert.Equal(20, read.PayloadOffset);
        Assert.Equal(2, read.PayloadLength);
    }

    [Theory]
    [InlineData(new byte[] { 0x80, 0, 0 })]
    [InlineData(new byte[] { 0x40, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1 })]
    [InlineData(new byte[] { 0x82, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 1 })]
    [InlineData(new byte[] { 0x90, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 9 })]
    [InlineData(new byte[] { 0xA0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 9 })]
    [InlineData(new byte[] { 0xA0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0 })]
    public void Read_Malformed_IsRefusedWithAReason(byte[] packet)
    {
        var read = RtpHeader.Read(packet);

        Assert.Null(read.Header);
        Assert.NotNull(read.Refusal);
    }

    [Fact]
    public void Read_RandomBytes_NeverThrowsAndKeepsThePayloadInside()
    {
        Gen.Byte.Array[0, 100].Sample(bytes =>
        {
            var read = RtpHeader.Read(bytes);

            Assert.True(read.Header is null || (read.PayloadOffset >= 12 && read.PayloadOffset + read.PayloadLength <= bytes.Length && read.PayloadLength >= 0));
        }, iter: 20_000);
    }
}
