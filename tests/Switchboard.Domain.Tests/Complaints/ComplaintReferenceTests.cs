using CsCheck;
using Switchboard.Complaints;

namespace Switchboard.Tests.Complaints;

public class ComplaintReferenceTests
{
    [Fact]
    public void ToString_ThenTryParse_RoundTripsAnyNumber()
    {
        Gen.Long[1, 999_999_999_999_999_999].Sample(number =>
        {
            var text = new ComplaintReference(number).ToString();

            Assert.True(ComplaintReference.TryParse(text, out var parsed), text);
            Assert.Equal(number, parsed.Number);
        });
    }

    [Fact]
    public void TryParse_AsACustomerTypesIt_Accepted()
    {
        var reference = new ComplaintReference(123);

        Assert.True(ComplaintReference.TryParse("  " + reference.ToString().ToLowerInvariant() + " ", out var parsed));
        Assert.Equal(reference, parsed);
        Assert.StartsWith("CMP-000123-", reference.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_OneDigitMistyped_Caught()
    {
        Gen.Select(Gen.Long[1, 99_999_999], Gen.Int[0, 7], Gen.Int[1, 9]).Sample((number, position, change) =>
        {
            var text = new ComplaintReference(number).ToString().ToCharArray();
            var digit = 4 + (position % (text.Length - 6));
            text[digit] = (char)('0' + ((text[digit] - '0' + change) % 10));

            Assert.False(ComplaintReference.TryParse(new string(text), out _), new string(text));
        });
    }

    [Fact]
    public void TryParse_TwoNeighbouringDigitsSwapped_Caught()
    {
        Gen.Select(Gen.Long[1, 99_999_999], Gen.Int[0, 7]).Sample((number, position) =>
        {
            var text = new ComplaintReference(number).ToString().ToCharArray();
            var digit = 4 + (position % (text.Length - 7));
            if (text[digit] == text[digit + 1])
            {
                return;
            }

            (text[digit], text[digit + 1]) = (text[digit + 1], text[digit]);

            Assert.False(ComplaintReference.TryParse(new string(text), out _), new string(text));
        });
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("CMP-")]
    [InlineData("CMP-000000-A")]
    [InlineData("CMP-12a456-B")]
    [InlineData("XYZ-000123-K")]
    [InlineData("CMP-000123K")]
    public void TryParse_NotAReference_Refused(string? text) =>
        Assert.False(ComplaintReference.TryParse(text, out _));
}
