namespace Switchboard.Server.Chat;

/// <summary>Limits of the chat channel (configuration section <c>Switchboard:Chat</c>).</summary>
internal sealed class ChatSettings
{
    /// <summary>How many messages one conversation's customer may send within <see cref="MessageWindow"/>; 20 by default.</summary>
    public int MessagesPerWindow { get; set; } = 20;

    /// <summary>The sliding window of <see cref="MessagesPerWindow"/>; 10 seconds by default.</summary>
    public TimeSpan MessageWindow { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often a waiting customer's stream is sent the state even when nothing changed; 5 seconds by default.</summary>
    public TimeSpan WaitingStateEvery { get; set; } = TimeSpan.FromSeconds(5);
}

/// <summary>
/// The mail server transcripts are sent through (configuration section <c>Switchboard:Mail</c>). Unset
/// <see cref="Host"/> means none: transcripts by email are refused.
/// </summary>
internal sealed class MailSettings
{
    /// <summary>The SMTP server's host name; null or empty when mail is not set up.</summary>
    public string? Host { get; set; }

    /// <summary>The SMTP port; 25 by default (587 with <see cref="StartTls"/> is usual for a submission server).</summary>
    public int Port { get; set; } = 25;

    /// <summary>Upgrade the connection with STARTTLS (required when true); false sends in clear, for a relay on loopback.</summary>
    public bool StartTls { get; set; }

    /// <summary>The From address of transcripts (<c>chat@centre.example</c>).</summary>
    public string? Sender { get; set; }

    /// <summary>User name for SMTP authentication; none when null.</summary>
    public string? UserName { get; set; }

    public string? Password { get; set; }

    public bool Configured => !string.IsNullOrWhiteSpace(Host) && !string.IsNullOrWhiteSpace(Sender);
}
