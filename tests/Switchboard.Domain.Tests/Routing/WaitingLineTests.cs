using CsCheck;
using Switchboard.Routing;

namespace Switchboard.Tests.Routing;

public class WaitingLineTests
{
    private static ContactKey Key(long primary, long arrival, long id) => new(primary, arrival, id);

    [Fact]
    public void Dequeue_InOrderArrivals_ComeOutFirstInFirstOut()
    {
        var line = new WaitingLine();
        for (var i = 1; i <= 5; i++)
        {
            line.Enqueue(new ContactRef(i, 1), Key(0, i, i));
        }

        var order = new List<int>();
        while (line.TryPeek(out var entry, out _))
        {
            order.Add(entry.Slot);
            line.Dequeue();
        }

        Assert.Equal([1, 2, 3, 4, 5], order);
        Assert.Equal(0, line.Count);
    }

    [Fact]
    public void TryPeek_HigherPriorityArrivingLater_ComesFirst()
    {
        var line = new WaitingLine();
        line.Enqueue(new ContactRef(1, 1), Key(0, 1, 1));
        line.Enqueue(new ContactRef(2, 1), Key(0, 2, 2));

        line.Enqueue(new ContactRef(3, 1), Key(-5, 3, 3));

        Assert.True(line.TryPeek(out var head, out _));
        Assert.Equal(3, head.Slot);
    }

    [Fact]
    public void Dequeue_AnyInsertionOrder_YieldsKeysInSortedOrder()
    {
        var keys = Gen.Select(Gen.Long[-3, 3], Gen.Long[0, 1000]).Array[0, 300];

        keys.Sample(pairs =>
        {
            var line = new WaitingLine();
            var expected = new List<ContactKey>();
            for (var i = 0; i < pairs.Length; i++)
            {
                var key = Key(pairs[i].Item1, pairs[i].Item2, i);
                line.Enqueue(new ContactRef(i, 0), key);
                expected.Add(key);
            }

            expected.Sort();
            var actual = new List<ContactKey>();
            while (line.TryPeek(out _, out var key))
            {
                actual.Add(key);
                line.Dequeue();
            }

            Assert.Equal(expected, actual);
        });
    }

    [Fact]
    public void Compact_KeepsValidEntriesInOrder()
    {
        var line = new WaitingLine();
        for (var i = 1; i <= 10; i++)
        {
            line.Enqueue(new ContactRef(i, 1), Key(i % 3 == 0 ? -1 : 0, i, i));
        }

        line.Compact(0, static (_, entry, _) => entry.Slot % 2 == 0, []);

        var order = new List<int>();
        while (line.TryPeek(out var entry, out _))
        {
            order.Add(entry.Slot);
            line.Dequeue();
        }

        Assert.Equal([6, 2, 4, 8, 10], order);
    }
}
