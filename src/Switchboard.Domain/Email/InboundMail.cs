namespace Switchboard.Email;

/// <summary>
/// What classification and threading read of an arriving message, as plain values (the host parses the MIME).
/// Message ids are without angle brackets; addresses as written, compared case-insensitively.
/// </summary>
public sealed record InboundMail
{
    /// <summary>The Message-ID header (the host makes one up for a message without).</summary>
    public required string MessageId { get; init; }

    /// <summary>The sender's address (From).</summary>
    public required string From { get; init; }

    /// <summary>The envelope sender from the Return-Path header: "" for the null return path (&lt;&gt;), null when absent.</summary>
    public string? ReturnPath { get; init; }

    public string Subject { get; init; } = "";

    /// <summary>The top-level media type ("multipart/report"), lower case; null when absent.</summary>
    public string? MediaType { get; init; }

    /// <summary>The report-type parameter of a multipart/report ("delivery-status"); null otherwise.</summary>
    public string? ReportType { get; init; }

    /// <summary>The In-Reply-To message id, if any.</summary>
    public string? InReplyTo { get; init; }

    /// <summary>The References message ids, oldest first.</summary>
    public IReadOnlyList<string> References { get; init; } = [];

    /// <summary>Every other header that matters here, by name (case-insensitive): Auto-Submitted, Precedence, X-Autoreply, …</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>A header's value, or null when the message has none.</summary>
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}
