namespace Switchboard.Voice.Sip;

/// <summary>Responses built from the request they answer (RFC 3261 §8.2.6).</summary>
public static class SipResponses
{
    /// <summary>
    /// A response with the request's Via lines (in order), From, To, Call-ID and CSeq copied; for anything but 100,
    /// <paramref name="toTag"/> is added to a To without a tag (§8.2.6.2). A 100 also copies Timestamp (§8.2.6.1).
    /// </summary>
    public static SipResponse To(SipRequest request, int statusCode, string reasonPhrase, string? toTag = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentOutOfRangeException.ThrowIfLessThan(statusCode, 100);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(statusCode, 699);
        var headers = new List<SipHeader>();
        foreach (var header in request.Headers)
        {
            if (SipHeaderNames.SameName(header.Name, SipHeaderNames.Via))
            {
                headers.Add(header);
            }
        }
        Copy(request, SipHeaderNames.From, headers);
        if (request.Header(SipHeaderNames.To) is { } to)
        {
            var address = SipAddress.Parse(to);
            headers.Add(statusCode != 100 && toTag is not null && address is { Tag: null }
                ? new SipHeader(SipHeaderNames.To, address.WithTag(toTag).ToString())
                : new SipHeader(SipHeaderNames.To, to));
        }
        Copy(request, SipHeaderNames.CallId, headers);
        Copy(request, SipHeaderNames.CSeq, headers);
        if (statusCode == 100)
        {
            Copy(request, SipHeaderNames.Timestamp, headers);
        }
        return new SipResponse(statusCode, reasonPhrase, new ValueList<SipHeader>(headers), "");
    }

    /// <summary>
    /// The same response built from whatever header lines could be read of a request that did not parse, or null
    /// when a line a response needs is missing (then nothing can be sent back).
    /// </summary>
    public static SipResponse? ToUnparsed(string method, ValueList<SipHeader> headers, int statusCode, string reasonPhrase, string? toTag = null)
    {
        ArgumentNullException.ThrowIfNull(headers);
        var needed = new[] { SipHeaderNames.Via, SipHeaderNames.From, SipHeaderNames.To, SipHeaderNames.CallId, SipHeaderNames.CSeq };
        if (!needed.All(name => headers.Any(h => SipHeaderNames.SameName(h.Name, name))))
        {
            return null;
        }
        var request = new SipRequest(method, "sip:unparsed", headers, "");
        var response = To(request, statusCode, reasonPhrase, toTag);
        return response.Vias.Count == 0 ? null : response;
    }

    private static void Copy(SipRequest request, string name, List<SipHeader> headers)
    {
        if (request.Header(name) is { } value)
        {
            headers.Add(new SipHeader(name, value));
        }
    }
}
