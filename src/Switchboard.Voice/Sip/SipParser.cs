using System.Globalization;
using System.Text;

namespace Switchboard.Voice.Sip;

/// <summary>What parsing a datagram gave: a message, or a refusal with its reason.</summary>
public abstract record SipParse
{
    private SipParse()
    {
    }

    public sealed record Parsed(SipMessage Message) : SipParse;

    /// <summary>
    /// The datagram is not a SIP message we accept. <see cref="Method"/> is the request's method when the start line
    /// was a request line, and <see cref="Headers"/> the header lines that could be read, so the endpoint can answer
    /// 400 when they include what a response needs (RFC 3261 §8.2.6).
    /// </summary>
    public sealed record Refused(string Reason, string? Method, ValueList<SipHeader> Headers) : SipParse;
}

/// <summary>
/// Reads SIP messages from bytes (RFC 3261 §7): CRLF or bare LF line ends, folded header lines, compact header
/// names, Content-Length cutting the body (the rest of the datagram when absent, as UDP allows, §18.3). Never throws
/// on input: anything malformed is a <see cref="SipParse.Refused"/>.
/// </summary>
public static class SipParser
{
    private static readonly string[] AddressHeaders = [SipHeaderNames.From, SipHeaderNames.To];

    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static SipParse Parse(ReadOnlySpan<byte> datagram)
    {
        // §7.5: CRLFs before the start line are ignored (keep-alives).
        var start = 0;
        while (start < datagram.Length && datagram[start] is (byte)'\r' or (byte)'\n')
        {
            start++;
        }
        var data = datagram[start..];
        if (data.IsEmpty)
        {
            return Refuse("empty datagram", null, []);
        }

        var (headEnd, bodyStart) = FindBlankLine(data);
        string head;
        try
        {
            head = Strict.GetString(data[..headEnd]);
        }
        catch (DecoderFallbackException)
        {
            return Refuse("the start line and headers are not UTF-8", null, []);
        }

        var lines = head.Split('\n');
        var startLine = lines[0].TrimEnd('\r');
        var headers = new List<SipHeader>();
        string? headerProblem = null;
        for (var i = 1; i < lines.Length && headerProblem is null; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (line.Length > 0 && line[0] is ' ' or '\t')
            {
                if (headers.Count == 0)
                {
                    headerProblem = "a continuation line before any header";
                    break;
                }
                var last = headers[^1];
                headers[^1] = last with { Value = (last.Value + " " + line.Trim()).Trim() };
                continue;
            }
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var name = colon < 0 ? "" : line[..colon].TrimEnd(' ', '\t');
            if (!SipGrammar.IsToken(name))
            {
                headerProblem = $"header line {i} has no name";
                break;
            }
            headers.Add(new SipHeader(SipHeaderNames.Expand(name), line[(colon + 1)..].Trim()));
        }
        var found = new ValueList<SipHeader>(headers);

        var request = ParseRequestLine(startLine, out var method, out var target);
        var code = 0;
        string? reason = null;
        var response = !request && ParseStatusLine(startLine, out code, out reason);
        if (!request && !response)
        {
            return Refuse(method is null ? "not a SIP request or status line" : $"malformed request line \"{startLine}\"", method, found);
        }
        if (headerProblem is not null)
        {
            return Refuse(headerProblem, method, found);
        }

        var body = data[bodyStart..];
        var lengths = found.Where(h => SipHeaderNames.SameName(h.Name, SipHeaderNames.ContentLength)).Select(h => h.Value).Distinct().ToList();
        if (lengths.Count > 1)
        {
            return Refuse("conflicting Content-Length headers", method, found);
        }
        if (lengths.Count == 1)
        {
            if (!int.TryParse(lengths[0], NumberStyles.None, CultureInfo.InvariantCulture, out var length))
            {
                return Refuse($"Content-Length \"{lengths[0]}\" is not a number", method, found);
            }
            if (length > body.Length)
            {
                return Refuse($"Content-Length {length} is more than the {body.Length} bytes received", method, found);
            }
            body = body[..length];
        }
        string text;
        try
        {
            text = Strict.GetString(body);
        }
        catch (DecoderFallbackException)
        {
            return Refuse("the body is not UTF-8", method, found);
        }

        var kept = new ValueList<SipHeader>(found.Where(h => !SipHeaderNames.SameName(h.Name, SipHeaderNames.ContentLength)));
        SipMessage message = request ? new SipRequest(method!, target!, kept, text) : new SipResponse(code, reason!, kept, text);
        var problem = Check(message);
        return problem is null ? new SipParse.Parsed(message) : Refuse(problem, method, found);
    }

    /// <summary>The first problem with the headers every request and response must carry (§8.1.1), or null.</summary>
    private static string? Check(SipMessage message)
    {
        var vias = message.HeaderValues(SipHeaderNames.Via);
        if (vias.Count == 0)
        {
            return "no Via header";
        }
        if (vias.FirstOrDefault(v => SipVia.Parse(v) is null) is { } badVia)
        {
            return $"malformed Via \"{badVia}\"";
        }
        foreach (var name in AddressHeaders)
        {
            var value = message.Header(name);
            if (value is null)
            {
                return $"no {name} header";
            }
            if (SipAddress.Parse(value) is null)
            {
                return $"malformed {name} \"{value}\"";
            }
        }
        if (string.IsNullOrWhiteSpace(message.CallId))
        {
            return "no Call-ID header";
        }
        var cseqValue = message.Header(SipHeaderNames.CSeq);
        if (cseqValue is null)
        {
            return "no CSeq header";
        }
        if (SipCSeq.Parse(cseqValue) is not { } cseq)
        {
            return $"malformed CSeq \"{cseqValue}\"";
        }
        if (message is SipRequest request)
        {
            if (!string.Equals(cseq.Method, request.Method, StringComparison.Ordinal))
            {
                return $"CSeq method {cseq.Method} differs from the request's {request.Method}";
            }
            // Max-Forwards is mandatory in RFC 3261 but RFC 2543 peers omit it, so only a bad value is refused.
            if (request.Header(SipHeaderNames.MaxForwards) is { } hops
                && !(int.TryParse(hops, NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count <= 255))
            {
                return $"malformed Max-Forwards \"{hops}\"";
            }
        }
        return null;
    }

    private static bool ParseRequestLine(string line, out string? method, out string? target)
    {
        method = null;
        target = null;
        var parts = line.Split(' ');
        if (parts.Length >= 1 && SipGrammar.IsToken(parts[0]) && !parts[0].StartsWith("SIP/", StringComparison.OrdinalIgnoreCase))
        {
            method = parts[0];
        }
        if (method is null || parts.Length != 3 || !string.Equals(parts[2], "SIP/2.0", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        var colon = parts[1].IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || !SipGrammar.IsToken(parts[1][..colon]))
        {
            return false;
        }
        target = parts[1];
        return true;
    }

    private static bool ParseStatusLine(string line, out int code, out string? reason)
    {
        code = 0;
        reason = null;
        if (!line.StartsWith("SIP/2.0 ", StringComparison.OrdinalIgnoreCase) || line.Length < 11)
        {
            return false;
        }
        var codeText = line.Substring(8, 3);
        if (!int.TryParse(codeText, NumberStyles.None, CultureInfo.InvariantCulture, out code) || code is < 100 or > 699
            || (line.Length > 11 && line[11] != ' '))
        {
            return false;
        }
        reason = line.Length > 12 ? line[12..] : "";
        return true;
    }

    /// <summary>End of the header section and start of the body; without a blank line, all is header.</summary>
    private static (int HeadEnd, int BodyStart) FindBlankLine(ReadOnlySpan<byte> data)
    {
        for (var i = 0; i < data.Length - 1; i++)
        {
            if (data[i] != (byte)'\n')
            {
                continue;
            }
            if (data[i + 1] == (byte)'\n')
            {
                return (i, i + 2);
            }
            if (data[i + 1] == (byte)'\r' && i + 2 < data.Length && data[i + 2] == (byte)'\n')
            {
                return (i, i + 3);
            }
        }
        return (data.Length, data.Length);
    }

    private static SipParse.Refused Refuse(string reason, string? method, ValueList<SipHeader> headers) => new(reason, method, headers);
}
