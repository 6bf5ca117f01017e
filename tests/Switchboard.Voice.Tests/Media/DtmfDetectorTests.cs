using CsCheck;
using Switchboard.Voice.Media;

namespace Switchboard.Voice.Tests.Media;

public class DtmfDetectorTests
{
    /// <summary>The packets a phone sends for one key press (RFC 4733 §2.5): updates every 20 ms, then the end three
    /// times, all with the timestamp of the event's start.</summary>
    private static List<(uint Timestamp, TelephoneEvent Event)> Press(char digit, uint timestamp, int updates = 4)
    {
        var packets = new List<(uint, TelephoneEvent)>();
        for (var i = 1; i <= updates; i++)
        {
            packets.Add((timestamp, TelephoneEvent.ForDigit(digit, false, 10, (ushort)(160 * i))!.Value));
        }
        for (var i = 0; i < 3; i++)
        {
            packets.Add((timestamp, TelephoneEvent.ForDigit(digit, true, 10, (ushort)(160 * (updates + 1)))!.Value));
        }
        return packets;
    }

    private static string Detect(IEnumerable<(uint Timestamp, TelephoneEvent Event)> packets)
    {
        var detector = new DtmfDetector();
        return string.Concat(packets.SelectMany(p => detector.Accept(p.Timestamp, p.Event)).Select(d => d.Digit));
    }

    [Fact]
    public void Accept_OnePressWithThreeEndPackets_GivesOneDigit()
    {
        var detector = new DtmfDetector();

        var digits = Press('5', 8000).SelectMany(p => detector.Accept(p.Timestamp, p.Event)).ToList();

        Assert.Equal([new DtmfDigit('5', 8000, TimeSpan.FromMilliseconds(100))], digits);
    }

    [Fact]
    public void Accept_SameDigitTwice_GivesTwoDigits()
    {
        Assert.Equal("11#", Detect([.. Press('1', 1000), .. Press('1', 3000), .. Press('#', 5000)]));
    }

    [Fact]
    public void Accept_AllEndPacketsLost_ReportsTheDigitWhenTheNextBegins()
    {
        var first = Press('7', 1000).Where(p => !p.Event.End);

        Assert.Equal("79", Detect([.. first, .. Press('9', 3000)]));
    }

    [Fact]
    public void Accept_TimestampWrapsAround_StillCountsAsLater()
    {
        Assert.Equal("*0", Detect([.. Press('*', uint.MaxValue - 100), .. Press('0', 500)]));
    }

    [Fact]
    public void Accept_AnyLossOfUpdatesAndSomeEnds_GivesEachDigitOnce()
    {
        const string keys = "0123456789*#ABCD";
        Gen.Select(Gen.Int[0, keys.Length - 1].Array[1, 12], Gen.Bool.Array[100], Gen.Int[0, 2]).Sample((presses, drops, endsLost) =>
        {
            var packets = new List<(uint, TelephoneEvent)>();
            var d = 0;
            for (var i = 0; i < presses.Length; i++)
            {
                var press = Press(keys[presses[i]], (uint)(i * 4000));
                var updates = press.Where(p => !p.Event.End && !drops[d++ % drops.Length]);
                packets.AddRange([.. updates, .. press.Where(p => p.Event.End).Skip(endsLost)]);
            }

            Assert.Equal(string.Concat(presses.Select(p => keys[p])), Detect(packets));
        });
    }

    [Fact]
    public void TelephoneEvent_WriteThenRead_GivesTheSameEvent()
    {
        Gen.Select(Gen.Byte, Gen.Bool, Gen.Byte[0, 63], Gen.UShort).Sample((e, end, volume, duration) =>
        {
            var written = new TelephoneEvent(e, end, volume, duration);
            var bytes = new byte[TelephoneEvent.Length];
            written.Write(bytes);

            Assert.Equal(written, TelephoneEvent.Read(bytes));
        });
    }

    [Fact]
    public void TelephoneEvent_Read_KnownBytes()
    {
        var read = TelephoneEvent.Read([11, 0x8A, 0x03, 0x20]);

        Assert.Equal(new TelephoneEvent(11, true, 10, 800), read);
        Assert.Equal('#', read!.Value.Digit);
    }
}
