using Switchboard.Skills;

namespace Switchboard.CallFlows;

/// <summary>
/// What a caller hears and can do before reaching a person: a graph of nodes (messages, menus, opening-hours checks,
/// an incident message, queue entry, voicemail) from <see cref="Start"/>. Defined per number or client as data, checked
/// by <see cref="CallFlowLinter"/> against the contract's limits, and walked call by call by <see cref="CallFlowRun"/>.
/// </summary>
public sealed record CallFlow
{
    /// <summary>The flow's name, as numbers and clients refer to it.</summary>
    public required string Name { get; init; }

    /// <summary>The languages every prompt is recorded in; the first is the caller's until a menu option chooses another.</summary>
    public required IReadOnlyList<Language> Languages { get; init; }

    /// <summary>The node a call starts at.</summary>
    public required string Start { get; init; }

    /// <summary>The nodes by id (ordinal, case-sensitive).</summary>
    public required IReadOnlyDictionary<string, FlowNode> Nodes { get; init; }

    /// <summary>What each prompt says, per language (the text a recording or speech synthesis is made from).</summary>
    public required IReadOnlyDictionary<string, Prompt> Prompts { get; init; }

    /// <summary>The caller's language when a call starts.</summary>
    public Language DefaultLanguage => Languages[0];
}

/// <summary>A prompt's words in each of the flow's languages.</summary>
public sealed record Prompt(string Id, IReadOnlyDictionary<Language, string> Text);

/// <summary>One step of a call flow.</summary>
public abstract record FlowNode(string Id)
{
    /// <summary>The nodes this one can lead to, each with what leads there (for linting and drawing the flow).</summary>
    public abstract IEnumerable<FlowExit> Exits { get; }

    /// <summary>The prompts this node plays.</summary>
    public abstract IEnumerable<string> PromptsPlayed { get; }
}

/// <summary>A way out of a node: to <see cref="Target"/>, when <see cref="When"/> (a digit, "open", "fallback", ...).</summary>
public readonly record struct FlowExit(string When, string Target);

/// <summary>Plays a prompt, then goes on.</summary>
public sealed record MessageNode(string Id, string Prompt, string Next) : FlowNode(Id)
{
    public override IEnumerable<FlowExit> Exits => [new("next", Next)];

    public override IEnumerable<string> PromptsPlayed => [Prompt];
}

/// <summary>
/// Plays a prompt and ends the call. Allowed only with alternatives the prompt tells the caller about (a website, an
/// e-mail address, the opening hours), so no caller is sent away with nothing.
/// </summary>
public sealed record FinalMessageNode(string Id, string Prompt, IReadOnlyList<string> Alternatives) : FlowNode(Id)
{
    public override IEnumerable<FlowExit> Exits => [];

    public override IEnumerable<string> PromptsPlayed => [Prompt];
}

/// <summary>
/// Plays a prompt and waits for one key. A key not offered, or no key before the timeout, is a failed input: the prompt
/// is played again until <see cref="Attempts"/> inputs have failed, then the call goes to <see cref="Fallback"/>.
/// </summary>
public sealed record MenuNode(string Id, string Prompt, IReadOnlyList<MenuOption> Options, int Attempts, string Fallback) : FlowNode(Id)
{
    public override IEnumerable<FlowExit> Exits =>
        Options.Select(o => new FlowExit(o.Digit.ToString(), o.Next)).Append(new FlowExit("fallback", Fallback));

    public override IEnumerable<string> PromptsPlayed => [Prompt];

    /// <summary>The option for a key, if the menu offers it.</summary>
    public MenuOption? Option(char digit) => Options.FirstOrDefault(o => o.Digit == digit);
}

/// <summary>A key of a menu: where it leads, and (for a language menu) the language the caller chose.</summary>
public sealed record MenuOption(char Digit, string Label, string Next, Language? Language = null);

/// <summary>Goes one way while the client's opening hours say open, the other while closed.</summary>
public sealed record HoursNode(string Id, string Open, string Closed) : FlowNode(Id)
{
    public override IEnumerable<FlowExit> Exits => [new("open", Open), new("closed", Closed)];

    public override IEnumerable<string> PromptsPlayed => [];
}

/// <summary>
/// A message a supervisor switches on during an incident ("we know the network is down in ..."): played while the
/// switch is on, skipped while off; either way the call goes on to <see cref="Next"/>.
/// </summary>
public sealed record IncidentNode(string Id, string Switch, string Prompt, string Next) : FlowNode(Id)
{
    public override IEnumerable<FlowExit> Exits => [new("next", Next)];

    public override IEnumerable<string> PromptsPlayed => [Prompt];
}

/// <summary>Puts the caller in a queue for a person, with the skills this path needs and, if set, a language other than the caller's.</summary>
public sealed record QueueNode(string Id, string Queue, IReadOnlyList<SkillRequirement> Skills, Language? Language = null) : FlowNode(Id)
{
    public override IEnumerable<FlowExit> Exits => [];

    public override IEnumerable<string> PromptsPlayed => [];
}

/// <summary>Plays a prompt and records a message into a voicemail box, which becomes work for the centre.</summary>
public sealed record VoicemailNode(string Id, string Box, string Prompt) : FlowNode(Id)
{
    public override IEnumerable<FlowExit> Exits => [];

    public override IEnumerable<string> PromptsPlayed => [Prompt];
}
