using Bunit;
using Switchboard.Agents;
using Switchboard.Server.Desk;
using Switchboard.Server.Realtime;
using static Switchboard.Tests.Server.Desk.DeskScreen;

namespace Switchboard.Tests.Server.Desk;

/// <summary>The desk's presence control: the presence now and how long, and available, break with a reason, offline.</summary>
public class PresenceControlTests
{
    [Fact]
    public void Render_OnBreak_ShowsPresenceReasonAndTimeInIt()
    {
        using var context = Context();

        var control = context.Render<PresenceControl>(p => p
            .Add(c => c.Presence, new PresenceNow("a1", Presence.Break, "Lunch", Nine.AddMinutes(-3).AddSeconds(-4)))
            .Add(c => c.Now, Nine));

        Assert.Equal("On break (Lunch)", control.Find("[role=status]").TextContent);
        Assert.Equal("3 min 04 s", control.Find(".presence-time").TextContent);
    }

    [Theory]
    [InlineData("#presence-available", Presence.Available)]
    [InlineData("#presence-offline", Presence.Offline)]
    public void Click_PresenceButton_AsksForThatPresence(string button, Presence expected)
    {
        using var context = Context();
        PresenceChoice? chosen = null;
        var control = context.Render<PresenceControl>(p => p.Add(c => c.Now, Nine).Add(c => c.OnChange, (PresenceChoice c) => chosen = c));

        control.Find(button).Click();

        Assert.Equal(new PresenceChoice(expected, null), chosen);
    }

    [Fact]
    public void StartBreak_ReasonFromListWithDetail_SendsBoth()
    {
        using var context = Context();
        PresenceChoice? chosen = null;
        var control = context.Render<PresenceControl>(p => p.Add(c => c.Now, Nine).Add(c => c.OnChange, (PresenceChoice c) => chosen = c));
        control.Find("#break-reason").Change("Training");
        control.Find("#break-detail").Change(" fire safety ");

        control.Find("#presence-break").Click();

        Assert.Equal(new PresenceChoice(Presence.Break, "Training: fire safety"), chosen);
    }

    [Fact]
    public void StartBreak_OtherWithoutWords_AsksForThemAndSendsNothing()
    {
        using var context = Context();
        PresenceChoice? chosen = null;
        var control = context.Render<PresenceControl>(p => p.Add(c => c.Now, Nine).Add(c => c.OnChange, (PresenceChoice c) => chosen = c));
        control.Find("#break-reason").Change("Other");

        control.Find("#presence-break").Click();

        Assert.Null(chosen);
        Assert.Contains("in your own words", control.Find("[role=alert]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void StartBreak_ReasonOverHundredCharacters_IsRefused()
    {
        using var context = Context();
        PresenceChoice? chosen = null;
        var control = context.Render<PresenceControl>(p => p.Add(c => c.Now, Nine).Add(c => c.OnChange, (PresenceChoice c) => chosen = c));
        control.Find("#break-reason").Change("Meeting");
        control.Find("#break-detail").Change(new string('m', 95));

        control.Find("#presence-break").Click();

        Assert.Null(chosen);
        Assert.Contains("at most 100 characters", control.Find("[role=alert]").TextContent, StringComparison.Ordinal);
    }
}
