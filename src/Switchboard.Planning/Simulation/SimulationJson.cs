using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Switchboard.Planning.Simulation;

/// <summary>
/// How scenarios and reports are written as JSON: camelCase names, enums as camelCase strings,
/// durations as numbers of seconds, instants as ISO 8601, nulls left out.
/// </summary>
public static class SimulationJson
{
    /// <summary>Options for indented output; the same names <see cref="ScenarioLoader"/> reads.</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    /// <summary>The scenario as JSON that <see cref="ScenarioLoader.Parse"/> reads back to an equal scenario.</summary>
    public static string Serialize(Scenario scenario) => JsonSerializer.Serialize(scenario, Options);

    public static string Serialize(SimulationReport report) => JsonSerializer.Serialize(report, Options);

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions
        {
            WriteIndented = true,
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,

            // The report is read by people and tools, not embedded in HTML: keep "+" and "<" readable.
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        options.Converters.Add(new SecondsConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    /// <summary>A duration as a number of seconds (fractions allowed).</summary>
    private sealed class SecondsConverter : JsonConverter<TimeSpan>
    {
        public override TimeSpan Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            TimeSpan.FromSeconds(reader.GetDouble());

        public override void Write(Utf8JsonWriter writer, TimeSpan value, JsonSerializerOptions options) =>
            writer.WriteNumberValue(Math.Round(value.TotalSeconds, 3));
    }
}

/// <summary>A time of day as <c>"HH:mm"</c> (hours may exceed 23 for the next day), for shift starts and ends.</summary>
internal sealed class TimeOfDayConverter : JsonConverter<TimeSpan>
{
    public override TimeSpan Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        TryParse(reader.GetString(), out var value) ? value : throw new JsonException("Expected a time of day as \"HH:mm\".");

    public override void Write(Utf8JsonWriter writer, TimeSpan value, JsonSerializerOptions options) => writer.WriteStringValue(Format(value));

    public static string Format(TimeSpan value) =>
        string.Create(CultureInfo.InvariantCulture, $"{(int)value.TotalHours:00}:{value.Minutes:00}");

    public static bool TryParse(string? text, out TimeSpan value)
    {
        value = default;
        var colon = text?.IndexOf(':', StringComparison.Ordinal) ?? -1;
        if (text is null || colon < 1
            || !int.TryParse(text.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out var hours)
            || !int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var minutes)
            || text.Length - colon - 1 != 2 || minutes > 59 || hours > 47)
        {
            return false;
        }

        value = new TimeSpan(hours, minutes, 0);
        return true;
    }
}

/// <summary>A list of numbers on one line, so a day of arrival rates stays readable in an indented scenario file.</summary>
internal sealed class CompactNumbersConverter : JsonConverter<IReadOnlyList<double>>
{
    public override IReadOnlyList<double> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        JsonSerializer.Deserialize<List<double>>(ref reader, options) ?? [];

    public override void Write(Utf8JsonWriter writer, IReadOnlyList<double> value, JsonSerializerOptions options)
    {
        var text = new System.Text.StringBuilder("[");
        for (var i = 0; i < value.Count; i++)
        {
            text.Append(i == 0 ? "" : ", ").Append(value[i].ToString("R", CultureInfo.InvariantCulture));
        }

        writer.WriteRawValue(text.Append(']').ToString(), skipInputValidation: true);
    }
}

/// <summary>Writes an agent's language as a plain tag at the highest proficiency, otherwise as an object, so common scenarios stay short.</summary>
internal sealed class LanguageLevelConverter : JsonConverter<LanguageLevel>
{
    // Scenarios have one reading path, ScenarioLoader, which names the field at fault; this converter only writes.
    public override LanguageLevel Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("Read scenarios with ScenarioLoader.");

    public override void Write(Utf8JsonWriter writer, LanguageLevel value, JsonSerializerOptions options)
    {
        if (value.Proficiency == Skills.Proficiency.Highest)
        {
            writer.WriteStringValue(value.Language);
            return;
        }

        writer.WriteStartObject();
        writer.WriteString("language", value.Language);
        writer.WriteNumber("proficiency", value.Proficiency);
        writer.WriteEndObject();
    }
}
