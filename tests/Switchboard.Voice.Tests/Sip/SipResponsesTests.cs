using System.Text;
using Switchboard.Voice.Sip;

namespace Switchboard.Voice.Tests.Sip;

public class SipResponsesTests
{
    private static SipRequest Request(string to = "<sip:queue@example.com>") => (SipRequest)((SipParse.Parsed)SipParser.Parse(Encoding.UTF8.GetBytes(
        "INVITE sip:queue@example.com SIP/2.0\r\n" +
        "Via: SIP/2.0/UDP proxy.example;branch=z9hG4bKp1, SIP/2.0/UDP 10.0.0.1:5062;branch=z9hG4bKa1;received=192.0.2.1\r\n" +
        "Via: SIP/2.0/UDP 10.0.0.9;branch=z9hG4bKz\r\n" +
        "Max-Forwards: 69\r\n" +
        $"To: {to}\r\n" +
        "From: <sip:alice@example.com>;tag=f1\r\n" +
        "Call-ID: call-7\r\n" +
        "CSeq: 4 INVITE\r\n" +
        "Timestamp: 54\r\n" +
        "Contact: <sip:alice@10.0.0.1>\r\n\r\n"))).Message;

    [Fact]
    public void To_FinalResponse_CopiesViasFromCallIdCSeqAndTagsTheTo()
    {
        var response = SipResponses.To(Request(), 486, "Busy Here", "t9");

        Assert.Equal(["z9hG4bKp1", "z9hG4bKa1", "z9hG4bKz"], response.Vias.Select(v => v.Branch));
        Assert.Equal("f1", response.From!.Tag);
        Assert.Equal("t9", response.To!.Tag);
        Assert.Equal("call-7", response.CallId);
        Assert.Equal(new SipCSeq(4, "INVITE"), response.CSeq);
        Assert.Null(response.Header("Contact"));
        Assert.Null(response.Header("Max-Forwards"));
        Assert.Null(response.Header("Timestamp"));
    }

    [Fact]
    public void To_Trying_LeavesTheToUntaggedAndCopiesTimestamp()
    {
        var response = SipResponses.To(Request(), 100, "Trying", "t9");

        Assert.Null(response.To!.Tag);
        Assert.Equal("54", response.Header("Timestamp"));
    }

    [Fact]
    public void To_ToAlreadyTagged_KeepsTheExistingTag()
    {
        var response = SipResponses.To(Request("<sip:queue@example.com>;tag=in-dialog"), 200, "OK", "t9");

        Assert.Equal("in-dialog", response.To!.Tag);
    }

    [Fact]
    public void ToUnparsed_WithoutAVia_GivesNothingToSend()
    {
        var headers = Request().Headers.Where(h => h.Name != "Via");

        Assert.Null(SipResponses.ToUnparsed("INVITE", [.. headers], 400, "Bad Request"));
    }
}
