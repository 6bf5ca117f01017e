namespace Switchboard.CallFlows;

/// <summary>How much a finding matters: an error keeps a flow from being saved or used; a warning does not.</summary>
public enum FindingSeverity
{
    Error = 1,
    Warning = 2,
}

/// <summary>One thing wrong with a call flow, naming the node (or <see cref="CallFlowLinter.FlowLevel"/>) and the rule.</summary>
public sealed record FlowFinding(string Node, string Rule, FindingSeverity Severity, string Message)
{
    public override string ToString() => $"{(Severity == FindingSeverity.Error ? "error" : "warning")} {Rule} at '{Node}': {Message}";
}

/// <summary>
/// Checks a call flow against the spirit of ISO 18295-1 (short menus, a person always within reach, no caller sent
/// nowhere) and against itself (every target exists, every prompt is recorded in every language).
/// </summary>
public static class CallFlowLinter
{
    /// <summary>The node name findings about the flow as a whole carry.</summary>
    public const string FlowLevel = "(flow)";

    private const string ValidDigits = "0123456789*#";

    public static IReadOnlyList<FlowFinding> Lint(CallFlow flow, CallFlowRules rules)
    {
        ArgumentNullException.ThrowIfNull(flow);
        ArgumentNullException.ThrowIfNull(rules);
        var findings = new List<FlowFinding>();
        if (flow.Languages.Count == 0)
        {
            findings.Add(Error(FlowLevel, "no-language", "the flow names no language, so no prompt can be played"));
        }

        if (!flow.Nodes.ContainsKey(flow.Start))
        {
            findings.Add(Error(FlowLevel, "unknown-start", $"the start node '{flow.Start}' does not exist"));
            return findings;
        }

        foreach (var node in flow.Nodes.Values.OrderBy(n => n.Id, StringComparer.Ordinal))
        {
            CheckTargets(flow, node, findings);
            CheckPrompts(flow, node, findings);
            switch (node)
            {
                case MenuNode menu:
                    CheckMenu(flow, rules, menu, findings);
                    break;
                case FinalMessageNode final when final.Alternatives.Count == 0:
                    findings.Add(Error(node.Id, "end-without-alternative",
                        "a message that ends the call must tell the caller another way to get help (website, e-mail, opening hours)"));
                    break;
                case QueueNode queue when queue.Language is { } language && !flow.Languages.Contains(language):
                    findings.Add(Warning(node.Id, "queue-language", $"the queue is entered in {language}, which is not one of the flow's languages"));
                    break;
            }
        }

        var reachable = Reachable(flow, flow.Start);
        foreach (var id in flow.Nodes.Keys.Where(id => !reachable.Contains(id)).Order(StringComparer.Ordinal))
        {
            findings.Add(Warning(id, "unreachable", "no path from the start leads here"));
        }

        CheckEndings(flow, reachable, findings);
        CheckDepth(flow, rules, findings);
        return findings;
    }

    /// <summary>Whether a flow has no error (warnings allowed).</summary>
    public static bool Passes(IReadOnlyList<FlowFinding> findings) => findings.All(f => f.Severity != FindingSeverity.Error);

    private static void CheckTargets(CallFlow flow, FlowNode node, List<FlowFinding> findings)
    {
        foreach (var exit in node.Exits.Where(e => !flow.Nodes.ContainsKey(e.Target)))
        {
            findings.Add(Error(node.Id, "unknown-node", $"'{exit.When}' leads to '{exit.Target}', which does not exist"));
        }
    }

    private static void CheckPrompts(CallFlow flow, FlowNode node, List<FlowFinding> findings)
    {
        foreach (var id in node.PromptsPlayed.Distinct(StringComparer.Ordinal))
        {
            if (!flow.Prompts.TryGetValue(id, out var prompt))
            {
                findings.Add(Error(node.Id, "unknown-prompt", $"the prompt '{id}' is not defined"));
                continue;
            }

            var missing = flow.Languages.Where(l => !prompt.Text.TryGetValue(l, out var text) || string.IsNullOrWhiteSpace(text)).ToList();
            if (missing.Count > 0)
            {
                findings.Add(Error(node.Id, "missing-translation",
                    $"the prompt '{id}' has no words in {string.Join(", ", missing)}: a caller in that language would hear nothing"));
            }
        }
    }

    private static void CheckMenu(CallFlow flow, CallFlowRules rules, MenuNode menu, List<FlowFinding> findings)
    {
        foreach (var option in menu.Options.Where(o => !ValidDigits.Contains(o.Digit, StringComparison.Ordinal)))
        {
            findings.Add(Error(menu.Id, "bad-key", $"'{option.Digit}' is not a telephone key (0-9, *, #)"));
        }

        foreach (var twice in menu.Options.GroupBy(o => o.Digit).Where(g => g.Count() > 1))
        {
            findings.Add(Error(menu.Id, "duplicate-key", $"the key {twice.Key} is offered {twice.Count()} times"));
        }

        var choices = menu.Options.Count(o => o.Digit != rules.HumanDigit);
        if (choices > rules.MaxOptions)
        {
            findings.Add(Error(menu.Id, "too-many-options", $"the menu offers {choices} choices; at most {rules.MaxOptions} (besides {rules.HumanDigit} for a person)"));
        }

        if (choices == 0)
        {
            findings.Add(Warning(menu.Id, "no-choice", "the menu offers nothing but the way to a person: play a message instead"));
        }

        foreach (var option in menu.Options.Where(o => o.Language is { } l && !flow.Languages.Contains(l)))
        {
            findings.Add(Error(menu.Id, "unknown-language", $"the key {option.Digit} chooses {option.Language}, which has no recorded prompts in this flow"));
        }

        if (menu.Option(rules.HumanDigit) is not { } human)
        {
            findings.Add(Error(menu.Id, "no-human-key", $"the key {rules.HumanDigit} must reach a person at every menu"));
        }
        else if (!ReachesPerson(flow, human.Next))
        {
            findings.Add(Error(menu.Id, "human-key-not-human", $"the key {rules.HumanDigit} leads to '{human.Next}', which does not reach a queue without another menu while the centre is open"));
        }

        if (menu.Attempts < 1 || menu.Attempts > rules.MaxFailedInputs)
        {
            findings.Add(Error(menu.Id, "attempts", $"the menu allows {menu.Attempts} failed or empty inputs; it must hand over after 1 to {rules.MaxFailedInputs}"));
        }

        if (flow.Nodes.ContainsKey(menu.Fallback) && !ReachesPerson(flow, menu.Fallback))
        {
            findings.Add(Error(menu.Id, "fallback-not-human",
                $"after {menu.Attempts} failed inputs the caller goes to '{menu.Fallback}', which does not reach a queue without another menu while the centre is open: callers who cannot use the menu must reach a person"));
        }
    }

    /// <summary>
    /// Whether a caller sent to <paramref name="from"/> while the centre is open reaches a queue without another menu:
    /// through messages, incident messages and the open side of hours checks. (Closed, the hours check's other side
    /// tells the caller when to call; that is the centre's hours, not a dead end.)
    /// </summary>
    private static bool ReachesPerson(CallFlow flow, string from)
    {
        var id = from;
        for (var steps = 0; steps <= flow.Nodes.Count && flow.Nodes.TryGetValue(id, out var node); steps++)
        {
            switch (node)
            {
                case QueueNode:
                    return true;
                case MessageNode message:
                    id = message.Next;
                    break;
                case IncidentNode incident:
                    id = incident.Next;
                    break;
                case HoursNode hours:
                    id = hours.Open;
                    break;
                default:
                    return false;
            }
        }

        return false;
    }

    /// <summary>Every node on a path from a reachable node must be able to end: in a queue, voicemail, or a message with alternatives; and a loop must pass through a menu, where the caller decides.</summary>
    private static void CheckEndings(CallFlow flow, HashSet<string> reachable, List<FlowFinding> findings)
    {
        // Nodes that can end: walk the reversed graph from every ending.
        var into = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var node in flow.Nodes.Values)
        {
            foreach (var exit in node.Exits.Where(e => flow.Nodes.ContainsKey(e.Target)))
            {
                if (!into.TryGetValue(exit.Target, out var sources))
                {
                    into[exit.Target] = sources = [];
                }

                sources.Add(node.Id);
            }
        }

        var canEnd = new HashSet<string>(StringComparer.Ordinal);
        var work = new Stack<string>(flow.Nodes.Values.Where(n => !n.Exits.Any()).Select(n => n.Id));
        while (work.TryPop(out var id))
        {
            if (canEnd.Add(id) && into.TryGetValue(id, out var sources))
            {
                foreach (var source in sources)
                {
                    work.Push(source);
                }
            }
        }

        foreach (var id in reachable.Where(id => !canEnd.Contains(id)).Order(StringComparer.Ordinal))
        {
            findings.Add(Error(id, "dead-end", "no path from here ends in a queue, voicemail or a message with alternatives"));
        }

        // A loop of messages, hours checks and incident messages repeats forever without the caller doing anything.
        var state = new Dictionary<string, int>(StringComparer.Ordinal);
        var looped = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var id in reachable.Order(StringComparer.Ordinal).Where(id => flow.Nodes[id] is not MenuNode))
        {
            CollectLoops(flow, id, state, looped);
        }

        foreach (var id in looped)
        {
            findings.Add(Error(id, "loop-without-input", "this node is on a loop with no menu: the caller would go round it forever"));
        }
    }

    /// <summary>
    /// Depth-first search over non-menu nodes (state 1: on the current path, 2: done). An edge back to a node still on
    /// the path closes a loop; its target is recorded.
    /// </summary>
    private static void CollectLoops(CallFlow flow, string start, Dictionary<string, int> state, SortedSet<string> looped)
    {
        if (state.ContainsKey(start))
        {
            return;
        }

        var path = new Stack<(string Id, IEnumerator<FlowExit> Exits)>();
        state[start] = 1;
        path.Push((start, flow.Nodes[start].Exits.GetEnumerator()));
        while (path.TryPeek(out var top))
        {
            if (!top.Exits.MoveNext())
            {
                state[top.Id] = 2;
                path.Pop();
                continue;
            }

            var target = top.Exits.Current.Target;
            if (!flow.Nodes.TryGetValue(target, out var next) || next is MenuNode)
            {
                continue;
            }

            if (!state.TryGetValue(target, out var seen))
            {
                state[target] = 1;
                path.Push((target, next.Exits.GetEnumerator()));
            }
            else if (seen == 1)
            {
                looped.Add(target);
            }
        }
    }

    /// <summary>The longest chain of menus from the start, loops (a "back" key) not counted twice.</summary>
    private static void CheckDepth(CallFlow flow, CallFlowRules rules, List<FlowFinding> findings)
    {
        // Depth-first order without back edges gives an acyclic graph whose longest menu chain is the depth callers face.
        var order = new List<string>();
        var state = new Dictionary<string, int>(StringComparer.Ordinal) { [flow.Start] = 1 };
        var forward = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var path = new Stack<(string Id, IEnumerator<FlowExit> Exits)>();
        path.Push((flow.Start, flow.Nodes[flow.Start].Exits.GetEnumerator()));
        while (path.TryPeek(out var top))
        {
            if (!top.Exits.MoveNext())
            {
                state[top.Id] = 2;
                order.Add(top.Id);
                path.Pop();
                continue;
            }

            var target = top.Exits.Current.Target;
            if (!flow.Nodes.TryGetValue(target, out var next))
            {
                continue;
            }

            state.TryGetValue(target, out var seen);
            if (seen == 1)
            {
                continue;
            }

            if (!forward.TryGetValue(top.Id, out var edges))
            {
                forward[top.Id] = edges = [];
            }

            edges.Add(target);
            if (seen == 0)
            {
                state[target] = 1;
                path.Push((target, next.Exits.GetEnumerator()));
            }
        }

        order.Reverse();
        var level = new Dictionary<string, int>(StringComparer.Ordinal) { [flow.Start] = flow.Nodes[flow.Start] is MenuNode ? 1 : 0 };
        var via = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var id in order)
        {
            if (!level.TryGetValue(id, out var here) || !forward.TryGetValue(id, out var edges))
            {
                continue;
            }

            foreach (var target in edges)
            {
                var there = here + (flow.Nodes[target] is MenuNode ? 1 : 0);
                if (!level.TryGetValue(target, out var known) || there > known)
                {
                    level[target] = there;
                    via[target] = id;
                }
            }
        }

        foreach (var (id, depth) in level.Where(l => l.Value == rules.MaxMenuLevels + 1 && flow.Nodes[l.Key] is MenuNode).OrderBy(l => l.Key, StringComparer.Ordinal))
        {
            var chain = new List<string> { id };
            for (var at = id; via.TryGetValue(at, out var previous); at = previous)
            {
                if (flow.Nodes[previous] is MenuNode)
                {
                    chain.Add(previous);
                }
            }

            chain.Reverse();
            findings.Add(Error(id, "too-deep",
                $"callers reach this menu as level {depth} ({string.Join(" > ", chain)}); at most {rules.MaxMenuLevels} menu levels"));
        }
    }

    private static HashSet<string> Reachable(CallFlow flow, string from)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        if (!flow.Nodes.ContainsKey(from))
        {
            return seen;
        }

        var work = new Stack<string>([from]);
        while (work.TryPop(out var id))
        {
            if (!seen.Add(id))
            {
                continue;
            }

            foreach (var exit in flow.Nodes[id].Exits.Where(e => flow.Nodes.ContainsKey(e.Target)))
            {
                work.Push(exit.Target);
            }
        }

        return seen;
    }

    private static FlowFinding Error(string node, string rule, string message) => new(node, rule, FindingSeverity.Error, message);

    private static FlowFinding Warning(string node, string rule, string message) => new(node, rule, FindingSeverity.Warning, message);
}
