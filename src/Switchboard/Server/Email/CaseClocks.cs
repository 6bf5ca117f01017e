using Microsoft.EntityFrameworkCore;
using Switchboard.Cases;
using Switchboard.Persistence;
using Switchboard.Persistence.Email;
using Switchboard.Server.Hosting;
using Switchboard.ServiceLevels;

namespace Switchboard.Server.Email;

/// <summary>
/// The breach monitor for cases: every minute it reads the clock of each case that is not closed and records the
/// pre-breach warnings and breaches reached since the last look as entries of the case's log (<c>clock.warned</c>,
/// <c>clock.breached</c>), once each, refreshing the deadline and breach columns the lists filter on; and it sends
/// again the acknowledgements the mail server did not take at intake.
/// </summary>
internal sealed partial class CaseClocks(IDbContextFactory<SwitchboardDb> databases, MailIntake intake, TimeProvider time, ILogger<CaseClocks> logger) : BackgroundService
{
    /// <summary>How often the clocks are read: small beside the shortest sensible target (hours).</summary>
    public static readonly TimeSpan CheckInterval = TimeSpan.FromMinutes(1);

    /// <summary>The actor written on the entries the monitor records.</summary>
    public const string Actor = "switchboard (case clocks)";

    private const int Batch = 200;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Recurring.RunAsync(CheckInterval, time, SweepAsync, error => LogSweepFailed(logger, error), stoppingToken);

    /// <summary>Reads every open case's clock now; returns the warnings and breaches recorded by this call.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var recorded = 0;
        long after = 0;
        var clients = new Dictionary<(string Client, string Queue), ClientHours>();
        while (true)
        {
            // Under the intake's gate, so a step taken meanwhile cannot take the same log sequence.
            var (count, last) = await intake.ExclusiveAsync(() => SweepBatchAsync(after, clients, cancellationToken), cancellationToken);
            if (last is null)
            {
                return recorded;
            }

            recorded += count;
            after = last.Value;
        }
    }

    private async Task<(int Recorded, long? Last)> SweepBatchAsync(long after, Dictionary<(string Client, string Queue), ClientHours> clients, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var rows = await db.Cases
            .Where(c => c.Number > after && c.Status != (int)CaseStatus.Closed && (c.Due != null || c.AcknowledgementOwed))
            .OrderBy(c => c.Number).Take(Batch).ToListAsync(cancellationToken);
        if (rows.Count == 0)
        {
            return (0, null);
        }

        var ids = rows.Select(r => r.Id).ToList();
        var logs = (await db.CaseEvents.AsNoTracking().Where(e => ids.Contains(e.Case)).ToListAsync(cancellationToken))
            .GroupBy(e => e.Case).ToDictionary(g => g.Key, g => g.OrderBy(e => e.Sequence).ToList());
        var raised = new List<ClockEvent>();
        var recorded = 0;
        foreach (var row in rows)
        {
            var log = logs[row.Id];
            var (current, clock) = CaseLog.Rebuild(row, log, await CaseLog.HoursAsync(db, row.Client, row.Queue, clients, cancellationToken));
            raised.Clear();
            clock.Evaluate(now, new ClockReading[clock.Policy.Targets.Count], raised);
            var sequence = log.Count;
            foreach (var clockEvent in raised)
            {
                clock.Apply(clockEvent);
                var (kind, detail) = clockEvent switch
                {
                    ClockEvent.Warned w => (CaseLog.Warned, new CaseDetail { Target = w.Target.Value, Fraction = w.Fraction }),
                    ClockEvent.Breached b => (CaseLog.Breached, new CaseDetail { Target = b.Target.Value, DueAt = b.DueAt }),
                    _ => throw new InvalidOperationException($"A clock raises only warnings and breaches, not {clockEvent.GetType().Name}."),
                };
                db.CaseEvents.Add(CaseLog.Entry(row, sequence++, kind, clockEvent.At, Actor, detail));
                if (clockEvent is ClockEvent.Breached breach)
                {
                    LogBreached(logger, new CaseReference(row.Number), breach.Target.Value, breach.DueAt);
                }
            }

            if (raised.Count > 0)
            {
                row.Version++;
            }

            CaseLog.Project(row, current, clock, now);
            recorded += raised.Count;
        }

        await db.SaveChangesAsync(cancellationToken);
        foreach (var row in rows.Where(r => r.AcknowledgementOwed))
        {
            await ResendAcknowledgementAsync(db, row, clients, cancellationToken);
        }

        return (recorded, rows[^1].Number);
    }

    private async Task ResendAcknowledgementAsync(SwitchboardDb db, CaseRecord row, Dictionary<(string Client, string Queue), ClientHours> clients, CancellationToken cancellationToken)
    {
        var mailbox = await db.Mailboxes.AsNoTracking().SingleOrDefaultAsync(m => m.Id == row.Mailbox, cancellationToken);
        var first = await db.CaseMessages.AsNoTracking().Where(m => m.Case == row.Id).OrderBy(m => m.Sequence).Select(m => m.MessageId).FirstAsync(cancellationToken);
        if (mailbox is null)
        {
            return;
        }

        var hours = await CaseLog.HoursAsync(db, row.Client, row.Queue, clients, cancellationToken);
        if (await intake.AcknowledgeAsync(db, mailbox.Address, row, hours.Contract, first, cancellationToken))
        {
            LogAcknowledged(logger, new CaseReference(row.Number));
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Case {Reference} breached its {Target} target, due at {DueAt:O}.")]
    private static partial void LogBreached(ILogger logger, CaseReference reference, string target, DateTimeOffset dueAt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Case {Reference}: the acknowledgement owed since intake is sent.")]
    private static partial void LogAcknowledged(ILogger logger, CaseReference reference);

    [LoggerMessage(Level = LogLevel.Error, Message = "The case clock sweep failed; the next one retries.")]
    private static partial void LogSweepFailed(ILogger logger, Exception error);
}
