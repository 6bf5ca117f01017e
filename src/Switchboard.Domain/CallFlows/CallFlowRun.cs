using Switchboard.Skills;

namespace Switchboard.CallFlows;

/// <summary>What the call does next: play prompts (in the caller's language), then wait for a key, queue, record or hang up.</summary>
public abstract record CallStep(IReadOnlyList<string> Prompts, Language Language)
{
    /// <summary>Play the prompts, then wait for one key (or the timeout) and pass it to <see cref="CallFlowRun.Key"/>.</summary>
    public sealed record AwaitKey(IReadOnlyList<string> Prompts, Language Language, string Menu) : CallStep(Prompts, Language);

    /// <summary>Play the prompts, then put the caller in the queue for a person.</summary>
    public sealed record EnterQueue(IReadOnlyList<string> Prompts, Language Language, string Queue, IReadOnlyList<SkillRequirement> Skills)
        : CallStep(Prompts, Language);

    /// <summary>Play the prompts, then record a message into the box.</summary>
    public sealed record RecordVoicemail(IReadOnlyList<string> Prompts, Language Language, string Box) : CallStep(Prompts, Language);

    /// <summary>Play the prompts (which name the alternatives), then end the call.</summary>
    public sealed record HangUp(IReadOnlyList<string> Prompts, Language Language) : CallStep(Prompts, Language);
}

/// <summary>What the flow needs to know about the world at the moment of a step.</summary>
/// <param name="Open">Whether the client's opening hours say open now.</param>
/// <param name="Incidents">The incident switches a supervisor has turned on.</param>
public sealed record CallConditions(bool Open, IReadOnlySet<string> Incidents)
{
    public static CallConditions OpenNoIncident { get; } = new(true, new HashSet<string>());
}

/// <summary>
/// One call's way through a flow: starts at the flow's start, runs through messages, hours checks and incident
/// messages on its own, and stops where the caller must press a key or the call leaves the flow. Pure: the host plays
/// the prompts, collects keys with its timeout, and passes the conditions in.
/// </summary>
/// <remarks>The flow is expected to have passed <see cref="CallFlowLinter"/>; a flow that loops without a menu is a bug and throws.</remarks>
public sealed class CallFlowRun
{
    private readonly CallFlow flow;
    private int failedInputs;

    public CallFlowRun(CallFlow flow)
    {
        ArgumentNullException.ThrowIfNull(flow);
        this.flow = flow;
        Language = flow.DefaultLanguage;
        Node = flow.Start;
    }

    /// <summary>The caller's language: the flow's first, until a language menu's option chooses another.</summary>
    public Language Language { get; private set; }

    /// <summary>The node the call is at (a menu while waiting for a key).</summary>
    public string Node { get; private set; }

    /// <summary>Keys pressed and failed inputs so far, in order ('?' for a key not offered, '-' for no key).</summary>
    public string Keys { get; private set; } = "";

    /// <summary>Runs from the start to the first point where the caller acts or leaves the flow.</summary>
    public CallStep Begin(CallConditions conditions) => RunFrom(flow.Start, conditions, []);

    /// <summary>
    /// The caller pressed <paramref name="key"/> at the current menu, or nothing before the timeout (null). A key the
    /// menu offers follows it; a failed input plays the menu again, and after the menu's allowed attempts goes to its
    /// fallback (a person, by the linter's rules).
    /// </summary>
    /// <exception cref="InvalidOperationException">The call is not waiting at a menu.</exception>
    public CallStep Key(char? key, CallConditions conditions)
    {
        if (flow.Nodes[Node] is not MenuNode menu)
        {
            throw new InvalidOperationException($"The call is at '{Node}', not at a menu.");
        }

        if (key is { } pressed && menu.Option(pressed) is { } option)
        {
            Keys += pressed;
            failedInputs = 0;
            if (option.Language is { } chosen)
            {
                Language = chosen;
            }

            return RunFrom(option.Next, conditions, []);
        }

        Keys += key is null ? '-' : '?';
        failedInputs++;
        if (failedInputs >= menu.Attempts)
        {
            failedInputs = 0;
            return RunFrom(menu.Fallback, conditions, []);
        }

        return new CallStep.AwaitKey([menu.Prompt], Language, menu.Id);
    }

    private CallStep RunFrom(string id, CallConditions conditions, List<string> prompts)
    {
        // A flow that passed the linter reaches a stop within as many steps as it has nodes.
        for (var steps = 0; steps <= flow.Nodes.Count; steps++)
        {
            Node = id;
            switch (flow.Nodes[id])
            {
                case MessageNode message:
                    prompts.Add(message.Prompt);
                    id = message.Next;
                    break;
                case IncidentNode incident:
                    if (conditions.Incidents.Contains(incident.Switch))
                    {
                        prompts.Add(incident.Prompt);
                    }

                    id = incident.Next;
                    break;
                case HoursNode hours:
                    id = conditions.Open ? hours.Open : hours.Closed;
                    break;
                case MenuNode menu:
                    prompts.Add(menu.Prompt);
                    return new CallStep.AwaitKey(prompts, Language, menu.Id);
                case QueueNode queue:
                    if (queue.Language is { } language)
                    {
                        Language = language;
                    }

                    return new CallStep.EnterQueue(prompts, Language, queue.Queue, queue.Skills);
                case VoicemailNode voicemail:
                    prompts.Add(voicemail.Prompt);
                    return new CallStep.RecordVoicemail(prompts, Language, voicemail.Box);
                case FinalMessageNode final:
                    prompts.Add(final.Prompt);
                    return new CallStep.HangUp(prompts, Language);
                default:
                    throw new InvalidOperationException($"Unknown node kind {flow.Nodes[id].GetType().Name}.");
            }
        }

        throw new InvalidOperationException($"The flow '{flow.Name}' loops without a menu at '{id}'.");
    }
}
