using System.Collections.Concurrent;
using Switchboard.Contacts;

namespace Switchboard.Server.RoutingDomains;

/// <summary>
/// The routing domain, client and last committed state of every live contact, so a contact command finds its writer,
/// and a reader (a chat stream, a send permission) learns a contact's state and agent, without reading the database or
/// queueing on the writer. The writers keep it: a contact is added when its arrival is projected (before its creator is
/// answered), updated once each change is stored and removed once its finish is stored (both before any caller of the
/// batch is answered and before the batch is published), and a domain's entries are rebuilt whenever it reloads from
/// its log. A contact that is not here (finished, or never existed) is looked up in the database as before.
/// </summary>
internal sealed class ContactDirectory
{
    private readonly ConcurrentDictionary<Guid, DirectoryEntry> live = new();

    public bool TryFind(Guid contact, out string domain, out string client)
    {
        if (live.TryGetValue(contact, out var found))
        {
            (domain, client) = (found.Domain, found.Client);
            return true;
        }

        domain = client = "";
        return false;
    }

    /// <summary>The contact's entry (domain, client, committed state and agent) while it is live.</summary>
    public bool TryFind(Guid contact, out DirectoryEntry entry) => live.TryGetValue(contact, out entry);

    public void Add(Guid contact, string domain, string client, ContactState state = ContactState.Waiting, string? agent = null) =>
        live[contact] = new DirectoryEntry(domain, client, state, agent);

    /// <summary>Records a stored change of a live contact's state or agent (a contact not here is left out).</summary>
    public void Update(Guid contact, ContactState state, string? agent)
    {
        if (live.TryGetValue(contact, out var entry) && (entry.State != state || !string.Equals(entry.Agent, agent, StringComparison.Ordinal)))
        {
            live[contact] = entry with { State = state, Agent = agent };
        }
    }

    public void Remove(Guid contact) => live.TryRemove(contact, out _);

    /// <summary>Forgets every contact of <paramref name="domain"/> (before it reloads; rare, so a scan is fine).</summary>
    public void ForgetDomain(string domain)
    {
        foreach (var (contact, entry) in live)
        {
            if (string.Equals(entry.Domain, domain, StringComparison.Ordinal))
            {
                live.TryRemove(contact, out _);
            }
        }
    }
}

/// <summary>A live contact's routing domain and client, and its state and agent as last stored.</summary>
internal readonly record struct DirectoryEntry(string Domain, string Client, ContactState State, string? Agent);
