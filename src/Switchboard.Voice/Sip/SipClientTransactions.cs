using System.Globalization;

namespace Switchboard.Voice.Sip;

/// <summary>What a client transaction asks of its host after an input: requests to (re)send, and a response to hand
/// to the transaction user (null when the input was absorbed).</summary>
public sealed record SipClientStep(IReadOnlyList<SipRequest> Send, SipResponse? Deliver)
{
    public static SipClientStep Nothing { get; } = new([], null);
}

/// <summary>
/// A client transaction (RFC 3261 §17.1) as a pure state machine: the host sends <see cref="Request"/> once it is
/// made, passes in the responses that match it (by branch and CSeq method, §17.1.3) and the time, and does what each
/// step says. When <see cref="TimedOut"/> becomes true the transaction user should act as on a 408 (§8.1.3.1).
/// </summary>
public abstract class SipClientTransaction
{
    private protected SipClientTransaction(SipRequest request, SipTimers timers, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(timers);
        if (request.Vias is not [{ Branch: { } branch }, ..] || !branch.StartsWith(SipVia.MagicCookie, StringComparison.Ordinal))
        {
            throw new ArgumentException("A request we send carries a top Via with a z9hG4bK branch (RFC 3261 §8.1.1.7).", nameof(request));
        }
        Request = request;
        Timers = timers;
        Interval = timers.T1;
        RetransmitAt = now + timers.T1;
        GiveUpAt = now + timers.GiveUp;
    }

    public SipRequest Request { get; }

    public SipTimers Timers { get; }

    public bool TimedOut { get; private protected set; }

    public abstract bool IsTerminated { get; }

    /// <summary>When the next timer falls due, or null when none runs.</summary>
    public DateTimeOffset? NextDueAt => IsTerminated ? null : Earliest(RetransmitAt, Earliest(GiveUpAt, EndAt));

    private protected TimeSpan Interval { get; set; }

    private protected DateTimeOffset? RetransmitAt { get; set; }

    private protected DateTimeOffset? GiveUpAt { get; set; }

    /// <summary>When the wait for stray retransmissions ends (Timers D and K).</summary>
    private protected DateTimeOffset? EndAt { get; set; }

    public abstract SipClientStep Receive(SipResponse response, DateTimeOffset now);

    public abstract SipClientStep AdvanceTo(DateTimeOffset now);

    private static DateTimeOffset? Earliest(DateTimeOffset? a, DateTimeOffset? b) => a is { } x && b is { } y ? (x < y ? x : y) : a ?? b;
}

/// <summary>The INVITE client transaction's states (RFC 3261 §17.1.1).</summary>
public enum InviteClientState
{
    Calling,
    Proceeding,
    Completed,
    Terminated,
}

/// <summary>
/// RFC 3261 §17.1.1: the INVITE is retransmitted at T1, doubling without limit (Timer A), until a response arrives or
/// 64·T1 passes (Timer B). A failure is acknowledged here with an ACK on the same branch, resent for each retransmitted
/// failure until Timer D (32 s on UDP). A 2xx ends the transaction: its ACK belongs to the dialog (§13.2.2.4).
/// </summary>
public sealed class InviteClientTransaction : SipClientTransaction
{
    /// <summary>Timer D's value for unreliable transports: at least 32 s (§17.1.1.2).</summary>
    public static readonly TimeSpan TimerD = TimeSpan.FromSeconds(32);

    private SipRequest? ack;

    public InviteClientTransaction(SipRequest invite, SipTimers timers, DateTimeOffset now)
        : base(invite, timers, now)
    {
        if (invite.Method != SipMethods.Invite)
        {
            throw new ArgumentException($"An INVITE client transaction sends an INVITE, not {invite.Method}.", nameof(invite));
        }
    }

    public InviteClientState State { get; private set; } = InviteClientState.Calling;

    public override bool IsTerminated => State == InviteClientState.Terminated;

    public override SipClientStep Receive(SipResponse response, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(response);
        switch (State)
        {
            case InviteClientState.Calling or InviteClientState.Proceeding when response.IsProvisional:
                State = InviteClientState.Proceeding;
                RetransmitAt = null;
                GiveUpAt = null;
                return new([], response);
            case InviteClientState.Calling or InviteClientState.Proceeding when response.StatusCode < 300:
                Stop();
                return new([], response);
            case InviteClientState.Calling or InviteClientState.Proceeding:
                State = InviteClientState.Completed;
                RetransmitAt = null;
                GiveUpAt = null;
                EndAt = now + TimerD;
                ack = Acknowledgement(response);
                return new([ack], response);
            case InviteClientState.Completed when !response.IsProvisional && response.StatusCode >= 300:
                return new([ack!], null);
            default:
                return SipClientStep.Nothing;
        }
    }

    public override SipClientStep AdvanceTo(DateTimeOffset now)
    {
        if (State == InviteClientState.Completed && EndAt is { } end && now >= end)
        {
            Stop();
        }
        else if (State == InviteClientState.Calling && GiveUpAt is { } giveUp && now >= giveUp)
        {
            Stop();
            TimedOut = true;
        }
        else if (State == InviteClientState.Calling && RetransmitAt is { } due && now >= due)
        {
            Interval *= 2;
            RetransmitAt = due + Interval;
            return new([Request], null);
        }
        return SipClientStep.Nothing;
    }

    /// <summary>The ACK for a failure (§17.1.1.3): the INVITE's Request-URI, top Via, From, Call-ID, CSeq number and
    /// Route, and the response's To with its tag.</summary>
    private SipRequest Acknowledgement(SipResponse failure)
    {
        var headers = new List<SipHeader>
        {
            new(SipHeaderNames.Via, Request.Vias[0].ToString()),
            new(SipHeaderNames.MaxForwards, "70"),
            new(SipHeaderNames.From, Request.Header(SipHeaderNames.From)!),
            new(SipHeaderNames.To, failure.Header(SipHeaderNames.To) ?? Request.Header(SipHeaderNames.To)!),
            new(SipHeaderNames.CallId, Request.CallId!),
            new(SipHeaderNames.CSeq, $"{Request.CSeq!.Number.ToString(CultureInfo.InvariantCulture)} {SipMethods.Ack}"),
        };
        headers.AddRange(Request.Headers.Where(h => SipHeaderNames.SameName(h.Name, SipHeaderNames.Route)));
        return new SipRequest(SipMethods.Ack, Request.Target, [.. headers], "");
    }

    private void Stop()
    {
        State = InviteClientState.Terminated;
        RetransmitAt = null;
        GiveUpAt = null;
        EndAt = null;
    }
}

/// <summary>The non-INVITE client transaction's states (RFC 3261 §17.1.2).</summary>
public enum NonInviteClientState
{
    Trying,
    Proceeding,
    Completed,
    Terminated,
}

/// <summary>
/// RFC 3261 §17.1.2 (BYE, OPTIONS, REGISTER, CANCEL): the request is retransmitted at T1 doubling up to T2 while
/// Trying, and every T2 once a provisional response arrived (Timer E), until a final response or 64·T1 (Timer F);
/// then retransmitted responses are absorbed for T4 (Timer K).
/// </summary>
public sealed class NonInviteClientTransaction : SipClientTransaction
{
    public NonInviteClientTransaction(SipRequest request, SipTimers timers, DateTimeOffset now)
        : base(request, timers, now)
    {
        if (request.Method is SipMethods.Invite or SipMethods.Ack)
        {
            throw new ArgumentException($"{request.Method} has no non-INVITE client transaction.", nameof(request));
        }
    }

    public NonInviteClientState State { get; private set; } = NonInviteClientState.Trying;

    public override bool IsTerminated => State == NonInviteClientState.Terminated;

    public override SipClientStep Receive(SipResponse response, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (State is not (NonInviteClientState.Trying or NonInviteClientState.Proceeding))
        {
            return SipClientStep.Nothing;
        }
        if (response.IsProvisional)
        {
            State = NonInviteClientState.Proceeding;
            return new([], response);
        }
        State = NonInviteClientState.Completed;
        RetransmitAt = null;
        GiveUpAt = null;
        EndAt = now + Timers.T4;
        return new([], response);
    }

    public override SipClientStep AdvanceTo(DateTimeOffset now)
    {
        if (State == NonInviteClientState.Completed && EndAt is { } end && now >= end)
        {
            State = NonInviteClientState.Terminated;
            EndAt = null;
        }
        else if (State is NonInviteClientState.Trying or NonInviteClientState.Proceeding && GiveUpAt is { } giveUp && now >= giveUp)
        {
            State = NonInviteClientState.Terminated;
            RetransmitAt = null;
            GiveUpAt = null;
            TimedOut = true;
        }
        else if (State is NonInviteClientState.Trying or NonInviteClientState.Proceeding && RetransmitAt is { } due && now >= due)
        {
            Interval = State == NonInviteClientState.Proceeding ? Timers.T2 : (Interval * 2 < Timers.T2 ? Interval * 2 : Timers.T2);
            RetransmitAt = due + Interval;
            return new([Request], null);
        }
        return SipClientStep.Nothing;
    }
}
