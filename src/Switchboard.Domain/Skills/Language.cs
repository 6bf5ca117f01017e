namespace Switchboard.Skills;

/// <summary>
/// A customer's or agent's language as an IETF BCP 47 tag (<c>en</c>, <c>en-GB</c>, <c>zh-Hant-TW</c>).
/// </summary>
/// <remarks>
/// Routing matches on the language and script subtags and ignores the region: a customer writing
/// <c>en-GB</c> is served by an agent who speaks <c>en-US</c>, but <c>zh-Hant</c> is not <c>zh-Hans</c>,
/// because script decides whether a written conversation can be read at all.
/// </remarks>
public readonly record struct Language
{
    public Language(string tag)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tag);
        var parts = tag.Trim().Replace('_', '-').Split('-', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0 || parts[0].Length is < 2 or > 8 || !IsLetters(parts[0]))
        {
            throw new ArgumentException($"'{tag}' is not a BCP 47 language tag.", nameof(tag));
        }

        var primary = parts[0].ToLowerInvariant();
        var script = parts.Length > 1 && parts[1].Length == 4 && IsLetters(parts[1])
            ? char.ToUpperInvariant(parts[1][0]) + parts[1][1..].ToLowerInvariant()
            : null;
        MatchKey = script is null ? primary : primary + "-" + script;
        Tag = Normalise(parts);
    }

    /// <summary>The tag as given, with conventional casing (<c>en-GB</c>, <c>zh-Hant-TW</c>).</summary>
    public string Tag { get; }

    /// <summary>The part routing compares: language and script, without region.</summary>
    public string MatchKey { get; }

    /// <summary>True when an agent speaking <paramref name="other"/> can serve a customer speaking this.</summary>
    public bool Matches(Language other) => string.Equals(MatchKey, other.MatchKey, StringComparison.Ordinal);

    public override string ToString() => Tag;

    private static bool IsLetters(string s)
    {
        foreach (var c in s)
        {
            if (!char.IsAsciiLetter(c))
            {
                return false;
            }
        }

        return true;
    }

    private static string Normalise(string[] parts)
    {
        var result = new string[parts.Length];
        result[0] = parts[0].ToLowerInvariant();
        for (var i = 1; i < parts.Length; i++)
        {
            var p = parts[i];
            result[i] = p.Length switch
            {
                2 when IsLetters(p) => p.ToUpperInvariant(),
                4 when IsLetters(p) => char.ToUpperInvariant(p[0]) + p[1..].ToLowerInvariant(),
                _ => p.ToLowerInvariant(),
            };
        }

        return string.Join('-', result);
    }
}
