using System.Globalization;
using System.Text;

namespace Switchboard.Voice.Sdp;

/// <summary>An <c>a=</c> line: name, and value after the colon (null for a property attribute such as
/// <c>a=sendrecv</c>).</summary>
public sealed record SdpAttribute(string Name, string? Value)
{
    public override string ToString() => Value is null ? Name : $"{Name}:{Value}";
}

/// <summary>The <c>o=</c> line (RFC 4566 §5.2).</summary>
public sealed record SdpOrigin(string UserName, string SessionId, string SessionVersion, string NetworkType, string AddressType, string Address)
{
    public override string ToString() => $"{UserName} {SessionId} {SessionVersion} {NetworkType} {AddressType} {Address}";
}

/// <summary>A <c>c=</c> line (RFC 4566 §5.7); the address as given (a TTL or count suffix is kept).</summary>
public sealed record SdpConnection(string NetworkType, string AddressType, string Address)
{
    public override string ToString() => $"{NetworkType} {AddressType} {Address}";
}

/// <summary>Which way media flows on a stream (RFC 3264 §5.1, §6.1); hold is sendonly or inactive (§8.4).</summary>
public enum MediaDirection
{
    SendReceive,
    SendOnly,
    ReceiveOnly,
    Inactive,
}

/// <summary>An <c>m=</c> section (RFC 4566 §5.14): media, port, protocol, formats (payload types for RTP/AVP) and
/// the section's own <c>c=</c>, <c>b=</c>-less lines and attributes.</summary>
public sealed record SdpMedia(string Media, int Port, string Protocol, ValueList<string> Formats, SdpConnection? Connection, ValueList<SdpAttribute> Attributes)
{
    /// <summary>The direction this section's attributes state, or null when they state none.</summary>
    public MediaDirection? Direction => SessionDescription.DirectionIn(Attributes);

    /// <summary>The encoding name and clock rate an <c>a=rtpmap</c> gives the payload type, or null.</summary>
    public (string Encoding, int ClockRate)? RtpMap(int payloadType)
    {
        var prefix = payloadType.ToString(CultureInfo.InvariantCulture) + " ";
        foreach (var attribute in Attributes)
        {
            if (attribute.Name == "rtpmap" && attribute.Value is { } value && value.StartsWith(prefix, StringComparison.Ordinal))
            {
                var map = value[prefix.Length..].Trim().Split('/');
                if (map.Length >= 2 && int.TryParse(map[1], NumberStyles.None, CultureInfo.InvariantCulture, out var rate))
                {
                    return (map[0], rate);
                }
            }
        }
        return null;
    }
}

/// <summary>
/// A session description (RFC 4566): the lines the voice channel uses, in their required order: v, o, s, c, t,
/// session attributes, then media sections. Lines it does not use (i, u, e, p, b, r, z, k) are skipped when parsed.
/// </summary>
public sealed record SessionDescription(SdpOrigin Origin, string SessionName, SdpConnection? Connection, string Timing, ValueList<SdpAttribute> Attributes, ValueList<SdpMedia> Media)
{
    /// <summary>The direction a media section has: its own attribute, else the session's, else sendrecv
    /// (RFC 3264 §5.1).</summary>
    public MediaDirection DirectionOf(SdpMedia media)
    {
        ArgumentNullException.ThrowIfNull(media);
        return media.Direction ?? DirectionIn(Attributes) ?? MediaDirection.SendReceive;
    }

    /// <summary>The connection a media section uses: its own, else the session's.</summary>
    public SdpConnection? ConnectionOf(SdpMedia media)
    {
        ArgumentNullException.ThrowIfNull(media);
        return media.Connection ?? Connection;
    }

    internal static MediaDirection? DirectionIn(IEnumerable<SdpAttribute> attributes)
    {
        foreach (var attribute in attributes)
        {
            switch (attribute.Name)
            {
                case "sendrecv": return MediaDirection.SendReceive;
                case "sendonly": return MediaDirection.SendOnly;
                case "recvonly": return MediaDirection.ReceiveOnly;
                case "inactive": return MediaDirection.Inactive;
            }
        }
        return null;
    }

    public static string AttributeName(MediaDirection direction) => direction switch
    {
        MediaDirection.SendReceive => "sendrecv",
        MediaDirection.SendOnly => "sendonly",
        MediaDirection.ReceiveOnly => "recvonly",
        MediaDirection.Inactive => "inactive",
        _ => throw new ArgumentOutOfRangeException(nameof(direction), direction, null),
    };

    public override string ToString()
    {
        var text = new StringBuilder(256);
        Line(text, 'v', "0");
        Line(text, 'o', Origin.ToString());
        Line(text, 's', SessionName);
        if (Connection is not null)
        {
            Line(text, 'c', Connection.ToString());
        }
        Line(text, 't', Timing);
        foreach (var attribute in Attributes)
        {
            Line(text, 'a', attribute.ToString());
        }
        foreach (var media in Media)
        {
            Line(text, 'm', $"{media.Media} {media.Port.ToString(CultureInfo.InvariantCulture)} {media.Protocol} {string.Join(' ', media.Formats)}");
            if (media.Connection is not null)
            {
                Line(text, 'c', media.Connection.ToString());
            }
            foreach (var attribute in media.Attributes)
            {
                Line(text, 'a', attribute.ToString());
            }
        }
        return text.ToString();
    }

    private static void Line(StringBuilder text, char type, string value) => text.Append(type).Append('=').Append(value).Append("\r\n");
}

/// <summary>What parsing a body as SDP gave.</summary>
public abstract record SdpParse
{
    private SdpParse()
    {
    }

    public sealed record Parsed(SessionDescription Description) : SdpParse;

    public sealed record Refused(string Reason) : SdpParse;
}

/// <summary>Reads SDP text (RFC 4566 §5): <c>type=value</c> lines ending in CRLF or LF. Never throws on input.</summary>
public static class SdpParser
{
    public static SdpParse Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = text.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).ToList();
        if (lines.Count == 0 || lines[0] != "v=0")
        {
            return new SdpParse.Refused("an SDP body begins with v=0");
        }
        SdpOrigin? origin = null;
        string? name = null;
        SdpConnection? connection = null;
        string? timing = null;
        var attributes = new List<SdpAttribute>();
        var media = new List<SdpMedia>();
        SdpMedia? current = null;
        var currentAttributes = new List<SdpAttribute>();
        for (var i = 1; i < lines.Count; i++)
        {
            var line = lines[i];
            if (line.Length < 2 || line[1] != '=' || !char.IsAsciiLetterLower(line[0]))
            {
                return new SdpParse.Refused($"line {i + 1} is not type=value: \"{line}\"");
            }
            var value = line[2..];
            switch (line[0])
            {
                case 'o' when current is null:
                    var o = value.Split(' ');
                    if (o.Length != 6)
                    {
                        return new SdpParse.Refused($"o= has six fields: \"{value}\"");
                    }
                    origin = new SdpOrigin(o[0], o[1], o[2], o[3], o[4], o[5]);
                    break;
                case 's' when current is null:
                    name = value;
                    break;
                case 't' when current is null:
                    timing = value;
                    break;
                case 'c':
                    var c = value.Split(' ');
                    if (c.Length != 3)
                    {
                        return new SdpParse.Refused($"c= has three fields: \"{value}\"");
                    }
                    var parsed = new SdpConnection(c[0], c[1], c[2]);
                    if (current is null)
                    {
                        connection = parsed;
                    }
                    else
                    {
                        current = current with { Connection = parsed };
                    }
                    break;
                case 'a':
                    var colon = value.IndexOf(':', StringComparison.Ordinal);
                    var attribute = colon < 0 ? new SdpAttribute(value, null) : new SdpAttribute(value[..colon], value[(colon + 1)..]);
                    (current is null ? attributes : currentAttributes).Add(attribute);
                    break;
                case 'm':
                    if (current is not null)
                    {
                        media.Add(current with { Attributes = new ValueList<SdpAttribute>(currentAttributes) });
                        currentAttributes.Clear();
                    }
                    var m = value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                    // The port may carry "/count" (RFC 4566 §5.14); only its first number matters for unicast.
                    if (m.Length < 4 || !int.TryParse(m[1].Split('/')[0], NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > 65535)
                    {
                        return new SdpParse.Refused($"malformed m= line \"{value}\"");
                    }
                    current = new SdpMedia(m[0], port, m[2], new ValueList<string>(m[3..]), null, []);
                    break;
                default:
                    break;
            }
        }
        if (current is not null)
        {
            media.Add(current with { Attributes = new ValueList<SdpAttribute>(currentAttributes) });
        }
        if (origin is null || name is null || timing is null)
        {
            return new SdpParse.Refused("an SDP body needs o=, s= and t= lines");
        }
        return new SdpParse.Parsed(new SessionDescription(origin, name, connection, timing, new ValueList<SdpAttribute>(attributes), new ValueList<SdpMedia>(media)));
    }
}
