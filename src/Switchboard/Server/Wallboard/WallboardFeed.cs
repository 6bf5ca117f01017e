using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Switchboard.Kpis;
using Switchboard.Persistence;
using Switchboard.Persistence.Directory;
using Switchboard.Persistence.Events;
using Switchboard.Queues;
using Switchboard.Routing;
using Switchboard.Server.Contracts;
using Switchboard.Server.Kpis;
using Switchboard.Server.Queues;
using Switchboard.Server.RoutingDomains;

namespace Switchboard.Server.Wallboard;

/// <summary>
/// Keeps today's counts per queue from the committed events and pushes changed queues and agents to the supervisor
/// hub, at most <see cref="PushInterval"/> apart so a busy queue costs a few messages a second, not one per event.
/// Counts are rebuilt from the stored log at start and after the feed lagged, never kept only in memory; live figures
/// (waiting, longest wait, presence) are read from the engine when a board is built. Screens in this process hear of
/// the same pushes through <see cref="Listen"/> (the web wallboard re-reads its board then), without a hub connection.
/// </summary>
internal sealed partial class WallboardFeed(
    EventFeed feed,
    RoutingDomainHost domains,
    IDbContextFactory<SwitchboardDb> databases,
    IHubContext<SupervisorHub, ISupervisorClient> supervisors,
    TimeProvider time,
    IOptions<JsonOptions> json,
    ILogger<WallboardFeed> logger) : BackgroundService
{
    /// <summary>The least time between two pushes; a pacing of network messages, so it runs on the wall clock.</summary>
    public static readonly TimeSpan PushInterval = TimeSpan.FromMilliseconds(250);


    public const string AllGroup = "wallboard";

    private readonly Lock gate = new();

    // One reader of the feed at a time: the push loop, or a supervisor joining (who must see every batch committed
    // before they joined, not wait for the next pass of the loop).
    private readonly SemaphoreSlim catchUp = new(1, 1);
    private EventFeed.Subscription? subscription;
    private readonly TaskCompletionSource ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Dictionary<string, QueueInfo> queues = new(StringComparer.Ordinal);
    private readonly Dictionary<string, QueueDay> days = new(StringComparer.Ordinal);

    // One leg tracker per routing domain (contact numbers are per domain): the catalogue's own folding of the log.
    private readonly Dictionary<string, ContactLegTracker> trackers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> applied = new(StringComparer.Ordinal);
    private readonly HashSet<string> dirtyQueues = new(StringComparer.Ordinal);
    private readonly HashSet<(string Domain, string Agent)> dirtyAgents = [];
    private readonly HashSet<string> queuesToLoad = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AnnouncedWait> announced = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> agentNames = new(StringComparer.Ordinal);
    private readonly HashSet<string> agentsToLoad = new(StringComparer.Ordinal);
    private readonly Channel<bool> wakeups = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly Lock listenersGate = new();
    private readonly List<Listener> listeners = [];
    private readonly List<TaskCompletionSource> settledWaiters = [];

    /// <summary>Staff watching one client's queues: they get its queues and its routing domains' agents.</summary>
    public static string ClientGroup(string client) => AllGroup + ":" + client;

    /// <summary>A client's own viewers: they get its queues as <see cref="ForViewer"/> shows them, and no agents.</summary>
    public static string ViewerGroup(string client) => AllGroup + ":viewer:" + client;

    /// <summary>
    /// The group whose pushes a user watching the board sees, and the client it narrows to (null: every client's), or
    /// null when the user may not watch <paramref name="named"/>'s board (or any). Staff see every client's board or the
    /// one they name; a client viewer its own client's only, whatever it names.
    /// </summary>
    public static (string Group, string? Client)? AudienceOf(DataScope? scope, string? named)
    {
        named = string.IsNullOrEmpty(named) ? null : named;
        if (scope is { Staff: true })
        {
            return (named is null ? AllGroup : ClientGroup(named), named);
        }

        return scope?.Client is { Length: > 0 } own && (named is null || named == own) ? (ViewerGroup(own), own) : null;
    }

    /// <summary>
    /// Calls <paramref name="changed"/> after each push to <paramref name="group"/> (one of <see cref="AllGroup"/>,
    /// <see cref="ClientGroup"/>, <see cref="ViewerGroup"/>), at most once per push pass, on the push loop: it must not
    /// block. Dispose the answer to stop.
    /// </summary>
    public IDisposable Listen(string group, Action changed)
    {
        ArgumentNullException.ThrowIfNull(group);
        ArgumentNullException.ThrowIfNull(changed);
        var listener = new Listener(this, group, changed);
        lock (listenersGate)
        {
            listeners.Add(listener);
        }

        return listener;
    }

    /// <summary>
    /// A queue's board as its client's viewer sees it. ISO 18295-2 has the client check the centre's performance for its
    /// customers (waiting, waits, service level); the agents are the centre's staff, and a routing domain's agents
    /// often serve several clients, so their names and states, and even their counts by presence (which would show
    /// the centre's staffing for the other clients too), are left out rather than approximated per queue.
    /// </summary>
    public static QueueBoard ForViewer(QueueBoard board)
    {
        ArgumentNullException.ThrowIfNull(board);
        return board with { AgentsByPresence = null };
    }

    /// <summary>
    /// The whole board, or one client's queues and its routing domains' agents; for a client's viewer
    /// (<paramref name="staff"/> false) its queues as <see cref="ForViewer"/> shows them and no agents.
    /// </summary>
    public async Task<WallboardView> ReadAsync(string? client, bool staff, CancellationToken cancellationToken)
    {
        if (!staff && client is null)
        {
            throw new ArgumentNullException(nameof(client), "A viewer's board is always one client's.");
        }

        await ready.Task.WaitAsync(cancellationToken);
        await CatchUpAsync(cancellationToken);
        List<QueueInfo> shown;
        lock (gate)
        {
            if (dirtyQueues.Count > 0 || dirtyAgents.Count > 0)
            {
                wakeups.Writer.TryWrite(true);
            }

            shown = [.. queues.Values.Where(q => client is null || q.Client == client).OrderBy(q => q.Id, StringComparer.Ordinal)];
        }

        var boards = new List<QueueBoard>();
        var agents = new List<AgentBoard>();
        foreach (var domain in shown.GroupBy(q => q.Domain))
        {
            var (queueBoards, agentBoards) = await BuildAsync(domain.Key, [.. domain], everyAgent: staff);
            boards.AddRange(staff ? queueBoards : queueBoards.Select(ForViewer));
            agents.AddRange(agentBoards);
        }

        return new WallboardView(boards, agents, time.GetUtcNow());
    }

    /// <summary>
    /// Completes once every change committed before the call has been pushed (and its listeners told): for a caller
    /// that must tell later pushes from earlier ones (tests, tools), never on a request's path.
    /// </summary>
    public async Task SettledAsync(CancellationToken cancellationToken)
    {
        await ready.Task.WaitAsync(cancellationToken);
        await CatchUpAsync(cancellationToken);
        TaskCompletionSource settled;
        lock (gate)
        {
            if (IsSettled)
            {
                return;
            }

            settled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            settledWaiters.Add(settled);
            wakeups.Writer.TryWrite(true);
        }

        await settled.Task.WaitAsync(cancellationToken);
    }

    /// <summary>
    /// A client's contract or a KPI method changed: reload the client's queues (all queues when <paramref name="client"/>
    /// is null) so their targets and methods follow, recounting today if the methods changed.
    /// </summary>
    public void MeasuresChanged(string? client)
    {
        lock (gate)
        {
            foreach (var info in queues.Values)
            {
                if (client is null || string.Equals(info.Client, client, StringComparison.Ordinal))
                {
                    queuesToLoad.Add(info.Id);
                }
            }

            wakeups.Writer.TryWrite(true);
        }
    }

    /// <summary>Nothing counted is left to push (under <see cref="gate"/>).</summary>
    private bool IsSettled => dirtyQueues.Count == 0 && dirtyAgents.Count == 0 && queuesToLoad.Count == 0 && agentsToLoad.Count == 0;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Subscribe before reading the log, so nothing committed meanwhile is missed; the sequence per domain drops what
        // the read already counted.
        using var subscribed = feed.Subscribe();
        subscription = subscribed;
        while (true)
        {
            try
            {
                await RebuildAsync(stoppingToken);
                break;
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                // The database may be briefly unreachable at start: the wallboard waits for it rather than stopping the host.
                LogRebuildFailed(logger, error);
                await Task.Delay(TimeSpan.FromSeconds(1), TimeProvider.System, stoppingToken);
            }
        }

        ready.TrySetResult();
        // A reader of the board catches up from the feed itself, and so may take batches the loop would have waited
        // for: it wakes the loop when it leaves changes unpushed. One wait of each kind is kept pending at a time (the
        // subscription has a single reader).
        Task<bool>? batchWaiting = null;
        Task<bool>? wakeWaiting = null;
        while (true)
        {
            batchWaiting ??= subscribed.Reader.WaitToReadAsync(stoppingToken).AsTask();
            wakeWaiting ??= wakeups.Reader.WaitToReadAsync(stoppingToken).AsTask();
            if (await Task.WhenAny(batchWaiting, wakeWaiting) == batchWaiting)
            {
                if (!await batchWaiting)
                {
                    break;
                }

                batchWaiting = null;
            }
            else
            {
                await wakeWaiting;
                wakeWaiting = null;
                wakeups.Reader.TryRead(out _);
            }

            try
            {
                await CatchUpAsync(stoppingToken);
                await PushAsync(stoppingToken);
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                // A failed push (a domain restarting, a connection closing) must not stop the wallboard for everyone.
                LogPushFailed(logger, error);
            }

            await Task.Delay(PushInterval, TimeProvider.System, stoppingToken);
        }
    }

    /// <summary>Counts every batch committed so far (rebuilding after a lag) and loads changed queues' settings.</summary>
    private async Task CatchUpAsync(CancellationToken cancellationToken)
    {
        await catchUp.WaitAsync(cancellationToken);
        try
        {
            var reader = subscription!.Reader;
            while (reader.TryRead(out var batch))
            {
                lock (gate)
                {
                    foreach (var e in batch.Events)
                    {
                        Apply(e);
                    }
                }
            }

            if (subscription.Lagged)
            {
                subscription.Lagged = false;
                await RebuildAsync(cancellationToken);
            }

            await LoadQueuesAsync(cancellationToken);
        }
        finally
        {
            catchUp.Release();
        }
    }

    private async Task RebuildAsync(CancellationToken cancellationToken)
    {
        // Contacts answered today may have arrived yesterday, and a queue's day starts at its own midnight (up to 14
        // hours either side of UTC's): read two days back for their waits, and count only each queue's today.
        var from = new DateTimeOffset(DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime).AddDays(-2).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var rows = await db.Queues.AsNoTracking().ToListAsync(cancellationToken);
        var names = await db.Agents.AsNoTracking().Select(a => new { a.Id, a.Name }).ToListAsync(cancellationToken);
        var measures = await MeasuresAsync(db, rows, cancellationToken);
        lock (gate)
        {
            queues.Clear();
            days.Clear();
            trackers.Clear();
            applied.Clear();
            announced.Clear();
            foreach (var row in rows)
            {
                queues[row.Id] = Info(row, measures);
                dirtyQueues.Add(row.Id);
            }

            foreach (var agent in names)
            {
                agentNames[agent.Id] = agent.Name;
            }
        }

        await foreach (var e in db.Events.AsNoTracking().Where(e => e.At >= from).OrderBy(e => e.Domain).ThenBy(e => e.Sequence).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            lock (gate)
            {
                Apply(e);
            }
        }
    }

    /// <summary>Counts one committed event (under <see cref="gate"/>); events already counted are skipped by sequence.</summary>
    private void Apply(StoredEvent e)
    {
        if (applied.TryGetValue(e.Domain, out var last) && e.Sequence <= last)
        {
            return;
        }

        applied[e.Domain] = e.Sequence;
        if (e.Agent is { } agent)
        {
            dirtyAgents.Add((e.Domain, agent));
        }

        if (e.Queue is { } queue)
        {
            dirtyQueues.Add(queue);
        }

        switch ((RoutingEventType)e.Type)
        {
            case RoutingEventType.QueueConfigured or RoutingEventType.QueueReconfigured when e.Queue is not null:
                queuesToLoad.Add(e.Queue);
                break;
            case RoutingEventType.AgentConfigured when e.Agent is not null:
                agentsToLoad.Add(e.Agent);
                break;
            case RoutingEventType.ContactQueued or RoutingEventType.CallbackScheduled or RoutingEventType.ContactRefused
                or RoutingEventType.OfferAccepted or RoutingEventType.CallbackPromiseKept or RoutingEventType.CallbackPromiseMissed
                or RoutingEventType.CallbackRequested or RoutingEventType.ContactAbandoned or RoutingEventType.ContactTransferred
                or RoutingEventType.ConversationEnded or RoutingEventType.DispositionRecorded or RoutingEventType.ContactCompleted:
                var routing = EventPayloads.Read(e);
                Tracker(e.Domain).Apply(routing);

                // Only a new arrival is told a wait (the payload holds what the contacts API answered it).
                if ((RoutingEventType)e.Type == RoutingEventType.ContactQueued && e.Queue is not null && routing.Estimate is { } estimate)
                {
                    announced[e.Queue] = AnnouncedWait.From(estimate, e.At);
                }

                break;
        }
    }

    private ContactLegTracker Tracker(string domain)
    {
        if (!trackers.TryGetValue(domain, out var tracker))
        {
            tracker = new ContactLegTracker(new DayCounter(this));
            trackers[domain] = tracker;
        }

        return tracker;
    }

    /// <summary>Counts each leg in its queue's day of entering (called under <see cref="gate"/>, from <see cref="Apply"/>).</summary>
    private sealed class DayCounter(WallboardFeed feed) : IContactLegObserver
    {
        public void OnEntered(in ContactLeg leg) => Day(leg)?.Tally.CountEntered(leg);

        public void OnWaitSettled(in ContactLeg leg)
        {
            // A turned-away contact never entered, so its day is the day it was refused.
            Day(leg)?.Tally.CountWait(leg);
        }

        public void OnHandled(in ContactLeg leg) => Day(leg)?.Tally.CountHandling(leg);

        private QueueDay? Day(in ContactLeg leg)
        {
            feed.dirtyQueues.Add(leg.Queue.Value);
            return feed.DayOf(leg.Queue.Value, leg.Entered);
        }
    }

    /// <summary>The queue's counts for its local day at <paramref name="at"/>; null for a day before the one already counted.</summary>
    private QueueDay? DayOf(string queue, DateTimeOffset at)
    {
        var day = LocalDay(queue, at);
        if (days.TryGetValue(queue, out var known))
        {
            if (known.Day == day)
            {
                return known;
            }

            if (known.Day > day)
            {
                return null;
            }
        }

        return days[queue] = new QueueDay(day, queues.TryGetValue(queue, out var info) ? info.Methods : KpiMethodSet.Defaults);
    }

    /// <summary>Loads the settings of queues and the names of agents configured since the last load.</summary>
    private async Task LoadQueuesAsync(CancellationToken cancellationToken)
    {
        string[] ids;
        string[] agentIds;
        lock (gate)
        {
            ids = [.. queuesToLoad];
            agentIds = [.. agentsToLoad];
            queuesToLoad.Clear();
            agentsToLoad.Clear();
        }

        if (ids.Length == 0 && agentIds.Length == 0)
        {
            return;
        }

        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var rows = ids.Length == 0 ? [] : await db.Queues.AsNoTracking().Where(q => ids.Contains(q.Id)).ToListAsync(cancellationToken);
        var names = agentIds.Length == 0 ? [] : await db.Agents.AsNoTracking().Where(a => agentIds.Contains(a.Id)).Select(a => new { a.Id, a.Name }).ToListAsync(cancellationToken);
        var measures = await MeasuresAsync(db, rows, cancellationToken);
        var recount = false;
        lock (gate)
        {
            foreach (var row in rows)
            {
                var info = Info(row, measures);

                // Today was counted with the queue's old thresholds: count it again with the new ones.
                recount |= queues.TryGetValue(row.Id, out var known) && !SameCounting(known.Methods, info.Methods);
                queues[row.Id] = info;
                dirtyQueues.Add(row.Id);
            }

            foreach (var agent in names)
            {
                agentNames[agent.Id] = agent.Name;
            }
        }

        if (recount)
        {
            await RebuildAsync(cancellationToken);
        }
    }

    private static bool SameCounting(KpiMethodSet a, KpiMethodSet b) =>
        a.All.Zip(b.All).All(pair => pair.First.Parameters == pair.Second.Parameters);

    /// <summary>What the queues' clients agreed (contracts) and the KPI methods on record, read once for a set of queues.</summary>
    private static async Task<Measures> MeasuresAsync(SwitchboardDb db, List<QueueRecord> rows, CancellationToken cancellationToken)
    {
        var book = await KpiMethodBook.LoadAsync(db, cancellationToken);
        var contracts = new Dictionary<string, Switchboard.Contracts.ClientContract?>(StringComparer.Ordinal);
        foreach (var client in rows.Select(r => r.Client).Distinct(StringComparer.Ordinal))
        {
            contracts[client] = await ContractsApi.ContractAsync(db, client, cancellationToken);
        }

        return new Measures(book, contracts);
    }

    private sealed record Measures(KpiMethodBook Book, Dictionary<string, Switchboard.Contracts.ClientContract?> Contracts);

    private async Task PushAsync(CancellationToken cancellationToken)
    {
        List<QueueInfo> changed;
        List<(string Domain, string Agent)> agentsChanged;
        lock (gate)
        {
            changed = [.. dirtyQueues.Where(queues.ContainsKey).Select(id => queues[id])];
            agentsChanged = [.. dirtyAgents];
            dirtyQueues.Clear();
            dirtyAgents.Clear();
        }

        var pushedTo = new HashSet<string>(StringComparer.Ordinal);
        foreach (var domain in changed.Select(q => q.Domain).Union(agentsChanged.Select(a => a.Domain)).Distinct(StringComparer.Ordinal))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var forAgents = agentsChanged.Where(a => a.Domain == domain).Select(a => a.Agent).ToHashSet(StringComparer.Ordinal);
            // A presence change moves the counts on every board of the domain.
            var boardsToPush = forAgents.Count > 0 ? QueuesOf(domain) : [.. changed.Where(q => q.Domain == domain)];
            var (queueBoards, agentBoards) = await BuildAsync(domain, boardsToPush, everyAgent: false, forAgents);
            foreach (var board in queueBoards)
            {
                await supervisors.Clients.Groups(AllGroup, ClientGroup(board.Client)).QueueChanged(board);
                pushedTo.UnionWith([AllGroup, ClientGroup(board.Client)]);
                // Viewers hear of their queues' own changes only: a push for an agent's change would tell them of the
                // centre's staff by its timing.
                if (changed.Any(q => q.Id == board.Queue))
                {
                    await supervisors.Clients.Group(ViewerGroup(board.Client)).QueueChanged(ForViewer(board));
                    pushedTo.Add(ViewerGroup(board.Client));
                }
            }

            var clients = QueuesOf(domain).Select(q => ClientGroup(q.Client)).Distinct(StringComparer.Ordinal).Append(AllGroup).ToList();
            foreach (var board in agentBoards)
            {
                await supervisors.Clients.Groups(clients).AgentChanged(board);
                pushedTo.UnionWith(clients);
            }
        }

        Notify(pushedTo);
        lock (gate)
        {
            if (IsSettled)
            {
                foreach (var settled in settledWaiters)
                {
                    settled.TrySetResult();
                }

                settledWaiters.Clear();
            }
        }
    }

    /// <summary>Tells this process's listeners of the groups just pushed to; one failing listener does not stop the rest.</summary>
    private void Notify(HashSet<string> groups)
    {
        Listener[] toldOf;
        lock (listenersGate)
        {
            toldOf = [.. listeners.Where(l => groups.Contains(l.Group))];
        }

        foreach (var listener in toldOf)
        {
            try
            {
                listener.Changed();
            }
            catch (Exception error)
            {
                LogListenerFailed(logger, error);
            }
        }
    }

    private List<QueueInfo> QueuesOf(string domain)
    {
        lock (gate)
        {
            return [.. queues.Values.Where(q => q.Domain == domain)];
        }
    }

    /// <summary>Boards for some of a domain's queues and agents: live figures from the engine, today's counts from here.</summary>
    private async Task<(List<QueueBoard> Queues, List<AgentBoard> Agents)> BuildAsync(
        string domainId, List<QueueInfo> shown, bool everyAgent, HashSet<string>? agentsWanted = null)
    {
        var domain = await domains.GetAsync(domainId);
        var (live, floor) = await domain.Run(batch => (
            shown.Select(q => batch.Engine.FindQueue(new QueueId(q.Id))).ToList(),
            batch.Engine.AgentSnapshots()));
        var now = time.GetUtcNow();
        var byPresence = floor.GroupBy(a => a.Presence).ToDictionary(g => g.Key, g => g.Count());
        var agentsShown = floor.Where(a => everyAgent || (agentsWanted?.Contains(a.Id.Value) ?? false)).ToList();
        // The contacts in hand are looked up on the writer too, as the engine has them now (never kept here).
        var held = agentsShown.Count == 0 ? [] : await domain.Run(batch => agentsShown
            .Select(a => (IReadOnlyList<CurrentContact>)[.. a.Contacts
                .Select(c => (Id: c, Snapshot: batch.Engine.FindContact(c)))
                .Where(c => c.Snapshot is not null)
                .Select(c => new CurrentContact(batch.IdOf(c.Id), c.Snapshot!.Queue.Value, c.Snapshot.Channel, c.Snapshot.State))])
            .ToList());
        var queueBoards = new List<QueueBoard>(shown.Count);
        lock (gate)
        {
            for (var i = 0; i < shown.Count; i++)
            {
                var info = shown[i];
                var today = LocalDay(info.Id, now);
                var day = days.TryGetValue(info.Id, out var d) && d.Day == today ? d : new QueueDay(today, info.Methods);
                var threshold = day.Methods[KpiCatalogue.ServiceLevel].Parameters.AnswerThreshold;
                var level = day.Figure(KpiCatalogue.ServiceLevel);
                var since = live[i]?.LongestWaitingSince;
                var tally = day.Tally;
                queueBoards.Add(new QueueBoard(
                    info.Id, info.Client, info.Name, live[i]?.Waiting ?? 0, since, since is { } s ? now - s : null,
                    announced.GetValueOrDefault(info.Id),
                    (int)tally.Offered, (int)tally.Answered, (int)tally.AnsweredWithin, (int)tally.Abandoned,
                    day.Figure(KpiCatalogue.AbandonmentRate), info.AbandonmentLimit,
                    level, info.Target, threshold, info.ThresholdIsDefault,
                    level is { } l && info.Target is { } t && l < t, byPresence, now)
                {
                    ServiceLevelMethod = info.ServiceLevelMethod,
                });
            }
        }

        var agentBoards = new List<AgentBoard>(agentsShown.Count);
        lock (gate)
        {
            for (var i = 0; i < agentsShown.Count; i++)
            {
                var a = agentsShown[i];
                agentBoards.Add(new AgentBoard(
                    a.Id.Value, agentNames.GetValueOrDefault(a.Id.Value, a.Id.Value), domainId, a.Presence, a.BreakReason, a.Since, a.Contacts.Count, held[i]));
            }
        }

        return (queueBoards, agentBoards);
    }

    /// <summary>
    /// A queue's settings and how its figures are measured: the client's agreed methods (each contract target's method
    /// version, else the latest), the service level's threshold overridden by the queue's own when it sets one, and the
    /// target from the contract, else the queue's own.
    /// </summary>
    private QueueInfo Info(QueueRecord row, Measures measures)
    {
        var settings = JsonSerializer.Deserialize<QueueSettings>(row.Definition, json.Value.SerializerOptions);
        var contract = measures.Contracts.GetValueOrDefault(row.Client);
        // A queue with opening hours counts its day from midnight in their time zone, else the client's contract's, else UTC.
        var zone = settings?.OpeningHours?.ToOpeningHours().Hours?.TimeZone ?? contract?.TimeZone ?? TimeZoneInfo.Utc;
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), zone).DateTime);
        var methods = contract?.MethodsOn(today, measures.Book.Latest(), measures.Book.Find) ?? measures.Book.Latest();
        var serviceLevel = methods[KpiCatalogue.ServiceLevel];
        var agreed = contract?.TargetOn(KpiCatalogue.ServiceLevel, today) is { } t && t.MethodVersion == serviceLevel.Version ? t.Target : (double?)null;
        if (settings?.ServiceLevelThreshold is { } threshold && threshold != serviceLevel.Parameters.AnswerThreshold)
        {
            methods = methods.With(serviceLevel with { Parameters = serviceLevel.Parameters with { AnswerThreshold = threshold } });
        }

        var method = settings?.ServiceLevelThreshold is { } own && own != serviceLevel.Parameters.AnswerThreshold
            ? $"{serviceLevel} with the queue's {own.TotalSeconds:0.#} s threshold"
            : serviceLevel.ToString();
        return new QueueInfo(
            row.Id, row.Client, row.Domain, row.Name, settings?.ServiceLevelThreshold is null && agreed is null,
            agreed ?? settings?.ServiceLevelTarget, settings?.AbandonmentLimit, zone, methods, method);
    }

    public override void Dispose()
    {
        catchUp.Dispose();
        base.Dispose();
    }

    /// <summary>The date at <paramref name="at"/> in the queue's time zone (under <see cref="gate"/>).</summary>
    private DateOnly LocalDay(string queue, DateTimeOffset at) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, queues.TryGetValue(queue, out var info) ? info.Zone : TimeZoneInfo.Utc).DateTime);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The wallboard could not read today's events; retrying.")]
    private static partial void LogRebuildFailed(ILogger logger, Exception error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A wallboard push failed; the next change pushes again.")]
    private static partial void LogPushFailed(ILogger logger, Exception error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A wallboard listener failed; the others were told.")]
    private static partial void LogListenerFailed(ILogger logger, Exception error);

    private sealed record QueueInfo(
        string Id, string Client, string Domain, string Name, bool ThresholdIsDefault, double? Target, double? AbandonmentLimit, TimeZoneInfo Zone,
        KpiMethodSet Methods, string ServiceLevelMethod);

    private sealed class Listener(WallboardFeed feed, string group, Action changed) : IDisposable
    {
        public string Group { get; } = group;

        public Action Changed { get; } = changed;

        public void Dispose()
        {
            lock (feed.listenersGate)
            {
                feed.listeners.Remove(this);
            }
        }
    }
}
