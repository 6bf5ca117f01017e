using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Switchboard.Contacts;
using Switchboard.Persistence;
using Switchboard.Persistence.Chat;
using Switchboard.Queues;
using Switchboard.Routing;
using Switchboard.Server.Contacts;
using Switchboard.Server.Hosting;
using Switchboard.Server.Queues;
using Switchboard.Server.Realtime;
using Switchboard.Server.RoutingDomains;
using Switchboard.Server.Security;
using Switchboard.Skills;

namespace Switchboard.Server.Chat;

/// <summary>
/// Chat conversations for both sides: the customer API and the agent desk (in process, or through the agent hub) call
/// these. Every change of the contact goes through its routing domain's writer; messages are content, stored in their
/// own table and committed before they are acknowledged or pushed to anyone.
/// </summary>
internal sealed class ChatConversations(
    IDbContextFactory<SwitchboardDb> databases,
    RoutingDomainHost domains,
    ContactDirectory contacts,
    QueueDirectory queues,
    ChatWidgets widgets,
    ChatMessageStore store,
    ServerMetrics metrics,
    IHubContext<AgentHub, IAgentClient> desks,
    IOptions<ChatSettings> settings,
    TimeProvider time)
{
    public const string TokenPrefix = "sc_";

    private readonly ConcurrentDictionary<Guid, LiveConversation> live = new();
    private readonly ConcurrentDictionary<string, string> agentNames = new(StringComparer.Ordinal);

    /// <summary>The conversations in memory now (for the routing feed to notify; enumerating takes no lock or copy).</summary>
    public IEnumerable<LiveConversation> Live => live.Select(static entry => entry.Value);

    public bool TryGetLive(Guid id, out LiveConversation conversation) => live.TryGetValue(id, out conversation!);

    /// <summary>Starts a conversation: a chat contact in the topic's queue, the conversation row (and the customer's
    /// <paramref name="email"/> as their key, when given) in the same transaction.</summary>
    public async Task<ChatStart> StartAsync(WidgetEntry widget, WidgetTopic topic, Language language, string? customerName, CustomerKey? email, CancellationToken cancellationToken)
    {
        if (await queues.FindAsync(topic.Queue, cancellationToken) is not { } queue || queue.Client != widget.Client)
        {
            return new ChatStart.Refused(RoutingResult.UnknownQueue);
        }

        if (queue.OpenAt(time.GetUtcNow()) is (false, var nextOpening))
        {
            return new ChatStart.Closed(nextOpening);
        }

        var token = TokenPrefix + System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var contact = new NewContact(Channel.Chat, new QueueId(topic.Queue), language) { Attributes = new ContactAttributes(widget.Client) };
        ChatConversation? row = null;
        var callbackOfferAfter = widget.CallbackOfferAfter ?? queue.CallbackOfferThreshold;
        (ContactArrival answer, string? _) = await ContactsApi.ArriveAsync(contact, queue, null, domains, metrics, (batch, id) =>
        {
            row = new ChatConversation
            {
                Contact = id,
                Widget = widget.Id,
                Client = widget.Client,
                Domain = batch.Domain,
                Queue = topic.Queue,
                TokenHash = ApiTokens.Hash(token),
                CustomerName = customerName,
                Language = language.Tag,
                Topic = topic.Id,
                Created = batch.Now,
            };
            var stored = row;
            batch.Stage(db => db.ChatConversations.Add(stored));
            CustomerKeys.Stage(batch, id, widget.Client, email is null ? [] : [email]);
            // In memory before the arrival is committed and published, so the routing feed finds it from its first change.
            live[id] = new LiveConversation(stored, callbackOfferAfter) { LastSequence = 0, SentIds = [] };
        });
        if (answer is not ContactArrival.Queued queued || row is null)
        {
            if (row is not null)
            {
                live.TryRemove(row.Contact, out _);
            }

            return new ChatStart.Refused(answer is ContactArrival.Refused refused ? refused.Result : RoutingResult.UnknownQueue);
        }

        var conversation = live.GetOrAdd(queued.Id, _ => new LiveConversation(row, callbackOfferAfter) { LastSequence = 0, SentIds = [] });
        var outcome = queued.Outcome;
        var state = outcome.Offer is null
            ? Waiting(outcome.ExpectedWait, conversation.CallbackOfferAfter)
            : new ChatState(ChatPhase.Waiting, 0, TimeSpan.Zero, false, null);
        return new ChatStart.Started(queued.Id, token, state);
    }

    /// <summary>The conversation with this id if <paramref name="token"/> is its secret; null otherwise (whether or not it exists).</summary>
    public async Task<LiveConversation?> AuthenticateAsync(Guid id, string token, CancellationToken cancellationToken)
    {
        var conversation = await FindAsync(id, cancellationToken);
        if (conversation is null)
        {
            return null;
        }

        var given = Encoding.ASCII.GetBytes(ApiTokens.Hash(token));
        var stored = Encoding.ASCII.GetBytes(conversation.TokenHash);
        return CryptographicOperations.FixedTimeEquals(given, stored) ? conversation : null;
    }

    /// <summary>A conversation by its id (its chat contact's), loaded into memory on first use; null when none.</summary>
    public async Task<LiveConversation?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        if (live.TryGetValue(id, out var known))
        {
            return known;
        }

        // The caller has proved nothing yet (the token is checked against the row): the row is read whatever the client.
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        db.Scope = DataScope.AllClients;
        var row = await db.ChatConversations.AsNoTracking().SingleOrDefaultAsync(c => c.Contact == id, cancellationToken);
        if (row is null)
        {
            return null;
        }

        var threshold = (await widgets.FindAsync(row.Widget, cancellationToken))?.CallbackOfferAfter
            ?? (await queues.FindAsync(row.Queue, cancellationToken))?.CallbackOfferThreshold;
        var loaded = new LiveConversation(row, threshold);
        return row.Ended is null ? live.GetOrAdd(id, loaded) : loaded;
    }

    /// <summary>Drops a finished conversation from memory once nobody watches it (it is read again if asked for).</summary>
    public void Release(LiveConversation conversation)
    {
        if (conversation.Watchers == 0)
        {
            live.TryRemove(conversation.Id, out _);
        }
    }

    /// <summary>
    /// The conversation's state now: while its contact is live, its committed state and agent from the directory and,
    /// while it waits, its position and expected wait from its routing domain (or, with <paramref name="cachedEstimate"/>,
    /// as the routing feed last worked them out); once finished, from the read model.
    /// </summary>
    public async Task<ChatState> ReadStateAsync(LiveConversation conversation, CancellationToken cancellationToken, bool cachedEstimate = false)
    {
        if (conversation.Ended is not null)
        {
            return await EndedAsync(conversation, cancellationToken);
        }

        if (contacts.TryFind(conversation.Id, out DirectoryEntry entry))
        {
            var estimate = entry.State != ContactState.Waiting ? null
                : cachedEstimate && conversation.Estimate is { } known ? known
                : await EstimateAsync(entry.Domain, conversation.Id);
            return await StateOfAsync(conversation, entry.State, entry.Agent, estimate, cancellationToken);
        }

        await using var db = await ScopedAsync(conversation, cancellationToken);
        var row = await db.Contacts.AsNoTracking().Where(c => c.Id == conversation.Id).Select(c => new { c.State, c.Agent }).SingleOrDefaultAsync(cancellationToken);
        return row is null ? await EndedAsync(conversation, cancellationToken) : await StateOfAsync(conversation, (ContactState)row.State, row.Agent, null, cancellationToken);
    }

    /// <summary>A waiting contact's position and expected wait, from its routing domain's writer (null once it no longer waits).</summary>
    private async Task<WaitEstimate?> EstimateAsync(string domainId, Guid contact)
    {
        var domain = await domains.GetAsync(domainId);
        return await domain.Run(batch => batch.NumberOf(contact) is { } number && batch.Engine.FindContact(number) is { State: ContactState.Waiting }
            ? batch.Engine.EstimateWait(number)
            : (WaitEstimate?)null);
    }

    /// <summary>
    /// Works out the position and expected wait of every conversation in memory that waits in one of
    /// <paramref name="queues"/> of <paramref name="domainId"/> (all its queues when null), in one turn on the writer, and
    /// tells each whose estimate changed. The routing feed calls this once per run of committed batches, so a busy queue
    /// costs the writer one pass, not one read per open conversation.
    /// </summary>
    public async Task RefreshWaitingAsync(string domainId, IReadOnlySet<string>? queues)
    {
        var waiting = new List<LiveConversation>();
        foreach (var conversation in Live)
        {
            if (string.Equals(conversation.Domain, domainId, StringComparison.Ordinal) && (queues is null || queues.Contains(conversation.Queue))
                && conversation.Ended is null && contacts.TryFind(conversation.Id, out DirectoryEntry entry) && entry.State == ContactState.Waiting)
            {
                waiting.Add(conversation);
            }
        }

        if (waiting.Count == 0)
        {
            return;
        }

        var domain = await domains.GetAsync(domainId);
        var estimates = await domain.Run(batch =>
        {
            var found = new WaitEstimate?[waiting.Count];
            for (var i = 0; i < waiting.Count; i++)
            {
                found[i] = batch.NumberOf(waiting[i].Id) is { } number && batch.Engine.FindContact(number) is { State: ContactState.Waiting }
                    ? batch.Engine.EstimateWait(number)
                    : null;
            }

            return found;
        });
        for (var i = 0; i < waiting.Count; i++)
        {
            if (estimates[i] is { } estimate && estimate != waiting[i].Estimate)
            {
                waiting[i].Estimate = estimate;
                waiting[i].Publish(ChatEvent.Routed.Instance);
            }
        }
    }

    /// <summary>The agent holding (or last offered) the conversation's contact, as last committed; null when none or finished.</summary>
    public string? AgentOf(LiveConversation conversation) =>
        contacts.TryFind(conversation.Id, out DirectoryEntry entry) ? entry.Agent : null;

    private async Task<ChatState> StateOfAsync(LiveConversation conversation, ContactState state, string? agent, WaitEstimate? estimate, CancellationToken cancellationToken) => state switch
    {
        ContactState.Waiting => estimate is { } wait ? Waiting(wait, conversation.CallbackOfferAfter) : new ChatState(ChatPhase.Waiting, null, null, false, null),
        ContactState.Offered => new ChatState(ChatPhase.Waiting, 0, TimeSpan.Zero, false, null),
        ContactState.Connected => new ChatState(ChatPhase.Connected, null, null, false, agent is null ? null : await AgentNameAsync(agent, cancellationToken)),
        // Over, though the routing feed may not have told the conversation yet: record the end (once) before answering.
        _ => await EndedNowAsync(conversation, cancellationToken),
    };

    private async Task<ChatState> EndedNowAsync(LiveConversation conversation, CancellationToken cancellationToken)
    {
        await conversation.EndOnce(() => StoreEndAsync(conversation, time.GetUtcNow()));
        return await EndedAsync(conversation, cancellationToken);
    }

    /// <summary>The ended state, with the survey the customer is offered (read once the end, and so the survey decision,
    /// is stored).</summary>
    private async Task<ChatState> EndedAsync(LiveConversation conversation, CancellationToken cancellationToken)
    {
        if (conversation.Ending is { } ending)
        {
            await ending.WaitAsync(cancellationToken);
        }

        await using var db = await ScopedAsync(conversation, cancellationToken);
        return new ChatState(ChatPhase.Ended, null, null, false, null, await ChatSurveys.OfferAsync(db, conversation.Id, cancellationToken));
    }

    private static ChatState Waiting(WaitEstimate wait, TimeSpan? callbackOfferAfter) =>
        new(ChatPhase.Waiting, wait.Position, wait.IsKnown ? wait.Expected : null, callbackOfferAfter is { } threshold && wait.MayExceed(threshold), null);

    /// <summary>The stored messages after sequence <paramref name="after"/>, in order.</summary>
    public async Task<IReadOnlyList<ChatMessageView>> ReadMessagesAsync(LiveConversation conversation, long after, CancellationToken cancellationToken)
    {
        await using var db = await ScopedAsync(conversation, cancellationToken);
        var rows = await db.ChatMessages.AsNoTracking().Where(m => m.Conversation == conversation.Id && m.Sequence > after).OrderBy(m => m.Sequence).ToListAsync(cancellationToken);
        var views = new List<ChatMessageView>(rows.Count);
        foreach (var row in rows)
        {
            views.Add(await ViewAsync(row, cancellationToken));
        }

        return views;
    }

    /// <summary>
    /// Stores a message and then pushes it to the conversation's watchers and its agent's desks. A repeated
    /// <paramref name="clientMessageId"/> of the same sender returns the stored message's sequence and stores nothing.
    /// </summary>
    public async Task<ChatSend> SendAsync(LiveConversation conversation, ChatSender sender, string? agent, string text, string? clientMessageId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(text);
        if (sender == ChatSender.Agent && (agent is null || !Holds(conversation, agent)))
        {
            return ChatSend.NotHeld;
        }

        ChatMessage row;
        await conversation.Gate.WaitAsync(cancellationToken);
        try
        {
            if (conversation.SentIds is null || conversation.LastSequence < 0)
            {
                await LoadSentAsync(conversation, cancellationToken);
            }

            if (clientMessageId is not null && conversation.SentIds!.TryGetValue((sender, clientMessageId), out var earlier))
            {
                return new ChatSend(ChatSendResult.Stored, earlier);
            }

            if (conversation.Ended is not null || !IsOpen(conversation) && (await ReadStateAsync(conversation, cancellationToken)).State == ChatPhase.Ended)
            {
                return ChatSend.Over;
            }

            var now = time.GetUtcNow();
            if (sender == ChatSender.Customer && !conversation.TrySend(now, settings.Value.MessagesPerWindow, settings.Value.MessageWindow))
            {
                return ChatSend.TooMany;
            }

            row = new ChatMessage
            {
                Conversation = conversation.Id,
                Client = conversation.Client,
                Sequence = conversation.LastSequence + 1,
                At = now,
                Sender = (int)sender,
                Agent = agent,
                Text = text,
                ClientMessageId = clientMessageId,
            };
            try
            {
                await store.StoreAsync(row);
            }
            catch (DbUpdateException)
            {
                // Another process stored a message meanwhile (or what is in memory is stale): read it again next time.
                conversation.LastSequence = -1;
                conversation.SentIds = null;
                throw;
            }

            conversation.LastSequence = row.Sequence;
            if (clientMessageId is not null)
            {
                conversation.SentIds![(sender, clientMessageId)] = row.Sequence;
            }
            var view = await ViewAsync(row, cancellationToken);
            conversation.Publish(new ChatEvent.Message(view));
            if ((agent ?? AgentOf(conversation)) is { } desk)
            {
                await desks.Clients.Group(AgentDesk.Group(desk)).ChatMessage(view);
            }
        }
        finally
        {
            conversation.Gate.Release();
        }

        return new ChatSend(ChatSendResult.Stored, row.Sequence);
    }

    /// <summary>Reads the conversation's last sequence and the client message ids it has stored (under its gate), once
    /// per conversation loaded into memory, so a send needs no read of its own to stay idempotent.</summary>
    private async Task LoadSentAsync(LiveConversation conversation, CancellationToken cancellationToken)
    {
        await using var db = await ScopedAsync(conversation, cancellationToken);
        var stored = await db.ChatMessages.AsNoTracking().Where(m => m.Conversation == conversation.Id)
            .Select(m => new { m.Sequence, m.Sender, m.ClientMessageId }).ToListAsync(cancellationToken);
        var sent = new Dictionary<(ChatSender, string), long>();
        foreach (var message in stored)
        {
            if (message.ClientMessageId is { } id)
            {
                sent[((ChatSender)message.Sender, id)] = message.Sequence;
            }
        }

        conversation.LastSequence = stored.Count == 0 ? 0 : stored.Max(m => m.Sequence);
        conversation.SentIds = sent;
    }

    /// <summary>Tells the other side that <paramref name="sender"/> is typing (nothing is stored).</summary>
    public async Task TypingAsync(LiveConversation conversation, ChatSender sender)
    {
        conversation.Publish(new ChatEvent.Typing(sender));
        if (sender == ChatSender.Customer && AgentOf(conversation) is { } agent)
        {
            await desks.Clients.Group(AgentDesk.Group(agent)).ChatTyping(conversation.Id);
        }
    }

    /// <summary>Records that <paramref name="sender"/>'s side received every message up to <paramref name="upTo"/>
    /// (it only moves forward) and tells the other side. False, and nothing recorded, when no message
    /// <paramref name="upTo"/> is stored yet (a side cannot have received it).</summary>
    public async Task<bool> DeliveredAsync(LiveConversation conversation, ChatSender sender, long upTo, CancellationToken cancellationToken)
    {
        if (upTo > await LastSequenceAsync(conversation, cancellationToken))
        {
            return false;
        }

        // The store's group commit takes it with the messages; the caller's token cannot call back what others share.
        if (await store.RecordDeliveryAsync(conversation.Id, sender, upTo).WaitAsync(cancellationToken))
        {
            conversation.Publish(new ChatEvent.Delivery(sender, upTo));
        }

        return true;
    }

    /// <summary>The last stored sequence (read once under the gate when the conversation was loaded without it).</summary>
    private async Task<long> LastSequenceAsync(LiveConversation conversation, CancellationToken cancellationToken)
    {
        if (conversation.LastSequence >= 0)
        {
            return conversation.LastSequence;
        }

        await conversation.Gate.WaitAsync(cancellationToken);
        try
        {
            if (conversation.SentIds is null || conversation.LastSequence < 0)
            {
                await LoadSentAsync(conversation, cancellationToken);
            }

            return conversation.LastSequence;
        }
        finally
        {
            conversation.Gate.Release();
        }
    }

    /// <summary>Whether <paramref name="agent"/> holds the conversation's contact now (connected to it), as last committed.</summary>
    public bool Holds(LiveConversation conversation, string agent) =>
        contacts.TryFind(conversation.Id, out DirectoryEntry entry) && entry.State == ContactState.Connected && string.Equals(entry.Agent, agent, StringComparison.Ordinal);

    /// <summary>Whether the conversation's contact is in a chat state (waiting, offered or connected) as last committed.</summary>
    private bool IsOpen(LiveConversation conversation) =>
        contacts.TryFind(conversation.Id, out DirectoryEntry entry) && entry.State is ContactState.Waiting or ContactState.Offered or ContactState.Connected;

    /// <summary>
    /// Runs <paramref name="command"/> on the conversation's contact (on its writer; it may stage rows in the same
    /// transaction), and marks the conversation ended when it is done.
    /// </summary>
    public async Task<RoutingResult> EndWithAsync(
        LiveConversation conversation, Func<DomainBatch, ContactId, ContactSnapshot, RoutingResult> command, CancellationToken cancellationToken)
    {
        if (!contacts.TryFind(conversation.Id, out var domainId, out _))
        {
            return RoutingResult.WrongContactState;
        }

        var domain = await domains.GetAsync(domainId);
        var result = await domain.Run(batch => batch.NumberOf(conversation.Id) is { } number && batch.Engine.FindContact(number) is { } contact
            ? command(batch, number, contact)
            : RoutingResult.WrongContactState);
        if (result == RoutingResult.Done)
        {
            await MarkEndedAsync(conversation, cancellationToken);
        }

        return result;
    }

    /// <summary>Ends the chat from either side: a waiting customer leaves (abandoned), a connected one's chat completes.</summary>
    public Task<RoutingResult> EndAsync(LiveConversation conversation, CancellationToken cancellationToken) =>
        EndWithAsync(conversation, Leave, cancellationToken);

    /// <summary>The customer leaves the chat (on the writer): abandoned while waiting, completed once connected.</summary>
    public static RoutingResult Leave(DomainBatch batch, ContactId number, ContactSnapshot contact) => contact.State switch
    {
        ContactState.Waiting or ContactState.Offered => batch.Engine.Abandon(number, batch.Now),
        ContactState.Connected => batch.Engine.Complete(number, batch.Now),
        _ => RoutingResult.WrongContactState,
    };

    /// <summary>The agent ends a chat they hold (the contact goes to wrap-up, as <c>POST /api/contacts/{id}/end</c>).</summary>
    public async Task<RoutingResult> EndAsAgentAsync(LiveConversation conversation, string agent, CancellationToken cancellationToken) =>
        Holds(conversation, agent)
            ? await EndWithAsync(conversation, static (batch, number, _) => batch.Engine.Complete(number, batch.Now), cancellationToken)
            : RoutingResult.WrongContactState;

    private Task MarkEndedAsync(LiveConversation conversation, CancellationToken cancellationToken) =>
        MarkEndedAsync(conversation, time.GetUtcNow(), cancellationToken);

    /// <summary>Records that the chat ended at <paramref name="now"/> (by either side, or the contact left the chat
    /// states some other way), tells its watchers, and lets it go from memory.</summary>
    public async Task MarkEndedAsync(LiveConversation conversation, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await conversation.EndOnce(() => StoreEndAsync(conversation, now));
        conversation.Publish(new ChatEvent.StateChanged(await EndedAsync(conversation, cancellationToken)));
        Release(conversation);
    }

    /// <summary>Stores the end and, when this process is the one to end it, decides on the survey invitation (see
    /// <see cref="ChatSurveys.DecideAsync"/>). Not cancelled by any one caller: others wait for it too.</summary>
    private async Task StoreEndAsync(LiveConversation conversation, DateTimeOffset now)
    {
        conversation.Ended = now;
        await using var db = await ScopedAsync(conversation, CancellationToken.None);
        var marked = await db.ChatConversations.Where(c => c.Contact == conversation.Id && c.Ended == null)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Ended, now), CancellationToken.None);
        if (marked == 0)
        {
            // Another process ended it first, and decided.
            return;
        }

        try
        {
            await ChatSurveys.DecideAsync(db, conversation.Id, conversation.Client, now, CancellationToken.None);
        }
        catch (DbUpdateException)
        {
            // Invited already (the unique contact key): the first decision stands.
        }
    }

    /// <summary>
    /// The conversation's events as they happen, for one side (<paramref name="viewer"/>: its own typing and delivery
    /// are left out). Stored messages after <paramref name="after"/> come first, then the state, then whatever happens,
    /// each message exactly once and in sequence order. Ends after the conversation has ended.
    /// </summary>
    public async IAsyncEnumerable<ChatEvent> WatchAsync(LiveConversation conversation, ChatSender viewer, long after, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Watch before reading, so a message stored in between is seen (once: by sequence).
        using var watch = conversation.Watch();
        var last = after;
        foreach (var message in await ReadMessagesAsync(conversation, last, cancellationToken))
        {
            last = message.Sequence;
            yield return new ChatEvent.Message(message);
        }

        var state = await ReadStateAsync(conversation, cancellationToken);
        yield return new ChatEvent.StateChanged(state);
        while (state.State != ChatPhase.Ended)
        {
            var due = false;
            using (var waited = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                var ready = watch.Reader.WaitToReadAsync(waited.Token).AsTask();
                if (state.State == ChatPhase.Waiting)
                {
                    // A waiting customer is told the state every few seconds even when nothing changed.
                    var tick = Task.Delay(settings.Value.WaitingStateEvery, time, waited.Token);
                    due = await Task.WhenAny(ready, tick) == tick;
                }

                if (!due && !await ready)
                {
                    yield break;
                }

                await waited.CancelAsync();
            }

            var routed = due;
            if (watch.Lagged)
            {
                watch.Lagged = false;
                routed = true;
                foreach (var message in await ReadMessagesAsync(conversation, last, cancellationToken))
                {
                    last = message.Sequence;
                    yield return new ChatEvent.Message(message);
                }
            }

            while (watch.Reader.TryRead(out var e))
            {
                switch (e)
                {
                    case ChatEvent.Message m when m.View.Sequence > last:
                        last = m.View.Sequence;
                        yield return m;
                        break;
                    case ChatEvent.Message:
                        break;
                    case ChatEvent.Routed or ChatEvent.StateChanged:
                        routed = true;
                        break;
                    case ChatEvent.Typing t when t.Sender != viewer:
                        yield return t;
                        break;
                    case ChatEvent.Delivery d when d.Sender != viewer:
                        yield return d;
                        break;
                }
            }

            if (routed)
            {
                // Told by the routing feed (which worked out the waiting estimate once for all): read it from memory;
                // the periodic tick reads a fresh estimate, as the wait runs down even when nothing happens.
                var now = await ReadStateAsync(conversation, cancellationToken, cachedEstimate: !due);
                if (due || now != state)
                {
                    yield return new ChatEvent.StateChanged(now);
                }

                state = now;
            }
        }
    }

    /// <summary>A context that sees only the conversation's client's rows.</summary>
    public async Task<SwitchboardDb> ScopedAsync(LiveConversation conversation, CancellationToken cancellationToken)
    {
        var db = await databases.CreateDbContextAsync(cancellationToken);
        db.Scope = DataScope.OneClient(conversation.Client);
        return db;
    }

    private async Task<ChatMessageView> ViewAsync(ChatMessage row, CancellationToken cancellationToken) =>
        new(row.Conversation, row.Sequence, (ChatSender)row.Sender, row.Agent is null ? null : await AgentNameAsync(row.Agent, cancellationToken), row.Text, row.At);

    /// <summary>The name an agent is shown by to customers (the agent's name in the directory), cached.</summary>
    private async Task<string> AgentNameAsync(string agent, CancellationToken cancellationToken)
    {
        if (agentNames.TryGetValue(agent, out var known))
        {
            return known;
        }

        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        db.Scope = DataScope.AllClients;
        var name = await db.Agents.AsNoTracking().Where(a => a.Id == agent).Select(a => a.Name).SingleOrDefaultAsync(cancellationToken);
        // An agent since removed is still named, without revealing the id.
        return agentNames[agent] = name ?? "Agent";
    }
}

/// <summary>The answer to a new conversation.</summary>
internal abstract record ChatStart
{
    private ChatStart()
    {
    }

    public sealed record Started(Guid Conversation, string Token, ChatState State) : ChatStart;

    /// <summary>The topic's queue is closed; it next opens then (null: no opening set).</summary>
    public sealed record Closed(DateTimeOffset? NextOpening) : ChatStart;

    public sealed record Refused(RoutingResult Result) : ChatStart;
}

internal enum ChatSendResult
{
    Stored = 1,
    TooMany = 2,
    Over = 3,
    NotHeld = 4,
}

/// <summary>What became of a message: stored (with its sequence), or refused and why.</summary>
internal readonly record struct ChatSend(ChatSendResult Result, long Sequence)
{
    public static ChatSend TooMany => new(ChatSendResult.TooMany, 0);

    public static ChatSend Over => new(ChatSendResult.Over, 0);

    public static ChatSend NotHeld => new(ChatSendResult.NotHeld, 0);
}
