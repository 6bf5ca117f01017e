using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Switchboard.Persistence;
using Switchboard.Server.Security;

namespace Switchboard.Server.Audit;

/// <summary>Reading and checking the audit trail (auditors and administrators; their reads are audited too).</summary>
internal static class AuditApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var group = api.MapGroup("/audit").WithTags("Audit");
        group.MapGet("/", List).RequireAuthorization(Policies.AuditRead);
        group.MapGet("/verify", Verify).RequireAuthorization(Policies.AuditRead);
    }

    public sealed record AuditView(long Id, DateTimeOffset At, string Actor, string Action, string Resource, string? Client, string? Detail, string Hash);

    /// <summary>Whether the chain is whole; if not, the first row where it breaks and how.</summary>
    public sealed record Verification(bool Intact, long Entries, long? BrokenAt, string? Problem);

    public static async Task<Ok<AuditView[]>> List(ClaimsPrincipal user, SwitchboardDb db, AuditTrail audit, long? after, int? limit, CancellationToken cancellationToken)
    {
        var from = after ?? 0;
        var rows = await db.AuditEntries.AsNoTracking().Where(e => e.Id > from).OrderBy(e => e.Id).Take(Math.Clamp(limit ?? 100, 1, 1000)).ToListAsync(cancellationToken);
        await audit.RecordAsync(user, "audit.read", $"audit/{from}", detail: $"{rows.Count} entries");
        return TypedResults.Ok(rows.Select(e => new AuditView(e.Id, e.At, e.Actor, e.Action, e.Resource, e.Client, e.Detail, e.Hash)).ToArray());
    }

    public static async Task<Ok<Verification>> Verify(ClaimsPrincipal user, SwitchboardDb db, AuditTrail audit, CancellationToken cancellationToken)
    {
        var verification = await CheckChainAsync(db, cancellationToken);
        await audit.RecordAsync(user, "audit.verify", "audit");
        return TypedResults.Ok(verification);
    }

    /// <summary>Walks the whole chain: whether every entry is there, in order, unchanged and linked to the one before.</summary>
    public static async Task<Verification> CheckChainAsync(SwitchboardDb db, CancellationToken cancellationToken)
    {
        var previous = AuditTrail.Genesis;
        long expected = 1;
        long count = 0;
        Verification? broken = null;
        await foreach (var entry in db.AuditEntries.AsNoTracking().OrderBy(e => e.Id).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            count++;
            if (broken is not null)
            {
                continue;
            }

            if (entry.Id != expected)
            {
                broken = new Verification(false, 0, expected, entry.Id > expected ? $"Entry {expected} is missing." : $"Entry {entry.Id} is out of order.");
            }
            else if (!string.Equals(entry.PreviousHash, previous, StringComparison.Ordinal))
            {
                broken = new Verification(false, 0, entry.Id, "The entry does not follow the one before it (a row before it was changed or removed).");
            }
            else if (!string.Equals(AuditTrail.Hash(entry), entry.Hash, StringComparison.Ordinal))
            {
                broken = new Verification(false, 0, entry.Id, "The entry was changed after it was written.");
            }

            previous = entry.Hash;
            expected = entry.Id + 1;
        }

        return broken is null ? new Verification(true, count, null, null) : broken with { Entries = count };
    }
}
