using System.Text.Json;
using Switchboard.Agents;
using Switchboard.Contacts;
using Switchboard.Routing;
using Switchboard.Tests.Builders;

namespace Switchboard.Tests.Routing;

/// <summary>The event log: numbering, time order, and replay to the same state.</summary>
public class RoutingEngineEventLogTests
{
    private static (RoutingEngine Engine, List<RoutingEvent> Log) Busy(RoutingOptions options)
    {
        var engine = Centre.With(options, A.Queue("sales").Needing("sales"), A.Queue("billing").Needing("billing").ThenOverflowAfter(TimeSpan.FromMinutes(1), "sales"));
        var log = new List<RoutingEvent>();
        engine.SignIn(An.Agent("a1").With("billing"));
        engine.SignIn(An.Agent("s1").With("sales").Chats(2, voice: 1));
        var c1 = engine.Enqueue(A.Contact("billing"), At.Nine).Contact;
        engine.Enqueue(A.Contact("billing"), At.Nine.AddSeconds(5));
        var c3 = engine.Enqueue(A.Contact("sales").On(Channel.Chat), At.Nine.AddSeconds(6)).Contact;
        engine.AcceptOfferOf(c1, At.Nine.AddSeconds(10));
        engine.Reject(engine.LiveOfferOf(c3).Id, At.Nine.AddSeconds(11));
        engine.RequestCallback(engine.Enqueue(A.Contact("billing"), At.Nine.AddSeconds(12)).Contact, At.Nine.AddSeconds(13));
        engine.AdvanceTo(At.Nine.AddMinutes(3));
        engine.Complete(c1, At.Nine.AddMinutes(4));
        engine.FinishWrapUp(c1, new Disposition("resolved"), At.Nine.AddMinutes(5));
        engine.Abandon(c3, At.Nine.AddMinutes(5));
        log.AddRange(engine.PendingEvents.ToArray());
        engine.ClearPendingEvents();
        return (engine, log);
    }

    [Fact]
    public void Events_AreNumberedFromOneWithoutGaps()
    {
        var (engine, log) = Busy(new RoutingOptions());

        var sequences = log.Select(e => e.Sequence).ToList();

        Assert.Equal(Enumerable.Range(1, log.Count).Select(i => (long)i), sequences);
        Assert.Equal(engine.LastSequence, log.Count);
    }

    [Fact]
    public void Events_AreInNonDecreasingUtcTime()
    {
        var (_, log) = Busy(new RoutingOptions());

        var pairs = log.Zip(log.Skip(1));

        Assert.All(pairs, p => Assert.True(p.First.At <= p.Second.At, $"{p.First} then {p.Second}"));
        Assert.All(log, e => Assert.Equal(TimeSpan.Zero, e.At.Offset));
    }

    [Fact]
    public void Replay_WholeLog_GivesTheSameSnapshot()
    {
        var options = new RoutingOptions { PriorityAgingStep = TimeSpan.FromSeconds(30) };
        var (engine, log) = Busy(options);

        var replayed = RoutingEngine.Replay(options, log);

        SnapshotAssert.Equal(engine.Snapshot(), replayed.Snapshot());
    }

    [Fact]
    public void Replay_ThenSameCommands_SameDecisions()
    {
        var options = new RoutingOptions();
        var (engine, log) = Busy(options);
        var replayed = RoutingEngine.Replay(options, log);
        replayed.ClearPendingEvents();

        var decisions = new List<RoutingEvent[]>();
        var contact = A.Contact("billing").Build();
        var agent = An.Agent("a2").With("billing").Build();
        foreach (var e in new[] { engine, replayed })
        {
            e.Enqueue(contact, At.Nine.AddMinutes(6));
            e.ConfigureAgent(agent, At.Nine.AddMinutes(7));
            e.SetPresence(agent.Id, Presence.Available, At.Nine.AddMinutes(7));
            e.AdvanceTo(At.Nine.AddMinutes(20));
            decisions.Add(e.PendingEvents.ToArray());
        }

        Assert.Equal(decisions[0], decisions[1]);
        SnapshotAssert.Equal(engine.Snapshot(), replayed.Snapshot());
    }

    [Fact]
    public void Replay_AgentWithRoomAfterAnAcceptedChat_DecidesTheSame()
    {
        var engine = Centre.With(A.Queue("chat"));
        engine.SignIn(An.Agent("a1").Chats(2));
        var first = engine.Enqueue(A.Contact("chat").On(Channel.Chat), At.Nine).Contact;
        engine.AcceptOfferOf(first, At.Nine);
        var replayed = RoutingEngine.Replay(engine.Options, engine.PendingEvents.ToArray());
        var chat = A.Contact("chat").On(Channel.Chat).Build();

        var original = engine.Enqueue(chat, At.Nine.AddSeconds(10));
        var again = replayed.Enqueue(chat, At.Nine.AddSeconds(10));

        Assert.Equal(original, again);
    }

    [Fact]
    public void Replay_LogWithAGap_Throws()
    {
        var (_, log) = Busy(new RoutingOptions());
        log.RemoveAt(3);

        var replay = () => RoutingEngine.Replay(new RoutingOptions(), log);

        Assert.Throws<ArgumentException>(replay);
    }

    [Fact]
    public void ClearPendingEvents_KeepsTheSequenceGoing()
    {
        var (engine, log) = Busy(new RoutingOptions());

        engine.Enqueue(A.Contact("billing"), At.Nine.AddMinutes(10));

        Assert.Equal(log[^1].Sequence + 1, engine.PendingEvents[0].Sequence);
    }
}

/// <summary>Compares engine snapshots element-wise (records compare nested lists by reference).</summary>
public static class SnapshotAssert
{
    public static void Equal(EngineSnapshot expected, EngineSnapshot actual)
    {
        Assert.Equal(expected.Now, actual.Now);
        Assert.Equal(expected.LastSequence, actual.LastSequence);
        Assert.Equal(expected.Contacts, actual.Contacts);
        Assert.Equal(expected.LiveOffers, actual.LiveOffers);
        Assert.Equal(expected.Agents.Count, actual.Agents.Count);
        for (var i = 0; i < expected.Agents.Count; i++)
        {
            Assert.Equal(expected.Agents[i] with { Contacts = [] }, actual.Agents[i] with { Contacts = [] });
            Assert.Equal(expected.Agents[i].Contacts, actual.Agents[i].Contacts);
        }

        Assert.Equal(expected.WaitingOrder.Select(p => p.Key), actual.WaitingOrder.Select(p => p.Key));
        for (var i = 0; i < expected.WaitingOrder.Count; i++)
        {
            Assert.Equal(expected.WaitingOrder[i].Value, actual.WaitingOrder[i].Value);
        }
    }
}

/// <summary>Compares captured engine states structurally, field by field down to every list (records compare lists by reference).</summary>
public static class StateAssert
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public static void Equal(EngineState expected, EngineState actual) =>
        Assert.Equal(JsonSerializer.Serialize(expected, Json), JsonSerializer.Serialize(actual, Json));
}
