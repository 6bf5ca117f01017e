using System.Text.Json;
using CsCheck;
using Switchboard.Persistence.Events;
using Switchboard.Routing;

namespace Switchboard.Tests.Persistence;

/// <summary>An engine's state survives the trip through a stored snapshot; an unreadable one is refused, never half read.</summary>
public class EngineStatesTests
{
    private static readonly RoutingOptions Options = new() { MinimumWrapUp = TimeSpan.FromSeconds(10) };

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    [Fact]
    public void WriteThenRead_RestoresTheSameState_ForRandomDays() =>
        Gen.Select(Gen.Int[0, int.MaxValue], Gen.Int[50, 600]).Sample((seed, steps) =>
        {
            var engine = new RoutingEngine(Options);
            EventPayloadsTests.Drive(engine, new Random(seed), steps, []);
            var state = engine.Capture();

            var read = EngineStates.Read(EngineStates.CurrentFormat, EngineStates.Write(state));
            var restored = RoutingEngine.Restore(Options, read, []);

            Assert.Equal(Json(state), Json(restored.Capture()));
            Assert.Equal(Json(engine.Snapshot()), Json(restored.Snapshot()));
        }, iter: 20, threads: 1);

    [Fact]
    public void Read_CorruptPayload_IsRefusedAsInvalidData()
    {
        var payload = EngineStates.Write(new RoutingEngine(Options).Capture());
        payload[^3] ^= 0x5a;

        Assert.Throws<InvalidDataException>(() => EngineStates.Read(EngineStates.CurrentFormat, payload));
        Assert.Throws<InvalidDataException>(() => EngineStates.Read(EngineStates.CurrentFormat, [1, 2, 3]));
    }

    [Fact]
    public void Read_UnknownFormat_IsRefusedAsInvalidData()
    {
        var payload = EngineStates.Write(new RoutingEngine(Options).Capture());

        Assert.Throws<InvalidDataException>(() => EngineStates.Read(EngineStates.CurrentFormat + 1, payload));
    }

    private static string Json<T>(T value) => JsonSerializer.Serialize(value, Indented);
}
