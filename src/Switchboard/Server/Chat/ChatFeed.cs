using Switchboard.Contacts;
using Switchboard.Server.RoutingDomains;

namespace Switchboard.Server.Chat;

/// <summary>
/// Tells conversations in memory when the routing engine committed a change that may move them: their own contact
/// (offered, connected, ended) or another in the same queue (their position and expected wait). Their watchers then
/// read the state again. When the feed lags, every conversation is told.
/// </summary>
internal sealed partial class ChatFeed(EventFeed feed, ChatConversations conversations, ILogger<ChatFeed> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var subscription = feed.Subscribe();
        var queues = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var batch in subscription.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                var lagged = subscription.Lagged;
                subscription.Lagged = false;
                queues.Clear();
                foreach (var change in batch.Contacts)
                {
                    queues.Add(change.Queue);
                    if (conversations.TryGetLive(change.Id, out var own))
                    {
                        own.Agent = change.Agent ?? own.Agent;
                        if ((ContactState)change.State is not (ContactState.Waiting or ContactState.Offered or ContactState.Connected) && own.Ended is null)
                        {
                            // Ended outside the chat API (the agent ended it, a transfer to another channel): the chat is over.
                            await conversations.MarkEndedAsync(own, change.Updated, stoppingToken);
                        }
                    }
                }

                foreach (var conversation in conversations.Live)
                {
                    if (lagged || (string.Equals(conversation.Domain, batch.Domain, StringComparison.Ordinal) && queues.Contains(conversation.Queue)))
                    {
                        conversation.Publish(ChatEvent.Routed.Instance);
                    }
                }
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                LogFailed(logger, error, batch.Domain);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Chat conversations of routing domain {Domain} were not told of a change.")]
    private static partial void LogFailed(ILogger logger, Exception error, string domain);
}
