using System.Threading.Channels;

namespace Switchboard.Server.Chat;

// Public only because the agent hub's typed client (IAgentClient) carries ChatMessageView, and SignalR emits its proxy
// in another assembly.

/// <summary>Who wrote a message or is typing.</summary>
public enum ChatSender
{
    Customer = 1,
    Agent = 2,
    System = 3,
}

/// <summary>Where a conversation is, as the customer sees it.</summary>
public enum ChatPhase
{
    /// <summary>In the queue (or being offered to an agent).</summary>
    Waiting = 1,

    /// <summary>An agent is in the conversation.</summary>
    Connected = 2,

    /// <summary>Over: ended by either side, swapped for a callback or an email, or abandoned.</summary>
    Ended = 3,
}

/// <summary>
/// A stored message. <paramref name="Sequence"/> counts from 1 per conversation; <paramref name="AgentName"/> is the
/// writing agent's display name (never the agent's id); <paramref name="At"/> is UTC.
/// </summary>
public sealed record ChatMessageView(Guid Conversation, long Sequence, ChatSender Sender, string? AgentName, string Text, DateTimeOffset At);

/// <summary>
/// A conversation's state now. While waiting: <paramref name="Position"/> (contacts ahead competing for the same agents),
/// <paramref name="ExpectedWait"/> (null when nobody can say: no agent staffed) and <paramref name="CallbackOffered"/>
/// (the wait may exceed the widget's or queue's threshold). Once connected, <paramref name="AgentName"/>. Once ended,
/// <paramref name="Survey"/>: the survey the customer is invited to and has not answered yet (null: none).
/// </summary>
public sealed record ChatState(ChatPhase State, int? Position, TimeSpan? ExpectedWait, bool CallbackOffered, string? AgentName, SurveyOffer? Survey = null);

/// <summary>
/// The survey a customer is invited to after the chat: satisfaction (1-5) and "was your issue resolved?" always;
/// likelihood to recommend (0-10) when <paramref name="Recommend"/>, effort (1-5) when <paramref name="Effort"/>.
/// </summary>
public sealed record SurveyOffer(bool Recommend, bool Effort)
{
    internal static SurveyOffer Of(Switchboard.Contracts.SurveyQuestions questions) =>
        new(questions.HasFlag(Switchboard.Contracts.SurveyQuestions.Recommend), questions.HasFlag(Switchboard.Contracts.SurveyQuestions.Effort));
}

/// <summary>What a watcher of a conversation is told, in order.</summary>
internal abstract record ChatEvent
{
    private ChatEvent()
    {
    }

    public sealed record Message(ChatMessageView View) : ChatEvent;

    public sealed record StateChanged(ChatState State) : ChatEvent;

    public sealed record Typing(ChatSender Sender) : ChatEvent;

    /// <summary><paramref name="Sender"/>'s side received every message up to <paramref name="UpTo"/>.</summary>
    public sealed record Delivery(ChatSender Sender, long UpTo) : ChatEvent;

    /// <summary>The contact changed in the routing engine (or others ahead of it did): the state may have changed.</summary>
    public sealed record Routed : ChatEvent
    {
        public static Routed Instance { get; } = new();
    }
}

/// <summary>One watcher's queue of events. A watcher that falls behind is marked <see cref="Lagged"/> and re-reads
/// stored messages, so it loses none.</summary>
internal sealed class ChatWatch(LiveConversation conversation) : IDisposable
{
    private readonly Channel<ChatEvent> events = Channel.CreateBounded<ChatEvent>(new BoundedChannelOptions(256) { SingleReader = true });
    private int lagged;

    public ChannelReader<ChatEvent> Reader => events.Reader;

    public bool Lagged
    {
        get => Volatile.Read(ref lagged) != 0;
        set => Volatile.Write(ref lagged, value ? 1 : 0);
    }

    public void Write(ChatEvent e)
    {
        if (!events.Writer.TryWrite(e))
        {
            Lagged = true;
        }
    }

    public void Dispose()
    {
        conversation.Unwatch(this);
        events.Writer.TryComplete();
    }
}
