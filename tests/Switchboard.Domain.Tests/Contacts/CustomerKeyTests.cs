using CsCheck;
using Switchboard.Contacts;

namespace Switchboard.Tests.Contacts;

public class CustomerKeyTests
{
    [Theory]
    [InlineData("+441632960961", "+441632960961")]
    [InlineData(" +44 1632 960961 ", "+441632960961")]
    [InlineData("+1 (555) 010-0199", "+15550100199")]
    [InlineData("+33.1.23.45.67.89", "+33123456789")]
    public void TryPhone_TypedForms_GiveE164(string typed, string expected)
    {
        var parsed = CustomerKey.TryPhone(typed, out var key);

        Assert.True(parsed);
        Assert.Equal(CustomerKeyKind.Phone, key!.Kind);
        Assert.Equal(expected, key.Value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("01632 960961")]
    [InlineData("441632960961")]
    [InlineData("+0441632960961")]
    [InlineData("+12345")]
    [InlineData("+1234567890123456")]
    [InlineData("+44 1632 96096x")]
    [InlineData("++441632960961")]
    public void TryPhone_Malformed_Refused(string typed)
    {
        Assert.False(CustomerKey.TryPhone(typed, out var key));
        Assert.Null(key);
    }

    [Theory]
    [InlineData("Ada@Example.COM", "ada@example.com")]
    [InlineData("  ada.lovelace+chat@example.co.uk ", "ada.lovelace+chat@example.co.uk")]
    public void TryEmail_TypedForms_TrimmedAndLowerCased(string typed, string expected)
    {
        Assert.True(CustomerKey.TryEmail(typed, out var key));
        Assert.Equal(CustomerKeyKind.Email, key!.Kind);
        Assert.Equal(expected, key.Value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("ada")]
    [InlineData("@example.com")]
    [InlineData("ada@")]
    [InlineData("ada@example")]
    [InlineData("ada@example.")]
    [InlineData("ada@.example.com")]
    [InlineData("ada@example..com")]
    [InlineData("ada@b@example.com")]
    [InlineData("ada lovelace@example.com")]
    public void TryEmail_Malformed_Refused(string typed)
    {
        Assert.False(CustomerKey.TryEmail(typed, out _));
    }

    [Fact]
    public void TryReference_Trimmed_ComparedWithCase()
    {
        Assert.True(CustomerKey.TryReference("  ACC-1001 ", out var upper));
        Assert.True(CustomerKey.TryReference("acc-1001", out var lower));

        Assert.Equal("ACC-1001", upper!.Value);
        Assert.NotEqual(upper, lower);
        Assert.False(CustomerKey.TryReference(" ", out _));
        Assert.False(CustomerKey.TryReference(new string('x', CustomerKey.ReferenceLength + 1), out _));
        Assert.False(CustomerKey.TryReference("a\nb", out _));
    }

    [Fact]
    public void TryPhone_AnyFormattingOfANumber_GivesTheSameKey()
    {
        var formatted = Gen.Select(Gen.Int[1, 9], Gen.Char['1', '9'], Gen.Char['0', '9'].Array[6, 14], Gen.OneOf(Gen.Const(" "), Gen.Const("-"), Gen.Const("."), Gen.Const(" ("), Gen.Const(") ")),
            (split, first, rest, separator) =>
            {
                var number = "+" + first + new string(rest);
                var at = Math.Min(split, number.Length - 1);
                return (number, typed: number[..at] + separator + number[at..]);
            });

        formatted.Sample(pair =>
        {
            Assert.True(CustomerKey.TryPhone(pair.typed, out var fromTyped));
            Assert.True(CustomerKey.TryPhone(pair.number, out var fromPlain));
            Assert.Equal(fromPlain, fromTyped);
            Assert.Equal(pair.number, fromTyped!.Value);
        });
    }
}
