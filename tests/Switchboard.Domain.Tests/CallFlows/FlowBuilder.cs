using Switchboard.CallFlows;
using Switchboard.Skills;

namespace Switchboard.Domain.Tests.CallFlows;

/// <summary>Builds call flows for tests: every prompt a node names is recorded in every language unless told otherwise.</summary>
internal sealed class FlowBuilder
{
    private readonly Dictionary<string, FlowNode> nodes = new(StringComparer.Ordinal);
    private readonly List<Language> languages = [new("en-GB")];
    private readonly HashSet<string> unrecorded = new(StringComparer.Ordinal);

    public string Start { get; set; } = "main";

    public FlowBuilder Languages(params string[] tags)
    {
        languages.Clear();
        languages.AddRange(tags.Select(t => new Language(t)));
        return this;
    }

    public FlowBuilder Node(FlowNode node)
    {
        nodes[node.Id] = node;
        return this;
    }

    public FlowBuilder Menu(string id, string fallback, params (char Digit, string Next)[] options) =>
        Node(new MenuNode(id, id + "-prompt", [.. options.Select(o => new MenuOption(o.Digit, "", o.Next))], 2, fallback));

    public FlowBuilder Queue(string id, string? queue = null) => Node(new QueueNode(id, queue ?? id, []));

    public FlowBuilder Message(string id, string next) => Node(new MessageNode(id, id + "-prompt", next));

    public FlowBuilder Hours(string id, string open, string closed) => Node(new HoursNode(id, open, closed));

    public FlowBuilder Final(string id, params string[] alternatives) => Node(new FinalMessageNode(id, id + "-prompt", alternatives));

    /// <summary>Leaves a prompt without words in any language.</summary>
    public FlowBuilder Unrecorded(string prompt)
    {
        unrecorded.Add(prompt);
        return this;
    }

    public CallFlow Build()
    {
        var prompts = nodes.Values.SelectMany(n => n.PromptsPlayed).Distinct(StringComparer.Ordinal)
            .ToDictionary(p => p, p => new Prompt(p, unrecorded.Contains(p) ? new Dictionary<Language, string>() : languages.ToDictionary(l => l, l => $"{p} in {l}")), StringComparer.Ordinal);
        return new CallFlow { Name = "test", Languages = [.. languages], Start = Start, Nodes = new Dictionary<string, FlowNode>(nodes, StringComparer.Ordinal), Prompts = prompts };
    }

    /// <summary>A main menu with two choices, 0 to a person and fallback to a person.</summary>
    public static FlowBuilder Simple() => new FlowBuilder()
        .Menu("main", "agent", ('1', "billing"), ('2', "sales"), ('0', "agent"))
        .Queue("billing").Queue("sales").Queue("agent");
}
