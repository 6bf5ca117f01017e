namespace Switchboard.Voice.Sip;

/// <summary>One header line of a SIP message, its value unfolded and trimmed. Names are compared without regard to
/// case (RFC 3261 §7.3.1); compact forms are expanded to their long names when parsed.</summary>
public sealed record SipHeader(string Name, string Value);

/// <summary>The header names the stack reads, their compact forms (RFC 3261 §7.3.3, §20) and which of them may carry
/// several comma-separated values in one line (§7.3.1).</summary>
public static class SipHeaderNames
{
    public const string Via = "Via";
    public const string From = "From";
    public const string To = "To";
    public const string CallId = "Call-ID";
    public const string CSeq = "CSeq";
    public const string MaxForwards = "Max-Forwards";
    public const string Contact = "Contact";
    public const string ContentLength = "Content-Length";
    public const string ContentType = "Content-Type";
    public const string Route = "Route";
    public const string RecordRoute = "Record-Route";
    public const string Allow = "Allow";
    public const string Accept = "Accept";
    public const string Supported = "Supported";
    public const string Warning = "Warning";
    public const string Timestamp = "Timestamp";

    private static readonly Dictionary<char, string> Compact = new()
    {
        ['v'] = Via,
        ['f'] = From,
        ['t'] = To,
        ['i'] = CallId,
        ['m'] = Contact,
        ['l'] = ContentLength,
        ['c'] = ContentType,
        ['k'] = Supported,
        ['s'] = "Subject",
        ['e'] = "Content-Encoding",
        ['o'] = "Event",
        ['r'] = "Refer-To",
        ['u'] = "Allow-Events",
    };

    // Only these may hold a comma-separated list; splitting others (Date, WWW-Authenticate) would break them.
    private static readonly HashSet<string> Lists = new(StringComparer.OrdinalIgnoreCase)
    {
        Via, Route, RecordRoute, Contact, Allow, Accept, Supported, "Require", "Proxy-Require", "Unsupported",
        "Allow-Events", "Accept-Encoding", "Accept-Language", "Content-Encoding",
    };

    /// <summary>The long name for a one-letter compact form; any other name as given.</summary>
    public static string Expand(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.Length == 1 && Compact.TryGetValue(char.ToLowerInvariant(name[0]), out var full) ? full : name;
    }

    public static bool IsList(string name) => Lists.Contains(name);

    public static bool SameName(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}
