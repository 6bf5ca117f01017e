using CsCheck;
using Switchboard.Voice.Sdp;

namespace Switchboard.Voice.Tests.Sdp;

public class SdpParserTests
{
    private static readonly Gen<string> Word = Gen.Char["abcdefXYZ0123456789-.:/+"].Array[1, 10].Select(c => new string(c));
    private static readonly Gen<SdpAttribute> Attribute = Gen.Select(Gen.Char["abcdefgh-"].Array[1, 8].Select(c => new string(c)), Gen.Char["abc 0123/-:"].Array[0, 12].Select(c => new string(c).Trim()).Null(),
        (name, value) => new SdpAttribute(name, value));
    private static readonly Gen<SdpConnection> Connection = Gen.Select(Gen.OneOf("IP4", "IP6"), Word, (type, address) => new SdpConnection("IN", type, address));
    private static readonly Gen<SdpMedia> Media = Gen.Select(Gen.OneOf("audio", "video"), Gen.Int[0, 65535], Gen.OneOf("RTP/AVP", "RTP/SAVP"), Gen.Int[0, 127].Array[1, 5], Connection.Null(), Attribute.Array[0, 5],
        (media, port, protocol, formats, connection, attributes) => new SdpMedia(media, port, protocol, [.. formats.Select(f => f.ToString(System.Globalization.CultureInfo.InvariantCulture))], connection, [.. attributes]));

    private static readonly Gen<SessionDescription> Description = Gen.Select(Word, Gen.Long[0, long.MaxValue], Word, Connection.Null(), Attribute.Array[0, 3], Media.Array[0, 3],
        (user, id, name, connection, attributes, media) => new SessionDescription(
            new SdpOrigin(user, id.ToString(System.Globalization.CultureInfo.InvariantCulture), "1", "IN", "IP4", "127.0.0.1"), name, connection, "0 0", [.. attributes], [.. media]));

    [Fact]
    public void Serialise_ThenParse_GivesTheSameDescription()
    {
        Description.Sample(description =>
        {
            var parsed = Assert.IsType<SdpParse.Parsed>(SdpParser.Parse(description.ToString()));

            Assert.Equal(description, parsed.Description);
        });
    }
}
