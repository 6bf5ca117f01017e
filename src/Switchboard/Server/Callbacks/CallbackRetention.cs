using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Switchboard.Contacts;
using Switchboard.Persistence;
using Switchboard.Server.Audit;
using Switchboard.Server.Hosting;

namespace Switchboard.Server.Callbacks;

/// <summary>
/// Erases who to call (the customer reference and phone number in <c>callback_customers</c>) once a booked callback has
/// been finished for <see cref="RetentionSettings.CallbackNumbers"/>: completed or abandoned that long ago, or its
/// window ended that long ago whatever became of it. The number served one promise to call; kept a while after, it
/// answers the customer's or client's questions about that call, and then it has no purpose left (data minimisation).
/// Each erasure is on the audit trail. A callback whose window is still to come keeps its number; a cancelled one lost it
/// at once (see <see cref="CallbacksApi.Cancel"/>).
/// </summary>
internal sealed partial class CallbackRetention(
    IDbContextFactory<SwitchboardDb> databases,
    AuditTrail audit,
    TimeProvider time,
    IOptions<ServerSettings> settings,
    ILogger<CallbackRetention> logger) : BackgroundService
{
    /// <summary>How often the server looks for numbers due for erasure: an hour, small beside any sensible retention.</summary>
    public static readonly TimeSpan SweepInterval = TimeSpan.FromHours(1);

    /// <summary>The actor written in the audit trail for an erasure nobody asked for at that moment.</summary>
    public const string Actor = "switchboard (retention)";

    private const int BatchSize = 500;

    private readonly Lock gate = new();
    private TaskCompletionSource nextSweep = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private DateTimeOffset? lastSwept;

    /// <summary>The instant (server clock) up to which the last completed sweep looked; null before the first.</summary>
    public DateTimeOffset? LastSwept
    {
        get
        {
            lock (gate)
            {
                return lastSwept;
            }
        }
    }

    /// <summary>Completes once a sweep that looked at <paramref name="at"/> or later has completed (at once if one has).</summary>
    public async Task SweptAsync(DateTimeOffset at, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task next;
            lock (gate)
            {
                if (lastSwept >= at)
                {
                    return;
                }

                next = nextSweep.Task;
            }

            await next.WaitAsync(cancellationToken);
        }
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Recurring.RunAsync(SweepInterval, time, SweepAsync, error => LogSweepFailed(logger, error), stoppingToken);

    /// <summary>Erases every number due now, a batch at a time; returns how many were erased.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var retention = settings.Value.Retention.CallbackNumbers;
        if (retention < TimeSpan.Zero)
        {
            throw new InvalidOperationException($"Switchboard:Retention:CallbackNumbers is {retention}; it must not be negative.");
        }

        var now = time.GetUtcNow();
        var finishedBefore = now - retention;
        const int completed = (int)ContactState.Completed;
        const int abandoned = (int)ContactState.Abandoned;
        var erased = 0;
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        while (true)
        {
            var due = await db.CallbackCustomers
                .Join(db.Contacts, customer => customer.Contact, contact => contact.Id, (customer, contact) => new { customer.Contact, customer.Client, contact.State, contact.Updated, contact.CallbackUntil })
                .Where(c => ((c.State == completed || c.State == abandoned) && c.Updated <= finishedBefore) || c.CallbackUntil <= finishedBefore)
                .OrderBy(c => c.Contact)
                .Take(BatchSize)
                .Select(c => new { c.Contact, c.Client })
                .ToListAsync(cancellationToken);
            foreach (var row in due)
            {
                // One row at a time, so the audit trail records exactly the erasures this sweep made (a cancellation
                // may erase the same row meanwhile, and audits its own).
                if (await db.CallbackCustomers.Where(c => c.Contact == row.Contact).ExecuteDeleteAsync(cancellationToken) > 0)
                {
                    await audit.RecordAsync(Actor, "callback.customer.erased", "contact/" + row.Contact, row.Client, $"retention {retention}");
                    erased++;
                }
            }

            if (due.Count < BatchSize)
            {
                break;
            }
        }

        TaskCompletionSource swept;
        lock (gate)
        {
            lastSwept = now;
            swept = nextSweep;
            nextSweep = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        swept.SetResult();
        return erased;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Erasing callback numbers past their retention failed; the next sweep tries again.")]
    private static partial void LogSweepFailed(ILogger logger, Exception error);
}
