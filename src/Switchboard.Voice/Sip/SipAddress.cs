using System.Globalization;
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

/// <summary>
/// One Via value (RFC 3261 §20.42, §18.2.1): transport, sent-by host and port, and parameters such as
/// <c>branch</c>, <c>received</c> and <c>rport</c> (RFC 3581).
/// </summary>
public sealed record SipVia(string Transport, string Host, int? Port, ValueList<SipParameter> Parameters)
{
    /// <summary>Branches that begin with this cookie identify their transaction on their own (RFC 3261 §8.1.1.7).</summary>
    public const string MagicCookie = "z9hG4bK";

    public string? Branch => SipGrammar.Find(Parameters, "branch", out _);

    public string? Received => SipGrammar.Find(Parameters, "received", out _);

    /// <summary>True when the sender asked for responses to come back to the port it sent from (RFC 3581).</summary>
    public bool HasRport
    {
        get
        {
            SipGrammar.Find(Parameters, "rport", out var present);
            return present;
        }
    }

    /// <summary>The port the <c>rport</c> parameter carries, when filled in.</summary>
    public int? Rport => int.TryParse(SipGrammar.Find(Parameters, "rport", out _), NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and <= 65535 ? port : null;

    /// <summary>The sent-by part as it appears in the header: host, and <c>:port</c> when one was given.</summary>
    public string SentBy => Port is { } port ? $"{Host}:{port.ToString(CultureInfo.InvariantCulture)}" : Host;

    public SipVia With(string name, string? value) => this with { Parameters = SipGrammar.With(Parameters, name, value) };

    public static SipVia? Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var text = value.Trim();
        var parts = new string[3];
        var i = 0;
        for (var part = 0; part < 3; part++)
        {
            i = SipGrammar.SkipSpace(text, i);
            var start = i;
            while (i < text.Length && text[i] is not ('/' or ' ' or '\t'))
            {
                i++;
            }
            parts[part] = text[start..i];
            i = SipGrammar.SkipSpace(text, i);
            if (part < 2)
            {
                if (i >= text.Length || text[i] != '/')
                {
                    return null;
                }
                i++;
            }
        }
        if (!string.Equals(parts[0], "SIP", StringComparison.OrdinalIgnoreCase) || parts[1] != "2.0" || !SipGrammar.IsToken(parts[2]))
        {
            return null;
        }
        var sentByStart = i;
        while (i < text.Length && text[i] is not (';' or ' ' or '\t'))
        {
            i++;
        }
        var sentBy = text[sentByStart..i];
        var (host, port, ok) = SplitHostPort(sentBy);
        if (!ok)
        {
            return null;
        }
        var parameters = SipGrammar.ParseParameters(text[i..]);
        return parameters is null ? null : new SipVia(parts[2].ToUpperInvariant(), host, port, parameters);
    }

    public override string ToString()
    {
        var text = new StringBuilder("SIP/2.0/").Append(Transport).Append(' ').Append(SentBy);
        SipGrammar.WriteParameters(text, Parameters);
        return text.ToString();
    }

    private static (string Host, int? Port, bool Ok) SplitHostPort(string sentBy)
    {
        string host;
        string? port = null;
        if (sentBy.StartsWith('['))
        {
            var close = sentBy.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                return ("", null, false);
            }
            host = sentBy[..(close + 1)];
            if (close + 1 < sentBy.Length)
            {
                if (sentBy[close + 1] != ':')
                {
                    return ("", null, false);
                }
                port = sentBy[(close + 2)..];
            }
        }
        else
        {
            var colon = sentBy.IndexOf(':', StringComparison.Ordinal);
            host = colon < 0 ? sentBy : sentBy[..colon];
            port = colon < 0 ? null : sentBy[(colon + 1)..];
        }
        if (host.Length == 0 || !host.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or ':' or '[' or ']'))
        {
            return ("", null, false);
        }
        if (port is null)
        {
            return (host, null, true);
        }
        var valid = int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number is > 0 and <= 65535;
        return (host, valid ? number : null, valid);
    }
}

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
