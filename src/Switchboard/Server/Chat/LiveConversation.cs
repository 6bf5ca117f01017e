using Switchboard.Persistence.Chat;
using Switchboard.Routing;

namespace Switchboard.Server.Chat;

/// <summary>
/// A conversation the server is working with: what never changes (from its row), the next message sequence, the
/// customer's recent sends (rate limit) and its watchers. Messages are stored and published under <see cref="Gate"/>,
/// so watchers see them in sequence order.
/// </summary>
internal sealed class LiveConversation(ChatConversation row, TimeSpan? callbackOfferAfter)
{
    private readonly List<ChatWatch> watchers = [];
    private readonly Queue<DateTimeOffset> recentSends = new();

    public Guid Id { get; } = row.Contact;

    public string Client { get; } = row.Client;

    public string Domain { get; } = row.Domain;

    public string Queue { get; } = row.Queue;

    public string Widget { get; } = row.Widget;

    public string TokenHash { get; } = row.TokenHash;

    public string Language { get; } = row.Language;

    /// <summary>The threshold beyond which a waiting customer is offered a callback (widget's, else queue's); null: never.</summary>
    public TimeSpan? CallbackOfferAfter { get; } = callbackOfferAfter;

    /// <summary>Serializes message stores (and the sequence) for this conversation.</summary>
    public SemaphoreSlim Gate { get; } = new(1, 1);

    /// <summary>The last stored sequence; -1 until read from the database (under <see cref="Gate"/>).</summary>
    public long LastSequence { get; set; } = -1;

    /// <summary>The sequence of each message stored with a client message id, by sender and id; null until read from the
    /// database (under <see cref="Gate"/>).</summary>
    public Dictionary<(ChatSender Sender, string Id), long>? SentIds { get; set; }

    private DateTimeOffset? ended = row.Ended;

    public DateTimeOffset? Ended
    {
        get
        {
            lock (watchers)
            {
                return ended;
            }
        }

        set
        {
            lock (watchers)
            {
                ended = value;
            }
        }
    }

    private Task? ending;

    /// <summary>
    /// Runs <paramref name="end"/> (recording the end and the survey decision) once for this conversation, however many
    /// callers see it end at once (the chat API and the routing feed), and gives every caller the same task, so nobody
    /// reads the ended state before the survey decision is stored.
    /// </summary>
    public Task EndOnce(Func<Task> end)
    {
        lock (watchers)
        {
            return ending ??= end();
        }
    }

    /// <summary>The end being recorded (or recorded) by this process; null when none started here.</summary>
    public Task? Ending
    {
        get
        {
            lock (watchers)
            {
                return ending;
            }
        }
    }

    private WaitEstimate? estimate;

    /// <summary>The position and expected wait the routing feed last worked out while the contact waited (a struct of
    /// several words: read and written under the lock, so no reader sees half of one).</summary>
    public WaitEstimate? Estimate
    {
        get
        {
            lock (watchers)
            {
                return estimate;
            }
        }

        set
        {
            lock (watchers)
            {
                estimate = value;
            }
        }
    }

    public int Watchers
    {
        get
        {
            lock (watchers)
            {
                return watchers.Count;
            }
        }
    }

    public ChatWatch Watch()
    {
        var watch = new ChatWatch(this);
        lock (watchers)
        {
            watchers.Add(watch);
        }

        return watch;
    }

    public void Unwatch(ChatWatch watch)
    {
        lock (watchers)
        {
            watchers.Remove(watch);
        }
    }

    public void Publish(ChatEvent e)
    {
        lock (watchers)
        {
            foreach (var watcher in watchers)
            {
                watcher.Write(e);
            }
        }
    }

    /// <summary>Counts a customer's send at <paramref name="now"/> unless <paramref name="limit"/> were sent within
    /// <paramref name="window"/> before it (then false, and not counted). Called under <see cref="Gate"/>.</summary>
    public bool TrySend(DateTimeOffset now, int limit, TimeSpan window)
    {
        while (recentSends.Count > 0 && recentSends.Peek() <= now - window)
        {
            recentSends.Dequeue();
        }

        if (recentSends.Count >= limit)
        {
            return false;
        }

        recentSends.Enqueue(now);
        return true;
    }
}
