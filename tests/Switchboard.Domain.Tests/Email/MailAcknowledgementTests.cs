using Switchboard.Cases;
using Switchboard.Email;

namespace Switchboard.Tests.Email;

public class MailAcknowledgementTests
{
    private static readonly CaseReference Reference = new(123);

    [Fact]
    public void Body_WithAPromise_NamesTheReferenceAndThePromise()
    {
        var body = MailAcknowledgement.Body(Reference, TimeSpan.FromHours(26));

        Assert.Contains(Reference.ToString(), body, StringComparison.Ordinal);
        Assert.Contains("within 1 day and 2 hours", body, StringComparison.Ordinal);
    }

    [Fact]
    public void Body_WithoutAPromise_PromisesNoTime()
    {
        var body = MailAcknowledgement.Body(Reference, null);

        Assert.DoesNotContain("within", body, StringComparison.Ordinal);
        Assert.Contains("as soon as we can", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Invoice", "Re: Invoice [Ref C-000123-{0}]")]
    [InlineData("RE: Invoice", "RE: Invoice [Ref C-000123-{0}]")]
    [InlineData("Re: Invoice [Ref C-000123-{0}]", "Re: Invoice [Ref C-000123-{0}]")]
    [InlineData("  ", "Re: Your message [Ref C-000123-{0}]")]
    public void ReplySubject_AddsReOnceAndTheTagOnce(string subject, string expected)
    {
        var check = Reference.Check.ToString();

        Assert.Equal(string.Format(System.Globalization.CultureInfo.InvariantCulture, expected, check),
            MailAcknowledgement.ReplySubject(string.Format(System.Globalization.CultureInfo.InvariantCulture, subject, check), Reference));
    }

    [Theory]
    [InlineData(45, "45 seconds")]
    [InlineData(90, "1 minute")]
    [InlineData(3600, "1 hour")]
    [InlineData(2 * 86400 + 3 * 3600 + 15 * 60, "2 days, 3 hours and 15 minutes")]
    public void Duration_InWords(int seconds, string expected)
    {
        Assert.Equal(expected, MailAcknowledgement.Duration(TimeSpan.FromSeconds(seconds)));
    }
}
