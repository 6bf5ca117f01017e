using Bunit;
using Switchboard.Agents;
using Switchboard.Contacts;
using Switchboard.Server.Desk;
using Switchboard.Server.Realtime;
using static Switchboard.Tests.Server.Desk.DeskScreen;

namespace Switchboard.Tests.Server.Desk;

/// <summary>The whole desk: a new offer is announced in the live region, refusals in words, contacts side by side.</summary>
public class DeskViewTests
{
    private static ContactDetails Contact(ContactState state, Channel channel = Channel.Chat, bool vulnerable = false) =>
        new(Guid.NewGuid(), "billing", channel, "en", state, Nine.AddMinutes(-1), vulnerable);

    [Fact]
    public void Render_Idle_SaysSoAndAnnouncesNothing()
    {
        using var context = Context();
        var board = new DeskBoard();
        board.Apply(new PresenceNow("ann", Presence.Available, null, Nine));

        var desk = context.Render<DeskView>(p => p.Add(d => d.Agent, "ann").Add(d => d.Board, board).Add(d => d.Now, Nine));

        Assert.Equal("Agent desk: ann", desk.Find("h1").TextContent);
        Assert.Contains("No contact in hand.", desk.Markup, StringComparison.Ordinal);
        Assert.Equal("", desk.Find(".desk-announcement").TextContent);
        Assert.Empty(desk.FindAll("p.form-problem"));
    }

    [Fact]
    public void Render_OfferArrives_AnnouncedPolitelyWithTheVulnerableFlag()
    {
        using var context = Context();
        var board = new DeskBoard();
        var desk = context.Render<DeskView>(p => p.Add(d => d.Agent, "ann").Add(d => d.Board, board).Add(d => d.Now, Nine));

        board.Apply(new OfferMade(3, Contact(ContactState.Offered, Channel.Voice, vulnerable: true), Nine.AddSeconds(30)));
        desk.Render(p => p.Add(d => d.Agent, "ann").Add(d => d.Board, board).Add(d => d.Now, Nine));

        var live = desk.Find(".desk-announcement");
        Assert.Equal(("status", "polite"), (live.GetAttribute("role"), live.GetAttribute("aria-live")));
        Assert.Equal("New voice call offer from queue billing, vulnerable customer.", live.TextContent);
        Assert.Single(desk.FindAll("section.desk-offer"));
    }

    [Fact]
    public void Render_ProblemAndMissedOffer_SaidInWords()
    {
        using var context = Context();
        var board = new DeskBoard();
        var contact = Contact(ContactState.Offered);
        board.Apply(new OfferMade(3, contact, Nine.AddSeconds(30)));
        board.Apply(new OfferEnded(3, contact.Id, OfferEnd.Expired));

        var desk = context.Render<DeskView>(p => p.Add(d => d.Agent, "ann").Add(d => d.Board, board).Add(d => d.Now, Nine).Add(d => d.Problem, "The offer expired."));

        Assert.Equal("The offer expired before it was answered.", desk.Find(".desk-announcement").TextContent);
        Assert.Equal("The offer expired.", desk.Find("p.form-problem[role=alert]").TextContent);
    }

    [Fact]
    public void Render_ThreeChats_ThreePanelsSideBySideEachWithAConversationSlot()
    {
        using var context = Context();
        var board = new DeskBoard();
        board.Apply(Contact(ContactState.Connected));
        board.Apply(Contact(ContactState.Connected));
        board.Apply(Contact(ContactState.WrapUp));

        var desk = context.Render<DeskView>(p => p.Add(d => d.Agent, "ann").Add(d => d.Board, board).Add(d => d.Now, Nine));

        Assert.Equal(3, desk.FindAll(".desk-contacts > section.desk-contact").Count);
        Assert.Equal(3, desk.FindAll(".desk-chat-slot").Count);
        Assert.Equal(2, desk.FindAll(".contact-end").Count);
        Assert.Single(desk.FindAll("form.desk-wrap-up"));
    }
}
