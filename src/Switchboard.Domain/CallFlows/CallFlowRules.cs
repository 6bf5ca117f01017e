namespace Switchboard.CallFlows;

/// <summary>
/// The limits a call flow is checked against. ISO 18295-1 asks that contact be easy; it sets no numbers, so these
/// are defaults a client contract may change: at most three menu levels, four choices per menu (the way to a person
/// is not counted: it is not a choice the caller has to weigh), the human key at every menu, and a person after two
/// failed or empty inputs rather than a disconnection.
/// </summary>
public sealed record CallFlowRules
{
    public static CallFlowRules Default { get; } = new();

    /// <summary>Menus a caller may have to pass through on the longest path, language choice included.</summary>
    public int MaxMenuLevels { get; init; } = 3;

    /// <summary>Keys a menu may offer besides <see cref="HumanDigit"/>.</summary>
    public int MaxOptions { get; init; } = 4;

    /// <summary>The key that reaches a person from every menu.</summary>
    public char HumanDigit { get; init; } = '0';

    /// <summary>Failed or empty inputs after which a menu must hand the caller to a person.</summary>
    public int MaxFailedInputs { get; init; } = 2;

    /// <summary>
    /// What is wrong with limits a contract asks for, naming the field; null when they are usable. A contract may be
    /// stricter than the defaults or somewhat looser, but not so loose that the rules stop meaning short menus.
    /// </summary>
    public (string Field, string Error)? Problem() =>
        MaxMenuLevels is < 1 or > 5 ? ("maxMenuLevels", "Between 1 and 5.")
        : MaxOptions is < 1 or > 9 ? ("maxOptions", "Between 1 and 9.")
        : !"0123456789*#".Contains(HumanDigit, StringComparison.Ordinal) ? ("humanKey", "One telephone key: 0-9, * or #.")
        : MaxFailedInputs is < 1 or > 3 ? ("maxFailedInputs", "Between 1 and 3.")
        : null;
}
