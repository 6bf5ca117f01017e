using System.Threading.Channels;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore;
using Switchboard.Contacts;
using Switchboard.Persistence;
using Switchboard.Persistence.Contacts;
using Switchboard.Persistence.Events;
using Switchboard.Routing;
using Switchboard.Server.Hosting;

namespace Switchboard.Server.RoutingDomains;

/// <summary>
/// The single writer of one routing domain: a mailbox in front of its <see cref="RoutingEngine"/>. Work is taken in
/// batches; the events a batch causes, the contact rows they change and any staged directory rows are stored in one
/// transaction; only then are the callers answered and the events published. If the store fails, every caller of the
/// batch gets an error and the engine is rebuilt from the log, so memory never runs ahead of the disk.
/// </summary>
internal sealed partial class RoutingDomain : IAsyncDisposable
{
    private const int MaximumBatch = 512;

    private static readonly TimeSpan LongestSleep = TimeSpan.FromDays(1);

    /// <summary>How long a contact's idempotency key is remembered; a client retrying later makes a new contact.</summary>
    public static readonly TimeSpan IdempotencyWindow = TimeSpan.FromHours(24);

    private readonly IDbContextFactory<SwitchboardDb> databases;
    private readonly EventAppender appender;
    private readonly TimeProvider time;
    private readonly EventFeed feed;
    private readonly ILogger logger;
    private readonly RoutingOptions options;
    private readonly ServerMetrics metrics;
    private readonly ContactDirectory directory;
    private long decisionsCounted;
    private readonly System.Threading.Channels.Channel<DomainWork> mailbox = System.Threading.Channels.Channel.CreateUnbounded<DomainWork>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource stopping = new();
    private readonly Dictionary<long, LiveContact> live = [];
    private readonly Dictionary<Guid, long> numbers = [];
    private readonly Dictionary<string, (Guid Contact, string Hash)> idempotency = new(StringComparer.Ordinal);
    private readonly Queue<(DateTimeOffset At, string Lookup)> idempotencyAges = new();
    private readonly DomainBatch batch;

    /// <summary><see cref="Arrive"/>, made a delegate once rather than at every event.</summary>
    private readonly ContactProjection.Arrival arrival;
    private SwitchboardDb? store;
    private Task loop = Task.CompletedTask;

    private RoutingDomain(string id, IDbContextFactory<SwitchboardDb> databases, EventAppender appender, TimeProvider time, EventFeed feed, ILogger logger, RoutingOptions options,
        ServerMetrics metrics, ContactDirectory contacts)
    {
        this.metrics = metrics;
        this.directory = contacts;
        Id = id;
        this.databases = databases;
        this.appender = appender;
        this.time = time;
        this.feed = feed;
        this.logger = logger;
        this.options = options;
        Engine = new RoutingEngine(options);
        batch = new DomainBatch(this);
        arrival = Arrive;
    }

    public string Id { get; }

    /// <summary>The engine; only the writer's loop (and work it runs) may touch it.</summary>
    public RoutingEngine Engine { get; private set; }

    /// <summary>Waiting contacts and the oldest arrival per queue after the last stored batch (read by the metrics gauges).</summary>
    public System.Collections.Concurrent.ConcurrentDictionary<string, (int Waiting, DateTimeOffset? LongestWaitingSince)> QueueSizes { get; } = new(StringComparer.Ordinal);

    /// <summary>Events replayed at the last start, and how long loading took (for the restart benchmark and logs).</summary>
    public (long Events, TimeSpan Took) LastLoad { get; private set; }

    public static async Task<RoutingDomain> StartAsync(string id, IDbContextFactory<SwitchboardDb> databases, EventAppender appender, TimeProvider time, EventFeed feed,
        ILogger logger, RoutingOptions options, ServerMetrics metrics, ContactDirectory contacts, long snapshotEvery, CancellationToken cancellationToken)
    {
        var domain = new RoutingDomain(id, databases, appender, time, feed, logger, options, metrics, contacts) { snapshotEvery = snapshotEvery };
        await domain.LoadAsync(cancellationToken).ConfigureAwait(false);
        domain.loop = Task.Run(domain.RunAsync, CancellationToken.None);
        return domain;
    }

    /// <summary>
    /// Runs an engine <paramref name="change"/> on the writer and, only if the engine takes it, the directory row's
    /// <paramref name="store"/> in the same transaction as its events (a queue or agent and its definition never part).
    /// </summary>
    public Task<RoutingResult> Change(Func<DomainBatch, RoutingResult> change, Action<SwitchboardDb> store) =>
        Run(batch =>
        {
            var result = change(batch);
            if (result == RoutingResult.Done)
            {
                batch.Stage(store);
            }

            return result;
        });

    /// <summary>Runs <paramref name="work"/> on the writer; the result comes once its events are stored.</summary>
    /// <exception cref="DomainUnavailableException">The events could not be stored; nothing changed.</exception>
    public Task<T> Run<T>(Func<DomainBatch, T> work)
    {
        var item = new DomainWork<T>(work);
        if (!mailbox.Writer.TryWrite(item))
        {
            item.Fail(new DomainUnavailableException(Id, new ObjectDisposedException(nameof(RoutingDomain))));
        }

        return item.Task;
    }

    internal static Guid NewContactId(DateTimeOffset now) => Guid.CreateVersion7(now);

    internal ContactId? NumberOf(Guid contact) => numbers.TryGetValue(contact, out var n) ? new ContactId(n) : null;

    internal Guid? IdOf(long number) => live.TryGetValue(number, out var c) ? c.Row.Id : null;

    internal bool TryFindIdempotent(IdempotencyKey key, out Guid contact, out bool sameRequest)
    {
        if (idempotency.TryGetValue(key.Lookup, out var seen))
        {
            contact = seen.Contact;
            sameRequest = string.Equals(seen.Hash, key.RequestHash, StringComparison.Ordinal);
            return true;
        }

        contact = default;
        sameRequest = false;
        return false;
    }

    internal void RememberIdempotent(IdempotencyKey key, Guid contact, DateTimeOffset at)
    {
        idempotency[key.Lookup] = (contact, key.RequestHash);
        idempotencyAges.Enqueue((at, key.Lookup));
    }

    private async Task RunAsync()
    {
        var works = new List<DomainWork>(MaximumBatch);
        Task<bool>? waiting = null;
        while (true)
        {
            if (!mailbox.Reader.TryPeek(out _))
            {
                waiting ??= mailbox.Reader.WaitToReadAsync(stopping.Token).AsTask();
                if (Engine.NextDueAt is { } due)
                {
                    var delay = due - time.GetUtcNow();
                    if (delay > TimeSpan.Zero)
                    {
                        using var wake = new CancellationTokenSource();
                        // A timer cannot run past about 49 days (a certification expiring months ahead is due then):
                        // wake within a day at most; an early wake runs an empty batch and sleeps again.
                        var timer = Task.Delay(delay < LongestSleep ? delay : LongestSleep, time, wake.Token);
                        await Task.WhenAny(waiting, timer).ConfigureAwait(false);
                        await wake.CancelAsync().ConfigureAwait(false);
                    }
                }
                else
                {
                    await Task.WhenAny(waiting).ConfigureAwait(false);
                }

                if (waiting.IsCompleted)
                {
                    var more = waiting.IsCompletedSuccessfully && await waiting.ConfigureAwait(false);
                    waiting = null;
                    if (!more && !mailbox.Reader.TryPeek(out _))
                    {
                        return;
                    }
                }
            }

            works.Clear();
            while (works.Count < MaximumBatch && mailbox.Reader.TryRead(out var work))
            {
                works.Add(work);
            }

            try
            {
                await RunBatchAsync(works).ConfigureAwait(false);
            }
            catch (Exception bug) when (!stopping.IsCancellationRequested)
            {
                // Whatever went wrong outside the guarded steps, the loop must live on: callers of this batch hear of it
                // and the engine is rebuilt, or every later caller would wait for ever.
                LogBug(logger, bug, Id);
                await RecoverAsync(works, bug).ConfigureAwait(false);
            }
        }
    }

    private async Task RunBatchAsync(List<DomainWork> works)
    {
        var now = time.GetUtcNow();
        batch.Begin(now);
        try
        {
            Engine.AdvanceTo(now);
            foreach (var work in works)
            {
                work.Run(batch);
            }
        }
        catch (Exception bug)
        {
            // A command threw: that is a bug, and the engine may be half way through a change. Nothing of this batch
            // is stored; every caller hears of it and the engine is rebuilt from the log.
            LogBug(logger, bug, Id);
            await RecoverAsync(works, bug).ConfigureAwait(false);
            return;
        }

        if (Engine.PendingEvents.Length == 0 && batch.Staged.Count == 0)
        {
            ReleaseAll(works);
            return;
        }

        var (events, contacts, changed) = Project();
        var storing = time.GetTimestamp();
        try
        {
            await StoreAsync(events, contacts).ConfigureAwait(false);
        }
        catch (Exception failure) when (failure is not OperationCanceledException || !stopping.IsCancellationRequested)
        {
            LogStoreFailed(logger, failure, Id);
            await RecoverAsync(works, failure).ConfigureAwait(false);
            return;
        }

        Engine.ClearPendingEvents();
        foreach (var contact in changed)
        {
            contact.Dirty = false;
            if (contact.IsFinished)
            {
                live.Remove(contact.Row.Number);
                numbers.Remove(contact.Row.Id);
                directory.Remove(contact.Row.Id);
            }
            else
            {
                directory.Update(contact.Row.Id, (ContactState)contact.Row.State, contact.Row.Agent);
            }
        }

        ForgetOldIdempotencyKeys(now);
        // Published before any caller is answered, so a listener that reads the feed after a caller's answer (a
        // supervisor joining the wallboard) finds that caller's events.
        feed.Publish(new CommittedBatch(Id, events, [.. contacts.Select(ContactChange.From)]));
        ReleaseAll(works);
        Measure(events, time.GetElapsedTime(storing));
        SnapshotIfDue(events.Count);
    }

    private void Measure(List<StoredEvent> events, TimeSpan storing)
    {
        var tag = new KeyValuePair<string, object?>("domain", Id);
        metrics.EventsStored.Add(events.Count, tag);
        metrics.Batches.Record(storing.TotalSeconds, tag);
        metrics.Decisions.Add(Engine.Decisions - decisionsCounted, tag);
        decisionsCounted = Engine.Decisions;
        string? last = null;
        var offers = 0;
        foreach (var e in events)
        {
            if (e.Type == (int)RoutingEventType.ContactOffered)
            {
                offers++;
            }

            if (e.Queue is { } queue && !string.Equals(queue, last, StringComparison.Ordinal))
            {
                last = queue;
                if (Engine.FindQueue(new Switchboard.Queues.QueueId(queue)) is { } snapshot)
                {
                    QueueSizes[queue] = (snapshot.Waiting, snapshot.LongestWaitingSince);
                }
            }
        }

        metrics.Offers.Add(offers, tag);
    }

    private static void ReleaseAll(List<DomainWork> works)
    {
        foreach (var work in works)
        {
            work.Release();
        }
    }

    /// <summary>Turns the engine's pending events into rows, and brings the live contacts they touch up to date.</summary>
    private (List<StoredEvent> Events, List<ContactRecord> Contacts, List<LiveContact> Changed) Project()
    {
        var pending = Engine.PendingEvents;
        var events = new List<StoredEvent>(pending.Length);
        var changed = new List<LiveContact>();
        foreach (ref readonly var e in pending)
        {
            var contact = ContactProjection.Apply(live, changed, in e, arrival);
            events.Add(EventPayloads.ToRow(in e, Id, contact?.Row.Client ?? ContactProjection.ClientOf(in e), contact?.Row.Id));
        }

        var rows = new List<ContactRecord>(changed.Count);
        foreach (var contact in changed)
        {
            contact.Row.Version++;
            rows.Add(contact.Row);
        }

        return (events, rows, changed);
    }

    private LiveContact Arrive(in RoutingEvent e, NewContact detail)
    {
        var (id, client, key) = batch.Arrivals.TryGetValue(e.Contact.Value, out var arrival)
            ? arrival
            : (NewContactId(e.At), detail.Attributes.Client ?? "", null);
        var contact = LiveContact.Arrived(id, Id, e.Contact.Value, detail, client, e.At, key);
        numbers[id] = e.Contact.Value;
        directory.Add(id, Id, client);
        return contact;
    }

    private async Task StoreAsync(List<StoredEvent> events, List<ContactRecord> contacts)
    {
        // One context and one open connection for the writer's lifetime: making a context and opening (and, on SQLite,
        // configuring) a connection for every batch cost more than storing a small batch. The writer is the only user;
        // after any failure it is thrown away (RecoverAsync) and made afresh.
        var db = store ??= await OpenStoreAsync().ConfigureAwait(false);
        await using var transaction = await db.Database.BeginTransactionAsync(CancellationToken.None).ConfigureAwait(false);
        var connection = db.Database.GetDbConnection();
        await appender.AppendAsync(connection, transaction.GetDbTransaction(), events, contacts, CancellationToken.None).ConfigureAwait(false);
        if (batch.Staged.Count > 0)
        {
            foreach (var change in batch.Staged)
            {
                change(db);
            }

            await db.SaveChangesAsync(CancellationToken.None).ConfigureAwait(false);
        }

        await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
        // Staged rows must not stay tracked: a later batch may attach another instance of the same row.
        db.ChangeTracker.Clear();
    }

    private async Task<SwitchboardDb> OpenStoreAsync()
    {
        var db = await databases.CreateDbContextAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            await db.Database.OpenConnectionAsync(CancellationToken.None).ConfigureAwait(false);
            return db;
        }
        catch
        {
            await db.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task CloseStoreAsync()
    {
        if (store is { } db)
        {
            store = null;
            try
            {
                await db.DisposeAsync().ConfigureAwait(false);
            }
            catch (Exception failure) when (failure is System.Data.Common.DbException or InvalidOperationException)
            {
                // The connection is already broken: that is why it is being thrown away.
            }
        }
    }

    private async Task RecoverAsync(List<DomainWork> works, Exception cause)
    {
        await CloseStoreAsync().ConfigureAwait(false);
        var failure = new DomainUnavailableException(Id, cause);
        foreach (var work in works)
        {
            work.Fail(failure);
        }

        // Rebuild from what is stored; retry while the database is away, failing whatever arrives meanwhile.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await LoadAsync(stopping.Token).ConfigureAwait(false);
                return;
            }
            catch (Exception again) when (!stopping.IsCancellationRequested)
            {
                LogReloadFailed(logger, again, Id, attempt);
                while (mailbox.Reader.TryRead(out var waiting))
                {
                    waiting.Fail(failure);
                }

                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(5000, 100 * attempt)), time, stopping.Token).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Rebuilds the engine from the newest usable snapshot and the log after it (or the whole log), and the
    /// live contacts from their rows.</summary>
    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        await using var db = await databases.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await db.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var snapshot = await ReadSnapshotAsync(db, cancellationToken).ConfigureAwait(false);
        var events = new List<RoutingEvent>();
        await foreach (var e in EventLog.ReadDomainAsync(db.Database.GetDbConnection(), Id, snapshot?.LastSequence ?? 0, cancellationToken).ConfigureAwait(false))
        {
            events.Add(e);
        }

        // Phase timings go into the log line so a slow restart says where its time went (read and deserialise, engine, read models).
        var read = time.GetElapsedTime(started);
        Engine = snapshot is null ? RoutingEngine.Replay(options, events) : RoutingEngine.Restore(options, snapshot, events);
        long count = events.Count;
        uncovered = count;
        var replayed = time.GetElapsedTime(started);
        decisionsCounted = Engine.Decisions;
        live.Clear();
        numbers.Clear();
        directory.ForgetDomain(Id);
        var liveStates = new[] { (int)ContactState.Waiting, (int)ContactState.Offered, (int)ContactState.Connected, (int)ContactState.WrapUp, (int)ContactState.CallbackPending };
        await foreach (var row in db.Contacts.AsNoTracking().Where(c => c.Domain == Id && liveStates.Contains(c.State)).AsAsyncEnumerable()
            .WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            live[row.Number] = new LiveContact { Row = row };
            numbers[row.Id] = row.Number;
            directory.Add(row.Id, Id, row.Client, (ContactState)row.State, row.Agent);
        }

        var contacts = time.GetElapsedTime(started);
        idempotency.Clear();
        idempotencyAges.Clear();
        var since = time.GetUtcNow() - IdempotencyWindow;
        await foreach (var row in db.Contacts.AsNoTracking().Where(c => c.Domain == Id && c.IdempotencyKey != null && c.Arrived >= since)
            .OrderBy(c => c.Arrived).Select(c => new { c.Id, c.IdempotencyKey, c.Arrived }).AsAsyncEnumerable()
            .WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (IdempotencyKey.Parse(row.IdempotencyKey) is { } key)
            {
                RememberIdempotent(key, row.Id, row.Arrived);
            }
        }

        LastLoad = (count, time.GetElapsedTime(started));
        LogLoaded(logger, Id, count, LastLoad.Took.TotalMilliseconds, snapshot is null ? "the whole log" : $"the snapshot at event {snapshot.LastSequence}",
            read.TotalMilliseconds, (replayed - read).TotalMilliseconds, (contacts - replayed).TotalMilliseconds, (LastLoad.Took - contacts).TotalMilliseconds);
    }

    private void ForgetOldIdempotencyKeys(DateTimeOffset now)
    {
        while (idempotencyAges.TryPeek(out var oldest) && now - oldest.At > IdempotencyWindow)
        {
            idempotencyAges.Dequeue();
            idempotency.Remove(oldest.Lookup);
        }
    }

    public async ValueTask DisposeAsync()
    {
        mailbox.Writer.TryComplete();
        try
        {
            await loop.ConfigureAwait(false);
            await SnapshotOnStopAsync().ConfigureAwait(false);
        }
        finally
        {
            await stopping.CancelAsync().ConfigureAwait(false);
            stopping.Dispose();
            await CloseStoreAsync().ConfigureAwait(false);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Routing domain {Domain} loaded {Events} events in {Milliseconds:F0} ms after {Start} "
        + "(reading the snapshot and the log {ReadMilliseconds:F0} ms, engine restore and replay {ReplayMilliseconds:F0} ms, live contacts "
        + "{ContactsMilliseconds:F0} ms, idempotency keys {IdempotencyMilliseconds:F0} ms)")]
    private static partial void LogLoaded(ILogger logger, string domain, long events, double milliseconds, string start, double readMilliseconds,
        double replayMilliseconds, double contactsMilliseconds, double idempotencyMilliseconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "Routing domain {Domain}: a command failed; rebuilding from the log")]
    private static partial void LogBug(ILogger logger, Exception error, string domain);

    [LoggerMessage(Level = LogLevel.Error, Message = "Routing domain {Domain}: storing events failed; rebuilding from the log")]
    private static partial void LogStoreFailed(ILogger logger, Exception error, string domain);

    [LoggerMessage(Level = LogLevel.Error, Message = "Routing domain {Domain}: reloading failed (attempt {Attempt})")]
    private static partial void LogReloadFailed(ILogger logger, Exception error, string domain, int attempt);
}
