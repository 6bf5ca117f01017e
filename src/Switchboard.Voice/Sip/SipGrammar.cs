using System.Text;

namespace Switchboard.Voice.Sip;

/// <summary>Reading and writing parameter lists and other small pieces of SIP grammar.</summary>
public static class SipGrammar
{
    /// <summary>RFC 3261 §25.1 token characters besides letters and digits.</summary>
    private const string TokenMarks = "-.!%*_+`'~";

    public static bool IsToken(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length == 0)
        {
            return false;
        }
        foreach (var c in text)
        {
            if (!char.IsAsciiLetterOrDigit(c) && !TokenMarks.Contains(c, StringComparison.Ordinal))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Parses <c>;a=b;c;d="x;y"</c> (the text after what the parameters qualify); null when malformed.</summary>
    public static ValueList<SipParameter>? ParseParameters(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parameters = new List<SipParameter>();
        var i = 0;
        while (true)
        {
            i = SkipSpace(text, i);
            if (i >= text.Length)
            {
                return new ValueList<SipParameter>(parameters);
            }
            if (text[i] != ';')
            {
                return null;
            }
            i = SkipSpace(text, i + 1);
            var nameStart = i;
            while (i < text.Length && text[i] is not ('=' or ';' or ' ' or '\t'))
            {
                i++;
            }
            var name = text[nameStart..i];
            if (!IsToken(name))
            {
                return null;
            }
            i = SkipSpace(text, i);
            string? value = null;
            if (i < text.Length && text[i] == '=')
            {
                i = SkipSpace(text, i + 1);
                var valueStart = i;
                if (i < text.Length && text[i] == '"')
                {
                    var end = QuotedEnd(text, i);
                    if (end < 0)
                    {
                        return null;
                    }
                    i = end + 1;
                }
                else
                {
                    while (i < text.Length && text[i] is not (';' or ' ' or '\t' or ','))
                    {
                        i++;
                    }
                }
                value = text[valueStart..i];
                if (value.Length == 0)
                {
                    return null;
                }
            }
            parameters.Add(new SipParameter(name, value));
        }
    }

    public static void WriteParameters(StringBuilder text, IEnumerable<SipParameter> parameters)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(parameters);
        foreach (var parameter in parameters)
        {
            text.Append(';').Append(parameter.Name);
            if (parameter.Value is not null)
            {
                text.Append('=').Append(parameter.Value);
            }
        }
    }

    public static string? Find(IEnumerable<SipParameter> parameters, string name, out bool present)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        foreach (var parameter in parameters)
        {
            if (string.Equals(parameter.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                present = true;
                return parameter.Value;
            }
        }
        present = false;
        return null;
    }

    /// <summary>The parameters with <paramref name="name"/> set to <paramref name="value"/> (replaced in place, or
    /// appended).</summary>
    public static ValueList<SipParameter> With(ValueList<SipParameter> parameters, string name, string? value)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var replaced = false;
        var result = new List<SipParameter>(parameters.Count + 1);
        foreach (var parameter in parameters)
        {
            if (string.Equals(parameter.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                result.Add(new SipParameter(parameter.Name, value));
                replaced = true;
            }
            else
            {
                result.Add(parameter);
            }
        }
        if (!replaced)
        {
            result.Add(new SipParameter(name, value));
        }
        return new ValueList<SipParameter>(result);
    }

    /// <summary>Splits a header value at commas that are outside quotes and angle brackets (RFC 3261 §7.3.1).</summary>
    public static List<string> SplitList(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var parts = new List<string>();
        var start = 0;
        var inQuotes = false;
        var inAngles = false;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (inQuotes)
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == '"')
                {
                    inQuotes = false;
                }
            }
            else if (c == '"')
            {
                inQuotes = true;
            }
            else if (c == '<')
            {
                inAngles = true;
            }
            else if (c == '>')
            {
                inAngles = false;
            }
            else if (c == ',' && !inAngles)
            {
                parts.Add(value[start..i].Trim());
                start = i + 1;
            }
        }
        parts.Add(value[start..].Trim());
        return parts;
    }

    /// <summary>Index of the quote closing the quoted string that opens at <paramref name="open"/>, or -1.</summary>
    public static int QuotedEnd(string text, int open)
    {
        ArgumentNullException.ThrowIfNull(text);
        for (var i = open + 1; i < text.Length; i++)
        {
            if (text[i] == '\\')
            {
                i++;
            }
            else if (text[i] == '"')
            {
                return i;
            }
        }
        return -1;
    }

    public static int SkipSpace(string text, int i)
    {
        ArgumentNullException.ThrowIfNull(text);
        while (i < text.Length && text[i] is ' ' or '\t')
        {
            i++;
        }
        return i;
    }
}
