using System.Text;
using BenchmarkDotNet.Attributes;
using Switchboard.Voice.Media;
using Switchboard.Voice.Sip;

namespace Switchboard.Benchmarks;

/// <summary>The voice edge's per-message work: reading a typical INVITE with its SDP (as baresip sends one), writing
/// the response to it, and one 20 ms G.711 frame (160 samples) each way.</summary>
[MemoryDiagnoser]
public class VoiceBenchmarks
{
    private static readonly byte[] Invite = Encoding.UTF8.GetBytes(
        "INVITE sip:queue@127.0.0.1:5060 SIP/2.0\r\n" +
        "Via: SIP/2.0/UDP 127.0.0.1:43210;branch=z9hG4bK2f9c41ab7e;rport\r\n" +
        "Max-Forwards: 70\r\n" +
        "To: <sip:queue@127.0.0.1:5060>\r\n" +
        "From: \"Caller\" <sip:caller@127.0.0.1>;tag=8a1f4c2d\r\n" +
        "Call-ID: 3c2e6f0a91b74d5e@127.0.0.1\r\n" +
        "CSeq: 26781 INVITE\r\n" +
        "Contact: <sip:caller-0x55d1@127.0.0.1:43210;transport=udp>\r\n" +
        "User-Agent: baresip v1.0.0 (x86_64/linux)\r\n" +
        "Allow: INVITE,ACK,BYE,CANCEL,OPTIONS,NOTIFY,SUBSCRIBE,INFO,MESSAGE,UPDATE,REFER\r\n" +
        "Supported: replaces,norefersub\r\n" +
        "Content-Type: application/sdp\r\n" +
        "Content-Length: 258\r\n" +
        "\r\n" +
        "v=0\r\no=- 1573811470 3452716293 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n" +
        "m=audio 10134 RTP/AVP 0 8 101\r\nb=AS:64\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:8 PCMA/8000\r\n" +
        "a=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-15\r\na=sendrecv\r\na=label:1\r\na=ssrc:1 cname:x\r\n");

    private readonly short[] samples = new short[160];
    private readonly byte[] codes = new byte[160];
    private SipRequest request = null!;

    [GlobalSetup]
    public void Setup()
    {
        request = (SipRequest)((SipParse.Parsed)SipParser.Parse(Invite)).Message;
        for (var i = 0; i < samples.Length; i++)
        {
            samples[i] = (short)(8000 * Math.Sin(i * 2 * Math.PI * 440 / 8000));
        }
    }

    [Benchmark]
    public SipParse ParseInvite() => SipParser.Parse(Invite);

    [Benchmark]
    public byte[] RespondToInvite() => SipResponses.To(request, 180, "Ringing", "a6c85cf").ToBytes();

    [Benchmark]
    public byte[] EncodeFrameMuLaw()
    {
        G711.Encode(G711Law.MuLaw, samples, codes);
        return codes;
    }

    [Benchmark]
    public short[] DecodeFrameALaw()
    {
        G711.Decode(G711Law.ALaw, codes, samples);
        return samples;
    }
}
