using System.Globalization;

namespace Switchboard.Voice.Sip;

/// <summary>RFC 3261's timer values (§17.1.1.1, table 4): round-trip estimate T1, the longest retransmission interval
/// T2 and how long the network may hold a message, T4. Defaults are the RFC's.</summary>
public sealed record SipTimers(TimeSpan T1, TimeSpan T2, TimeSpan T4)
{
    public static SipTimers Default { get; } = new(TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(5));

    /// <summary>64·T1: how long a transaction waits for an answer before giving up (Timers B, F, H, J, L).</summary>
    public TimeSpan GiveUp => T1 * 64;
}

/// <summary>
/// Which server transaction a request belongs to (RFC 3261 §17.2.3): the top Via's branch and sent-by, and the
/// method, with ACK counted as INVITE. Branches without the magic cookie come from RFC 2543 peers; those are keyed by
/// Call-ID, CSeq number and From tag instead, which is enough to match an ACK to its INVITE.
/// </summary>
public readonly record struct SipTransactionKey(string Branch, string SentBy, string Method)
{
    public static SipTransactionKey? ForRequest(SipRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var vias = request.Vias;
        if (vias.Count == 0 || request.CSeq is not { } cseq)
        {
            return null;
        }
        var top = vias[0];
        var method = request.Method == SipMethods.Ack ? SipMethods.Invite : request.Method;
        var branch = top.Branch is { } b && b.StartsWith(SipVia.MagicCookie, StringComparison.Ordinal)
            ? b
            : $"2543|{request.CallId}|{cseq.Number.ToString(CultureInfo.InvariantCulture)}|{request.From?.Tag}";
        return new SipTransactionKey(branch, top.SentBy.ToUpperInvariant(), method);
    }
}

/// <summary>The methods the stack names.</summary>
public static class SipMethods
{
    public const string Invite = "INVITE";
    public const string Ack = "ACK";
    public const string Bye = "BYE";
    public const string Cancel = "CANCEL";
    public const string Options = "OPTIONS";
    public const string Register = "REGISTER";
}

/// <summary>
/// A server transaction (RFC 3261 §17.2) as a pure state machine: the host feeds it retransmitted requests, the
/// transaction user's responses and the time, and sends what each call returns. It holds no timers; the host asks
/// <see cref="NextDueAt"/> and calls <see cref="AdvanceTo"/>.
/// </summary>
public abstract class SipServerTransaction
{
    private protected SipServerTransaction(SipRequest request, SipTimers timers)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(timers);
        Request = request;
        Timers = timers;
    }

    /// <summary>The request that began the transaction.</summary>
    public SipRequest Request { get; }

    public SipTimers Timers { get; }

    /// <summary>The last response the transaction user gave, which retransmitted requests are answered with.</summary>
    public SipResponse? LastResponse { get; private protected set; }

    /// <summary>True when the transaction ended because its peer never acknowledged (Timer H or L).</summary>
    public bool TimedOut { get; private protected set; }

    public abstract bool IsTerminated { get; }

    /// <summary>When the next timer falls due, or null when none runs.</summary>
    public abstract DateTimeOffset? NextDueAt { get; }

    /// <summary>A request that matched this transaction (a retransmission, or an ACK); returns what to send.</summary>
    public abstract IReadOnlyList<SipResponse> Receive(SipRequest request, DateTimeOffset now);

    /// <summary>The transaction user's response; returns what to send. A response after the final one is a bug.</summary>
    public abstract IReadOnlyList<SipResponse> Respond(SipResponse response, DateTimeOffset now);

    /// <summary>Fires the timers due by <paramref name="now"/>; returns what to retransmit.</summary>
    public abstract IReadOnlyList<SipResponse> AdvanceTo(DateTimeOffset now);

    private protected static IReadOnlyList<SipResponse> Send(SipResponse? response) => response is null ? [] : [response];
}

/// <summary>The INVITE server transaction's states (RFC 3261 §17.2.1, with RFC 6026's Accepted).</summary>
public enum InviteServerState
{
    Proceeding,
    Completed,
    Confirmed,
    Accepted,
    Terminated,
}

/// <summary>
/// RFC 3261 §17.2.1. A final response is retransmitted at T1, doubling up to T2: a failure until its ACK arrives
/// (Timer G) or 64·T1 passes (Timer H), then Timer I (T4) absorbs stray ACKs. A 2xx is handled as RFC 6026's Accepted
/// state, and retransmitted the same way, as §13.3.1.4 asks of the UAS core, until the dialog layer reports its ACK
/// (<see cref="AcknowledgeSuccess"/>; that ACK carries a branch of its own) or 64·T1 passes (Timer L).
/// </summary>
public sealed class InviteServerTransaction : SipServerTransaction
{
    private DateTimeOffset? retransmitAt;
    private TimeSpan interval;
    private DateTimeOffset? endAt;

    private InviteServerTransaction(SipRequest invite, SipTimers timers)
        : base(invite, timers)
    {
    }

    public InviteServerState State { get; private set; }

    public override bool IsTerminated => State == InviteServerState.Terminated;

    public override DateTimeOffset? NextDueAt =>
        State == InviteServerState.Terminated ? null
        : retransmitAt is { } r && endAt is { } e ? (r < e ? r : e)
        : retransmitAt ?? endAt;

    /// <summary>Begins the transaction for an INVITE and gives the 100 Trying to send at once (§17.2.1: the UAS
    /// does not know it will answer within 200 ms).</summary>
    public static (InviteServerTransaction Transaction, SipResponse Trying) Begin(SipRequest invite, SipTimers timers)
    {
        ArgumentNullException.ThrowIfNull(invite);
        if (invite.Method != SipMethods.Invite)
        {
            throw new ArgumentException($"An INVITE server transaction begins with an INVITE, not {invite.Method}.", nameof(invite));
        }
        var transaction = new InviteServerTransaction(invite, timers) { State = InviteServerState.Proceeding };
        var trying = SipResponses.To(invite, 100, "Trying");
        transaction.LastResponse = trying;
        return (transaction, trying);
    }

    public override IReadOnlyList<SipResponse> Receive(SipRequest request, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Method == SipMethods.Ack)
        {
            if (State == InviteServerState.Completed)
            {
                State = InviteServerState.Confirmed;
                retransmitAt = null;
                endAt = now + Timers.T4;
            }
            else if (State == InviteServerState.Accepted)
            {
                Finish(timedOut: false);
            }
            return [];
        }
        return State is InviteServerState.Proceeding or InviteServerState.Completed ? Send(LastResponse) : [];
    }

    public override IReadOnlyList<SipResponse> Respond(SipResponse response, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (State != InviteServerState.Proceeding)
        {
            throw new InvalidOperationException($"The transaction is {State}: it has already sent its final response.");
        }
        LastResponse = response;
        if (!response.IsProvisional)
        {
            State = response.StatusCode < 300 ? InviteServerState.Accepted : InviteServerState.Completed;
            interval = Timers.T1;
            retransmitAt = now + interval;
            endAt = now + Timers.GiveUp;
        }
        return [response];
    }

    /// <summary>The dialog layer saw the ACK for this transaction's 2xx: retransmission stops.</summary>
    public void AcknowledgeSuccess()
    {
        if (State == InviteServerState.Accepted)
        {
            Finish(timedOut: false);
        }
    }

    public override IReadOnlyList<SipResponse> AdvanceTo(DateTimeOffset now)
    {
        if (State is InviteServerState.Terminated || endAt is not { } end)
        {
            return [];
        }
        if (now >= end)
        {
            Finish(timedOut: State != InviteServerState.Confirmed);
            return [];
        }
        if (retransmitAt is { } due && now >= due)
        {
            interval = interval * 2 < Timers.T2 ? interval * 2 : Timers.T2;
            retransmitAt = due + interval;
            return Send(LastResponse);
        }
        return [];
    }

    private void Finish(bool timedOut)
    {
        State = InviteServerState.Terminated;
        TimedOut = timedOut;
        retransmitAt = null;
        endAt = null;
    }
}

/// <summary>The non-INVITE server transaction's states (RFC 3261 §17.2.2).</summary>
public enum NonInviteServerState
{
    Trying,
    Proceeding,
    Completed,
    Terminated,
}

/// <summary>
/// RFC 3261 §17.2.2: retransmitted requests are absorbed while Trying and answered with the last response after;
/// the final response is kept for 64·T1 on unreliable transports (Timer J) to answer retransmissions, then the
/// transaction ends.
/// </summary>
public sealed class NonInviteServerTransaction : SipServerTransaction
{
    private DateTimeOffset? endAt;

    public NonInviteServerTransaction(SipRequest request, SipTimers timers)
        : base(request, timers)
    {
        if (request.Method is SipMethods.Invite or SipMethods.Ack)
        {
            throw new ArgumentException($"{request.Method} has no non-INVITE server transaction.", nameof(request));
        }
    }

    public NonInviteServerState State { get; private set; } = NonInviteServerState.Trying;

    public override bool IsTerminated => State == NonInviteServerState.Terminated;

    public override DateTimeOffset? NextDueAt => State == NonInviteServerState.Completed ? endAt : null;

    public override IReadOnlyList<SipResponse> Receive(SipRequest request, DateTimeOffset now) =>
        State is NonInviteServerState.Proceeding or NonInviteServerState.Completed ? Send(LastResponse) : [];

    public override IReadOnlyList<SipResponse> Respond(SipResponse response, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (State is NonInviteServerState.Completed or NonInviteServerState.Terminated)
        {
            throw new InvalidOperationException($"The transaction is {State}: it has already sent its final response.");
        }
        LastResponse = response;
        if (response.IsProvisional)
        {
            State = NonInviteServerState.Proceeding;
        }
        else
        {
            State = NonInviteServerState.Completed;
            endAt = now + Timers.GiveUp;
        }
        return [response];
    }

    public override IReadOnlyList<SipResponse> AdvanceTo(DateTimeOffset now)
    {
        if (State == NonInviteServerState.Completed && endAt is { } end && now >= end)
        {
            State = NonInviteServerState.Terminated;
            endAt = null;
        }
        return [];
    }
}
