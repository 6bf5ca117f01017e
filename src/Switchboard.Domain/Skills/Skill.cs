namespace Switchboard.Skills;

/// <summary>
/// A skill an agent may hold and a contact may need, such as <c>billing</c> or <c>mortgages</c>.
/// Names are compared case-insensitively and stored in lower case.
/// </summary>
public readonly record struct Skill
{
    public Skill(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name.Trim().ToLowerInvariant();
    }

    /// <summary>The skill's name, lower case.</summary>
    public string Name { get; }

    public override string ToString() => Name;
}
