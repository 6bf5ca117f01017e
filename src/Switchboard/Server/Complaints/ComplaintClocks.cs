using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Switchboard.Complaints;
using Switchboard.Persistence;
using Switchboard.Persistence.Complaints;
using Switchboard.Server.Hosting;
using Switchboard.ServiceLevels;

namespace Switchboard.Server.Complaints;

/// <summary>
/// The breach monitor for complaints: every minute it reads each open complaint's clock and records the pre-breach
/// warnings and breaches reached since the last look as entries of the complaint's log (<c>clock.warned</c>,
/// <c>clock.breached</c>), once each, and refreshes the deadlines the lists show; and it mails the survey invitations
/// of closed complaints that the mail server could not take when they closed (<see cref="ComplaintSurveyMail"/>).
/// </summary>
internal sealed partial class ComplaintClocks(
    IDbContextFactory<SwitchboardDb> databases, ComplaintSurveyMail surveyMail, TimeProvider time, ILogger<ComplaintClocks> logger) : BackgroundService
{
    /// <summary>How often the clocks are read: small beside the shortest sensible target (hours).</summary>
    public static readonly TimeSpan CheckInterval = TimeSpan.FromMinutes(1);

    /// <summary>The actor written on the entries the monitor records.</summary>
    public const string Actor = "switchboard (complaint clocks)";

    private const int Batch = 200;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Recurring.RunAsync(CheckInterval, time, SweepAndMailAsync, error => LogSweepFailed(logger, error), stoppingToken);

    /// <summary>One round of the monitor: the clocks, then the survey invitations still to mail; returns the clock
    /// entries recorded and the invitations mailed.</summary>
    public async Task<int> SweepAndMailAsync(CancellationToken cancellationToken) =>
        await SweepAsync(cancellationToken) + await surveyMail.RetryAsync(cancellationToken);

    /// <summary>Reads every open complaint's clock now; returns the warnings and breaches recorded by this call.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var recorded = 0;
        var closed = new[] { ComplaintLog.Name(ComplaintStatus.ClosedAccepted), ComplaintLog.Name(ComplaintStatus.ClosedUnaccepted) };
        long after = 0;
        // Each client's calendar is built once a sweep (its timeline then serves every complaint of that client).
        var clients = new Dictionary<string, (Switchboard.Calendars.BusinessCalendars Calendars, string? Calendar)>(StringComparer.Ordinal);
        while (true)
        {
            await using var db = await databases.CreateDbContextAsync(cancellationToken);
            var rows = await db.Complaints.Where(c => c.Id > after && !closed.Contains(c.Status)).OrderBy(c => c.Id).Take(Batch).ToListAsync(cancellationToken);
            if (rows.Count == 0)
            {
                return recorded;
            }

            after = rows[^1].Id;
            var ids = rows.Select(r => r.Id).ToList();
            var logs = await ComplaintLog.LogsAsync(db, ids, cancellationToken);
            var raised = new List<ClockEvent>();
            var batchRecorded = 0;
            foreach (var row in rows)
            {
                var log = logs[row.Id];
                var (complaint, clock) = await ComplaintLog.RebuildAsync(db, row, log, clients, cancellationToken);
                raised.Clear();
                clock.Evaluate(now, new ClockReading[clock.Policy.Targets.Count], raised);
                var sequence = log.Count;
                foreach (var clockEvent in raised)
                {
                    clock.Apply(clockEvent);
                    var (kind, payload) = clockEvent switch
                    {
                        ClockEvent.Warned w => (ComplaintLog.Warned, new ClockPayload(w.Target.Value, w.Fraction, null)),
                        ClockEvent.Breached b => (ComplaintLog.Breached, new ClockPayload(b.Target.Value, null, b.DueAt)),
                        _ => throw new InvalidOperationException($"A clock raises only warnings and breaches, not {clockEvent.GetType().Name}."),
                    };
                    db.ComplaintEvents.Add(new ComplaintEventRecord
                    {
                        Complaint = row.Id,
                        Sequence = sequence++,
                        Client = row.Client,
                        Kind = kind,
                        At = clockEvent.At,
                        Actor = Actor,
                        Payload = JsonSerializer.Serialize(payload, ComplaintLog.Json),
                    });
                    if (clockEvent is ClockEvent.Breached breach)
                    {
                        LogBreached(logger, row.Reference, breach.Target.Value, breach.DueAt);
                    }
                }

                ComplaintLog.Project(row, complaint, clock, now);
                batchRecorded += raised.Count;
                row.Version = sequence;
            }

            try
            {
                await db.SaveChangesAsync(cancellationToken);
                recorded += batchRecorded;
            }
            catch (DbUpdateException)
            {
                // A step was taken on one of these complaints meanwhile: the next sweep reads them again with it in.
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Complaint {Reference} breached its {Target} target, due at {DueAt:O}.")]
    private static partial void LogBreached(ILogger logger, string reference, string target, DateTimeOffset dueAt);

    [LoggerMessage(Level = LogLevel.Error, Message = "The complaint clock sweep failed; the next one retries.")]
    private static partial void LogSweepFailed(ILogger logger, Exception error);
}
