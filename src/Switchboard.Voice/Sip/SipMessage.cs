using System.Globalization;
using System.Text;

namespace Switchboard.Voice.Sip;

/// <summary>
/// A SIP request or response (RFC 3261 §7) as the stack holds it: header lines in their order, and the body as text.
/// Content-Length is not kept among the headers: it is the body's length in UTF-8 bytes, written on serialising.
/// </summary>
public abstract record SipMessage
{
    private protected SipMessage(ValueList<SipHeader> headers, string body)
    {
        Headers = headers;
        Body = body;
    }

    public ValueList<SipHeader> Headers { get; init; }

    /// <summary>The body as UTF-8 text (SDP in practice); empty when there is none.</summary>
    public string Body { get; init; }

    /// <summary>The first line's value of the named header (long name, any case), or null.</summary>
    public string? Header(string name)
    {
        foreach (var header in Headers)
        {
            if (SipHeaderNames.SameName(header.Name, name))
            {
                return header.Value;
            }
        }
        return null;
    }

    /// <summary>Every value of the named header in order, across repeated lines and, for headers that allow it,
    /// comma-separated values within a line.</summary>
    public IReadOnlyList<string> HeaderValues(string name)
    {
        var values = new List<string>();
        var splits = SipHeaderNames.IsList(name);
        foreach (var header in Headers)
        {
            if (SipHeaderNames.SameName(header.Name, name))
            {
                if (splits)
                {
                    values.AddRange(SipGrammar.SplitList(header.Value));
                }
                else
                {
                    values.Add(header.Value);
                }
            }
        }
        return values;
    }

    public string? CallId => Header(SipHeaderNames.CallId);

    public SipCSeq? CSeq => Header(SipHeaderNames.CSeq) is { } value ? SipCSeq.Parse(value) : null;

    public SipAddress? From => Header(SipHeaderNames.From) is { } value ? SipAddress.Parse(value) : null;

    public SipAddress? To => Header(SipHeaderNames.To) is { } value ? SipAddress.Parse(value) : null;

    /// <summary>The Via values, topmost first; a value that does not parse is left out (parsed messages have none).</summary>
    public IReadOnlyList<SipVia> Vias => [.. HeaderValues(SipHeaderNames.Via).Select(SipVia.Parse).OfType<SipVia>()];

    /// <summary>This message with every line of the named header removed and one line with the value appended.</summary>
    public ValueList<SipHeader> HeadersWith(string name, string value) =>
        new([.. Headers.Where(h => !SipHeaderNames.SameName(h.Name, name)), new SipHeader(name, value)]);

    /// <summary>The message as it goes on the wire: start line, headers, Content-Length, blank line, body.</summary>
    public byte[] ToBytes() => Encoding.UTF8.GetBytes(ToString());

    // Sealed so the records below keep this wire form instead of the compiler's member listing.
    public sealed override string ToString()
    {
        var text = new StringBuilder(256);
        text.Append(StartLine).Append("\r\n");
        foreach (var header in Headers)
        {
            text.Append(header.Name).Append(": ").Append(header.Value).Append("\r\n");
        }
        text.Append(SipHeaderNames.ContentLength).Append(": ")
            .Append(Encoding.UTF8.GetByteCount(Body).ToString(CultureInfo.InvariantCulture)).Append("\r\n\r\n")
            .Append(Body);
        return text.ToString();
    }

    private protected abstract string StartLine { get; }
}

/// <summary>A request: its method (case-sensitive, RFC 3261 §7.1) and Request-URI, kept as text.</summary>
public sealed record SipRequest : SipMessage
{
    public SipRequest(string method, string target, ValueList<SipHeader> headers, string body)
        : base(headers, body)
    {
        Method = method;
        Target = target;
    }

    public string Method { get; init; }

    /// <summary>The Request-URI.</summary>
    public string Target { get; init; }

    private protected override string StartLine => $"{Method} {Target} SIP/2.0";
}

/// <summary>A response: status code (100-699) and reason phrase.</summary>
public sealed record SipResponse : SipMessage
{
    public SipResponse(int statusCode, string reasonPhrase, ValueList<SipHeader> headers, string body)
        : base(headers, body)
    {
        StatusCode = statusCode;
        ReasonPhrase = reasonPhrase;
    }

    public int StatusCode { get; init; }

    public string ReasonPhrase { get; init; }

    public bool IsProvisional => StatusCode < 200;

    private protected override string StartLine => $"SIP/2.0 {StatusCode.ToString(CultureInfo.InvariantCulture)} {ReasonPhrase}";
}
