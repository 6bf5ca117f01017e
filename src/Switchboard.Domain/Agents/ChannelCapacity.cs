using Switchboard.Contacts;

namespace Switchboard.Agents;

/// <summary>
/// How many contacts of each channel an agent may hold at once (offers, conversations and wrap-ups all count).
/// Voice is exclusive: an agent is offered a call only with nothing else in hand, and nothing else while on a call.
/// Callbacks use the voice capacity.
/// </summary>
public sealed record ChannelCapacity
{
    public ChannelCapacity(int voice = 1, int chat = 0, int email = 0, int sms = 0, int messaging = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(voice);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(voice, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(chat);
        ArgumentOutOfRangeException.ThrowIfNegative(email);
        ArgumentOutOfRangeException.ThrowIfNegative(sms);
        ArgumentOutOfRangeException.ThrowIfNegative(messaging);
        Voice = voice;
        Chat = chat;
        Email = email;
        Sms = sms;
        Messaging = messaging;
    }

    /// <summary>One phone call at a time.</summary>
    public static ChannelCapacity VoiceOnly { get; } = new(voice: 1);

    public int Voice { get; }

    public int Chat { get; }

    public int Email { get; }

    public int Sms { get; }

    public int Messaging { get; }

    /// <summary>The number of contacts of <paramref name="channel"/> the agent may hold.</summary>
    public int For(Channel channel) => channel.CapacityChannel() switch
    {
        Channel.Voice => Voice,
        Channel.Chat => Chat,
        Channel.Email => Email,
        Channel.Sms => Sms,
        Channel.Messaging => Messaging,
        _ => 0,
    };
}
