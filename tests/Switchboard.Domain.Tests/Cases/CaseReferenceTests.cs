using CsCheck;
using Switchboard.Cases;

namespace Switchboard.Tests.Cases;

public class CaseReferenceTests
{
    [Fact]
    public void ToString_PadsTheNumberAndAddsTheCheckLetter()
    {
        var reference = new CaseReference(123);

        Assert.Equal("C-000123-" + reference.Check, reference.ToString());
        Assert.Equal($"[Ref {reference}]", reference.SubjectTag);
    }

    [Fact]
    public void TryParse_AnyReference_ReadsBackItself()
    {
        Gen.Long[1, 999_999_999_999].Sample(number =>
        {
            var reference = new CaseReference(number);

            Assert.True(CaseReference.TryParse(reference.ToString().ToLowerInvariant(), out var parsed));
            Assert.Equal(reference, parsed);
        });
    }

    [Fact]
    public void TryParse_OneDigitChangedOrTwoNeighboursSwapped_IsRefused()
    {
        Gen.Select(Gen.Long[100_000, 999_999], Gen.Int[0, 5], Gen.Int[1, 9]).Sample((number, position, add) =>
        {
            var digits = number.ToString("D6", System.Globalization.CultureInfo.InvariantCulture).ToCharArray();
            var check = new CaseReference(number).Check;
            var changed = (char[])digits.Clone();
            changed[position] = (char)('0' + ((changed[position] - '0' + add) % 10));
            var swapped = (char[])digits.Clone();
            var next = Math.Min(position + 1, 5);
            (swapped[position], swapped[next]) = (swapped[next], swapped[position]);

            Assert.False(CaseReference.TryParse($"C-{new string(changed)}-{check}", out _));
            if (swapped[position] != swapped[next])
            {
                Assert.False(CaseReference.TryParse($"C-{new string(swapped)}-{check}", out _));
            }
        });
    }

    [Theory]
    [InlineData("")]
    [InlineData("C-123-A")]
    [InlineData("X-000123-A")]
    [InlineData("C-000000-A")]
    [InlineData("C-0001a3-A")]
    public void TryParse_Malformed_IsRefused(string text)
    {
        Assert.False(CaseReference.TryParse(text, out _));
    }

    [Fact]
    public void FindIn_SubjectWithTheTag_FindsIt_AWrongCheckLetterIsSkipped()
    {
        var reference = new CaseReference(4711);
        var wrong = (char)(reference.Check == 'A' ? 'B' : 'A');

        Assert.Equal(reference, CaseReference.FindIn($"Re: Re: my invoice {reference.SubjectTag}"));
        Assert.Equal(reference, CaseReference.FindIn($"[Ref C-004711-{wrong}] and {reference.SubjectTag}"));
        Assert.Null(CaseReference.FindIn($"Re: [Ref C-004711-{wrong}]"));
        Assert.Null(CaseReference.FindIn("Re: my invoice"));
    }
}
