using Bunit;
using Switchboard.Contacts;
using Switchboard.Server.Desk;
using Switchboard.Server.Realtime;
using static Switchboard.Tests.Server.Desk.DeskScreen;

namespace Switchboard.Tests.Server.Desk;

/// <summary>An incoming offer on the desk: what it is, the countdown to its expiry, and the answer buttons.</summary>
public class OfferCardTests
{
    private static OfferMade Offer(bool vulnerable = false) => new(
        42, new ContactDetails(Guid.NewGuid(), "billing", Channel.Chat, "fr", ContactState.Offered, Nine.AddSeconds(-75), vulnerable), Nine.AddSeconds(20));

    [Fact]
    public void Render_AnOffer_ShowsChannelQueueLanguageWaitAndCountdown()
    {
        using var context = Context();

        var card = context.Render<OfferCard>(p => p.Add(c => c.Offer, Offer()).Add(c => c.Now, Nine));

        Assert.Equal("Incoming chat offer", card.Find("h2").TextContent);
        var facts = card.Find("dl").TextContent;
        Assert.Contains("Queuebilling", facts, StringComparison.Ordinal);
        Assert.Contains("Languagefr", facts, StringComparison.Ordinal);
        Assert.Contains("Waiting for1 min 15 s", facts, StringComparison.Ordinal);
        Assert.Equal("20 s", card.Find(".offer-remaining").TextContent);
        Assert.Empty(card.FindAll(".desk-vulnerable"));
    }

    [Fact]
    public void Render_TimeMovesOn_CountdownFallsAndThenSaysExpiring()
    {
        using var context = Context();
        var offer = Offer();
        var card = context.Render<OfferCard>(p => p.Add(c => c.Offer, offer).Add(c => c.Now, Nine));

        card.Render(p => p.Add(c => c.Offer, offer).Add(c => c.Now, Nine.AddSeconds(7)));
        var later = card.Find(".offer-remaining").TextContent;
        card.Render(p => p.Add(c => c.Offer, offer).Add(c => c.Now, Nine.AddSeconds(20)));

        Assert.Equal("13 s", later);
        Assert.Contains("Expiring now", card.Find(".desk-countdown").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_VulnerableCustomer_SaysSoInWords()
    {
        using var context = Context();

        var card = context.Render<OfferCard>(p => p.Add(c => c.Offer, Offer(vulnerable: true)).Add(c => c.Now, Nine));

        Assert.Contains("Vulnerable customer", card.Find(".desk-vulnerable").TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(".offer-accept", true)]
    [InlineData(".offer-reject", false)]
    public void Click_AnswerButton_SendsTheAnswer(string button, bool expected)
    {
        using var context = Context();
        bool? answered = null;
        var card = context.Render<OfferCard>(p => p.Add(c => c.Offer, Offer()).Add(c => c.Now, Nine).Add(c => c.OnAnswer, (bool accept) => answered = accept));

        card.Find(button).Click();

        Assert.Equal(expected, answered);
        Assert.Equal("BUTTON", card.Find(button).TagName);
    }

    [Fact]
    public void Render_NewOffer_MovesFocusToIt()
    {
        using var context = Context();

        var card = context.Render<OfferCard>(p => p.Add(c => c.Offer, Offer()).Add(c => c.Now, Nine));

        Assert.Single(context.JSInterop.Invocations, i => i.Identifier.EndsWith("focus", StringComparison.Ordinal));
        Assert.Equal("-1", card.Find("section").GetAttribute("tabindex"));
    }
}
