using System.Text;
using System.Text.Json;

namespace Switchboard.Load;

/// <summary>
/// Reads the few fields a lifecycle needs straight from an answer's UTF-8 JSON with <see cref="Utf8JsonReader"/>, skipping
/// everything else (no records, no DOM). Agent names come from a small per-connection cache, so the hot path allocates no
/// string for them. Throws <see cref="JsonException"/>, <see cref="FormatException"/> or
/// <see cref="InvalidOperationException"/> on JSON of the wrong shape.
/// </summary>
internal sealed class ReplyFields
{
    // Agent ids are few (the seeded agents) and repeat in every lifecycle.
    private readonly Dictionary<string, string> agents = new(StringComparer.Ordinal);

    public Reply Read(int status, ReadOnlySpan<byte> json, Expect expect) => expect switch
    {
        Expect.Contact => ReadContact(status, json),
        Expect.Offers => ReadOffers(status, json),
        _ => new Reply(status),
    };

    private Reply ReadContact(int status, ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        Start(ref reader, JsonTokenType.StartObject);
        Guid id = default;
        string? state = null;
        string? agent = null;
        OfferFields? offer = null;
        while (NextProperty(ref reader, 1))
        {
            if (reader.ValueTextEquals("id"u8))
            {
                reader.Read();
                id = reader.GetGuid();
            }
            else if (reader.ValueTextEquals("state"u8))
            {
                reader.Read();
                state = reader.GetString();
            }
            else if (reader.ValueTextEquals("agent"u8))
            {
                reader.Read();
                agent = Agent(ref reader);
            }
            else if (reader.ValueTextEquals("offer"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.StartObject)
                {
                    long offerId = 0;
                    string? offeredTo = null;
                    while (NextProperty(ref reader, 2))
                    {
                        if (reader.ValueTextEquals("id"u8))
                        {
                            reader.Read();
                            offerId = reader.GetInt64();
                        }
                        else if (reader.ValueTextEquals("agent"u8))
                        {
                            reader.Read();
                            offeredTo = Agent(ref reader);
                        }
                    }

                    offer = new OfferFields(offerId, offeredTo, default);
                }
            }
        }

        return new Reply(status, id, state, agent, offer is { } o ? o with { Contact = id } : null);
    }

    private static Reply ReadOffers(int status, ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        Start(ref reader, JsonTokenType.StartArray);
        var offers = new List<OfferFields>();
        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            long id = 0;
            Guid contact = default;
            while (NextProperty(ref reader, 2))
            {
                if (reader.ValueTextEquals("id"u8))
                {
                    reader.Read();
                    id = reader.GetInt64();
                }
                else if (reader.ValueTextEquals("contact"u8))
                {
                    reader.Read();
                    contact = reader.GetGuid();
                }
            }

            offers.Add(new OfferFields(id, null, contact));
        }

        return new Reply(status, Offers: offers);
    }

    private static void Start(ref Utf8JsonReader reader, JsonTokenType expected)
    {
        if (!reader.Read() || reader.TokenType != expected)
        {
            throw new JsonException($"Expected {expected}, found {reader.TokenType}.");
        }
    }

    /// <summary>
    /// Moves to the next property name at <paramref name="depth"/> (skipping nested values); false at the end of the
    /// enclosing object. The reader is then on the name: the caller reads the value or lets the next call skip it.
    /// </summary>
    private static bool NextProperty(ref Utf8JsonReader reader, int depth)
    {
        while (reader.Read())
        {
            if (reader.CurrentDepth == depth && reader.TokenType == JsonTokenType.PropertyName)
            {
                return true;
            }

            if (reader.CurrentDepth == depth - 1 && reader.TokenType == JsonTokenType.EndObject)
            {
                return false;
            }
        }

        throw new JsonException("The JSON ended inside an object.");
    }

    private string? Agent(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.String || reader.ValueIsEscaped || reader.HasValueSequence || reader.ValueSpan.Length > 128)
        {
            return reader.GetString();
        }

        // Agent ids are ASCII in practice; anything else is decoded properly (and cached all the same).
        Span<char> name = stackalloc char[128];
        var length = Encoding.UTF8.GetChars(reader.ValueSpan, name);
        var lookup = agents.GetAlternateLookup<ReadOnlySpan<char>>();
        if (!lookup.TryGetValue(name[..length], out var known))
        {
            known = new string(name[..length]);
            agents[known] = known;
        }

        return known;
    }
}
