using Switchboard.Voice.Media;
using Switchboard.Voice.Sdp;

namespace Switchboard.Voice.Tests.Sdp;

public class OfferAnswerTests
{
    private const string BaresipOffer =
        "v=0\r\n" +
        "o=- 1234 5678 IN IP4 127.0.0.1\r\n" +
        "s=-\r\n" +
        "c=IN IP4 127.0.0.1\r\n" +
        "t=0 0\r\n" +
        "m=audio 40000 RTP/AVP 9 0 8 101\r\n" +
        "a=rtpmap:9 G722/8000\r\n" +
        "a=rtpmap:101 telephone-event/8000\r\n" +
        "a=fmtp:101 0-15\r\n" +
        "a=sendrecv\r\n" +
        "m=video 40002 RTP/AVP 96\r\n" +
        "a=rtpmap:96 H264/90000\r\n";

    private static SessionDescription Offer(string text) => Assert.IsType<SdpParse.Parsed>(SdpParser.Parse(text)).Description;

    private static SdpAnswer.Accepted Answer(string offer) =>
        Assert.IsType<SdpAnswer.Accepted>(OfferAnswer.Answer(Offer(offer), "127.0.0.2", 30000, 42));

    [Fact]
    public void Answer_BaresipOffer_ChoosesPcmuAndTelephoneEventAndRefusesVideo()
    {
        var accepted = Answer(BaresipOffer);

        Assert.Equal(new NegotiatedAudio(G711Law.MuLaw, 0, 101, "127.0.0.1", 40000, MediaDirection.SendReceive), accepted.Audio);
        var audio = accepted.Answer.Media[0];
        Assert.Equal(30000, audio.Port);
        Assert.Equal(["0", "101"], audio.Formats);
        Assert.Contains(new SdpAttribute("ptime", "20"), audio.Attributes);
        Assert.Contains(new SdpAttribute("rtpmap", "101 telephone-event/8000"), audio.Attributes);
        Assert.Equal(0, accepted.Answer.Media[1].Port);
        Assert.Equal(2, accepted.Answer.Media.Count);
    }

    [Fact]
    public void Answer_PcmaFirst_FollowsTheOfferersPreference()
    {
        var accepted = Answer(BaresipOffer.Replace("RTP/AVP 9 0 8 101", "RTP/AVP 8 0", StringComparison.Ordinal));

        Assert.Equal(G711Law.ALaw, accepted.Audio.Law);
        Assert.Equal(8, accepted.Audio.PayloadType);
        Assert.Null(accepted.Audio.TelephoneEventPayloadType);
    }

    [Fact]
    public void Answer_DynamicPcmu_IsRecognisedByItsRtpmap()
    {
        var accepted = Answer(BaresipOffer.Replace("RTP/AVP 9 0 8 101\r\n", "RTP/AVP 97\r\na=rtpmap:97 PCMU/8000\r\n", StringComparison.Ordinal));

        Assert.Equal(G711Law.MuLaw, accepted.Audio.Law);
        Assert.Equal(97, accepted.Audio.PayloadType);
    }

    [Fact]
    public void Answer_NoG711_IsRefusedFor488()
    {
        var refused = Assert.IsType<SdpAnswer.Refused>(OfferAnswer.Answer(Offer(BaresipOffer.Replace("RTP/AVP 9 0 8 101", "RTP/AVP 9 101", StringComparison.Ordinal)), "127.0.0.2", 30000, 42));

        Assert.Contains("PCMU or PCMA", refused.Reason, StringComparison.Ordinal);
        Assert.Equal(488, SdpAnswer.Refused.StatusCode);
    }

    [Theory]
    [InlineData("sendrecv", MediaDirection.SendReceive, "sendrecv")]
    [InlineData("sendonly", MediaDirection.ReceiveOnly, "recvonly")]
    [InlineData("recvonly", MediaDirection.SendOnly, "sendonly")]
    [InlineData("inactive", MediaDirection.Inactive, "inactive")]
    public void Answer_HoldDirections_AreMirrored(string offered, MediaDirection ours, string answered)
    {
        var accepted = Answer(BaresipOffer.Replace("a=sendrecv", "a=" + offered, StringComparison.Ordinal));

        Assert.Equal(ours, accepted.Audio.Direction);
        Assert.Contains(new SdpAttribute(answered, null), accepted.Answer.Media[0].Attributes);
    }

    [Fact]
    public void Answer_SessionLevelDirection_AppliesWhenTheStreamStatesNone()
    {
        var offer = BaresipOffer.Replace("a=sendrecv\r\n", "", StringComparison.Ordinal).Replace("t=0 0\r\n", "t=0 0\r\na=sendonly\r\n", StringComparison.Ordinal);

        Assert.Equal(MediaDirection.ReceiveOnly, Answer(offer).Audio.Direction);
    }

    [Fact]
    public void Answer_SerialisedAndParsedAgain_IsTheSameDescription()
    {
        var answer = Answer(BaresipOffer).Answer;

        Assert.Equal(answer, Offer(answer.ToString()));
    }

    [Theory]
    [InlineData("")]
    [InlineData("v=1\r\n")]
    [InlineData("v=0\r\no=too few\r\ns=-\r\nt=0 0\r\n")]
    [InlineData("v=0\r\no=- 1 1 IN IP4 h\r\ns=-\r\nt=0 0\r\nm=audio port RTP/AVP 0\r\n")]
    [InlineData("v=0\r\no=- 1 1 IN IP4 h\r\ns=-\r\nt=0 0\r\nnonsense\r\n")]
    [InlineData("v=0\r\ns=-\r\n")]
    public void Parse_Malformed_IsRefused(string text)
    {
        Assert.IsType<SdpParse.Refused>(SdpParser.Parse(text));
    }
}
