using CsCheck;
using Switchboard.Voice.Media;

namespace Switchboard.Voice.Tests.Media;

public class JitterBufferTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Delay = TimeSpan.FromMilliseconds(60);

    [Fact]
    public void Take_ReorderedPackets_ComeOutInSequenceAfterTheDelay()
    {
        var buffer = new JitterBuffer<string>(depth: 3, Delay);
        buffer.Offer(11, "b", Start);
        buffer.Offer(10, "a", Start.AddMilliseconds(5));
        buffer.Offer(12, "c", Start.AddMilliseconds(10));

        var early = buffer.Take(Start.AddMilliseconds(50));
        var first = buffer.Take(Start.AddMilliseconds(70));
        var second = buffer.Take(Start.AddMilliseconds(70));

        Assert.Null(early);
        Assert.Equal(new JitterPlayout<string>(10, "a", 0), first);
        Assert.Equal(new JitterPlayout<string>(11, "b", 0), second);
    }

    [Fact]
    public void Offer_AfterItsTurn_IsLateAndARepeatIsADuplicate()
    {
        var buffer = new JitterBuffer<string>(depth: 2, Delay);
        buffer.Offer(1, "a", Start);
        buffer.Offer(3, "c", Start);
        buffer.Take(Start.AddSeconds(1));
        buffer.Take(Start.AddSeconds(1));

        Assert.Equal(JitterOffer.Late, buffer.Offer(2, "b", Start.AddSeconds(1)));
        Assert.Equal(JitterOffer.Held, buffer.Offer(4, "d", Start.AddSeconds(1)));
        Assert.Equal(JitterOffer.Duplicate, buffer.Offer(4, "d", Start.AddSeconds(1)));
    }

    [Fact]
    public void Take_GapAfterTheDelay_SkipsTheLostPacketAndCountsIt()
    {
        var buffer = new JitterBuffer<string>(depth: 3, Delay);
        buffer.Offer(1, "a", Start);
        buffer.Take(Start.AddMilliseconds(60));
        buffer.Offer(3, "c", Start.AddMilliseconds(40));

        var next = buffer.Take(Start.AddMilliseconds(100));

        Assert.Equal(new JitterPlayout<string>(3, "c", 1), next);
    }

    [Fact]
    public void Take_MoreThanDepthHeld_ForcesTheOldestOut()
    {
        var buffer = new JitterBuffer<string>(depth: 2, TimeSpan.FromSeconds(10));
        buffer.Offer(5, "a", Start);
        buffer.Offer(6, "b", Start);
        buffer.Offer(7, "c", Start);

        Assert.Equal((ushort)5, buffer.Take(Start)!.Value.SequenceNumber);
        Assert.Null(buffer.Take(Start));
    }

    [Fact]
    public void Take_SequenceWrapsAround_StaysInOrder()
    {
        var buffer = new JitterBuffer<int>(depth: 3, Delay);
        foreach (var sequence in new ushort[] { 65534, 0, 65535, 1 })
        {
            buffer.Offer(sequence, sequence, Start);
        }

        var order = Enumerable.Range(0, 4).Select(_ => buffer.Take(Start.AddSeconds(1))!.Value.SequenceNumber).ToList();

        Assert.Equal([65534, 65535, 0, 1], order.Select(s => (int)s));
    }

    [Fact]
    public void AnyArrivalOrder_NeverPlaysOutOfOrderOrTwice()
    {
        var arrivals = Gen.Select(Gen.Int[-5, 5], Gen.Int[0, 40], Gen.Bool).Array[1, 300];
        Gen.Select(Gen.UShort, arrivals, Gen.Int[1, 5]).Sample((first, moves, depth) =>
        {
            var buffer = new JitterBuffer<int>(depth, Delay);
            var now = Start;
            var played = new List<long>();
            var sequence = (long)first;
            foreach (var (shift, wait, take) in moves)
            {
                // Sequence numbers drift forward with jitter and repeats, crossing 65535 for some starts.
                sequence += Math.Max(shift, -3) + 1;
                var offered = sequence + shift;
                now = now.AddMilliseconds(wait);
                buffer.Offer((ushort)offered, (int)offered, now);
                if (take && buffer.Take(now) is { } playout)
                {
                    Assert.Equal((ushort)playout.Packet, playout.SequenceNumber);
                    played.Add(playout.Packet);
                }
            }

            for (var i = 1; i < played.Count; i++)
            {
                Assert.True(played[i] > played[i - 1], $"{played[i]} after {played[i - 1]}");
            }
        });
    }
}
