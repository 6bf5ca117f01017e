using System.Globalization;
using Switchboard.Skills;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Switchboard.CallFlows;

/// <summary>A flow file read: the flow, or the problems that kept it from being read (each with its line).</summary>
internal sealed record CallFlowReading(CallFlow? Flow, IReadOnlyList<string> Problems);

/// <summary>
/// Reads a call flow from YAML (or JSON, which YAML includes). The format is documented in docs/call-flows.md; every
/// key is checked, so a misspelt one is reported with its line instead of silently ignored.
/// </summary>
internal static partial class CallFlowFile
{
    /// <summary>More nodes than any short flow needs; a bound keeps a malformed file from costing much.</summary>
    public const int MaxNodes = 500;

    private static readonly string[] TopKeys = ["name", "languages", "start", "prompts", "nodes"];

    private static readonly Dictionary<string, string[]> NodeKeys = new(StringComparer.Ordinal)
    {
        ["message"] = ["type", "say", "next", "alternatives"],
        ["menu"] = ["type", "say", "options", "attempts", "fallback"],
        ["hours"] = ["type", "open", "closed"],
        ["incident"] = ["type", "switch", "say", "next"],
        ["queue"] = ["type", "queue", "skills", "language"],
        ["voicemail"] = ["type", "box", "say"],
    };

    [System.Text.RegularExpressions.GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")]
    private static partial System.Text.RegularExpressions.Regex PromptId();

    public static CallFlowReading Read(string text)
    {
        var problems = new List<string>();
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            return new(null, [$"line {e.Start.Line}: not valid YAML or JSON: {e.Message}"]);
        }

        if (stream.Documents.Count != 1 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            return new(null, ["the file must hold one mapping with name, languages, start, prompts and nodes"]);
        }

        var reader = new Reader(problems);
        reader.OnlyKeys(root, "", TopKeys);
        var name = reader.Text(root, "name", "");
        var start = reader.Text(root, "start", "");
        var languages = new List<Language>();
        foreach (var item in reader.Sequence(root, "languages", "", required: true))
        {
            if (reader.LanguageOf(item, "languages") is { } language)
            {
                languages.Add(language);
            }
        }

        var prompts = new Dictionary<string, Prompt>(StringComparer.Ordinal);
        foreach (var (id, node) in reader.Entries(root, "prompts", ""))
        {
            // A prompt's id names its recording's file: letters, digits, '-', '_' and '.', never a path.
            if (!PromptId().IsMatch(id))
            {
                reader.Problem(node, "prompts." + id, "a prompt's id may hold letters, digits, '-', '_' and '.', and starts with a letter or digit");
                continue;
            }

            var texts = new Dictionary<Language, string>();
            foreach (var (tag, words) in reader.Entries(node, null, "prompts." + id))
            {
                if (reader.LanguageOf(tag, words, "prompts." + id) is { } language && reader.Scalar(words, $"prompts.{id}.{tag}") is { } said)
                {
                    texts[language] = said;
                }
            }

            prompts[id] = new Prompt(id, texts);
        }

        var nodes = new Dictionary<string, FlowNode>(StringComparer.Ordinal);
        var entries = reader.Entries(root, "nodes", "", required: true);
        if (entries.Count > MaxNodes)
        {
            return new(null, [$"the flow has {entries.Count} nodes; at most {MaxNodes}"]);
        }

        foreach (var (id, node) in entries)
        {
            if (reader.NodeFrom(id, node) is { } read)
            {
                nodes[id] = read;
            }
        }

        if (problems.Count > 0)
        {
            return new(null, problems);
        }

        return new(new CallFlow { Name = name, Languages = languages, Start = start, Nodes = nodes, Prompts = prompts }, []);
    }

    private sealed class Reader(List<string> problems)
    {
        public FlowNode? NodeFrom(string id, YamlNode node)
        {
            var at = "nodes." + id;
            if (node is not YamlMappingNode map)
            {
                Problem(node, at, "must be a mapping with a type");
                return null;
            }

            var type = Text(map, "type", at);
            if (!NodeKeys.TryGetValue(type, out var keys))
            {
                if (type.Length > 0)
                {
                    Problem(map, at, $"unknown type '{type}' ({string.Join(", ", NodeKeys.Keys)})");
                }

                return null;
            }

            OnlyKeys(map, at, keys);
            switch (type)
            {
                case "message":
                    var say = Text(map, "say", at);
                    if (Has(map, "next") == Has(map, "alternatives"))
                    {
                        Problem(map, at, "a message has either next (it goes on) or alternatives (it ends the call, naming other ways to get help)");
                        return null;
                    }

                    return Has(map, "next")
                        ? new MessageNode(id, say, Text(map, "next", at))
                        : new FinalMessageNode(id, say, [.. Sequence(map, "alternatives", at, required: true).Select(a => Scalar(a, at + ".alternatives") ?? "")]);
                case "menu":
                    var options = new List<MenuOption>();
                    foreach (var (key, value) in Entries(map, "options", at, required: true))
                    {
                        if (MenuOptionFrom(key, value, at + ".options." + key) is { } option)
                        {
                            options.Add(option);
                        }
                    }

                    return new MenuNode(id, Text(map, "say", at), options, Number(map, "attempts", at, 2), Text(map, "fallback", at));
                case "hours":
                    return new HoursNode(id, Text(map, "open", at), Text(map, "closed", at));
                case "incident":
                    return new IncidentNode(id, Text(map, "switch", at), Text(map, "say", at), Text(map, "next", at));
                case "queue":
                    var skills = new List<SkillRequirement>();
                    foreach (var item in Sequence(map, "skills", at, required: false))
                    {
                        if (Skill(item, at + ".skills") is { } skill)
                        {
                            skills.Add(skill);
                        }
                    }

                    return new QueueNode(id, Text(map, "queue", at), skills, Has(map, "language") ? LanguageOf(map.Children[new YamlScalarNode("language")], at + ".language") : null);
                default:
                    return new VoicemailNode(id, Text(map, "box", at), Text(map, "say", at));
            }
        }

        private MenuOption? MenuOptionFrom(string key, YamlNode value, string at)
        {
            if (key.Length != 1)
            {
                Problem(value, at, $"'{key}' is not one telephone key");
                return null;
            }

            if (value is YamlScalarNode target)
            {
                return Scalar(target, at) is { } next ? new MenuOption(key[0], "", next) : null;
            }

            if (value is not YamlMappingNode map)
            {
                Problem(value, at, "must name the next node, or be a mapping with next, label and language");
                return null;
            }

            OnlyKeys(map, at, ["next", "label", "language"]);
            var language = Has(map, "language") ? LanguageOf(map.Children[new YamlScalarNode("language")], at + ".language") : null;
            return new MenuOption(key[0], Has(map, "label") ? Text(map, "label", at) : "", Text(map, "next", at), language);
        }

        /// <summary>A skill as <c>billing</c> or <c>billing&gt;=3</c> (minimum proficiency 1 to 5).</summary>
        private SkillRequirement? Skill(YamlNode node, string at)
        {
            if (Scalar(node, at) is not { } text)
            {
                return null;
            }

            var parts = text.Split(">=", 2, StringSplitOptions.TrimEntries);
            var minimum = Proficiency.Lowest;
            if (parts[0].Length == 0 || (parts.Length == 2 && (!int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out minimum) || minimum is < Proficiency.Lowest or > Proficiency.Highest)))
            {
                Problem(node, at, $"'{text}' is not a skill (name, or name>=N with N from {Proficiency.Lowest} to {Proficiency.Highest})");
                return null;
            }

            return new SkillRequirement(parts[0], minimum);
        }

        public Language? LanguageOf(YamlNode node, string at) => Scalar(node, at) is { } tag ? LanguageOf(tag, node, at) : null;

        public Language? LanguageOf(string tag, YamlNode node, string at)
        {
            try
            {
                return new Language(tag);
            }
            catch (ArgumentException)
            {
                Problem(node, at, $"'{tag}' is not a BCP 47 language tag");
                return null;
            }
        }

        public void OnlyKeys(YamlMappingNode map, string at, string[] allowed)
        {
            foreach (var key in map.Children.Keys)
            {
                var name = (key as YamlScalarNode)?.Value ?? "";
                if (!allowed.Contains(name, StringComparer.Ordinal))
                {
                    Problem(key, at, $"unknown key '{name}' (expected {string.Join(", ", allowed)})");
                }
            }
        }

        public static bool Has(YamlMappingNode map, string key) => map.Children.ContainsKey(new YamlScalarNode(key));

        public string Text(YamlMappingNode map, string key, string at)
        {
            if (!map.Children.TryGetValue(new YamlScalarNode(key), out var value))
            {
                Problem(map, at, $"'{key}' is missing");
                return "";
            }

            return Scalar(value, Join(at, key)) ?? "";
        }

        private int Number(YamlMappingNode map, string key, string at, int absent)
        {
            if (!map.Children.TryGetValue(new YamlScalarNode(key), out var value))
            {
                return absent;
            }

            if (Scalar(value, Join(at, key)) is { } text && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            {
                return number;
            }

            Problem(value, Join(at, key), "must be a whole number");
            return absent;
        }

        public string? Scalar(YamlNode node, string at)
        {
            if (node is YamlScalarNode { Value: { Length: > 0 } value })
            {
                return value;
            }

            Problem(node, at, "must be a non-empty text");
            return null;
        }

        public IReadOnlyList<YamlNode> Sequence(YamlMappingNode map, string key, string at, bool required)
        {
            if (!map.Children.TryGetValue(new YamlScalarNode(key), out var value))
            {
                if (required)
                {
                    Problem(map, at, $"'{key}' is missing");
                }

                return [];
            }

            if (value is YamlSequenceNode list)
            {
                return [.. list.Children];
            }

            Problem(value, Join(at, key), "must be a list");
            return [];
        }

        /// <summary>The entries of the mapping under <paramref name="key"/> (or of <paramref name="node"/> itself when the key is null).</summary>
        public List<(string Key, YamlNode Value)> Entries(YamlNode node, string? key, string at, bool required = false)
        {
            var value = node;
            if (key is not null)
            {
                if (node is not YamlMappingNode parent || !parent.Children.TryGetValue(new YamlScalarNode(key), out value))
                {
                    if (required)
                    {
                        Problem(node, at, $"'{key}' is missing");
                    }

                    return [];
                }

                at = Join(at, key);
            }

            if (value is not YamlMappingNode map)
            {
                Problem(value, at, "must be a mapping");
                return [];
            }

            var entries = new List<(string Key, YamlNode Value)>();
            foreach (var (k, v) in map.Children)
            {
                if (k is YamlScalarNode { Value: { Length: > 0 } name })
                {
                    entries.Add((name, v));
                }
                else
                {
                    Problem(k, at, "keys must be non-empty texts");
                }
            }

            return entries;
        }

        public void Problem(YamlNode node, string at, string message) =>
            problems.Add($"line {node.Start.Line}: {(at.Length > 0 ? at + ": " : "")}{message}");

        private static string Join(string at, string key) => at.Length == 0 ? key : at + "." + key;
    }
}
