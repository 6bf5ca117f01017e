using System.Globalization;

namespace Switchboard.Cases;

/// <summary>
/// The reference a customer is given for a case, "C-000123-X": the case's number (at least six digits) and a check
/// letter, so a reference typed back with one wrong digit or two digits swapped is not taken for another case.
/// </summary>
/// <remarks>The check letter is the number modulo 23 over 23 letters without I, O and Z (which read as digits). 23 is
/// prime and greater than 9, so changing one digit, or swapping two neighbours, always changes the remainder.</remarks>
public readonly record struct CaseReference
{
    private const string Letters = "ABCDEFGHJKLMNPQRSTUVWXY";

    public CaseReference(long number)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(number, 1);
        Number = number;
    }

    /// <summary>The case's number, from 1.</summary>
    public long Number { get; }

    /// <summary>The check letter of <see cref="Number"/>.</summary>
    public char Check => Letters[(int)(Number % Letters.Length)];

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"C-{Number:D6}-{Check}");

    /// <summary>The subject tag customers keep when they reply: "[Ref C-000123-X]".</summary>
    public string SubjectTag => $"[Ref {this}]";

    /// <summary>Reads "C-000123-X" (case-insensitive); false for anything else, or a check letter that does not match.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out CaseReference reference)
    {
        reference = default;
        text = text.Trim();
        if (text.Length < 10 || char.ToUpperInvariant(text[0]) != 'C' || text[1] != '-' || text[^2] != '-')
        {
            return false;
        }

        var digits = text[2..^2];
        if (digits.Length is < 6 or > 18 || !long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number < 1)
        {
            return false;
        }

        var candidate = new CaseReference(number);
        if (char.ToUpperInvariant(text[^1]) != candidate.Check)
        {
            return false;
        }

        reference = candidate;
        return true;
    }

    /// <summary>The first well-formed "[Ref C-…]" tag in a subject, if any; a tag with a wrong check letter is ignored.</summary>
    public static CaseReference? FindIn(string? subject)
    {
        if (string.IsNullOrEmpty(subject))
        {
            return null;
        }

        var at = 0;
        while ((at = subject.IndexOf("[Ref ", at, StringComparison.OrdinalIgnoreCase)) >= 0)
        {
            var end = subject.IndexOf(']', at);
            if (end < 0)
            {
                return null;
            }

            if (TryParse(subject.AsSpan(at + 5, end - at - 5), out var reference))
            {
                return reference;
            }

            at = end;
        }

        return null;
    }
}
