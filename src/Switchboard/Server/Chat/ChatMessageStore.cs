using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Switchboard.Persistence;
using Switchboard.Persistence.Chat;
using Switchboard.Server.Hosting;

namespace Switchboard.Server.Chat;

/// <summary>
/// Stores chat messages and delivery receipts with group commit: one loop takes everything waiting and stores it in one
/// transaction, so a thousand conversations cost the database a few commits a second instead of one synchronous commit
/// (and a turn at SQLite's single write lock) per message and per receipt. A caller's task completes only once its work
/// is committed; nothing is acknowledged or pushed before that.
/// </summary>
internal sealed partial class ChatMessageStore(
    IDbContextFactory<SwitchboardDb> databases, ChatAppender appender, ServerMetrics metrics, TimeProvider time, ILogger<ChatMessageStore> logger) : BackgroundService
{
    private SwitchboardDb? store;

    /// <summary>The most pieces of work in one transaction; a burst beyond it waits for the next.</summary>
    private const int MaximumBatch = 500;

    private readonly Channel<Work> queue = Channel.CreateUnbounded<Work>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Returns once <paramref name="row"/> is committed; throws <see cref="DbUpdateException"/> when it could not be
    /// (a duplicate sequence, say), whatever became of the others stored with it.</summary>
    public Task StoreAsync(ChatMessage row)
    {
        var work = new Work.Message(row);
        Enqueue(work);
        return work.Stored.Task;
    }

    /// <summary>
    /// Records that <paramref name="side"/> of the conversation received every message up to <paramref name="upTo"/>
    /// (it only moves forward). True when this raised the stored mark to <paramref name="upTo"/>; false when the mark
    /// was already there or beyond, or a higher receipt of the same side was stored with it (that one tells).
    /// </summary>
    public Task<bool> RecordDeliveryAsync(Guid conversation, ChatSender side, long upTo)
    {
        var work = new Work.Receipt(conversation, side, upTo);
        Enqueue(work);
        return work.Stored.Task;
    }

    private void Enqueue(Work work)
    {
        if (!queue.Writer.TryWrite(work))
        {
            work.Fail(new InvalidOperationException("The chat store is stopped."));
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<Work>();
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
            // Stopping: what is still queued was never acknowledged to anyone; tell its callers so.
            queue.Writer.TryComplete();
            while (queue.Reader.TryRead(out var item))
            {
                item.Fail(new InvalidOperationException("The server is stopping; it was not stored."));
            }
        }
    }

    private async Task StoreBatchAsync(List<Work> batch)
    {
        try
        {
            var started = time.GetTimestamp();
            var raised = await StoreAsync(batch);
            metrics.ChatMessagesStored.Add(batch.Count(w => w is Work.Message));
            metrics.ChatStoreBatches.Record(time.GetElapsedTime(started).TotalSeconds);
            foreach (var work in batch)
            {
                work.Succeed(raised);
            }

            return;
        }
        catch (Exception failure) when (batch.Count > 1 && IsStorageFailure(failure))
        {
            // One bad row fails the whole transaction: store them one by one, so only that caller hears of it.
            LogBatchFailed(logger, failure, batch.Count);
        }
        catch (Exception failure) when (IsStorageFailure(failure))
        {
            batch[0].Fail(Refused(failure));
            return;
        }

        foreach (var work in batch)
        {
            try
            {
                var raised = await StoreAsync([work]);
                metrics.ChatMessagesStored.Add(work is Work.Message ? 1 : 0);
                work.Succeed(raised);
            }
            catch (Exception failure) when (IsStorageFailure(failure))
            {
                work.Fail(Refused(failure));
            }
        }
    }

    /// <summary>Stores the messages and raises the receipts' marks (the highest per conversation and side) in one
    /// transaction; answers the receipts that raised a mark.</summary>
    private async Task<HashSet<Work.Receipt>> StoreAsync(IReadOnlyList<Work> batch)
    {
        var messages = new List<ChatMessage>();
        var highest = new Dictionary<(Guid, ChatSender), Work.Receipt>();
        foreach (var work in batch)
        {
            switch (work)
            {
                case Work.Message message:
                    messages.Add(message.Row);
                    break;
                case Work.Receipt receipt when !highest.TryGetValue((receipt.Conversation, receipt.Side), out var known) || known.UpTo < receipt.UpTo:
                    highest[(receipt.Conversation, receipt.Side)] = receipt;
                    break;
            }
        }

        // One context and one open connection for the loop's lifetime, as the routing writer keeps (opening and, on
        // SQLite, configuring a connection per batch costs more than a small batch); after a failure it is made afresh.
        var db = store ??= await OpenAsync();
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(CancellationToken.None);
            var connection = db.Database.GetDbConnection();
            await appender.AppendAsync(connection, transaction.GetDbTransaction(), messages, CancellationToken.None);
            var receipts = highest.Values.ToList();
            var raised = await appender.RaiseAsync(connection, transaction.GetDbTransaction(),
                [.. receipts.Select(r => new DeliveryReceipt(r.Conversation, r.Side == ChatSender.Agent, r.UpTo))], CancellationToken.None);
            await transaction.CommitAsync(CancellationToken.None);
            return [.. receipts.Where((_, i) => raised[i])];
        }
        catch
        {
            store = null;
            await db.DisposeAsync();
            throw;
        }
    }

    private async Task<SwitchboardDb> OpenAsync()
    {
        var db = await databases.CreateDbContextAsync(CancellationToken.None);
        try
        {
            await db.Database.OpenConnectionAsync(CancellationToken.None);
            return db;
        }
        catch
        {
            await db.DisposeAsync();
            throw;
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (store is not null)
        {
            await store.DisposeAsync();
            store = null;
        }
    }

    /// <summary>What a caller hears whichever provider refused: the same exception type as EF Core's own saves.</summary>
    private static DbUpdateException Refused(Exception failure) =>
        failure as DbUpdateException ?? new DbUpdateException("The chat store could not store this.", failure);

    private static bool IsStorageFailure(Exception failure) =>
        failure is DbUpdateException or InvalidOperationException or System.Data.Common.DbException;

    [LoggerMessage(Level = LogLevel.Warning, Message = "A batch of {Count} chat messages and receipts could not be stored at once; storing them one by one.")]
    private static partial void LogBatchFailed(ILogger logger, Exception error, int count);

    /// <summary>A piece of work for the loop, with the task its caller waits on.</summary>
    private abstract class Work
    {
        public abstract void Succeed(HashSet<Receipt> raised);

        public abstract void Fail(Exception failure);

        public sealed class Message(ChatMessage row) : Work
        {
            public ChatMessage Row { get; } = row;

            public TaskCompletionSource Stored { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

            public override void Succeed(HashSet<Receipt> raised) => Stored.TrySetResult();

            public override void Fail(Exception failure) => Stored.TrySetException(failure);
        }

        public sealed class Receipt(Guid conversation, ChatSender side, long upTo) : Work
        {
            public Guid Conversation { get; } = conversation;

            public ChatSender Side { get; } = side;

            public long UpTo { get; } = upTo;

            public TaskCompletionSource<bool> Stored { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

            public override void Succeed(HashSet<Receipt> raised) => Stored.TrySetResult(raised.Contains(this));

            public override void Fail(Exception failure) => Stored.TrySetException(failure);
        }
    }
}
