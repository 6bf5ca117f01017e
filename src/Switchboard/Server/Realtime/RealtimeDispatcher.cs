using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Switchboard.Agents;
using ContactState = Switchboard.Contacts.ContactState;
using Switchboard.Persistence;
using Switchboard.Persistence.Events;
using Switchboard.Routing;
using Switchboard.Server.RoutingDomains;

namespace Switchboard.Server.Realtime;

/// <summary>
/// Routes committed events from the <see cref="EventFeed"/> to the desks they concern: the SignalR group of each agent
/// (hub clients) and the in-process desks that <see cref="Watch"/> an agent (the web desk's circuits), with one mapping
/// for both. Only committed events are pushed, so a desk never sees an offer the log does not hold. When the
/// subscription lags (batches were dropped), every desk that has joined is sent its whole state again, read from the engine.
/// </summary>
internal sealed partial class RealtimeDispatcher(
    EventFeed feed, IHubContext<AgentHub, IAgentClient> desks, RoutingDomainHost domains, IDbContextFactory<SwitchboardDb> databases, ILogger<RealtimeDispatcher> logger)
    : BackgroundService
{
    // Agents whose desks have joined, with their routing domain: the ones to resync after a lag. Bounded by the agents configured.
    private readonly ConcurrentDictionary<string, string> joined = new(StringComparer.Ordinal);

    // In-process desks per agent; replaced whole (copy on write) so a dispatch reads a stable list without a lock.
    private readonly ConcurrentDictionary<string, ImmutableArray<IAgentClient>> watchers = new(StringComparer.Ordinal);

    public void Joined(string agent, string domain) => joined[agent] = domain;

    /// <summary>
    /// Sends <paramref name="desk"/> what a hub client of <paramref name="agent"/> is sent, until the returned handle is
    /// disposed. The calls come from the dispatcher's loop: a desk must not block in them (hand the work to its own
    /// dispatcher and return). The caller has already checked that its user may act as the agent.
    /// </summary>
    public IDisposable Watch(string agent, string domain, IAgentClient desk)
    {
        Joined(agent, domain);
        watchers.AddOrUpdate(agent, _ => [desk], (_, desks) => desks.Add(desk));
        return new Watching(this, agent, desk);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var subscription = feed.Subscribe();
        await foreach (var batch in subscription.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                if (subscription.Lagged)
                {
                    subscription.Lagged = false;
                    await ResyncAsync(stoppingToken);
                }

                await DispatchAsync(batch);
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                // A push that fails (a domain restarting, a connection closing) must not stop the pushes to everyone else.
                LogPushFailed(logger, error, batch.Domain);
            }
        }
    }

    private async Task DispatchAsync(CommittedBatch batch)
    {
        Dictionary<Guid, ContactChange>? rows = null;
        foreach (var stored in batch.Events)
        {
            if (stored.Agent is not { } agent)
            {
                continue;
            }

            var group = Desks(agent);
            switch ((RoutingEventType)stored.Type)
            {
                case RoutingEventType.ContactOffered when stored.Contact is { } id:
                    rows ??= batch.Contacts.ToDictionary(c => c.Id);
                    var details = rows.TryGetValue(id, out var row)
                        ? AgentDesk.Details(row)
                        : new ContactDetails(id, stored.Queue ?? "", default, "", ContactState.Offered, stored.At, Vulnerable: false);
                    await group.OfferMade(new OfferMade(stored.Offer, details, stored.Until ?? stored.At));
                    break;
                case RoutingEventType.OfferAccepted or RoutingEventType.OfferRejected or RoutingEventType.OfferExpired or RoutingEventType.OfferWithdrawn:
                    await group.OfferEnded(new OfferEnded(stored.Offer, stored.Contact ?? Guid.Empty, EndOf((RoutingEventType)stored.Type)));
                    break;
                case RoutingEventType.AgentPresenceChanged:
                    var reason = EventPayloads.Read(stored).Detail as string;
                    await group.PresenceChanged(new PresenceNow(agent, (Presence)stored.Number, reason, stored.At));
                    break;
                default:
                    break;
            }
        }

        // Contacts in (or just out of) an agent's hands, as they now are; offers are told by OfferMade instead.
        foreach (var contact in batch.Contacts)
        {
            if (contact.Agent is { } agent && contact.State != (int)ContactState.Offered)
            {
                await Desks(agent).ContactChanged(AgentDesk.Details(contact));
            }
        }
    }

    private static OfferEnd EndOf(RoutingEventType type) => type switch
    {
        RoutingEventType.OfferAccepted => OfferEnd.Accepted,
        RoutingEventType.OfferRejected => OfferEnd.Rejected,
        RoutingEventType.OfferExpired => OfferEnd.Expired,
        _ => OfferEnd.Withdrawn,
    };

    private async Task ResyncAsync(CancellationToken cancellationToken)
    {
        foreach (var (agent, domain) in joined)
        {
            var desk = await AgentHub.ReadDeskAsync(domains, databases, domain, agent, cancellationToken);
            await Desks(agent).DeskState(desk);
        }
    }

    /// <summary>Every desk of an agent: the hub group, and the in-process desks watching it.</summary>
    private IAgentClient Desks(string agent)
    {
        var group = desks.Clients.Group(AgentDesk.Group(agent));
        return watchers.TryGetValue(agent, out var local) && !local.IsEmpty ? new Fanout([group, .. local]) : group;
    }

    private sealed class Watching(RealtimeDispatcher dispatcher, string agent, IAgentClient desk) : IDisposable
    {
        private int disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 0)
            {
                dispatcher.watchers.AddOrUpdate(agent, _ => [], (_, desks) => desks.Remove(desk));
            }
        }
    }

    /// <summary>One message to several desks, in order; one desk failing does not keep it from the others.</summary>
    private sealed class Fanout(ImmutableArray<IAgentClient> desks) : IAgentClient
    {
        public Task DeskState(DeskState state) => Each(d => d.DeskState(state));

        public Task OfferMade(OfferMade offer) => Each(d => d.OfferMade(offer));

        public Task OfferEnded(OfferEnded offer) => Each(d => d.OfferEnded(offer));

        public Task ContactChanged(ContactDetails contact) => Each(d => d.ContactChanged(contact));

        public Task PresenceChanged(PresenceNow presence) => Each(d => d.PresenceChanged(presence));

        public Task ChatMessage(Chat.ChatMessageView message) => Each(d => d.ChatMessage(message));

        public Task ChatTyping(Guid conversation) => Each(d => d.ChatTyping(conversation));

        private async Task Each(Func<IAgentClient, Task> send)
        {
            List<Exception>? errors = null;
            foreach (var desk in desks)
            {
                try
                {
                    await send(desk);
                }
                catch (Exception error) when (error is not OperationCanceledException)
                {
                    (errors ??= []).Add(error);
                }
            }

            if (errors is not null)
            {
                throw new AggregateException(errors);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pushing a committed batch of routing domain {Domain} to live desks failed.")]
    private static partial void LogPushFailed(ILogger logger, Exception error, string domain);
}
