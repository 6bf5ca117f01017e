namespace Switchboard.Server.Email;

/// <summary>The email channel's limits (configuration section <c>Switchboard:Email</c>); mailboxes themselves live in the database.</summary>
internal sealed class EmailSettings
{
    /// <summary>The largest attachment stored, in bytes; larger ones are refused and noted on the case. 10 MB by default.</summary>
    public long AttachmentMaxBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>Media types stored (lower case); others are refused and noted on the case. Common documents and images by default.</summary>
    public IList<string> AttachmentTypes { get; } =
    [
        "application/pdf", "image/png", "image/jpeg", "image/gif", "text/plain", "text/csv",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ];

    /// <summary>More messages than this from one sender within <see cref="FloodWindow"/> are taken for a mail loop; 10 by default.</summary>
    public int FloodLimit { get; set; } = 10;

    public TimeSpan FloodWindow { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How often a mailbox whose server has no IDLE is read; 1 minute by default.</summary>
    public TimeSpan PollEvery { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long one IDLE lasts before it is renewed (servers drop idle clients after 30 minutes); 9 minutes by default.</summary>
    public TimeSpan IdleFor { get; set; } = TimeSpan.FromMinutes(9);

    /// <summary>The wait before a mailbox whose server failed is tried again; 30 seconds by default.</summary>
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromSeconds(30);
}
