using Bunit;
using Switchboard.Server.Desk;
using static Switchboard.Tests.Server.Desk.DeskScreen;

namespace Switchboard.Tests.Server.Desk;

/// <summary>The desk's callback form: a number and a window, and a customer reference and a note kept apart.</summary>
public class CallbackFormTests
{
    private static readonly Guid Contact = Guid.NewGuid();

    [Fact]
    public void Submit_WithReferenceAndNote_SendsEachInItsOwnField()
    {
        using var context = Context();
        var sent = new List<CallbackRequest>();
        var form = Render(context, sent);
        form.Find($"#callback-phone-{Contact}").Change("+441632960961");
        form.Find($"#callback-reference-{Contact}").Change(" ACME-4471 ");
        form.Find($"#callback-note-{Contact}").Change("Wants to discuss the March invoice");

        form.Find("form").Submit();

        Assert.Equal(new CallbackRequest("+441632960961", Nine.AddHours(1), Nine.AddHours(2), "ACME-4471", "Wants to discuss the March invoice"), Assert.Single(sent));
        Assert.Equal("Note for whoever calls (optional, up to 500 characters)", form.Find($"label[for='callback-note-{Contact}']").TextContent);
        Assert.Equal("Customer reference (optional, up to 100 characters)", form.Find($"label[for='callback-reference-{Contact}']").TextContent);
    }

    [Fact]
    public void Submit_NoteOverFiveHundredCharacters_IsRefusedAndNothingSent()
    {
        using var context = Context();
        var sent = new List<CallbackRequest>();
        var form = Render(context, sent);
        form.Find($"#callback-phone-{Contact}").Change("+441632960961");
        form.Find($"#callback-note-{Contact}").Change(new string('x', 501));

        form.Find("form").Submit();

        Assert.Empty(sent);
        Assert.Contains("A note has at most 500 characters.", form.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void Submit_BlankReferenceAndNote_SendsNeither()
    {
        using var context = Context();
        var sent = new List<CallbackRequest>();
        var form = Render(context, sent);
        form.Find($"#callback-phone-{Contact}").Change("+441632960961");
        form.Find($"#callback-note-{Contact}").Change("   ");

        form.Find("form").Submit();

        var request = Assert.Single(sent);
        Assert.Equal((null, null), (request.CustomerReference, request.Note));
    }

    private static IRenderedComponent<CallbackForm> Render(BunitContext context, List<CallbackRequest> sent) =>
        context.Render<CallbackForm>(p => p.Add(f => f.Contact, Contact).Add(f => f.Now, Nine).Add(f => f.OnBook, (CallbackRequest r) => sent.Add(r)));
}
