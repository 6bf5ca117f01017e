using Microsoft.EntityFrameworkCore;
using Switchboard.Cases;
using Switchboard.Persistence;

namespace Switchboard.Server.Email;

/// <summary>
/// Gives every case stored before cases had an event log (<c>case_events</c>) the log its messages and status imply,
/// once, at start-up and before the clock monitor's first sweep: its receipt (with the targets of the client's
/// contract now, the only ones known), each later customer mail and agent reply in order, the owner, and solved or
/// closed as its row says. Without a log such a case could be neither read nor answered.
/// </summary>
internal sealed partial class CaseLogUpgrade(IDbContextFactory<SwitchboardDb> databases, MailIntake intake, ILogger<CaseLogUpgrade> logger) : IHostedService
{
    /// <summary>Who the log names as the actor of steps written by the upgrade.</summary>
    public const string Actor = "upgrade";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var upgraded = await intake.ExclusiveAsync(() => UpgradeAsync(cancellationToken), cancellationToken);
        if (upgraded > 0)
        {
            LogUpgraded(logger, upgraded);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Writes the log of each case that has none; answers how many it wrote.</summary>
    public async Task<int> UpgradeAsync(CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var bare = await db.Cases.Where(c => !db.CaseEvents.Any(e => e.Case == c.Id)).Select(c => c.Id).ToListAsync(cancellationToken);
        foreach (var id in bare)
        {
            await UpgradeAsync(db, id, cancellationToken);
        }

        return bare.Count;
    }

    private async Task UpgradeAsync(SwitchboardDb db, Guid id, CancellationToken cancellationToken)
    {
        var row = await db.Cases.SingleAsync(c => c.Id == id, cancellationToken);
        var (status, owner, updated) = ((CaseStatus)row.Status, row.Owner, row.Updated);
        var messages = await db.CaseMessages.AsNoTracking().Where(m => m.Case == id).OrderBy(m => m.Sequence).ToListAsync(cancellationToken);
        var first = messages.FirstOrDefault(m => m.Direction == CaseMessageKinds.Inbound);
        var hours = await CaseLog.HoursAsync(db, row.Client, row.Queue, null, cancellationToken);
        db.CaseEvents.Add(CaseLog.ReceivedEntry(row, CaseTargets.For(hours.Contract), first?.Id ?? Guid.Empty, first?.From ?? Actor));
        await db.SaveChangesAsync(cancellationToken);

        var steps = messages.Where(m => m != first && m.Kind != CaseMessageKinds.Acknowledgement)
            .Select(m => m.Kind == CaseMessageKinds.CustomerMail
                ? (CaseLog.CustomerWrote, m.At, m.From, new CaseDetail { Message = m.Id })
                : (CaseLog.AgentReplied, m.At, m.Agent ?? Actor, new CaseDetail { Message = m.Id, Agent = m.Agent }))
            .ToList();
        if (owner is not null)
        {
            steps.Add((CaseLog.Assign, updated, Actor, new CaseDetail { Owner = owner }));
        }

        if (status is CaseStatus.Solved or CaseStatus.Closed)
        {
            steps.Add((CaseLog.Solve, updated, Actor, new CaseDetail()));
        }

        if (status == CaseStatus.Closed)
        {
            steps.Add((CaseLog.Close, updated, Actor, new CaseDetail()));
        }

        foreach (var (kind, at, actor, detail) in steps)
        {
            var (_, refused) = await CaseLog.TakeAsync(db, row, kind, at, actor, detail, cancellationToken);
            if (refused is not null)
            {
                // A row no earlier version could have written: its log keeps what the core accepts, and the case stays readable.
                LogRefused(logger, new CaseReference(row.Number).ToString(), kind, at, refused);
                break;
            }

            await db.SaveChangesAsync(cancellationToken);
        }

        // The receipt alone leaves the row's projection as it was (no deadline): project the whole log as of the row's last change.
        var (current, clock) = CaseLog.Rebuild(row, await CaseLog.LogAsync(db, id, cancellationToken), hours);
        CaseLog.Project(row, current, clock, updated);
        row.Updated = updated;
        await db.SaveChangesAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Gave {Count} cases stored before the case log their log.")]
    private static partial void LogUpgraded(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Case {Reference}: {Kind} at {At:O} is refused while giving it its log ({Reason}); its log stops before it.")]
    private static partial void LogRefused(ILogger logger, string reference, string kind, DateTimeOffset at, string reason);
}
