using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Switchboard.Load;

/// <summary>
/// <c>--client http</c>: the shared <see cref="HttpClient"/> (its <see cref="SocketsHttpHandler"/> keeps one keep-alive
/// connection per customer), answers deserialised into records with System.Text.Json. Kept to compare with the raw client.
/// </summary>
internal sealed class HttpClientConnection(HttpClient http) : ILoadConnection
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);
    private static readonly MediaTypeHeaderValue Json = new("application/json") { CharSet = "utf-8" };

    public async ValueTask<Reply> SendAsync(HttpMethod method, string path, ReadOnlyMemory<byte> body, Guid? idempotencyKey, Expect expect)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (!body.IsEmpty)
        {
            request.Content = new ReadOnlyMemoryContent(body) { Headers = { ContentType = Json } };
        }

        if (idempotencyKey is { } key)
        {
            request.Headers.Add("Idempotency-Key", key.ToString());
        }

        try
        {
            using var response = await http.SendAsync(request);
            var status = (int)response.StatusCode;
            if (!response.IsSuccessStatusCode || expect == Expect.Nothing || response.Content.Headers.ContentLength == 0)
            {
                await response.Content.ReadAsByteArrayAsync();
                return new Reply(status);
            }

            if (expect == Expect.Contact)
            {
                var contact = await response.Content.ReadFromJsonAsync<ContactAnswer>(Web);
                return contact is null
                    ? new Reply(status)
                    : new Reply(status, contact.Id, contact.State, contact.Agent, contact.Offer is { } o ? new OfferFields(o.Id, o.Agent, contact.Id) : null);
            }

            var offers = await response.Content.ReadFromJsonAsync<OfferView[]>(Web) ?? [];
            return new Reply(status, Offers: Array.ConvertAll(offers, o => new OfferFields(o.Id, null, o.Contact)));
        }
        catch (HttpRequestException failure)
        {
            throw new TransportFailure("transport", failure.Message, failure);
        }
        catch (TaskCanceledException failure)
        {
            throw new TransportFailure("timeout", failure.Message, failure);
        }
        catch (JsonException failure)
        {
            throw new TransportFailure("malformed", failure.Message, failure);
        }
    }

    /// <summary>The shared client is the caller's.</summary>
    public void Dispose()
    {
    }

    /// <summary>A create's answer and a contact's view alike (the fields either carries).</summary>
    private sealed record ContactAnswer(Guid Id, string? State, string? Agent, OfferMade? Offer);

    private sealed record OfferMade(long Id, string Agent);

    private sealed record OfferView(long Id, Guid Contact);
}
