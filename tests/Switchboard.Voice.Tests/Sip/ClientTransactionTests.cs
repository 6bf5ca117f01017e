using Switchboard.Voice.Sip;

namespace Switchboard.Voice.Tests.Sip;

public class ClientTransactionTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);
    private static readonly SipTimers Timers = SipTimers.Default;

    private static SipRequest Outgoing(string method) => new(method, "sip:agent@10.0.0.5", [
        new SipHeader("Via", "SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKout1;rport"),
        new SipHeader("Max-Forwards", "70"),
        new SipHeader("From", "<sip:queue@switchboard.example>;tag=s1"),
        new SipHeader("To", "<sip:agent@10.0.0.5>"),
        new SipHeader("Call-ID", "out-1"),
        new SipHeader("CSeq", $"7 {method}"),
        new SipHeader("Route", "<sip:proxy.example;lr>"),
    ], "");

    private static SipResponse Answer(SipRequest request, int code) => SipResponses.To(request, code, "Reason", "a1");

    /// <summary>Advances in 10 ms steps up to <paramref name="until"/>; the instants (from the start) of each resend.</summary>
    private static List<double> Resends(SipClientTransaction transaction, TimeSpan until)
    {
        var times = new List<double>();
        for (var t = TimeSpan.Zero; t <= until; t += TimeSpan.FromMilliseconds(10))
        {
            if (transaction.AdvanceTo(Start + t).Send.Count > 0)
            {
                times.Add(t.TotalSeconds);
            }
        }
        return times;
    }

    [Fact]
    public void Invite_Unanswered_DoublesTimerAWithoutLimitAndTimesOutAtTimerB()
    {
        var transaction = new InviteClientTransaction(Outgoing("INVITE"), Timers, Start);

        var resends = Resends(transaction, TimeSpan.FromSeconds(40));

        Assert.Equal([0.5, 1.5, 3.5, 7.5, 15.5, 31.5], resends);
        Assert.True(transaction.TimedOut);
        Assert.Equal(InviteClientState.Terminated, transaction.State);
    }

    [Fact]
    public void Invite_Provisional_StopsRetransmissionAndIsDelivered()
    {
        var invite = Outgoing("INVITE");
        var transaction = new InviteClientTransaction(invite, Timers, Start);
        var ringing = Answer(invite, 180);

        var step = transaction.Receive(ringing, Start.AddMilliseconds(200));

        Assert.Equal(ringing, step.Deliver);
        Assert.Empty(Resends(transaction, TimeSpan.FromSeconds(60)));
        Assert.False(transaction.TimedOut);
    }

    [Fact]
    public void Invite_Failure_IsAcknowledgedOnTheSameBranchAndAgainForEachRetransmission()
    {
        var invite = Outgoing("INVITE");
        var transaction = new InviteClientTransaction(invite, Timers, Start);
        var busy = Answer(invite, 486);

        var step = transaction.Receive(busy, Start.AddMilliseconds(100));
        var again = transaction.Receive(busy, Start.AddSeconds(1));

        var ack = Assert.Single(step.Send);
        Assert.Equal(busy, step.Deliver);
        Assert.Equal("ACK", ack.Method);
        Assert.Equal(invite.Target, ack.Target);
        Assert.Equal(SipTransactionKey.ForRequest(invite), SipTransactionKey.ForRequest(ack));
        Assert.Equal("a1", ack.To!.Tag);
        Assert.Equal(new SipCSeq(7, "ACK"), ack.CSeq);
        Assert.Equal("<sip:proxy.example;lr>", ack.Header("Route"));
        Assert.Equal([ack], again.Send);
        Assert.Null(again.Deliver);
    }

    [Fact]
    public void Invite_FailureThenTimerD_Terminates()
    {
        var invite = Outgoing("INVITE");
        var transaction = new InviteClientTransaction(invite, Timers, Start);
        transaction.Receive(Answer(invite, 404), Start);

        transaction.AdvanceTo(Start + InviteClientTransaction.TimerD);

        Assert.Equal(InviteClientState.Terminated, transaction.State);
        Assert.False(transaction.TimedOut);
    }

    [Fact]
    public void Invite_Success_EndsTheTransactionAndIsDeliveredOnce()
    {
        var invite = Outgoing("INVITE");
        var transaction = new InviteClientTransaction(invite, Timers, Start);
        var ok = Answer(invite, 200);

        var first = transaction.Receive(ok, Start);
        var repeat = transaction.Receive(ok, Start.AddMilliseconds(500));

        Assert.Equal(ok, first.Deliver);
        Assert.Empty(first.Send);
        Assert.Null(repeat.Deliver);
        Assert.True(transaction.IsTerminated);
    }

    [Fact]
    public void NonInvite_Unanswered_DoublesTimerEToT2AndTimesOutAtTimerF()
    {
        var transaction = new NonInviteClientTransaction(Outgoing("BYE"), Timers, Start);

        var resends = Resends(transaction, TimeSpan.FromSeconds(40));

        Assert.Equal([0.5, 1.5, 3.5, 7.5, 11.5, 15.5, 19.5, 23.5, 27.5, 31.5], resends);
        Assert.True(transaction.TimedOut);
    }

    [Fact]
    public void NonInvite_AfterAProvisional_ResendsEveryT2()
    {
        var bye = Outgoing("BYE");
        var transaction = new NonInviteClientTransaction(bye, Timers, Start);
        transaction.Receive(Answer(bye, 100), Start.AddMilliseconds(100));

        var resends = Resends(transaction, TimeSpan.FromSeconds(12));

        Assert.Equal([0.5, 4.5, 8.5], resends);
        Assert.Equal(NonInviteClientState.Proceeding, transaction.State);
    }

    [Fact]
    public void NonInvite_Final_IsDeliveredThenRepeatsAbsorbedUntilTimerK()
    {
        var bye = Outgoing("BYE");
        var transaction = new NonInviteClientTransaction(bye, Timers, Start);
        var ok = Answer(bye, 200);

        var first = transaction.Receive(ok, Start);
        var repeat = transaction.Receive(ok, Start.AddSeconds(1));
        transaction.AdvanceTo(Start + Timers.T4);

        Assert.Equal(ok, first.Deliver);
        Assert.Null(repeat.Deliver);
        Assert.Empty(Resends(transaction, TimeSpan.FromSeconds(10)));
        Assert.Equal(NonInviteClientState.Terminated, transaction.State);
    }

    [Fact]
    public void Constructor_WithoutAMagicCookieBranch_IsABug()
    {
        var request = Outgoing("BYE") with { Headers = [new SipHeader("Via", "SIP/2.0/UDP h;branch=old"), new SipHeader("CSeq", "1 BYE")] };

        Assert.Throws<ArgumentException>(() => new NonInviteClientTransaction(request, Timers, Start));
    }
}
