using System.Text;
using CsCheck;
using Switchboard.Voice.Sip;

namespace Switchboard.Voice.Tests.Sip;

public class ServerTransactionTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);
    private static readonly SipTimers Timers = SipTimers.Default;

    private static SipRequest Request(string method, string branch = "z9hG4bKone") => (SipRequest)((SipParse.Parsed)SipParser.Parse(Encoding.UTF8.GetBytes(
        $"{method} sip:queue@example.com SIP/2.0\r\n" +
        $"Via: SIP/2.0/UDP 10.0.0.1:5062;branch={branch}\r\n" +
        "To: <sip:queue@example.com>\r\n" +
        "From: <sip:alice@example.com>;tag=f1\r\n" +
        "Call-ID: call-7\r\n" +
        $"CSeq: 1 {(method == "ACK" ? "ACK" : method)}\r\n\r\n"))).Message;

    private static SipResponse Response(SipRequest request, int code) => SipResponses.To(request, code, "Reason", "t1");

    /// <summary>Advances in steps of 10 ms and records when each retransmission went out, relative to the start.</summary>
    private static List<TimeSpan> RetransmissionTimes(SipServerTransaction transaction, TimeSpan until)
    {
        var times = new List<TimeSpan>();
        for (var t = TimeSpan.Zero; t <= until; t += TimeSpan.FromMilliseconds(10))
        {
            if (transaction.AdvanceTo(Start + t).Count > 0)
            {
                times.Add(t);
            }
        }
        return times;
    }

    private static readonly TimeSpan[] ExpectedRetransmissions =
        [.. new[] { 500, 1500, 3500, 7500, 11500, 15500, 19500, 23500, 27500, 31500 }.Select(ms => TimeSpan.FromMilliseconds(ms))];

    [Fact]
    public void Invite_Begin_SendsTryingAndRetransmittedInviteGetsItAgain()
    {
        var invite = Request("INVITE");
        var (transaction, trying) = InviteServerTransaction.Begin(invite, Timers);

        var again = transaction.Receive(invite, Start);

        Assert.Equal(100, trying.StatusCode);
        Assert.Equal(InviteServerState.Proceeding, transaction.State);
        Assert.Equal([trying], again);
    }

    [Fact]
    public void Invite_FailureWithoutAck_RetransmitsOnT1DoublingToT2ThenGivesUpAtTimerH()
    {
        var invite = Request("INVITE");
        var (transaction, _) = InviteServerTransaction.Begin(invite, Timers);
        transaction.Respond(Response(invite, 486), Start);

        var times = RetransmissionTimes(transaction, TimeSpan.FromSeconds(40));

        Assert.Equal(ExpectedRetransmissions, times);
        Assert.Equal(InviteServerState.Terminated, transaction.State);
        Assert.True(transaction.TimedOut);
    }

    [Fact]
    public void Invite_AckAfterFailure_StopsRetransmittingAndEndsAfterTimerI()
    {
        var invite = Request("INVITE");
        var (transaction, _) = InviteServerTransaction.Begin(invite, Timers);
        transaction.Respond(Response(invite, 404), Start);
        transaction.AdvanceTo(Start.AddMilliseconds(500));

        transaction.Receive(Request("ACK"), Start.AddMilliseconds(700));

        Assert.Equal(InviteServerState.Confirmed, transaction.State);
        Assert.Empty(transaction.AdvanceTo(Start.AddMilliseconds(1500)));
        Assert.Empty(transaction.Receive(invite, Start.AddMilliseconds(1600)));
        transaction.AdvanceTo(Start.AddMilliseconds(700) + Timers.T4);
        Assert.Equal(InviteServerState.Terminated, transaction.State);
        Assert.False(transaction.TimedOut);
    }

    [Fact]
    public void Invite_RetransmittedInviteWhileCompleted_GetsTheFinalResponseAgain()
    {
        var invite = Request("INVITE");
        var (transaction, _) = InviteServerTransaction.Begin(invite, Timers);
        var busy = Response(invite, 486);
        transaction.Respond(busy, Start);

        Assert.Equal([busy], transaction.Receive(invite, Start.AddMilliseconds(100)));
    }

    [Fact]
    public void Invite_SuccessUnacknowledged_IsRetransmittedUntilTimerL()
    {
        var invite = Request("INVITE");
        var (transaction, _) = InviteServerTransaction.Begin(invite, Timers);
        transaction.Respond(Response(invite, 200), Start);

        var times = RetransmissionTimes(transaction, TimeSpan.FromSeconds(40));

        Assert.Equal(ExpectedRetransmissions, times);
        Assert.True(transaction.TimedOut);
    }

    [Fact]
    public void Invite_SuccessAcknowledgedByTheDialog_StopsAtOnce()
    {
        var invite = Request("INVITE");
        var (transaction, _) = InviteServerTransaction.Begin(invite, Timers);
        transaction.Respond(Response(invite, 200), Start);

        transaction.AcknowledgeSuccess();

        Assert.Equal(InviteServerState.Terminated, transaction.State);
        Assert.Null(transaction.NextDueAt);
        Assert.False(transaction.TimedOut);
    }

    [Fact]
    public void Invite_SecondFinalResponse_IsABug()
    {
        var invite = Request("INVITE");
        var (transaction, _) = InviteServerTransaction.Begin(invite, Timers);
        transaction.Respond(Response(invite, 486), Start);

        Assert.Throws<InvalidOperationException>(() => transaction.Respond(Response(invite, 200), Start));
    }

    [Fact]
    public void Invite_AnyScheduleOfTicks_NeverRetransmitsBeforeDueAndEndsAt64T1()
    {
        Gen.Int[1, 900].Array[1, 200].Sample(steps =>
        {
            var invite = Request("INVITE");
            var (transaction, _) = InviteServerTransaction.Begin(invite, Timers);
            transaction.Respond(Response(invite, 500), Start);
            var now = Start;
            var sent = new List<TimeSpan>();

            foreach (var step in steps)
            {
                now = now.AddMilliseconds(step);
                if (transaction.AdvanceTo(now).Count > 0)
                {
                    sent.Add(now - Start);
                }
            }

            Assert.True(sent.Count <= ExpectedRetransmissions.Length);
            for (var k = 0; k < sent.Count; k++)
            {
                Assert.True(sent[k] >= ExpectedRetransmissions[k], $"retransmission {k} at {sent[k]}");
            }
            Assert.Equal(now >= Start + Timers.GiveUp, transaction.IsTerminated);
        });
    }

    [Fact]
    public void NonInvite_RetransmissionsAreAbsorbedWhileTryingAndAnsweredAfter()
    {
        var options = Request("OPTIONS");
        var transaction = new NonInviteServerTransaction(options, Timers);

        var whileTrying = transaction.Receive(options, Start);
        var ok = Response(options, 200);
        transaction.Respond(ok, Start);
        var afterwards = transaction.Receive(options, Start.AddSeconds(1));

        Assert.Empty(whileTrying);
        Assert.Equal([ok], afterwards);
        Assert.Equal(NonInviteServerState.Completed, transaction.State);
    }

    [Fact]
    public void NonInvite_TimerJ_EndsTheTransaction64T1AfterTheFinalResponse()
    {
        var options = Request("OPTIONS");
        var transaction = new NonInviteServerTransaction(options, Timers);
        transaction.Respond(Response(options, 200), Start);

        transaction.AdvanceTo(Start + Timers.GiveUp - TimeSpan.FromMilliseconds(1));
        var before = transaction.State;
        transaction.AdvanceTo(Start + Timers.GiveUp);

        Assert.Equal(NonInviteServerState.Completed, before);
        Assert.Equal(NonInviteServerState.Terminated, transaction.State);
        Assert.Empty(transaction.AdvanceTo(Start + Timers.GiveUp * 2));
    }

    [Fact]
    public void NonInvite_ProvisionalThenRetransmission_ResendsTheProvisional()
    {
        var register = Request("REGISTER");
        var transaction = new NonInviteServerTransaction(register, Timers);
        var trying = Response(register, 100);
        transaction.Respond(trying, Start);

        Assert.Equal([trying], transaction.Receive(register, Start));
        Assert.Equal(NonInviteServerState.Proceeding, transaction.State);
    }

    [Fact]
    public void Key_AckMatchesItsInviteAndOtherBranchesDoNot()
    {
        var invite = SipTransactionKey.ForRequest(Request("INVITE"));

        Assert.Equal(invite, SipTransactionKey.ForRequest(Request("ACK")));
        Assert.NotEqual(invite, SipTransactionKey.ForRequest(Request("INVITE", "z9hG4bKtwo")));
        Assert.NotEqual(invite, SipTransactionKey.ForRequest(Request("CANCEL")));
    }

    [Fact]
    public void Key_Rfc2543Branch_FallsBackToCallIdCSeqAndFromTag()
    {
        var invite = SipTransactionKey.ForRequest(Request("INVITE", "old-style"));

        Assert.Equal(invite, SipTransactionKey.ForRequest(Request("ACK", "other-old-style")));
        Assert.StartsWith("2543|call-7|1|f1", invite!.Value.Branch, StringComparison.Ordinal);
    }
}
