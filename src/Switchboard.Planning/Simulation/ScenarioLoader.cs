using System.Globalization;
using System.Text.Json;
using Switchboard.Contacts;
using Switchboard.Queues;
using Switchboard.Skills;

namespace Switchboard.Planning.Simulation;

/// <summary>
/// Reads a <see cref="Scenario"/> from JSON (the shape <see cref="SimulationJson.Serialize(Scenario)"/> writes) and checks it.
/// </summary>
/// <remarks>
/// Read by hand rather than by the serializer so every error names its field by path
/// (<c>queues[1].stages[0].after: must be &gt;= 0</c>): missing and unknown fields, wrong types, bad values,
/// unknown queue references. Comments and trailing commas are allowed.
/// </remarks>
public static class ScenarioLoader
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    /// <summary>Reads and validates a scenario.</summary>
    /// <exception cref="ScenarioException">The JSON is malformed or the scenario is invalid; the message names the field.</exception>
    public static Scenario Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return Read(() => JsonDocument.Parse(json, DocumentOptions));
    }

    /// <inheritdoc cref="Parse(string)"/>
    public static Scenario Load(Stream json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return Read(() => JsonDocument.Parse(json, DocumentOptions));
    }

    private static Scenario Read(Func<JsonDocument> parse)
    {
        try
        {
            using var document = parse();
            return ReadAndValidate(document);
        }
        catch (JsonException e)
        {
            throw Malformed(e);
        }
    }

    private static ScenarioException Malformed(JsonException e) =>
        new(string.Create(CultureInfo.InvariantCulture, $"not valid JSON at line {e.LineNumber + 1}, position {e.BytePositionInLine + 1}"), e);

    private static Scenario ReadAndValidate(JsonDocument document)
    {
        var scenario = ReadScenario(new Node(document.RootElement, ""));
        ScenarioValidator.Validate(scenario);
        return scenario;
    }

    private static Scenario ReadScenario(Node root)
    {
        root.Only("name", "start", "duration", "intervalLength", "shortAbandonThreshold", "queues", "agentGroups");
        var defaults = new Scenario { Name = "", Start = default, Duration = default, Queues = [], AgentGroups = [] };
        return new Scenario
        {
            Name = root.Required("name").String(),
            Start = root.Required("start").Instant(),
            Duration = root.Required("duration").Seconds(),
            IntervalLength = root.Optional("intervalLength")?.Seconds() ?? defaults.IntervalLength,
            ShortAbandonThreshold = root.Optional("shortAbandonThreshold")?.Seconds() ?? defaults.ShortAbandonThreshold,
            Queues = root.Required("queues").List(ReadQueue),
            AgentGroups = root.Required("agentGroups").List(ReadGroup),
        };
    }

    private static QueueScenario ReadQueue(Node node)
    {
        node.Only(
            "id", "channel", "stages", "selection", "offerTimeout", "wrapUpLimit", "callbackThreshold", "expectedHandleTime",
            "serviceLevelThreshold", "serviceLevelTarget", "arrivalsPerInterval", "languages", "handleTime", "wrapUpTime", "patience", "callbackAcceptance");
        var defaults = new QueueScenario { Id = "", Stages = [], ArrivalsPerInterval = [], Languages = [], HandleTime = Distribution.Fixed(TimeSpan.Zero) };
        return new QueueScenario
        {
            Id = node.Required("id").String(),
            Channel = node.Optional("channel")?.Enum<Channel>() ?? defaults.Channel,
            Stages = node.Required("stages").List(ReadStage),
            Selection = node.Optional("selection")?.Enum<AgentSelection>() ?? defaults.Selection,
            OfferTimeout = node.Optional("offerTimeout")?.Seconds() ?? defaults.OfferTimeout,
            WrapUpLimit = node.Has("wrapUpLimit") ? node.Optional("wrapUpLimit")?.Seconds() : defaults.WrapUpLimit,
            CallbackThreshold = node.Optional("callbackThreshold")?.Seconds(),
            ExpectedHandleTime = node.Optional("expectedHandleTime")?.Seconds() ?? defaults.ExpectedHandleTime,
            ServiceLevelThreshold = node.Optional("serviceLevelThreshold")?.Seconds() ?? defaults.ServiceLevelThreshold,
            ServiceLevelTarget = node.Optional("serviceLevelTarget")?.Number(),
            ArrivalsPerInterval = node.Required("arrivalsPerInterval").List(n => n.Number()),
            Languages = node.Required("languages").List(ReadLanguageShare),
            HandleTime = ReadDistribution(node.Required("handleTime")),
            WrapUpTime = node.Optional("wrapUpTime") is { } wrapUp ? ReadDistribution(wrapUp) : defaults.WrapUpTime,
            Patience = node.Optional("patience") is { } patience ? ReadDistribution(patience) : null,
            CallbackAcceptance = node.Optional("callbackAcceptance")?.Number() ?? 0,
        };
    }

    private static StageScenario ReadStage(Node node)
    {
        node.Only("after", "skills", "overflowTo", "interpreter", "minimumLanguageProficiency");
        var overflow = node.Optional("overflowTo")?.String();
        var skills = node.Optional("skills")?.List(ReadSkill) ?? (overflow is null ? node.Required("skills").List(ReadSkill) : []);
        return new StageScenario(node.Required("after").Seconds(), skills, overflow)
        {
            Interpreter = node.Optional("interpreter")?.Boolean() ?? false,
            MinimumLanguageProficiency = (int?)node.Optional("minimumLanguageProficiency")?.Integer(),
        };
    }

    private static SkillLevel ReadSkill(Node node)
    {
        node.Only("skill", "proficiency");
        return new SkillLevel(node.Required("skill").String(), (int)node.Required("proficiency").Integer());
    }

    private static LanguageShare ReadLanguageShare(Node node)
    {
        node.Only("language", "share");
        return new LanguageShare(node.Required("language").String(), node.Required("share").Number());
    }

    private static LanguageLevel ReadLanguageLevel(Node node)
    {
        if (node.IsString)
        {
            return new LanguageLevel(node.String());
        }

        node.Only("language", "proficiency");
        return new LanguageLevel(node.Required("language").String(), (int)(node.Optional("proficiency")?.Integer() ?? Proficiency.Highest));
    }

    private static Distribution ReadDistribution(Node node)
    {
        node.Only("kind", "mean", "standardDeviation");
        return new Distribution(node.Required("kind").Enum<DistributionKind>(), node.Required("mean").Seconds(), node.Optional("standardDeviation")?.Seconds());
    }

    private static AgentGroupScenario ReadGroup(Node node)
    {
        node.Only("name", "count", "skills", "languages", "capacity", "shiftStart", "shiftEnd", "answerDelay", "rejectProbability");
        var defaults = new AgentGroupScenario { Name = "", Count = 0, Skills = [], Languages = [], ShiftStart = default, ShiftEnd = default };
        return new AgentGroupScenario
        {
            Name = node.Required("name").String(),
            Count = (int)node.Required("count").Integer(),
            Skills = node.Required("skills").List(ReadSkill),
            Languages = node.Required("languages").List(ReadLanguageLevel),
            Capacity = node.Optional("capacity") is { } capacity ? ReadCapacity(capacity) : defaults.Capacity,
            ShiftStart = node.Required("shiftStart").TimeOfDay(),
            ShiftEnd = node.Required("shiftEnd").TimeOfDay(),
            AnswerDelay = node.Optional("answerDelay") is { } delay ? ReadDistribution(delay) : defaults.AnswerDelay,
            RejectProbability = node.Optional("rejectProbability")?.Number() ?? 0,
        };
    }

    private static AgentCapacity ReadCapacity(Node node)
    {
        node.Only("voice", "chat", "email", "sms", "messaging");
        return new AgentCapacity(
            (int)(node.Optional("voice")?.Integer() ?? 1),
            (int)(node.Optional("chat")?.Integer() ?? 0),
            (int)(node.Optional("email")?.Integer() ?? 0),
            (int)(node.Optional("sms")?.Integer() ?? 0),
            (int)(node.Optional("messaging")?.Integer() ?? 0));
    }

    /// <summary>A JSON value and its path from the root, for error messages.</summary>
    private readonly record struct Node(JsonElement Element, string Path)
    {
        private ScenarioException Error(string problem) => new($"{(Path.Length == 0 ? "scenario" : Path)}: {problem}");

        private string Child(string name) => Path.Length == 0 ? name : Path + "." + name;

        private JsonElement Object()
        {
            if (Element.ValueKind != JsonValueKind.Object)
            {
                throw Error("must be an object");
            }

            return Element;
        }

        public bool Has(string name) => Object().TryGetProperty(name, out _);

        public Node Required(string name) =>
            Optional(name) ?? throw new ScenarioException($"{Child(name)}: is required");

        public Node? Optional(string name) =>
            Object().TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? new Node(value, Child(name)) : null;

        /// <summary>Refuses fields the format does not know, so a misspelt optional field is not silently ignored.</summary>
        public void Only(params string[] names)
        {
            foreach (var property in Object().EnumerateObject())
            {
                if (Array.IndexOf(names, property.Name) < 0)
                {
                    throw new ScenarioException($"{Child(property.Name)}: unknown field (expected one of: {string.Join(", ", names)})");
                }
            }
        }

        public bool IsString => Element.ValueKind == JsonValueKind.String;

        public bool Boolean() =>
            Element.ValueKind is JsonValueKind.True or JsonValueKind.False ? Element.GetBoolean() : throw Error("must be true or false");

        public string String() =>
            Element.ValueKind == JsonValueKind.String ? Element.GetString()! : throw Error("must be a string");

        public double Number() =>
            Element.ValueKind == JsonValueKind.Number && Element.TryGetDouble(out var value) && double.IsFinite(value) ? value : throw Error("must be a number");

        public long Integer() =>
            Element.ValueKind == JsonValueKind.Number && Element.TryGetInt32(out var value) ? value : throw Error("must be a whole number");

        public TimeSpan Seconds()
        {
            var seconds = Number();
            return Math.Abs(seconds) < TimeSpan.MaxValue.TotalSeconds / 2 ? TimeSpan.FromSeconds(seconds) : throw Error("is out of range");
        }

        public DateTimeOffset Instant()
        {
            if (!DateTimeOffset.TryParse(String(), CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant))
            {
                throw Error("must be an ISO 8601 instant such as 2026-03-02T08:00:00Z");
            }

            return instant.Offset == TimeSpan.Zero ? instant : throw Error("must be in UTC (end with Z or +00:00)");
        }

        public TimeSpan TimeOfDay() =>
            TimeOfDayConverter.TryParse(String(), out var value) ? value : throw Error("must be a time of day such as \"08:00\"");

        public T Enum<T>()
            where T : struct, Enum
        {
            var text = String();
            foreach (var value in System.Enum.GetValues<T>())
            {
                if (string.Equals(JsonNamingPolicy.CamelCase.ConvertName(value.ToString()), text, StringComparison.Ordinal))
                {
                    return value;
                }
            }

            var names = new List<string>();
            foreach (var value in System.Enum.GetValues<T>())
            {
                names.Add(JsonNamingPolicy.CamelCase.ConvertName(value.ToString()));
            }

            throw Error($"must be one of: {string.Join(", ", names)}");
        }

        public List<T> List<T>(Func<Node, T> read)
        {
            if (Element.ValueKind != JsonValueKind.Array)
            {
                throw Error("must be an array");
            }

            var list = new List<T>(Element.GetArrayLength());
            var i = 0;
            foreach (var item in Element.EnumerateArray())
            {
                list.Add(read(new Node(item, string.Create(CultureInfo.InvariantCulture, $"{Path}[{i}]"))));
                i++;
            }

            return list;
        }
    }
}
