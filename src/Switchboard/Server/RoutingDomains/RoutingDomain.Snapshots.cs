using Microsoft.EntityFrameworkCore;
using Switchboard.Persistence;
using Switchboard.Persistence.Events;
using Switchboard.Routing;

namespace Switchboard.Server.RoutingDomains;

/// <summary>
/// Engine snapshots: every <see cref="SnapshotSettings.SnapshotEvery"/> stored events (or, once the state is larger, as
/// many events as the last snapshot held entries), and on a graceful stop, the writer
/// captures its engine right after a batch is stored (so the snapshot covers exactly the stored log) and a background
/// task serialises and writes it with its own context, keeping the newest two. A start restores the newest readable
/// snapshot and replays only the events after it; any snapshot that cannot be used is logged and skipped, and with
/// none the whole log is replayed: the log stays the truth.
/// </summary>
internal sealed partial class RoutingDomain
{
    /// <summary>How many snapshots per domain are kept: the newest, and one to fall back on should it be unreadable.</summary>
    private const int SnapshotsKept = 2;

    private long snapshotEvery = SnapshotSettings.DefaultSnapshotEvery;

    /// <summary>Stored events the newest snapshot does not cover (the writer's own count).</summary>
    private long uncovered;

    /// <summary>The contacts, finished contacts and offers the last snapshot held.</summary>
    private long lastSnapshotEntries;

    /// <summary>The newest snapshot being written or written; only one at a time.</summary>
    private Task snapshotting = Task.CompletedTask;

    /// <summary>On the writer, right after a batch of <paramref name="stored"/> events is stored: starts a snapshot when due.</summary>
    private void SnapshotIfDue(int stored)
    {
        uncovered += stored;
        // A snapshot costs in proportion to the state it holds, and the state (finished contacts and answered offers kept
        // for the retention) grows with the traffic: waiting for at least as many events as it had entries keeps the
        // snapshots' cost per event bounded, where a fixed interval would snapshot a large state ever more often.
        if (snapshotEvery > 0 && uncovered >= Math.Max(snapshotEvery, lastSnapshotEntries) && snapshotting.IsCompleted)
        {
            StartSnapshot();
        }
    }

    private void StartSnapshot()
    {
        var state = Engine.Capture();
        var takenAt = time.GetUtcNow();
        uncovered = 0;
        lastSnapshotEntries = state.Contacts.Count + state.Finished.Count + state.Offers.Count;
        snapshotting = Task.Run(() => SaveSnapshotAsync(state, takenAt));
    }

    /// <summary>After the writer has stopped (everything it ran is stored): a last snapshot, so the next start replays nothing.</summary>
    private async Task SnapshotOnStopAsync()
    {
        await snapshotting.ConfigureAwait(false);
        if (uncovered > 0 && snapshotEvery > 0 && Engine.PendingEvents.Length == 0)
        {
            StartSnapshot();
            await snapshotting.ConfigureAwait(false);
        }
    }

    private async Task SaveSnapshotAsync(EngineState state, DateTimeOffset takenAt)
    {
        var started = time.GetTimestamp();
        try
        {
            var payload = EngineStates.Write(state);
            await using var db = await databases.CreateDbContextAsync(CancellationToken.None).ConfigureAwait(false);
            // An unreadable snapshot at the same point (or one a stop wrote just before) gives way to this one.
            await db.Snapshots.Where(s => s.Domain == Id && s.Sequence == state.LastSequence).ExecuteDeleteAsync(CancellationToken.None).ConfigureAwait(false);
            db.Snapshots.Add(new StoredSnapshot
            {
                Domain = Id,
                Sequence = state.LastSequence,
                TakenAt = takenAt,
                Format = EngineStates.CurrentFormat,
                Payload = payload,
            });
            await db.SaveChangesAsync(CancellationToken.None).ConfigureAwait(false);
            var oldestKept = await db.Snapshots.Where(s => s.Domain == Id).OrderByDescending(s => s.Sequence).Select(s => s.Sequence)
                .Skip(SnapshotsKept - 1).FirstOrDefaultAsync(CancellationToken.None).ConfigureAwait(false);
            await db.Snapshots.Where(s => s.Domain == Id && s.Sequence < oldestKept).ExecuteDeleteAsync(CancellationToken.None).ConfigureAwait(false);
            var took = time.GetElapsedTime(started);
            LogSnapshotTaken(logger, Id, state.LastSequence, payload.Length, took.TotalMilliseconds);
        }
        catch (Exception failure) when (failure is not OutOfMemoryException)
        {
            // A snapshot only saves time: the next one (or a full replay) makes up for a lost one.
            LogSnapshotFailed(logger, failure, Id, state.LastSequence);
        }
    }

    /// <summary>The newest snapshot that can be used with these options and this log, or null (replay the whole log).</summary>
    private async Task<EngineState?> ReadSnapshotAsync(SwitchboardDb db, CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        foreach (var (sequence, format, payload) in await SnapshotLog.NewestFirstAsync(connection, Id, cancellationToken).ConfigureAwait(false))
        {
            EngineState state;
            try
            {
                state = EngineStates.Read(format, payload);
            }
            catch (InvalidDataException unreadable)
            {
                LogSnapshotIgnored(logger, unreadable, Id, sequence, unreadable.Message);
                continue;
            }

            if (state.LastSequence != sequence || state.Options != options)
            {
                LogSnapshotIgnored(logger, null, Id, sequence, "it was taken under other routing options or for another point of the log");
                continue;
            }

            // Never ahead of the log: a log restored from an older backup does not reach the snapshot.
            if (!await SnapshotLog.LogReachesAsync(connection, Id, sequence, cancellationToken).ConfigureAwait(false))
            {
                LogSnapshotIgnored(logger, null, Id, sequence, "the log does not reach it");
                continue;
            }

            return state;
        }

        return null;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Routing domain {Domain}: snapshot at event {Sequence} written ({Bytes} bytes, {Milliseconds:F0} ms)")]
    private static partial void LogSnapshotTaken(ILogger logger, string domain, long sequence, int bytes, double milliseconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Routing domain {Domain}: writing the snapshot at event {Sequence} failed")]
    private static partial void LogSnapshotFailed(ILogger logger, Exception error, string domain, long sequence);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Routing domain {Domain}: snapshot at event {Sequence} ignored ({Reason})")]
    private static partial void LogSnapshotIgnored(ILogger logger, Exception? error, string domain, long sequence, string reason);
}

/// <summary>Snapshot settings: keys of section <c>Switchboard:Routing</c> besides the routing options.</summary>
internal sealed class SnapshotSettings
{
    public const long DefaultSnapshotEvery = 20_000;

    /// <summary>Stored events between two snapshots of a routing domain (default 20,000; 0 or less: never); more when the last
    /// snapshot held more entries (contacts, finished contacts, offers) than this, so that snapshots never cost more per
    /// event than about one entry's serialisation.</summary>
    public long SnapshotEvery { get; set; } = DefaultSnapshotEvery;
}
