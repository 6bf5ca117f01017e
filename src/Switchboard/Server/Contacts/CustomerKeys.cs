using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Switchboard.Contacts;
using Switchboard.Persistence;
using Switchboard.Persistence.Contacts;
using Switchboard.Server.RoutingDomains;

namespace Switchboard.Server.Contacts;

/// <summary>
/// Who a contact's customer is (phone, email, client reference; see <see cref="CustomerKey"/>) and the same customer's
/// other contacts of the same client. The keys are personal data in <c>customer_keys</c>, never in routing events.
/// </summary>
internal static class CustomerKeys
{
    /// <summary>The most contacts a customer history answers (the newest).</summary>
    public const int HistoryLimit = 20;

    /// <summary>
    /// Who the customer is, as the channel knows them; every part optional. <paramref name="Phone"/> in E.164 form
    /// (spaces, hyphens, dots and parentheses allowed between digits), <paramref name="Email"/> (stored trimmed and
    /// lower-cased), <paramref name="Reference"/>: the client's own id for the customer (CRM or account id, at most 100 characters).
    /// </summary>
    public sealed record CustomerRequest(
        [property: StringLength(32)] string? Phone = null,
        [property: StringLength(CustomerKey.EmailLength)] string? Email = null,
        [property: StringLength(CustomerKey.ReferenceLength)] string? Reference = null)
    {
        /// <summary>The normalised keys, or the 400 naming the malformed part (under <paramref name="field"/>).</summary>
        public (List<CustomerKey> Keys, ValidationProblem? Problem) Parse(string field = "customer")
        {
            var keys = new List<CustomerKey>(3);
            if (Phone is not null)
            {
                if (!CustomerKey.TryPhone(Phone, out var phone))
                {
                    return (keys, Problems.Field(field + ".phone", "A number in E.164 form, such as +441632960961."));
                }

                keys.Add(phone!);
            }

            if (Email is not null)
            {
                if (!CustomerKey.TryEmail(Email, out var email))
                {
                    return (keys, Problems.Field(field + ".email", "An email address, such as ada@example.com."));
                }

                keys.Add(email!);
            }

            if (Reference is not null)
            {
                if (!CustomerKey.TryReference(Reference, out var reference))
                {
                    return (keys, Problems.Field(field + ".reference", $"Between 1 and {CustomerKey.ReferenceLength} characters, no control characters."));
                }

                keys.Add(reference!);
            }

            return (keys, null);
        }

        /// <summary>The request that carries <paramref name="keys"/> again (to give a new contact the same customer).</summary>
        public static CustomerRequest? From(IReadOnlyCollection<CustomerKey> keys) => keys.Count == 0
            ? null
            : new(
                keys.FirstOrDefault(k => k.Kind == CustomerKeyKind.Phone)?.Value,
                keys.FirstOrDefault(k => k.Kind == CustomerKeyKind.Email)?.Value,
                keys.FirstOrDefault(k => k.Kind == CustomerKeyKind.Reference)?.Value);
    }

    /// <summary>One of the customer's other contacts: when it arrived (UTC), where, its state, who handled it and, once
    /// wrapped up, the disposition and contact reason the agent recorded.</summary>
    public sealed record CustomerContactView(
        Guid Id, Channel Channel, string Queue, DateTimeOffset Arrived, string State, string? Agent, string? Disposition, string? ContactReason)
    {
        public static CustomerContactView From(ContactRecord c) =>
            new(c.Id, (Channel)c.Channel, c.Queue, c.Arrived, ContactsApi.StateName(c.State), c.Agent, c.Disposition, c.ContactReason);
    }

    /// <summary>Stages the keys of a contact that has just arrived, to commit with its arrival (one row per kind; a later
    /// key of a kind the contact already has is ignored, the first stands).</summary>
    public static void Stage(DomainBatch batch, Guid contact, string client, IEnumerable<CustomerKey> keys)
    {
        var rows = keys.DistinctBy(k => k.Kind)
            .Select(k => new CustomerKeyRecord { Contact = contact, Kind = (int)k.Kind, Client = client, Value = k.Value })
            .ToList();
        if (rows.Count > 0)
        {
            batch.Stage(db => db.CustomerKeys.AddRange(rows));
        }
    }

    /// <summary>The customer keys a contact carries (none for a contact the caller may not see).</summary>
    public static async Task<List<CustomerKey>> OfAsync(Guid contact, SwitchboardDb db, CancellationToken cancellationToken)
    {
        var rows = await db.CustomerKeys.AsNoTracking().Where(k => k.Contact == contact).ToListAsync(cancellationToken);
        var keys = new List<CustomerKey>(rows.Count);
        foreach (var row in rows)
        {
            // Stored normalised, so each parses back to itself.
            var parsed = (CustomerKeyKind)row.Kind switch
            {
                CustomerKeyKind.Phone => CustomerKey.TryPhone(row.Value, out var k) ? k : null,
                CustomerKeyKind.Email => CustomerKey.TryEmail(row.Value, out var k) ? k : null,
                CustomerKeyKind.Reference => CustomerKey.TryReference(row.Value, out var k) ? k : null,
                _ => null,
            };
            if (parsed is not null)
            {
                keys.Add(parsed);
            }
        }

        return keys;
    }

    /// <summary>
    /// The same customer's other contacts of the same client, on any channel, newest arrival first, at most
    /// <see cref="HistoryLimit"/>: those sharing any customer key with this one. Empty for a contact without keys; never
    /// another client's (the keys are compared within the contact's client, and the caller's data scope applies).
    /// </summary>
    public static async Task<Results<Ok<CustomerContactView[]>, ProblemHttpResult>> History(Guid id, SwitchboardDb db, CancellationToken cancellationToken)
    {
        var client = await db.Contacts.AsNoTracking().Where(c => c.Id == id).Select(c => c.Client).SingleOrDefaultAsync(cancellationToken);
        if (client is null)
        {
            return Problems.NotFound($"No contact {id}.");
        }

        var keys = await db.CustomerKeys.AsNoTracking().Where(k => k.Contact == id && k.Client == client).ToListAsync(cancellationToken);
        if (keys.Count == 0)
        {
            return TypedResults.Ok(Array.Empty<CustomerContactView>());
        }

        var phone = keys.Find(k => k.Kind == (int)CustomerKeyKind.Phone)?.Value;
        var email = keys.Find(k => k.Kind == (int)CustomerKeyKind.Email)?.Value;
        var reference = keys.Find(k => k.Kind == (int)CustomerKeyKind.Reference)?.Value;
        var same = db.CustomerKeys
            .Where(k => k.Client == client && k.Contact != id
                && ((k.Kind == (int)CustomerKeyKind.Phone && k.Value == phone)
                    || (k.Kind == (int)CustomerKeyKind.Email && k.Value == email)
                    || (k.Kind == (int)CustomerKeyKind.Reference && k.Value == reference)))
            .Select(k => k.Contact);
        var rows = await db.Contacts.AsNoTracking()
            .Where(c => c.Client == client && same.Contains(c.Id))
            .OrderByDescending(c => c.Arrived).ThenByDescending(c => c.Number)
            .Take(HistoryLimit)
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(rows.Select(CustomerContactView.From).ToArray());
    }
}
