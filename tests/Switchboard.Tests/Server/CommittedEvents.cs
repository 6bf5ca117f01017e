using Switchboard.Persistence.Events;
using Switchboard.Server.RoutingDomains;

namespace Switchboard.Tests.Server;

/// <summary>
/// Waits for what a routing domain's writer does on its own (a timer firing at the fake clock's new time) by reading
/// the server's in-process <see cref="EventFeed"/>, instead of polling the API on the clock. Subscribe before the
/// action, then wait.
/// </summary>
internal static class CommittedEvents
{
    /// <summary>The first committed event that <paramref name="match"/> accepts; fails the test after 20 seconds without one.</summary>
    public static async Task<StoredEvent> NextAsync(this EventFeed.Subscription subscription, Func<StoredEvent, bool> match)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(20));
        await foreach (var batch in subscription.Reader.ReadAllAsync(timeout.Token))
        {
            if (batch.Events.FirstOrDefault(match) is { } found)
            {
                return found;
            }
        }

        throw new InvalidOperationException("The event feed ended.");
    }
}
