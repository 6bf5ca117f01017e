using System.Globalization;

namespace Switchboard.Complaints;

/// <summary>
/// The reference a customer is given for a complaint, "CMP-000123-K": the number the host gave it (six digits at
/// least) and a check character, so a mistyped reference is caught before it is looked up.
/// </summary>
/// <remarks>
/// The check character is the weighted sum of the digits modulo 31, the rightmost digit weighing 1, the next 2 and
/// so on (leading zeros weigh nothing). Because 31 is prime and larger than every weight, a single wrong digit and a
/// swap of two neighbouring digits both change the sum, so neither passes. The 31 check characters leave out 0, 1,
/// 8, I and O, which are easily confused with other characters.
/// </remarks>
public readonly record struct ComplaintReference
{
    const string Prefix = "CMP-";
    const string CheckCharacters = "ABCDEFGHJKLMNPQRSTUVWXYZ2345679";

    public ComplaintReference(long number)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(number, 1);
        Number = number;
    }

    /// <summary>The complaint's number, given by the host (1 or more).</summary>
    public long Number { get; }

    /// <summary>The check character of <see cref="Number"/>.</summary>
    public char Check => CheckFor(Number);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Prefix}{Number:D6}-{Check}");

    /// <summary>Reads a reference as a customer may type it (any case, spaces around); false when it is not one or its
    /// check character does not match its number.</summary>
    public static bool TryParse(string? text, out ComplaintReference reference)
    {
        reference = default;
        var s = text?.Trim().ToUpperInvariant();
        if (s is null || !s.StartsWith(Prefix, StringComparison.Ordinal) || s.Length < Prefix.Length + 3 || s[^2] != '-')
        {
            return false;
        }

        var digits = s.AsSpan(Prefix.Length, s.Length - Prefix.Length - 2);
        if (digits.Length > 18 || !long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number < 1 || CheckFor(number) != s[^1])
        {
            return false;
        }

        reference = new ComplaintReference(number);
        return true;
    }

    static char CheckFor(long number)
    {
        long sum = 0;
        for (var weight = 1; number > 0; weight++, number /= 10)
        {
            sum += weight * (number % 10);
        }

        return CheckCharacters[(int)(sum % 31)];
    }
}
