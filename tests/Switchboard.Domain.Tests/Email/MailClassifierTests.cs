using Switchboard.Email;

namespace Switchboard.Tests.Email;

public class MailClassifierTests
{
    private static readonly MailboxIdentity Support = new("support@centre.example") { FloodLimit = 3 };

    private static InboundMail Mail(string from = "jo@example.com", params (string Name, string Value)[] headers) => new()
    {
        MessageId = "m1@example.com",
        From = from,
        ReturnPath = from,
        Subject = "Invoice",
        MediaType = "text/plain",
        Headers = headers.ToDictionary(h => h.Name, h => h.Value, StringComparer.OrdinalIgnoreCase),
    };

    [Fact]
    public void Classify_APersonsMail_IsPersonal()
    {
        Assert.IsType<MailVerdict.Personal>(MailClassifier.Classify(Mail(headers: ("Auto-Submitted", "no")), Support, 1));
    }

    [Fact]
    public void Classify_DeliveryStatusReport_IsABounce()
    {
        var report = Mail() with { MediaType = "multipart/report", ReportType = "delivery-status" };

        Assert.IsType<MailVerdict.Bounce>(MailClassifier.Classify(report, Support, 1));
    }

    [Fact]
    public void Classify_NullReturnPath_IsABounce()
    {
        Assert.IsType<MailVerdict.Bounce>(MailClassifier.Classify(Mail() with { ReturnPath = "" }, Support, 1));
    }

    [Theory]
    [InlineData("MAILER-DAEMON@mx.example.com")]
    [InlineData("postmaster@example.com")]
    public void Classify_FromTheMailSystem_IsABounce(string from)
    {
        Assert.IsType<MailVerdict.Bounce>(MailClassifier.Classify(Mail(from), Support, 1));
    }

    [Theory]
    [InlineData("Auto-Submitted", "auto-replied")]
    [InlineData("Auto-Submitted", "auto-generated; owner-email=\"x@example.com\"")]
    [InlineData("X-Autoreply", "yes")]
    [InlineData("X-Autorespond", "Out of office")]
    [InlineData("Precedence", "bulk")]
    [InlineData("Precedence", "junk")]
    [InlineData("Precedence", "list")]
    [InlineData("List-Id", "<news.example.com>")]
    [InlineData("X-Auto-Response-Suppress", "DR, AutoReply")]
    public void Classify_AutomaticAnswer_IsAnAutoReply(string header, string value)
    {
        Assert.IsType<MailVerdict.AutoReply>(MailClassifier.Classify(Mail(headers: (header, value)), Support, 1));
    }

    [Theory]
    [InlineData("Precedence", "first-class")]
    [InlineData("X-Auto-Response-Suppress", "OOF")]
    public void Classify_HeadersThatDoNotMeanARobot_StayPersonal(string header, string value)
    {
        Assert.IsType<MailVerdict.Personal>(MailClassifier.Classify(Mail(headers: (header, value)), Support, 1));
    }

    [Fact]
    public void Classify_OurLoopHeader_IsALoop()
    {
        Assert.IsType<MailVerdict.MailLoop>(MailClassifier.Classify(Mail(headers: (MailboxIdentity.LoopHeader, "support")), Support, 1));
    }

    [Fact]
    public void Classify_FromOurOwnAddress_IsALoop()
    {
        Assert.IsType<MailVerdict.MailLoop>(MailClassifier.Classify(Mail("Support@Centre.example"), Support, 1));
    }

    [Fact]
    public void Classify_MoreThanTheFloodLimitFromOneSender_IsALoop()
    {
        Assert.IsType<MailVerdict.Personal>(MailClassifier.Classify(Mail(), Support, 3));
        Assert.IsType<MailVerdict.MailLoop>(MailClassifier.Classify(Mail(), Support, 4));
    }

    [Fact]
    public void Classify_ABounceThatIsAlsoAnAutoReply_IsABounce()
    {
        var both = Mail("MAILER-DAEMON@mx.example.com", ("Auto-Submitted", "auto-replied"));

        Assert.IsType<MailVerdict.Bounce>(MailClassifier.Classify(both, Support, 1));
    }
}
