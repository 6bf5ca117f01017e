using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Switchboard.Persistence;
using Switchboard.Persistence.Chat;
using Switchboard.Server.Hosting;

namespace Switchboard.Server.Chat;

/// <summary>
/// Stores chat messages with group commit: one loop takes every message waiting and stores them in one transaction, so
/// a thousand conversations cost the database a few commits a second instead of one synchronous commit (and a turn at
/// SQLite's single write lock) per message. A sender's <see cref="StoreAsync"/> returns only once its message is
/// committed; nothing is acknowledged or pushed before that.
/// </summary>
internal sealed partial class ChatMessageStore(
    IDbContextFactory<SwitchboardDb> databases, ServerMetrics metrics, TimeProvider time, ILogger<ChatMessageStore> logger) : BackgroundService
{
    /// <summary>The most messages in one transaction; a burst beyond it waits for the next.</summary>
    private const int MaximumBatch = 500;

    private readonly Channel<(ChatMessage Row, TaskCompletionSource Stored)> queue =
        Channel.CreateUnbounded<(ChatMessage, TaskCompletionSource)>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Returns once <paramref name="row"/> is committed; throws <see cref="DbUpdateException"/> when it could not be
    /// (a duplicate sequence, say), whatever became of the others stored with it.</summary>
    public Task StoreAsync(ChatMessage row)
    {
        var stored = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!queue.Writer.TryWrite((row, stored)))
        {
            stored.SetException(new InvalidOperationException("The chat message store is stopped."));
        }

        return stored.Task;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<(ChatMessage Row, TaskCompletionSource Stored)>();
        try
        {
            while (await queue.Reader.WaitToReadAsync(stoppingToken))
            {
                batch.Clear();
                while (batch.Count < MaximumBatch && queue.Reader.TryRead(out var item))
                {
                    batch.Add(item);
                }

                await StoreBatchAsync(batch);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: what is still queued was never acknowledged to anyone; tell its senders so.
            queue.Writer.TryComplete();
            while (queue.Reader.TryRead(out var item))
            {
                item.Stored.TrySetException(new InvalidOperationException("The server is stopping; the message was not stored."));
            }
        }
    }

    private async Task StoreBatchAsync(List<(ChatMessage Row, TaskCompletionSource Stored)> batch)
    {
        try
        {
            await using var db = await databases.CreateDbContextAsync(CancellationToken.None);
            db.Scope = DataScope.AllClients;
            db.ChatMessages.AddRange(batch.Select(b => b.Row));
            var started = time.GetTimestamp();
            await db.SaveChangesAsync(CancellationToken.None);
            metrics.ChatMessagesStored.Add(batch.Count);
            metrics.ChatStoreBatches.Record(time.GetElapsedTime(started).TotalSeconds);
            foreach (var (_, stored) in batch)
            {
                stored.TrySetResult();
            }

            return;
        }
        catch (Exception failure) when (batch.Count > 1 && IsStorageFailure(failure))
        {
            // One bad row fails the whole transaction: store them one by one, so only that row's sender hears of it.
            LogBatchFailed(logger, failure, batch.Count);
        }
        catch (Exception failure) when (IsStorageFailure(failure))
        {
            batch[0].Stored.TrySetException(failure);
            return;
        }

        foreach (var (row, stored) in batch)
        {
            try
            {
                await using var db = await databases.CreateDbContextAsync(CancellationToken.None);
                db.Scope = DataScope.AllClients;
                row.Id = 0;
                db.ChatMessages.Add(row);
                await db.SaveChangesAsync(CancellationToken.None);
                metrics.ChatMessagesStored.Add(1);
                stored.TrySetResult();
            }
            catch (Exception failure) when (IsStorageFailure(failure))
            {
                stored.TrySetException(failure);
            }
        }
    }

    private static bool IsStorageFailure(Exception failure) =>
        failure is DbUpdateException or InvalidOperationException or System.Data.Common.DbException;

    [LoggerMessage(Level = LogLevel.Warning, Message = "A batch of {Count} chat messages could not be stored at once; storing them one by one.")]
    private static partial void LogBatchFailed(ILogger logger, Exception error, int count);
}
