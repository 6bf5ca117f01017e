using Switchboard.Cases;
using Switchboard.Email;

namespace Switchboard.Tests.Email;

public class MailThreadingTests
{
    private static readonly Guid CaseA = Guid.Parse("0191a2b3-0000-7000-8000-000000000001");
    private static readonly Guid CaseB = Guid.Parse("0191a2b3-0000-7000-8000-000000000002");

    private static InboundMail Reply(string? inReplyTo = null, string[]? references = null, string subject = "Re: Invoice") => new()
    {
        MessageId = "new@example.com",
        From = "jo@example.com",
        Subject = subject,
        InReplyTo = inReplyTo,
        References = references ?? [],
    };

    [Fact]
    public void Candidates_InReplyToFirstThenReferencesNewestFirst_WithoutRepeats()
    {
        var mail = Reply("c@x", ["a@x", "b@x", "c@x"]);

        Assert.Equal(["c@x", "b@x", "a@x"], MailThreading.Candidates(mail));
    }

    [Fact]
    public void Find_InReplyToAKnownMessage_ThreadsByMessage()
    {
        var known = new Dictionary<string, Guid> { ["ack@centre"] = CaseA };

        var thread = MailThreading.Find(Reply("ack@centre"), known, _ => CaseB);

        Assert.Equal(new MailThread.ByMessage(CaseA, "ack@centre"), thread);
    }

    [Fact]
    public void Find_OnlyAnOlderReferenceKnown_ThreadsByThatReference()
    {
        var known = new Dictionary<string, Guid> { ["first@x"] = CaseA };

        var thread = MailThreading.Find(Reply("unknown@x", ["first@x", "unknown@x"]), known, _ => null);

        Assert.Equal(new MailThread.ByMessage(CaseA, "first@x"), thread);
    }

    [Fact]
    public void Find_NoKnownIdButTheReferenceInTheSubject_ThreadsByReference()
    {
        var reference = new CaseReference(42);
        CaseReference? asked = null;

        var thread = MailThreading.Find(Reply("lost@x", subject: $"Re: Invoice {reference.SubjectTag}"), new Dictionary<string, Guid>(), r =>
        {
            asked = r;
            return CaseB;
        });

        Assert.Equal(new MailThread.ByReference(CaseB, reference), thread);
        Assert.Equal(reference, asked);
    }

    [Fact]
    public void Find_AReferenceOfNoCase_StartsANewCase()
    {
        var thread = MailThreading.Find(Reply(subject: $"Re: {new CaseReference(42).SubjectTag}"), new Dictionary<string, Guid>(), _ => null);

        Assert.IsType<MailThread.NewCase>(thread);
    }

    [Fact]
    public void Find_NothingToGoBy_StartsANewCase()
    {
        Assert.IsType<MailThread.NewCase>(MailThreading.Find(Reply(subject: "Invoice"), new Dictionary<string, Guid>(), _ => CaseA));
    }
}
