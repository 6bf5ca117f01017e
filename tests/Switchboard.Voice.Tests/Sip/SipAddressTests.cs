using Switchboard.Voice.Sip;

namespace Switchboard.Voice.Tests.Sip;

public class SipAddressTests
{
    [Theory]
    [InlineData("sip:bob@example.com;tag=88", null, "sip:bob@example.com", "88")]
    [InlineData("Bob <sip:bob@example.com;transport=udp>;tag=88", "Bob", "sip:bob@example.com;transport=udp", "88")]
    [InlineData("\"Bob, the <agent>\" <sip:bob@example.com> ; tag = 88", "Bob, the <agent>", "sip:bob@example.com", "88")]
    [InlineData("<tel:+441234567890>", null, "tel:+441234567890", null)]
    public void Parse_NameAddrAndAddrSpec_ReadDisplayAddressAndTag(string text, string? display, string address, string? tag)
    {
        var parsed = SipAddress.Parse(text);

        Assert.NotNull(parsed);
        Assert.Equal(display, parsed.DisplayName);
        Assert.Equal(address, parsed.Address);
        Assert.Equal(tag, parsed.Tag);
    }

    [Theory]
    [InlineData("")]
    [InlineData("bob")]
    [InlineData("<sip:bob@example.com")]
    [InlineData("\"Bob <sip:bob@example.com>")]
    [InlineData("sip:bob@example.com?subject=x")]
    [InlineData("<sip:bob@example.com>;=x")]
    public void Parse_Malformed_GivesNull(string text)
    {
        Assert.Null(SipAddress.Parse(text));
    }

    [Fact]
    public void WithTag_ReplacesAnExistingTag()
    {
        var address = SipAddress.Parse("<sip:a@b>;tag=1;x")!;

        Assert.Equal("<sip:a@b>;tag=2;x", address.WithTag("2").ToString());
    }
}
