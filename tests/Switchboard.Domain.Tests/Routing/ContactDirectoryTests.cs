using CsCheck;
using Switchboard.Routing;

namespace Switchboard.Tests.Routing;

public class ContactDirectoryTests
{
    [Fact]
    public void Operations_RandomLifecycles_AgreeWithADictionary()
    {
        // Each step: a new id arrives (live), or a known id finishes, or the oldest finished id is forgotten.
        // Ids arrive in order with occasional jumps past a page, as the engine hands them out.
        var steps = Gen.Select(Gen.Int[0, 2], Gen.Int[0, 1000], Gen.Int[0, 30]).Array[1, 3000];

        steps.Sample(plan =>
        {
            var directory = new ContactDirectory();
            var model = new Dictionary<long, long>();
            var live = new List<long>();
            var finishedOrder = new Queue<long>();
            long nextId = 1;
            long nextPosition = 0;
            foreach (var (kind, pick, jump) in plan)
            {
                if (kind == 0 || live.Count == 0)
                {
                    nextId += jump == 0 ? 5000 : 1;
                    directory.AddLive(nextId, pick);
                    model[nextId] = pick + 1;
                    live.Add(nextId);
                }
                else if (kind == 1)
                {
                    var id = live[pick % live.Count];
                    live.Remove(id);
                    directory.MarkFinished(id, nextPosition);
                    model[id] = -(nextPosition + 1);
                    nextPosition++;
                    finishedOrder.Enqueue(id);
                }
                else if (finishedOrder.Count > 0)
                {
                    var id = finishedOrder.Dequeue();
                    directory.Remove(id);
                    model.Remove(id);
                }
            }

            Assert.Equal(model.Count, directory.Count);
            Assert.Equal(model.Keys.Order(), directory.Ids().Order());
            for (var id = 0L; id <= nextId + 1; id++)
            {
                var entry = model.GetValueOrDefault(id);
                Assert.Equal(entry > 0, directory.TryGetLive(id, out var slot));
                Assert.Equal(entry < 0, directory.TryGetFinished(id, out var position));
                if (entry > 0)
                {
                    Assert.Equal(entry - 1, slot);
                }
                else if (entry < 0)
                {
                    Assert.Equal(-entry - 1, position);
                }
            }
        }, iter: 200);
    }

    [Fact]
    public void TryGetLive_UnknownOrNonPositiveId_ReturnsFalse()
    {
        var directory = new ContactDirectory();
        directory.AddLive(7, 0);

        Assert.False(directory.TryGetLive(0, out _));
        Assert.False(directory.TryGetLive(-3, out _));
        Assert.False(directory.TryGetLive(8, out _));
        Assert.False(directory.TryGetLive(1_000_000, out _));
        Assert.True(directory.TryGetLive(7, out var slot));
        Assert.Equal(0, slot);
    }
}
