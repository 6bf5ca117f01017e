using System.Globalization;
using System.Text;
using Switchboard.Cases;

namespace Switchboard.Email;

/// <summary>The automatic acknowledgement of a new case: its reference, and the response the contract promises, if any.</summary>
public static class MailAcknowledgement
{
    /// <summary>The subject of anything we send about a case, "Re: subject [Ref C-000123-X]": "Re: " once, the customer's
    /// subject, and the reference tag once, so a reply threads back even without its headers.</summary>
    public static string ReplySubject(string subject, CaseReference reference)
    {
        var text = (subject ?? "").Trim();
        if (text.Length == 0)
        {
            text = "Your message";
        }

        if (!text.StartsWith("Re:", StringComparison.OrdinalIgnoreCase))
        {
            text = "Re: " + text;
        }

        return CaseReference.FindIn(text) == reference ? text : text + " " + reference.SubjectTag;
    }

    /// <param name="reference">The case's reference.</param>
    /// <param name="promise">The contract's email response promise; null when it makes none.</param>
    public static string Body(CaseReference reference, TimeSpan? promise)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Thank you for your message. We have opened case {reference} for it.\n\n");
        text.Append(promise is { } p
            ? $"We will answer within {Duration(p)}.\n\n"
            : "We will answer as soon as we can.\n\n");
        text.Append("Please keep the reference in the subject if you write again, so your messages stay together.\n");
        text.Append("This message was sent automatically.\n");
        return text.ToString();
    }

    /// <summary>A promise in words people use: "2 hours", "1 day", "3 days and 4 hours", "45 minutes".</summary>
    public static string Duration(TimeSpan span)
    {
        var parts = new List<string>(3);
        Add(parts, span.Days, "day");
        Add(parts, span.Hours, "hour");
        Add(parts, span.Minutes, "minute");
        if (parts.Count == 0)
        {
            Add(parts, Math.Max(1, span.Seconds), "second");
        }

        return parts.Count == 1 ? parts[0] : string.Join(", ", parts.Take(parts.Count - 1)) + " and " + parts[^1];
    }

    private static void Add(List<string> parts, int count, string unit)
    {
        if (count > 0)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{count} {unit}{(count == 1 ? "" : "s")}"));
        }
    }
}
