using System.Globalization;
using System.Text;

namespace Switchboard.Voice.Sip;

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
