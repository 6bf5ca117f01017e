using Switchboard.Contacts;
using Switchboard.Persistence;
using Switchboard.Routing;

namespace Switchboard.Server.RoutingDomains;

/// <summary>
/// What a piece of work sees while the writer runs it: the domain's engine at the batch's instant, the public ids of
/// its contacts, and a way to stage directory rows that must be stored in the same transaction as the events.
/// </summary>
internal sealed class DomainBatch(RoutingDomain domain)
{
    private readonly List<Action<SwitchboardDb>> staged = [];

    public RoutingEngine Engine => domain.Engine;

    public string Domain => domain.Id;

    public DateTimeOffset Now { get; private set; }

    public IReadOnlyList<Action<SwitchboardDb>> Staged => staged;

    /// <summary>Contacts that arrived in this batch, by engine number: their public id, client and idempotency key.</summary>
    public Dictionary<long, (Guid Id, string Client, string? IdempotencyKey)> Arrivals { get; } = [];

    public void Begin(DateTimeOffset now)
    {
        Now = now;
        staged.Clear();
        Arrivals.Clear();
    }

    /// <summary>Adds, changes or removes directory rows in the batch's transaction (only if the work's events are stored).</summary>
    public void Stage(Action<SwitchboardDb> change) => staged.Add(change);

    /// <summary>
    /// Puts a new contact in its queue, or, when <paramref name="idempotency"/> names a request already answered,
    /// returns that request's contact without creating another.
    /// </summary>
    public ContactArrival Enqueue(NewContact contact, string client, IdempotencyKey? idempotency) =>
        Arrive(client, idempotency, contact, static (engine, contact, now) => engine.Enqueue(contact, now));

    /// <summary>Books a callback in its window, with the same idempotency as <see cref="Enqueue"/>.</summary>
    public ContactArrival ScheduleCallback(CallbackBooking booking, string client, IdempotencyKey? idempotency) =>
        Arrive(client, idempotency, booking, static (engine, booking, now) => engine.ScheduleCallback(booking, now));

    private ContactArrival Arrive<T>(string client, IdempotencyKey? idempotency, T request, Func<RoutingEngine, T, DateTimeOffset, ArrivalOutcome> arrive)
    {
        if (idempotency is { } key && domain.TryFindIdempotent(key, out var earlier, out var sameRequest))
        {
            return sameRequest ? new ContactArrival.Repeated(earlier) : new ContactArrival.KeyReused(earlier);
        }

        var outcome = arrive(Engine, request, Now);
        if (!outcome.Accepted)
        {
            return new ContactArrival.Refused(outcome.Result);
        }

        var id = RoutingDomain.NewContactId(Now);
        Arrivals[outcome.Contact.Value] = (id, client, idempotency?.Stored);
        if (idempotency is { } used)
        {
            domain.RememberIdempotent(used, id, Now);
        }

        return new ContactArrival.Queued(id, outcome);
    }

    /// <summary>The engine's number of a live contact of this domain.</summary>
    public ContactId? NumberOf(Guid contact) => domain.NumberOf(contact);

    /// <summary>The public id of a contact of this domain the engine still knows, including one that arrived earlier in
    /// this batch (the domain learns of those only when the batch is projected, after all its work has run).</summary>
    public Guid? IdOf(ContactId contact) =>
        domain.IdOf(contact.Value) ?? (Arrivals.TryGetValue(contact.Value, out var arrival) ? arrival.Id : null);
}

/// <summary>The answer to a new contact.</summary>
internal abstract record ContactArrival
{
    private ContactArrival()
    {
    }

    /// <summary>Queued (or offered at once): its public id, and the wait announced to the customer.</summary>
    public sealed record Queued(Guid Id, ArrivalOutcome Outcome) : ContactArrival;

    /// <summary>The same request came before: its contact, not a new one.</summary>
    public sealed record Repeated(Guid Id) : ContactArrival;

    /// <summary>The key was used before for a different request.</summary>
    public sealed record KeyReused(Guid Id) : ContactArrival;

    /// <summary>The engine refused it (unknown queue, queue full).</summary>
    public sealed record Refused(RoutingResult Result) : ContactArrival;
}

/// <summary>An <c>Idempotency-Key</c> header as the writer keeps it: whose it is, the key, and a hash of the request.</summary>
internal readonly record struct IdempotencyKey(string Scope, string Key, string RequestHash)
{
    /// <summary>Scope and key: what identifies the request.</summary>
    public string Lookup => Scope + "|" + Key;

    /// <summary>As stored in the contact row.</summary>
    public string Stored => Lookup + "|" + RequestHash;

    public static IdempotencyKey? Parse(string? stored)
    {
        if (stored is null)
        {
            return null;
        }

        var last = stored.LastIndexOf('|');
        var first = stored.IndexOf('|', StringComparison.Ordinal);
        return first < 0 || last <= first ? null : new IdempotencyKey(stored[..first], stored[(first + 1)..last], stored[(last + 1)..]);
    }
}
