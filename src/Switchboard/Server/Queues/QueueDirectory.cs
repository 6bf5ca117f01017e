using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Switchboard.Persistence;

namespace Switchboard.Server.Queues;

/// <summary>Which client and routing domain each queue belongs to (neither ever changes), cached so creating a contact
/// skips the database. Callers still apply the request's <see cref="DataScope"/> to the client found.</summary>
internal sealed class QueueDirectory(IDbContextFactory<SwitchboardDb> databases)
{
    private readonly ConcurrentDictionary<string, (string Client, string Domain)> queues = new(StringComparer.Ordinal);

    public async Task<(string Client, string Domain)?> FindAsync(string queue, CancellationToken cancellationToken)
    {
        if (queues.TryGetValue(queue, out var known))
        {
            return known;
        }

        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var found = await db.Queues.AsNoTracking().Where(q => q.Id == queue).Select(q => new { q.Client, q.Domain }).SingleOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            return null;
        }

        queues[queue] = (found.Client, found.Domain);
        return (found.Client, found.Domain);
    }
}
