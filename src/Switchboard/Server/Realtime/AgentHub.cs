using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Switchboard.Agents;
using Switchboard.Persistence;
using Switchboard.Routing;
using Switchboard.Server.Agents;
using Switchboard.Server.Chat;
using Switchboard.Server.RoutingDomains;
using Switchboard.Server.Security;

namespace Switchboard.Server.Realtime;

/// <summary>
/// The agent desk at <c>/hubs/agent?agent=ID</c>: the desk's state on connect, offers and changes pushed as they commit,
/// and the same answers as HTTP (both call <see cref="AgentsApi.AnswerOfferAsync"/> and <see cref="AgentsApi.ChangePresenceAsync"/>).
/// Without <c>agent</c> the caller's own agent (the <c>switchboard:agent</c> claim) is used; only supervisors and
/// administrators may join as another agent.
/// </summary>
[Authorize(Policy = Policies.AgentWork)]
internal sealed class AgentHub(AgentDirectory agents, RoutingDomainHost domains, IDbContextFactory<SwitchboardDb> databases, RealtimeDispatcher dispatcher, ChatConversations chats) : Hub<IAgentClient>
{
    private const string AgentKey = "agent";

    public override async Task OnConnectedAsync()
    {
        var requested = Context.GetHttpContext()?.Request.Query[AgentKey].ToString();
        var agent = string.IsNullOrEmpty(requested) ? Context.User?.AgentId() : requested;
        if (agent is null || Context.User is null || !AgentsApi.MayActAs(Context.User, agent))
        {
            throw new HubException("Agents may only join as themselves.");
        }

        if (await agents.DomainOfAsync(agent, Context.ConnectionAborted) is not { } domain)
        {
            throw new HubException($"No agent '{agent}'.");
        }

        Context.Items[AgentKey] = agent;
        dispatcher.Joined(agent, domain);
        // Join before reading the state: a change committed in between is then pushed as well as read (at least once).
        await Groups.AddToGroupAsync(Context.ConnectionId, AgentDesk.Group(agent), Context.ConnectionAborted);
        await Clients.Caller.DeskState(await ReadDeskAsync(domains, databases, domain, agent, Context.ConnectionAborted));
    }

    /// <summary>Accepts an offer; refusals (expired, taken, ...) come back as a hub error with the reason.</summary>
    public Task<OfferReply> Accept(long offer) => AnswerAsync(offer, accept: true);

    public Task<OfferReply> Reject(long offer) => AnswerAsync(offer, accept: false);

    public async Task SetPresence(Presence presence, string? reason)
    {
        if (reason is { Length: > 100 })
        {
            throw new HubException("A reason has at most 100 characters.");
        }

        var result = await AgentsApi.ChangePresenceAsync(Agent, presence, reason, agents, domains, Context.ConnectionAborted);
        if (result != RoutingResult.Done)
        {
            throw new HubException(result is null ? $"No agent '{Agent}'." : $"Presence not changed: {result}.");
        }
    }

    /// <summary>
    /// Sends a chat message in a conversation the agent holds; returns its sequence. A repeated
    /// <paramref name="clientMessageId"/> stores nothing and returns the first sequence.
    /// </summary>
    public async Task<long> SendMessage(Guid contact, string text, string clientMessageId)
    {
        if (text is not { Length: >= 1 and <= 2000 } || clientMessageId is not { Length: >= 1 and <= 100 })
        {
            throw new HubException("A message has 1 to 2000 characters and a client message id of 1 to 100.");
        }

        var conversation = await chats.FindAsync(contact, Context.ConnectionAborted) ?? throw new HubException($"No conversation {contact}.");
        var sent = await chats.SendAsync(conversation, ChatSender.Agent, Agent, text, clientMessageId, Context.ConnectionAborted);
        return sent.Result switch
        {
            ChatSendResult.Stored => sent.Sequence,
            ChatSendResult.NotHeld => throw new HubException("You are not in this conversation."),
            _ => throw new HubException("The conversation has ended."),
        };
    }

    /// <summary>Tells the customer the agent is typing (in a conversation the agent holds).</summary>
    public async Task Typing(Guid contact)
    {
        if (await chats.FindAsync(contact, Context.ConnectionAborted) is { } conversation && chats.Holds(conversation, Agent))
        {
            await chats.TypingAsync(conversation, ChatSender.Agent);
        }
    }

    /// <summary>The desk of an agent now; used on connect and to resync after the feed lagged.</summary>
    public static async Task<DeskState> ReadDeskAsync(
        RoutingDomainHost domains, IDbContextFactory<SwitchboardDb> databases, string domainId, string agent, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var vulnerable = (await db.Contacts.AsNoTracking()
            .Where(c => c.Agent == agent && c.VulnerableCustomer)
            .Select(c => c.Id)
            .ToListAsync(cancellationToken)).ToHashSet();
        var domain = await domains.GetAsync(domainId);
        return await domain.Run(batch => AgentDesk.Read(batch, agent, vulnerable));
    }

    private string Agent => (string)Context.Items[AgentKey]!;

    private async Task<OfferReply> AnswerAsync(long offer, bool accept)
    {
        var reply = await AgentsApi.AnswerOfferAsync(Agent, offer, accept, agents, domains, Context.ConnectionAborted);
        return reply switch
        {
            null => throw new HubException($"No agent '{Agent}'."),
            OfferReply.Accepted or OfferReply.Rejected => reply.Value,
            _ => throw new HubException(AgentsApi.RefusalOf(reply.Value)),
        };
    }
}
