using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Switchboard.Agents;
using Switchboard.Contacts;
using Switchboard.Queues;
using Switchboard.Routing;
using Switchboard.Skills;

namespace Switchboard.Persistence.Events;

/// <summary>
/// Turns a routing engine's <see cref="EngineState"/> into a <see cref="StoredSnapshot"/>'s payload and back:
/// source-generated JSON, compressed. Queue definitions, agent profiles and new contacts travel in the same explicit
/// shapes as in the event log, so refactoring the domain types does not change the stored form.
/// </summary>
public static class EngineStates
{
    /// <summary>The format <see cref="Write"/> produces: Brotli-compressed UTF-8 JSON of <see cref="EngineState"/>; 2 since
    /// contacts can be kept for a preferred agent (format 1 lacked those fields). Change it whenever the shape changes;
    /// older snapshots are then ignored and the log replayed.</summary>
    public const int CurrentFormat = 2;

    public static byte[] Write(EngineState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        using var buffer = new MemoryStream();
        using (var compressed = new BrotliStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        {
            JsonSerializer.Serialize(compressed, state, EngineStateJson.Default.EngineState);
        }

        return buffer.ToArray();
    }

    /// <summary>Reads a payload <see cref="Write"/> produced.</summary>
    /// <exception cref="InvalidDataException">The format is unknown or the payload is not a valid state.</exception>
    public static EngineState Read(int format, byte[] payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        if (format != CurrentFormat)
        {
            throw new InvalidDataException($"Snapshot format {format} is unknown (this version reads {CurrentFormat}).");
        }

        try
        {
            using var compressed = new BrotliStream(new MemoryStream(payload), CompressionMode.Decompress);
            return JsonSerializer.Deserialize(compressed, EngineStateJson.Default.EngineState)
                ?? throw new InvalidDataException("The snapshot payload is empty.");
        }
        catch (Exception bad) when (bad is JsonException or NotSupportedException or ArgumentException or IOException or InvalidOperationException)
        {
            throw new InvalidDataException("The snapshot payload is not a valid engine state.", bad);
        }
    }
}

/// <summary>Writes a domain value in its stored shape (the event log's), and reads it back.</summary>
internal abstract class ShapeConverter<T, TShape>(JsonTypeInfo<TShape> shape, Func<T, TShape> toShape, Func<TShape, T> fromShape) : JsonConverter<T>
{
    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        fromShape(JsonSerializer.Deserialize(ref reader, shape) ?? throw new JsonException($"A {typeof(T).Name} cannot be null."));

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => JsonSerializer.Serialize(writer, toShape(value), shape);
}

internal sealed class QueueDefinitionConverter() : ShapeConverter<QueueDefinition, QueueShape>(PayloadJson.Default.QueueShape, QueueShape.From, s => s.ToDefinition());

internal sealed class AgentProfileConverter() : ShapeConverter<AgentProfile, AgentShape>(PayloadJson.Default.AgentShape, AgentShape.From, s => s.ToProfile());

internal sealed class NewContactConverter() : ShapeConverter<NewContact, ContactShape>(PayloadJson.Default.ContactShape, ContactShape.From, s => s.ToNewContact());

internal sealed class SkillConverter : JsonConverter<Skill>
{
    public override Skill Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => new(reader.GetString()!);

    public override void Write(Utf8JsonWriter writer, Skill value, JsonSerializerOptions options) => writer.WriteStringValue(value.Name);
}

/// <summary>Instants as UTC ticks: a state holds tens of thousands, and numbers read several times faster than ISO text.</summary>
internal sealed class UtcTicksJsonConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => new(reader.GetInt64(), TimeSpan.Zero);

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) => writer.WriteNumberValue(value.UtcTicks);
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    Converters = [typeof(QueueDefinitionConverter), typeof(AgentProfileConverter), typeof(NewContactConverter), typeof(SkillConverter), typeof(UtcTicksJsonConverter)])]
[JsonSerializable(typeof(EngineState))]
internal sealed partial class EngineStateJson : JsonSerializerContext;
