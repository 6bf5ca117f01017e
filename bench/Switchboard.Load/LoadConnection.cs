namespace Switchboard.Load;

/// <summary>
/// One virtual customer's way to the server: sends one request at a time and returns the status and the few answer
/// fields a lifecycle needs. Two implementations, so the lifecycle code is the same whichever client is measured:
/// <see cref="HttpClientConnection"/> (.NET <see cref="HttpClient"/>, records deserialised) and <see cref="RawConnection"/>
/// (one socket, hand-written HTTP/1.1, fields read with <see cref="System.Text.Json.Utf8JsonReader"/>).
/// </summary>
internal interface ILoadConnection : IDisposable
{
    /// <summary>
    /// Sends <paramref name="method"/> <paramref name="path"/> with <paramref name="body"/> (UTF-8 JSON; empty for none)
    /// and an <c>Idempotency-Key</c> header when <paramref name="idempotencyKey"/> is given; reads the fields
    /// <paramref name="expect"/> names from a successful answer. Throws <see cref="TransportFailure"/> when no well-formed
    /// answer came (broken connection, malformed response, no answer within <see cref="Timeout"/>).
    /// </summary>
    ValueTask<Reply> SendAsync(HttpMethod method, string path, ReadOnlyMemory<byte> body, Guid? idempotencyKey, Expect expect);

    /// <summary>How long one request may take before it counts as a failure (and, raw, the connection is remade).</summary>
    public static TimeSpan Timeout { get; } = TimeSpan.FromSeconds(30);
}

/// <summary>Which fields of a successful answer the lifecycle reads.</summary>
internal enum Expect
{
    /// <summary>None: the body is read and dropped.</summary>
    Nothing,

    /// <summary>A contact (a create's answer or <c>GET /api/contacts/{id}</c>): <c>id</c>, <c>state</c>, <c>agent</c>, <c>offer.id</c>, <c>offer.agent</c>.</summary>
    Contact,

    /// <summary>An agent's open offers (<c>GET /api/agents/{id}/offers</c>): each one's <c>id</c> and <c>contact</c>.</summary>
    Offers,
}

/// <summary>
/// An answer: its HTTP status and, for a 2xx, the fields <see cref="Expect"/> asked for (absent ones are default/null).
/// </summary>
internal readonly record struct Reply(int Status, Guid Contact = default, string? State = null, string? Agent = null, OfferFields? Offer = null,
    IReadOnlyList<OfferFields>? Offers = null)
{
    public bool IsSuccess => Status is >= 200 and <= 299;
}

/// <summary>An offer as the lifecycle needs it: its id, the agent it went to (a create's answer) or the contact (an offers list).</summary>
internal readonly record struct OfferFields(long Id, string? Agent, Guid Contact);

/// <summary>No well-formed answer came; <see cref="Reason"/> is the failure's kind in the report (transport, timeout, malformed).</summary>
internal sealed class TransportFailure : Exception
{
    public TransportFailure()
    {
        Reason = "transport";
    }

    public TransportFailure(string message)
        : base(message)
    {
        Reason = "transport";
    }

    public TransportFailure(string message, Exception innerException)
        : base(message, innerException)
    {
        Reason = "transport";
    }

    public TransportFailure(string reason, string message, Exception? innerException)
        : base(message, innerException)
    {
        Reason = reason;
    }

    public string Reason { get; }
}
