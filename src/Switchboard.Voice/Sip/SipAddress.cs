using System.Text;

namespace Switchboard.Voice.Sip;

/// <summary>
/// A From, To, Contact, Route or Record-Route value (RFC 3261 §20.10, §25.1): an optional display name, the address
/// (a SIP or other URI, kept as text) and the header's parameters such as <c>tag</c>. In the addr-spec form without
/// angle brackets, parameters after the address belong to the header, as §20 says.
/// </summary>
public sealed record SipAddress(string? DisplayName, string Address, ValueList<SipParameter> Parameters)
{
    public string? Tag => SipGrammar.Find(Parameters, "tag", out _);

    public SipAddress WithTag(string tag) => this with { Parameters = SipGrammar.With(Parameters, "tag", tag) };

    /// <summary>Parses a name-addr or addr-spec with parameters; null when malformed.</summary>
    public static SipAddress? Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var text = value.Trim();
        string? display = null;
        int afterAddress;
        string address;
        if (text.StartsWith('"'))
        {
            var close = SipGrammar.QuotedEnd(text, 0);
            if (close < 0)
            {
                return null;
            }
            display = Unquote(text[1..close]);
            var open = SipGrammar.SkipSpace(text, close + 1);
            if (open >= text.Length || text[open] != '<')
            {
                return null;
            }
            (address, afterAddress) = Bracketed(text, open);
        }
        else if (text.IndexOf('<', StringComparison.Ordinal) is var open and >= 0)
        {
            var name = text[..open].Trim();
            display = name.Length == 0 ? null : name;
            (address, afterAddress) = Bracketed(text, open);
        }
        else
        {
            var semicolon = text.IndexOf(';', StringComparison.Ordinal);
            afterAddress = semicolon < 0 ? text.Length : semicolon;
            address = text[..afterAddress].Trim();
            if (address.Contains(',', StringComparison.Ordinal) || address.Contains('?', StringComparison.Ordinal))
            {
                // §20.10: an address with commas, question marks or semicolons must be in angle brackets.
                return null;
            }
        }
        if (afterAddress < 0 || !IsAddress(address))
        {
            return null;
        }
        var parameters = SipGrammar.ParseParameters(text[afterAddress..]);
        return parameters is null ? null : new SipAddress(display, address, parameters);
    }

    public override string ToString()
    {
        var text = new StringBuilder();
        if (DisplayName is not null)
        {
            text.Append('"').Append(DisplayName.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)).Append("\" ");
        }
        text.Append('<').Append(Address).Append('>');
        SipGrammar.WriteParameters(text, Parameters);
        return text.ToString();
    }

    private static (string Address, int After) Bracketed(string text, int open)
    {
        var close = text.IndexOf('>', open + 1);
        return close < 0 ? ("", -1) : (text[(open + 1)..close].Trim(), close + 1);
    }

    private static bool IsAddress(string address)
    {
        var colon = address.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && colon < address.Length - 1 && SipGrammar.IsToken(address[..colon])
            && !address.Any(c => char.IsWhiteSpace(c) || c is '<' or '>' or '"');
    }

    private static string Unquote(string quoted)
    {
        var text = new StringBuilder(quoted.Length);
        for (var i = 0; i < quoted.Length; i++)
        {
            if (quoted[i] == '\\' && i + 1 < quoted.Length)
            {
                i++;
            }
            text.Append(quoted[i]);
        }
        return text.ToString();
    }
}
