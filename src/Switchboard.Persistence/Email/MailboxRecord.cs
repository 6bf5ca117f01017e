namespace Switchboard.Persistence.Email;

/// <summary>
/// A mailbox the centre reads over IMAP for one client and queue, with where its reader got to. The password is a
/// secret: stored for the reader's login, never answered by the API.
/// </summary>
public sealed class MailboxRecord
{
    /// <summary>The id the administrator chose.</summary>
    public required string Id { get; set; }

    public required string Client { get; set; }

    public required string Queue { get; set; }

    /// <summary>The mailbox's own address: the From of everything sent for its cases.</summary>
    public required string Address { get; set; }

    /// <summary>The language the mailbox's cases are routed in (BCP 47).</summary>
    public required string Language { get; set; }

    public required string ImapHost { get; set; }

    public int ImapPort { get; set; }

    /// <summary>0 none (loopback only), 1 STARTTLS, 2 TLS on connect.</summary>
    public int ImapSecurity { get; set; }

    public required string UserName { get; set; }

    /// <summary>The IMAP password, encrypted with the server's data-protection keys (never stored or returned in clear).</summary>
    public required string Password { get; set; }

    /// <summary>The folder's UIDVALIDITY when <see cref="LastUid"/> was read; 0 before the first read.</summary>
    public long UidValidity { get; set; }

    /// <summary>The highest UID taken in (ingested or set aside) under <see cref="UidValidity"/>.</summary>
    public long LastUid { get; set; }

    public DateTimeOffset Created { get; set; }

    public int Version { get; set; }
}
