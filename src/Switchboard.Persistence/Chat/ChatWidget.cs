namespace Switchboard.Persistence.Chat;

/// <summary>
/// A chat entry point ("widget") a client puts on its websites: which origins may embed it, the topics a customer
/// chooses from (each mapped to one of the client's queues), the languages offered, and when to offer a callback.
/// </summary>
public sealed class ChatWidget
{
    /// <summary>The public, URL-safe id the widget's script and page carry.</summary>
    public required string Id { get; set; }

    /// <summary>The client whose widget it is (tenant isolation).</summary>
    public required string Client { get; set; }

    public required string DisplayName { get; set; }

    /// <summary>The website origins allowed to call the customer API, space-separated (<c>https://www.example.com</c>).</summary>
    public required string Origins { get; set; }

    /// <summary>The topics as JSON: an array of <c>{ id, label, queue }</c>.</summary>
    public required string Topics { get; set; }

    /// <summary>The languages offered (IETF BCP 47 tags), space-separated, the first being the default.</summary>
    public required string Languages { get; set; }

    /// <summary>When the expected wait exceeds this, the customer is offered a callback or an email follow-up; null
    /// uses each topic's queue's own callback threshold (and offers none when the queue has none).</summary>
    public TimeSpan? CallbackOfferAfter { get; set; }

    public DateTimeOffset Created { get; set; }

    public DateTimeOffset Updated { get; set; }

    public int Version { get; set; }
}
