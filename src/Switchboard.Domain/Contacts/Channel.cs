namespace Switchboard.Contacts;

/// <summary>How a customer reached the centre, or how the centre reaches them.</summary>
public enum Channel
{
    /// <summary>An inbound phone call. Exclusive: an agent on a call does nothing else.</summary>
    Voice = 1,

    /// <summary>A web chat; agents may hold several at once.</summary>
    Chat = 2,

    /// <summary>An email; deferred work, agents may hold several.</summary>
    Email = 3,

    /// <summary>A text message conversation.</summary>
    Sms = 4,

    /// <summary>A conversation on a messaging app.</summary>
    Messaging = 5,

    /// <summary>An outbound call the centre makes to keep a callback promise. Uses the agent's voice capacity.</summary>
    Callback = 6,
}

/// <summary>Facts about channels that routing relies on.</summary>
public static class ChannelRules
{
    /// <summary>Number of distinct agent capacities: voice (shared by callbacks), chat, email, SMS, messaging.</summary>
    internal const int CapacityKinds = 5;

    /// <summary>The agent capacity a contact on this channel uses: a callback is a phone call.</summary>
    public static Channel CapacityChannel(this Channel channel) => channel == Channel.Callback ? Channel.Voice : channel;

    /// <summary>True for channels that hold the agent's whole attention: phone calls and callbacks.</summary>
    public static bool IsExclusive(this Channel channel) => channel is Channel.Voice or Channel.Callback;

    internal static int CapacityIndex(this Channel channel) => channel switch
    {
        Channel.Voice or Channel.Callback => 0,
        Channel.Chat => 1,
        Channel.Email => 2,
        Channel.Sms => 3,
        Channel.Messaging => 4,
        _ => throw new ArgumentOutOfRangeException(nameof(channel), channel, "Unknown channel."),
    };
}
