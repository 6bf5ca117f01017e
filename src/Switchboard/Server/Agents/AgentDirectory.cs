using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Switchboard.Persistence;

namespace Switchboard.Server.Agents;

/// <summary>Which routing domain each agent belongs to (it never changes), cached so offer answers skip the database.</summary>
internal sealed class AgentDirectory(IDbContextFactory<SwitchboardDb> databases)
{
    private readonly ConcurrentDictionary<string, string> domains = new(StringComparer.Ordinal);

    public async Task<string?> DomainOfAsync(string agent, CancellationToken cancellationToken)
    {
        if (domains.TryGetValue(agent, out var known))
        {
            return known;
        }

        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var domain = await db.Agents.Where(a => a.Id == agent).Select(a => a.Domain).SingleOrDefaultAsync(cancellationToken);
        if (domain is not null)
        {
            domains[agent] = domain;
        }

        return domain;
    }
}
