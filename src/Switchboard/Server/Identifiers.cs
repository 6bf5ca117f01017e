using System.Text.RegularExpressions;

namespace Switchboard.Server;

/// <summary>The ids administrators choose for clients, queues and agents: short, lower-case, URL-safe.</summary>
internal static partial class Identifiers
{
    public const string Rule = "1-64 characters: lower-case letters, digits and '-', starting with a letter or digit.";

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    public static bool IsValid(string? id) => id is not null && Pattern().IsMatch(id);
}
