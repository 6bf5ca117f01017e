using System.Collections.Concurrent;
using System.Threading.Channels;
using Switchboard.Persistence.Contacts;
using Switchboard.Persistence.Events;

namespace Switchboard.Server.RoutingDomains;

/// <summary>What a routing domain stored in one transaction: its events in order, and the contact rows as they now are.</summary>
internal sealed record CommittedBatch(string Domain, IReadOnlyList<StoredEvent> Events, IReadOnlyList<ContactChange> Contacts);

/// <summary>A contact row as committed (an immutable copy: the writer goes on changing its own).</summary>
internal sealed record ContactChange(Guid Id, string Client, string Queue, int Channel, string Language, int State, string? Agent, DateTimeOffset Arrived, DateTimeOffset Updated, int Version, bool Vulnerable)
{
    public static ContactChange From(ContactRecord row) =>
        new(row.Id, row.Client, row.Queue, row.Channel, row.Language, row.State, row.Agent, row.Arrived, row.Updated, row.Version, row.VulnerableCustomer);
}

/// <summary>
/// In-process publication of committed batches to live listeners (hubs, event streams). A listener that falls behind
/// misses the newest batches (and is told so), never slows the writers: the durable log is where a lagging reader catches up.
/// </summary>
internal sealed class EventFeed
{
    private readonly ConcurrentDictionary<Subscription, byte> subscriptions = new();

    public void Publish(CommittedBatch batch)
    {
        foreach (var subscription in subscriptions.Keys)
        {
            if (!subscription.Writer.TryWrite(batch))
            {
                subscription.Lagged = true;
            }
        }
    }

    public Subscription Subscribe(int capacity = 1024)
    {
        var subscription = new Subscription(this, capacity);
        subscriptions[subscription] = 0;
        return subscription;
    }

    internal sealed class Subscription : IDisposable
    {
        private readonly EventFeed feed;
        private readonly Channel<CommittedBatch> channel;

        public Subscription(EventFeed feed, int capacity)
        {
            this.feed = feed;
            channel = Channel.CreateBounded<CommittedBatch>(new BoundedChannelOptions(capacity) { FullMode = BoundedChannelFullMode.Wait, SingleReader = true });
        }

        public ChannelWriter<CommittedBatch> Writer => channel.Writer;

        public ChannelReader<CommittedBatch> Reader => channel.Reader;

        private int lagged;

        /// <summary>Set when a batch was dropped because the reader fell behind: it should catch up from the log.</summary>
        public bool Lagged
        {
            get => Volatile.Read(ref lagged) != 0;
            set => Volatile.Write(ref lagged, value ? 1 : 0);
        }

        public void Dispose()
        {
            feed.subscriptions.TryRemove(this, out _);
            channel.Writer.TryComplete();
        }
    }
}
