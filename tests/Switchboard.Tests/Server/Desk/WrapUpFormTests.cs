using Bunit;
using Switchboard.Contacts;
using Switchboard.Server.Desk;
using static Switchboard.Tests.Server.Desk.DeskScreen;

namespace Switchboard.Tests.Server.Desk;

/// <summary>Wrap-up on the desk: a disposition and the complaint answer are required; the reason is optional.</summary>
public class WrapUpFormTests
{
    private static readonly Guid Contact = Guid.NewGuid();

    [Fact]
    public void Submit_WithoutDisposition_SaysSoAndSendsNothing()
    {
        using var context = Context();
        Disposition? sent = null;
        var form = context.Render<WrapUpForm>(p => p.Add(f => f.Contact, Contact).Add(f => f.OnFinish, (Disposition d) => sent = d));
        var no = form.Find($"#complaint-no-{Contact}");
        no.Change(no.GetAttribute("value"));

        form.Find("form").Submit();

        Assert.Null(sent);
        Assert.Contains("Choose a disposition.", form.Find(".validation-message").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Submit_WithoutComplaintAnswer_AsksForItAndSendsNothing()
    {
        using var context = Context();
        Disposition? sent = null;
        var form = context.Render<WrapUpForm>(p => p.Add(f => f.Contact, Contact).Add(f => f.OnFinish, (Disposition d) => sent = d));
        form.Find($"#disposition-{Contact}").Change("resolved");

        form.Find("form").Submit();

        Assert.Null(sent);
        Assert.Contains("Answer whether this is a complaint.", form.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void Submit_Complete_SendsDispositionReasonAndComplaint()
    {
        using var context = Context();
        Disposition? sent = null;
        var form = context.Render<WrapUpForm>(p => p.Add(f => f.Contact, Contact).Add(f => f.OnFinish, (Disposition d) => sent = d));
        form.Find($"#disposition-{Contact}").Change("follow-up");
        form.Find($"#reason-{Contact}").Change("  billing-question ");
        var yes = form.Find($"#complaint-yes-{Contact}");
        yes.Change(yes.GetAttribute("value"));

        form.Find("form").Submit();

        Assert.Equal(new Disposition("follow-up", "billing-question") { Complaint = true }, sent);
    }

    [Fact]
    public void Submit_ReasonOverTwoHundredCharacters_IsRefused()
    {
        using var context = Context();
        Disposition? sent = null;
        var form = context.Render<WrapUpForm>(p => p.Add(f => f.Contact, Contact).Add(f => f.OnFinish, (Disposition d) => sent = d));
        form.Find($"#disposition-{Contact}").Change("resolved");
        form.Find($"#reason-{Contact}").Change(new string('x', 201));
        var no = form.Find($"#complaint-no-{Contact}");
        no.Change(no.GetAttribute("value"));

        form.Find("form").Submit();

        Assert.Null(sent);
        Assert.Contains("at most 200 characters", form.Markup, StringComparison.Ordinal);
    }
}
