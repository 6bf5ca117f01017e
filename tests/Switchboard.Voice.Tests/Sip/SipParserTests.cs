using System.Text;
using CsCheck;
using Switchboard.Voice.Sip;

namespace Switchboard.Voice.Tests.Sip;

public class SipParserTests
{
    private const string Invite =
        "INVITE sip:queue@switchboard.example SIP/2.0\r\n" +
        "Via: SIP/2.0/UDP pc33.atlanta.example:5066;branch=z9hG4bK776asdhds;rport\r\n" +
        "Max-Forwards: 70\r\n" +
        "To: Queue <sip:queue@switchboard.example>\r\n" +
        "From: \"Alice \\\"A\\\" Liddell\" <sip:alice@atlanta.example>;tag=1928301774\r\n" +
        "Call-ID: a84b4c76e66710@pc33.atlanta.example\r\n" +
        "CSeq: 314159 INVITE\r\n" +
        "Contact: <sip:alice@pc33.atlanta.example>\r\n" +
        "Content-Type: application/sdp\r\n" +
        "Content-Length: 4\r\n" +
        "\r\n" +
        "v=0\nthis is past the length";

    private static SipMessage Parsed(string text)
    {
        var result = SipParser.Parse(Encoding.UTF8.GetBytes(text));
        var parsed = Assert.IsType<SipParse.Parsed>(result, exactMatch: false);
        return parsed.Message;
    }

    private static SipParse.Refused Refused(string text) => Assert.IsType<SipParse.Refused>(SipParser.Parse(Encoding.UTF8.GetBytes(text)));

    [Fact]
    public void Parse_Invite_ReadsStartLineHeadersAndBodyCutToContentLength()
    {
        var request = Assert.IsType<SipRequest>(Parsed(Invite));

        Assert.Equal("INVITE", request.Method);
        Assert.Equal("sip:queue@switchboard.example", request.Target);
        Assert.Equal("v=0\n", request.Body);
        Assert.Equal(new SipCSeq(314159, "INVITE"), request.CSeq);
        Assert.Equal("a84b4c76e66710@pc33.atlanta.example", request.CallId);
        Assert.Equal("Alice \"A\" Liddell", request.From!.DisplayName);
        Assert.Equal("1928301774", request.From.Tag);
        Assert.Equal("sip:alice@atlanta.example", request.From.Address);
        Assert.Null(request.To!.Tag);
        Assert.Null(request.Header("Content-Length"));
    }

    [Fact]
    public void Parse_Via_ReadsSentByBranchAndRport()
    {
        var via = Assert.Single(Parsed(Invite).Vias);

        Assert.Equal("UDP", via.Transport);
        Assert.Equal("pc33.atlanta.example", via.Host);
        Assert.Equal(5066, via.Port);
        Assert.Equal("z9hG4bK776asdhds", via.Branch);
        Assert.True(via.HasRport);
        Assert.Null(via.Rport);
    }

    [Fact]
    public void Parse_CompactFormsFoldingAndBareLineFeeds_AreAccepted()
    {
        var text =
            "OPTIONS sip:switchboard.example SIP/2.0\n" +
            "v: SIP/2.0/UDP 10.0.0.1;branch=z9hG4bKa, SIP/2.0/UDP 10.0.0.2:5070;branch=z9hG4bKb;received=192.0.2.9\n" +
            "V: SIP/2.0/UDP 10.0.0.3;branch=z9hG4bKc\n" +
            "f: <sip:a@example.com>;tag=x\n" +
            "t: sip:b@example.com\n" +
            "i: call-1\n" +
            "Subject: a long\n" +
            "\tsubject folded\n" +
            "  twice\n" +
            "cseq: 2 OPTIONS\n" +
            "l: 0\n\n";

        var request = Parsed(text);

        Assert.Equal(["z9hG4bKa", "z9hG4bKb", "z9hG4bKc"], request.Vias.Select(v => v.Branch));
        Assert.Equal("192.0.2.9", request.Vias[1].Received);
        Assert.Equal("sip:b@example.com", request.To!.Address);
        Assert.Equal("call-1", request.CallId);
        Assert.Equal("a long subject folded twice", request.Header("subject"));
        Assert.Equal(2, request.CSeq!.Number);
    }

    [Fact]
    public void Parse_MissingContentLengthOnUdp_TakesTheRestOfTheDatagram()
    {
        var text = Invite.Replace("Content-Length: 4\r\n", "", StringComparison.Ordinal);

        Assert.Equal("v=0\nthis is past the length", Parsed(text).Body);
    }

    [Fact]
    public void Parse_RouteHeaders_GivesEveryValueInOrder()
    {
        var text = Invite.Replace("Max-Forwards: 70\r\n", "Max-Forwards: 70\r\nRecord-Route: <sip:p1.example;lr>, <sip:p2.example;lr>\r\nRecord-Route: <sip:p3.example;lr>\r\n", StringComparison.Ordinal);

        var routes = Parsed(text).HeaderValues(SipHeaderNames.RecordRoute).Select(v => SipAddress.Parse(v)!.Address);

        Assert.Equal(["sip:p1.example;lr", "sip:p2.example;lr", "sip:p3.example;lr"], routes);
    }

    [Fact]
    public void Parse_Response_ReadsStatusAndReason()
    {
        var text = "SIP/2.0 180 Ringing\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\nFrom: <sip:a@h>;tag=1\r\nTo: <sip:b@h>;tag=2\r\nCall-ID: c\r\nCSeq: 1 INVITE\r\n\r\n";

        var response = Assert.IsType<SipResponse>(Parsed(text));

        Assert.Equal(180, response.StatusCode);
        Assert.Equal("Ringing", response.ReasonPhrase);
        Assert.Equal("2", response.To!.Tag);
    }

    [Theory]
    [InlineData("Content-Length: 4", "Content-Length: 400", "Content-Length 400 is more than")]
    [InlineData("Content-Length: 4", "Content-Length: four", "is not a number")]
    [InlineData("CSeq: 314159 INVITE", "CSeq: 314159 OPTIONS", "differs from the request's INVITE")]
    [InlineData("CSeq: 314159 INVITE", "CSeq: x INVITE", "malformed CSeq")]
    [InlineData("Call-ID: a84b4c76e66710@pc33.atlanta.example\r\n", "", "no Call-ID")]
    [InlineData("Max-Forwards: 70", "Max-Forwards: 700", "malformed Max-Forwards")]
    [InlineData("To: Queue <sip:queue@switchboard.example>", "To: Queue <sip:queue@switchboard.example", "malformed To")]
    [InlineData("SIP/2.0/UDP pc33", "SIP/3.0/UDP pc33", "malformed Via")]
    [InlineData("INVITE sip:queue@switchboard.example SIP/2.0", "INVITE sip:queue@switchboard.example SIP/2.1", "malformed request line")]
    public void Parse_MalformedRequest_IsRefusedWithAReasonAndTheHeadersFound(string part, string replacement, string reason)
    {
        var refused = Refused(Invite.Replace(part, replacement, StringComparison.Ordinal));

        Assert.Contains(reason, refused.Reason, StringComparison.Ordinal);
        Assert.Equal("INVITE", refused.Method);
        Assert.Contains(refused.Headers, h => h.Name == "Via");
    }

    [Fact]
    public void Parse_RportValueOutOfRange_KeepsTheValueButReadsNoPort()
    {
        var message = Parsed(Invite.Replace(";rport", ";rport=99999", StringComparison.Ordinal));

        Assert.Null(message.Vias[0].Rport);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\r\n\r\n")]
    [InlineData("hello")]
    [InlineData("SIP/2.0 99 Too Low\r\n\r\n")]
    [InlineData("INVITE sip:a@b SIP/2.0\r\n: no name\r\n\r\n")]
    [InlineData("INVITE sip:a@b SIP/2.0\r\n folded first\r\n\r\n")]
    public void Parse_Garbage_IsRefusedNotThrown(string text)
    {
        var refused = Refused(text);

        Assert.NotEmpty(refused.Reason);
    }

    [Fact]
    public void Parse_InvalidUtf8_IsRefused()
    {
        var bytes = Encoding.UTF8.GetBytes(Invite);
        bytes[2] = 0xFF;

        Assert.IsType<SipParse.Refused>(SipParser.Parse(bytes));
    }

    [Fact]
    public void Parse_RandomBytes_NeverThrows()
    {
        var seed = Encoding.UTF8.GetBytes(Invite);
        Gen.Select(Gen.Int[0, seed.Length - 1].Array[1, 8], Gen.Byte.Array[1, 8], Gen.Int[0, seed.Length]).Sample((positions, values, cut) =>
        {
            var bytes = seed[..cut];
            for (var i = 0; i < positions.Length && i < values.Length; i++)
            {
                if (positions[i] < bytes.Length)
                {
                    bytes[positions[i]] = values[i];
                }
            }

            var result = SipParser.Parse(bytes);

            Assert.True(result is SipParse.Parsed or SipParse.Refused { Reason.Length: > 0 });
        }, iter: 5_000);
    }

    [Fact]
    public void Serialise_ThenParse_GivesTheSameMessage()
    {
        SipGenerators.Message.Sample(message =>
        {
            var again = Assert.IsType<SipParse.Parsed>(SipParser.Parse(message.ToBytes())).Message;

            Assert.Equal(message, again);
        }, iter: 2_000);
    }
}
