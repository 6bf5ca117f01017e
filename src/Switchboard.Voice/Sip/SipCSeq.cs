using System.Globalization;

namespace Switchboard.Voice.Sip;

/// <summary>The CSeq header (RFC 3261 §20.16): a sequence number below 2^31 and the request's method.</summary>
public sealed record SipCSeq(long Number, string Method)
{
    private static readonly char[] Blanks = [' ', '\t'];

    public static SipCSeq? Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var parts = value.Split(Blanks, StringSplitOptions.RemoveEmptyEntries);
        return parts.Length == 2
            && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number < (1L << 31)
            && SipGrammar.IsToken(parts[1])
            ? new SipCSeq(number, parts[1])
            : null;
    }

    public override string ToString() => $"{Number.ToString(CultureInfo.InvariantCulture)} {Method}";
}
