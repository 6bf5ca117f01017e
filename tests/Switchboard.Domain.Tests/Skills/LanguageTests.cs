using Switchboard.Skills;

namespace Switchboard.Tests.Skills;

public class LanguageTests
{
    [Theory]
    [InlineData("en-gb", "en-GB")]
    [InlineData("EN_us", "en-US")]
    [InlineData("zh-hant-tw", "zh-Hant-TW")]
    [InlineData("  fr ", "fr")]
    [InlineData("sr-LATN-rs", "sr-Latn-RS")]
    public void Tag_AnyCasingOrSeparator_IsNormalised(string given, string expected)
    {
        var language = new Language(given);

        Assert.Equal(expected, language.Tag);
    }

    [Theory]
    [InlineData("en-GB", "en")]
    [InlineData("zh-Hant-TW", "zh-Hant")]
    [InlineData("ZH-hans", "zh-Hans")]
    [InlineData("es-419", "es")]
    public void MatchKey_IgnoresRegion_KeepsScript(string given, string expected)
    {
        var language = new Language(given);

        Assert.Equal(expected, language.MatchKey);
    }

    [Theory]
    [InlineData("en-GB", "en-US")]
    [InlineData("en", "en-AU")]
    [InlineData("zh-Hant-TW", "zh-Hant-HK")]
    [InlineData("PT-br", "pt-PT")]
    public void Matches_SameLanguageOtherRegion_IsTrue(string customer, string agent)
    {
        var matches = new Language(customer).Matches(new Language(agent));

        Assert.True(matches);
    }

    [Theory]
    [InlineData("zh-Hant", "zh-Hans")]
    [InlineData("en", "fr")]
    [InlineData("sr-Latn", "sr-Cyrl")]
    public void Matches_OtherLanguageOrScript_IsFalse(string customer, string agent)
    {
        var matches = new Language(customer).Matches(new Language(agent));

        Assert.False(matches);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("e")]
    [InlineData("abcdefghi")]
    [InlineData("1a")]
    [InlineData("--")]
    public void Constructor_NotATag_Throws(string tag)
    {
        Action build = () => _ = new Language(tag);

        Assert.ThrowsAny<ArgumentException>(build);
    }

    [Fact]
    public void Equality_SameTagDifferentCasing_IsEqual()
    {
        var a = new Language("en-gb");
        var b = new Language("EN-GB");

        Assert.Equal(a, b);
    }
}
