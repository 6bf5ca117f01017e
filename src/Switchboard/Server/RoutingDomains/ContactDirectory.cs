using System.Collections.Concurrent;

namespace Switchboard.Server.RoutingDomains;

/// <summary>
/// The routing domain and client of every live contact, so a contact command finds its writer without reading the
/// database. The writers keep it: a contact is added when its arrival is projected (before its creator is answered),
/// removed once its finish is stored, and a domain's entries are rebuilt whenever it reloads from its log. A contact
/// that is not here (finished, or never existed) is looked up in the database as before.
/// </summary>
internal sealed class ContactDirectory
{
    private readonly ConcurrentDictionary<Guid, (string Domain, string Client)> live = new();

    public bool TryFind(Guid contact, out string domain, out string client)
    {
        if (live.TryGetValue(contact, out var found))
        {
            (domain, client) = found;
            return true;
        }

        domain = client = "";
        return false;
    }

    public void Add(Guid contact, string domain, string client) => live[contact] = (domain, client);

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
