namespace Switchboard.Persistence.Email;

/// <summary>
/// A case: asynchronous work for a customer (today from email), routed as an email contact. The read model of its
/// append-only log (<see cref="CaseEventRecord"/>), from which the case and its service-level clock are rebuilt.
/// </summary>
public sealed class CaseRecord
{
    public Guid Id { get; set; }

    /// <summary>The case's number, from which its reference (C-000123-X) is made; unique across the centre.</summary>
    public long Number { get; set; }

    public required string Client { get; set; }

    public required string Queue { get; set; }

    /// <summary>The mailbox it came in through (its replies are sent from there).</summary>
    public required string Mailbox { get; set; }

    public required string Subject { get; set; }

    /// <summary><c>CaseStatus</c> as a number.</summary>
    public int Status { get; set; }

    /// <summary>The agent who owns it, once one does.</summary>
    public string? Owner { get; set; }

    /// <summary>The customer's address (personal data; also kept as the routing contact's customer key).</summary>
    public required string Customer { get; set; }

    /// <summary>The routing contact on the email channel that brought it to an agent.</summary>
    public Guid Contact { get; set; }

    public DateTimeOffset Created { get; set; }

    public DateTimeOffset Updated { get; set; }

    /// <summary>The earliest instant a running target of its clock falls due, as last computed (null: nothing running).</summary>
    public DateTimeOffset? Due { get; set; }

    /// <summary>Whether a breach of any of its targets has been recorded.</summary>
    public bool Breached { get; set; }

    /// <summary>The case this one was merged into as a duplicate; mail threading into this one lands there.</summary>
    public Guid? MergedInto { get; set; }

    /// <summary>The acknowledgement could not be sent at intake (the mail server was down): the clock monitor resends it.</summary>
    public bool AcknowledgementOwed { get; set; }

    /// <summary>The concurrency token between writers, raised on every change.</summary>
    public int Version { get; set; }
}

/// <summary>
/// One entry of a case's append-only log: a step (<c>received</c>, <c>customer-wrote</c>, <c>agent-replied</c>,
/// <c>assign</c>, <c>note</c>, <c>solve</c>, <c>close</c>, <c>reopen</c>, <c>merged-into</c>, <c>merged</c>,
/// <c>complaint-filed</c>) or a warning or breach its clock raised (<c>clock.warned</c>, <c>clock.breached</c>).
/// Never updated or deleted.
/// </summary>
public sealed class CaseEventRecord
{
    public long Id { get; set; }

    public Guid Case { get; set; }

    /// <summary>0 for the receipt, then counting up per case.</summary>
    public int Sequence { get; set; }

    public required string Client { get; set; }

    public required string Kind { get; set; }

    public DateTimeOffset At { get; set; }

    /// <summary>Who did it (a user, token or agent), the customer's address for their mail, or the server for its own entries.</summary>
    public required string Actor { get; set; }

    /// <summary>The event's fields as JSON.</summary>
    public required string Detail { get; set; }
}

/// <summary>One message of a case, inbound (the customer's) or outbound (an acknowledgement or an agent's reply).</summary>
public sealed class CaseMessageRecord
{
    /// <summary>A UUIDv7 made when the message is taken in or sent, so its attachments can name it in the same transaction.</summary>
    public Guid Id { get; set; }

    public Guid Case { get; set; }

    /// <summary>1, 2, 3 … within the case, in the order the case took its messages (instants can tie).</summary>
    public int Sequence { get; set; }

    public required string Client { get; set; }

    /// <summary>1 inbound, 2 outbound.</summary>
    public int Direction { get; set; }

    /// <summary>1 the customer's mail, 2 the automatic acknowledgement, 3 an agent's reply.</summary>
    public int Kind { get; set; }

    /// <summary>The Message-ID, without angle brackets (ours for outbound: generated and kept for threading).</summary>
    public required string MessageId { get; set; }

    public string? InReplyTo { get; set; }

    public required string From { get; set; }

    public required string To { get; set; }

    public required string Subject { get; set; }

    /// <summary>The plain text as sent or received.</summary>
    public required string Text { get; set; }

    /// <summary>The HTML part, sanitised before it was stored (safe to display); null without one.</summary>
    public string? Html { get; set; }

    /// <summary>The agent who wrote an outbound reply.</summary>
    public string? Agent { get; set; }

    public DateTimeOffset At { get; set; }
}

/// <summary>A file that came with a case's message: stored when within the limits, otherwise noted with why it was refused.</summary>
public sealed class CaseAttachmentRecord
{
    public long Id { get; set; }

    public Guid Case { get; set; }

    /// <summary>The case message it came with.</summary>
    public Guid Message { get; set; }

    public required string Client { get; set; }

    public required string FileName { get; set; }

    public required string MediaType { get; set; }

    public long Size { get; set; }

    /// <summary>The bytes; null when refused.</summary>
    public byte[]? Content { get; set; }

    /// <summary>Why it was not stored (too large, a type not allowed); null when stored.</summary>
    public string? Refused { get; set; }
}

/// <summary>
/// Every message taken from a mailbox, once per client and Message-ID, with what was made of it: the idempotency record
/// that makes a second delivery of the same message a no-op, and the trace of bounces, auto-replies and loops set aside.
/// </summary>
public sealed class ReceivedMailRecord
{
    public long Id { get; set; }

    public required string Client { get; set; }

    public required string MessageId { get; set; }

    public required string Mailbox { get; set; }

    /// <summary>personal, bounce, auto-reply, loop.</summary>
    public required string Verdict { get; set; }

    /// <summary>Why it was set aside; null for personal mail.</summary>
    public string? Reason { get; set; }

    /// <summary>The case it made or joined.</summary>
    public Guid? Case { get; set; }

    public DateTimeOffset At { get; set; }
}
