using System.Text.Json.Nodes;
using Switchboard.Planning.Simulation;

namespace Switchboard.Tests.Simulation;

public class ScenarioLoaderTests
{
    private static string SampleJson => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "sample-centre.json"));

    [Fact]
    public void Parse_ShippedSampleCentre_EqualsTheBuiltInOne()
    {
        var json = SampleJson;

        var loaded = ScenarioLoader.Parse(json);

        Assert.Equal(SimulationJson.Serialize(SampleCentre.Scenario), SimulationJson.Serialize(loaded));
    }

    [Fact]
    public void Load_Stream_ReadsTheSameScenario()
    {
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(SampleJson));

        var loaded = ScenarioLoader.Load(stream);

        Assert.Equal("sample-centre", loaded.Name);
        Assert.Equal(3, loaded.Queues.Count);
    }

    [Fact]
    public void Parse_MinimalScenario_FillsDefaults()
    {
        const string json = """
            {
              "name": "minimal", "start": "2026-03-02T08:00:00Z", "duration": 1800,
              "queues": [ { "id": "q", "stages": [ { "after": 0, "skills": [ { "skill": "s", "proficiency": 1 } ] } ],
                            "arrivalsPerInterval": [ 10, 12 ], "languages": [ { "language": "en", "share": 1 } ],
                            "handleTime": { "kind": "exponential", "mean": 180 } } ],
              "agentGroups": [ { "name": "a", "count": 2, "skills": [ { "skill": "s", "proficiency": 3 } ], "languages": [ "en" ],
                                 "shiftStart": "08:00", "shiftEnd": "16:30" } ]
            }
            """;

        var scenario = ScenarioLoader.Parse(json);

        Assert.Equal(TimeSpan.FromMinutes(15), scenario.IntervalLength);
        Assert.Equal(TimeSpan.FromSeconds(20), scenario.Queues[0].ServiceLevelThreshold);
        Assert.Equal(TimeSpan.FromMinutes(2), scenario.Queues[0].WrapUpLimit);
        Assert.Null(scenario.Queues[0].Patience);
        Assert.Equal(new TimeSpan(16, 30, 0), scenario.AgentGroups[0].ShiftEnd);
    }

    [Theory]
    [InlineData("queues[1].stages[0].after", -1, "queues[1].stages[0].after: must be >= 0")]
    [InlineData("queues[1].stages[1].after", 0, "queues[1].stages[1].after: must be later than the previous stage's")]
    [InlineData("queues[0].arrivalsPerInterval[3]", -2, "queues[0].arrivalsPerInterval[3]: must be >= 0")]
    [InlineData("agentGroups[0].count", 0, "agentGroups[0].count: must be >= 1")]
    [InlineData("agentGroups[2].skills[0].proficiency", 7, "agentGroups[2].skills[0].proficiency: must be between 1 and 5")]
    [InlineData("queues[2].callbackAcceptance", 1.5, "queues[2].callbackAcceptance: must be between 0 and 1")]
    [InlineData("queues[0].handleTime.mean", 0, "queues[0].handleTime.mean: must be > 0")]
    [InlineData("duration", 1000, "duration: must be a whole number of intervals")]
    [InlineData("queues[0].serviceLevelTarget", 80, "queues[0].serviceLevelTarget: must be > 0 and <= 1")]
    [InlineData("queues[1].stages[1].minimumLanguageProficiency", 0, "queues[1].stages[1].minimumLanguageProficiency: must be between 1 and 5")]
    public void Parse_BadNumber_NamesTheField(string field, double value, string expected)
    {
        var json = Mutate(field, JsonValue.Create(value));

        var error = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(json));

        Assert.StartsWith(expected, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("queues[2].stages[2].overflowTo", "nowhere", "queues[2].stages[2].overflowTo: unknown queue 'nowhere'")]
    [InlineData("queues[0].selection", "random", "queues[0].selection: must be one of: longestIdle, mostProficient, leastOccupied")]
    [InlineData("queues[0].languages[1].language", "e", "queues[0].languages[1].language: 'e' is not a BCP 47 language tag")]
    [InlineData("agentGroups[1].shiftEnd", "07:00", "agentGroups[1].shiftEnd: must be after shiftStart")]
    [InlineData("agentGroups[1].shiftStart", "8 o'clock", "agentGroups[1].shiftStart: must be a time of day")]
    [InlineData("start", "2026-03-02T08:00:00+01:00", "start: must be in UTC")]
    [InlineData("duration", "12h", "duration: must be a number")]
    [InlineData("queues[1].id", "sales", "queues[1].id: 'sales' is used by another queue")]
    public void Parse_BadText_NamesTheField(string field, string value, string expected)
    {
        var json = Mutate(field, JsonValue.Create(value));

        var error = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(json));

        Assert.StartsWith(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_LanguagesWithProficiencyAndAnInterpreterStage_ReadsThem()
    {
        const string json = """
            {
              "name": "languages", "start": "2026-03-02T08:00:00Z", "duration": 900,
              "queues": [ { "id": "q", "serviceLevelTarget": 0.9,
                            "stages": [ { "after": 0, "skills": [ { "skill": "s", "proficiency": 1 } ], "minimumLanguageProficiency": 4 },
                                        { "after": 60, "skills": [ { "skill": "s", "proficiency": 1 } ], "interpreter": true } ],
                            "arrivalsPerInterval": [ 10 ], "languages": [ { "language": "en", "share": 1 } ],
                            "handleTime": { "kind": "exponential", "mean": 180 } } ],
              "agentGroups": [ { "name": "a", "count": 2, "skills": [ { "skill": "s", "proficiency": 3 } ],
                                 "languages": [ "en", { "language": "es", "proficiency": 2 } ], "shiftStart": "08:00", "shiftEnd": "16:30" } ]
            }
            """;

        var scenario = ScenarioLoader.Parse(json);

        Assert.Equal([new LanguageLevel("en", 5), new LanguageLevel("es", 2)], scenario.AgentGroups[0].Languages);
        Assert.Equal(4, scenario.Queues[0].Stages[0].MinimumLanguageProficiency);
        Assert.False(scenario.Queues[0].Stages[0].Interpreter);
        Assert.True(scenario.Queues[0].Stages[1].Interpreter);
        Assert.Equal(0.9, scenario.Queues[0].ServiceLevelTarget);
        var written = SimulationJson.Serialize(scenario);
        Assert.Equal(written, SimulationJson.Serialize(ScenarioLoader.Parse(written)));
    }

    [Fact]
    public void Parse_AgentLanguageProficiencyOutOfRange_NamesTheField()
    {
        var json = Mutate("agentGroups[0].languages[1]", JsonNode.Parse("""{ "language": "es", "proficiency": 9 }"""));

        var error = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(json));

        Assert.Equal("agentGroups[0].languages[1].proficiency: must be between 1 and 5", error.Message);
    }

    [Theory]
    [InlineData("queues[0].handleTime")]
    [InlineData("agentGroups[3].shiftStart")]
    [InlineData("queues[1].stages[0].skills")]
    [InlineData("name")]
    public void Parse_MissingRequiredField_NamesIt(string field)
    {
        var json = Mutate(field, null, remove: true);

        var error = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(json));

        Assert.Equal(field + ": is required", error.Message);
    }

    [Fact]
    public void Parse_MisspeltField_IsRefusedAsUnknown()
    {
        var json = Mutate("agentGroups[1].shiftstart", JsonValue.Create("08:00"));

        var error = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(json));

        Assert.StartsWith("agentGroups[1].shiftstart: unknown field", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_OverflowToALaterQueue_SaysItMustBeListedFirst()
    {
        var json = Mutate("queues[0].stages[1].overflowTo", JsonValue.Create("billing"));

        var error = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(json));

        Assert.StartsWith("queues[0].stages[1].overflowTo: queue 'billing' must be listed before 'sales'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_BrokenJson_GivesLineAndPosition()
    {
        const string json = "{\n  \"name\": \"x\",\n  \"start\": \n}";

        var error = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(json));

        Assert.StartsWith("not valid JSON at line 4", error.Message, StringComparison.Ordinal);
    }

    /// <summary>The sample scenario with one field (by path such as <c>queues[1].stages[0].after</c>) set or removed.</summary>
    private static string Mutate(string path, JsonNode? value, bool remove = false)
    {
        var root = JsonNode.Parse(SampleJson)!;
        var parts = path.Split('.');
        var node = root;
        for (var i = 0; i < parts.Length; i++)
        {
            var (name, index) = Split(parts[i]);
            var last = i == parts.Length - 1;
            if (last && index is null)
            {
                if (remove)
                {
                    node.AsObject().Remove(name);
                }
                else
                {
                    node[name] = value;
                }

                break;
            }

            node = node[name]!;
            if (index is { } n)
            {
                if (last)
                {
                    node[n] = value;
                    break;
                }

                node = node[n]!;
            }
        }

        return root.ToJsonString();
    }

    private static (string Name, int? Index) Split(string part)
    {
        var bracket = part.IndexOf('[', StringComparison.Ordinal);
        return bracket < 0
            ? (part, null)
            : (part[..bracket], int.Parse(part[(bracket + 1)..^1], System.Globalization.CultureInfo.InvariantCulture));
    }
}
