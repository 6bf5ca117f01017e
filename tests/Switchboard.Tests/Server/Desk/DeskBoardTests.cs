using Switchboard.Agents;
using Switchboard.Contacts;
using Switchboard.Server.Desk;
using Switchboard.Server.Realtime;
using static Switchboard.Tests.Server.Desk.DeskScreen;

namespace Switchboard.Tests.Server.Desk;

/// <summary>The desk's state follows the hub's messages: offers come and go, contacts stay while held.</summary>
public class DeskBoardTests
{
    private static ContactDetails Contact(ContactState state, Guid? id = null) => new(id ?? Guid.NewGuid(), "billing", Channel.Chat, "en", state, Nine, Vulnerable: false);

    [Fact]
    public void Apply_OfferThenAccepted_OfferGoesAndContactStays()
    {
        var board = new DeskBoard();
        var contact = Contact(ContactState.Offered);
        board.Apply(new OfferMade(7, contact, Nine.AddSeconds(20)));

        board.Apply(new OfferEnded(7, contact.Id, OfferEnd.Accepted));
        board.Apply(contact with { State = ContactState.Connected });

        Assert.Empty(board.Offers);
        Assert.Equal(ContactState.Connected, Assert.Single(board.Contacts).State);
        Assert.Null(board.LastMissed);
    }

    [Fact]
    public void Apply_OfferExpired_IsRememberedToSayWhy()
    {
        var board = new DeskBoard();
        var contact = Contact(ContactState.Offered);
        board.Apply(new OfferMade(7, contact, Nine.AddSeconds(20)));

        board.Apply(new OfferEnded(7, contact.Id, OfferEnd.Expired));

        Assert.Empty(board.Offers);
        Assert.Equal(OfferEnd.Expired, board.LastMissed?.Reason);
    }

    [Fact]
    public void Apply_SameOfferTwice_ShowsItOnce()
    {
        var board = new DeskBoard();
        var offer = new OfferMade(7, Contact(ContactState.Offered), Nine.AddSeconds(20));

        board.Apply(offer);
        board.Apply(offer);

        Assert.Single(board.Offers);
    }

    [Fact]
    public void Apply_ContactCompleted_LeavesTheDesk()
    {
        var board = new DeskBoard();
        var id = Guid.NewGuid();
        board.Apply(Contact(ContactState.Connected, id));
        board.Apply(Contact(ContactState.WrapUp, id));
        var inWrapUp = board.Contacts.Count;

        board.Apply(Contact(ContactState.Completed, id));

        Assert.Equal(1, inWrapUp);
        Assert.Empty(board.Contacts);
    }

    [Fact]
    public void Apply_DeskState_ReplacesEverything()
    {
        var board = new DeskBoard();
        board.Apply(Contact(ContactState.Connected));
        var presence = new PresenceNow("a1", Presence.Available, null, Nine);

        board.Apply(new DeskState("a1", Nine, presence, [], [Contact(ContactState.WrapUp)]));

        Assert.Equal(presence, board.Presence);
        Assert.Equal(ContactState.WrapUp, Assert.Single(board.Contacts).State);
    }
}
