using Switchboard.Contacts;
using Switchboard.Server.RoutingDomains;

namespace Switchboard.Server.Chat;

/// <summary>
/// Tells conversations in memory when the routing engine committed a change that may move them. A conversation whose
/// own contact changed (offered, connected, ended) is told at once; its watchers read the new state from the contact
/// directory, in memory. Waiting conversations in a queue that changed get their position and expected wait worked out
/// in one pass per routing domain for every run of batches read together, never one writer read per conversation.
/// When the feed lags, every conversation is told and every waiting one is worked out again.
/// </summary>
internal sealed partial class ChatFeed(EventFeed feed, ChatConversations conversations, ILogger<ChatFeed> logger) : BackgroundService
{
    /// <summary>The most batches taken together before the waiting positions are worked out.</summary>
    private const int MaximumRun = 256;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var subscription = feed.Subscribe();
        var touched = new Dictionary<string, HashSet<string>?>(StringComparer.Ordinal);
        while (await subscription.Reader.WaitToReadAsync(stoppingToken))
        {
            touched.Clear();
            var lagged = subscription.Lagged;
            subscription.Lagged = false;
            var taken = 0;
            while (taken++ < MaximumRun && subscription.Reader.TryRead(out var batch))
            {
                try
                {
                    await TellAsync(batch, touched, stoppingToken);
                }
                catch (Exception error) when (error is not OperationCanceledException)
                {
                    LogFailed(logger, error, batch.Domain);
                }
            }

            if (lagged)
            {
                // Some batches were never seen: every conversation reads its state again, every domain's waiting ones are worked out.
                foreach (var conversation in conversations.Live)
                {
                    conversation.Publish(ChatEvent.Routed.Instance);
                    touched[conversation.Domain] = null;
                }
            }

            foreach (var (domain, queues) in touched)
            {
                try
                {
                    await conversations.RefreshWaitingAsync(domain, queues);
                }
                catch (Exception error) when (error is not OperationCanceledException)
                {
                    LogFailed(logger, error, domain);
                }
            }
        }
    }

    private async Task TellAsync(CommittedBatch batch, Dictionary<string, HashSet<string>?> touched, CancellationToken stoppingToken)
    {
        if (!touched.TryGetValue(batch.Domain, out var queues))
        {
            touched[batch.Domain] = queues = new HashSet<string>(StringComparer.Ordinal);
        }

        foreach (var change in batch.Contacts)
        {
            queues?.Add(change.Queue);
            if (conversations.TryGetLive(change.Id, out var own))
            {
                if ((ContactState)change.State is not (ContactState.Waiting or ContactState.Offered or ContactState.Connected) && own.Ended is null)
                {
                    // Ended outside the chat API (the agent ended it, a transfer to another channel): the chat is over.
                    await conversations.MarkEndedAsync(own, change.Updated, stoppingToken);
                }
                else
                {
                    own.Publish(ChatEvent.Routed.Instance);
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Chat conversations of routing domain {Domain} were not told of a change.")]
    private static partial void LogFailed(ILogger logger, Exception error, string domain);
}
