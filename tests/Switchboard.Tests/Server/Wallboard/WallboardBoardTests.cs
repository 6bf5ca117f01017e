using Bunit;
using MudBlazor.Services;
using Switchboard.Agents;
using Switchboard.Contacts;
using Switchboard.Server.Wallboard;

namespace Switchboard.Tests.Server.Wallboard;

/// <summary>The wallboard's view: the figures it shows, the words for a missing target, alarms in words and colour, and
/// no agents on a client viewer's board.</summary>
public class WallboardBoardTests
{
    private static readonly DateTimeOffset Nine = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    private static readonly QueueBoard Billing = new(
        Queue: "billing", Client: "acme", Name: "Billing", Waiting: 3, LongestWaitingSince: Nine.AddSeconds(-12), LongestWait: TimeSpan.FromSeconds(12),
        ExpectedWait: new AnnouncedWait(TimeSpan.FromSeconds(95), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(3), 2, Nine.AddSeconds(-5)),
        ArrivedToday: 40, AnsweredToday: 30, AnsweredWithinThreshold: 27, AbandonedToday: 2, AbandonmentRate: 2 / 32.0, AbandonmentLimit: null,
        ServiceLevel: 27 / 31.0, ServiceLevelTarget: 0.8, ServiceLevelThreshold: TimeSpan.FromSeconds(20), ThresholdIsDefault: false, BelowTarget: false,
        AgentsByPresence: new Dictionary<Presence, int> { [Presence.Available] = 2, [Presence.Break] = 1 }, At: Nine);

    private static readonly AgentBoard Ann = new(
        "ann", "Ann Lee", "acme", Presence.Busy, null, Nine.AddMinutes(-2).AddSeconds(-5), 1,
        [new CurrentContact(Guid.NewGuid(), "billing", Channel.Chat, ContactState.Connected)]);

    [Fact]
    public void Render_AQueueOnTarget_ShowsItsFiguresAndSaysOnTarget()
    {
        using var context = NewContext();

        var board = Render(context, new WallboardView([Billing], [Ann], Nine), Nine.AddSeconds(3), showAgents: true);

        var row = board.Find("tr[data-queue=billing]");
        Assert.Equal("Billing", row.QuerySelector("th")!.TextContent);
        Assert.Equal("3", Figure(row, "waiting"));
        Assert.Equal("15 s", Figure(row, "longest-wait"));
        Assert.Equal("1 min 35 s", Figure(row, "expected-wait"));
        Assert.Equal("87%", Figure(row, "service-level"));
        Assert.Equal("2", Figure(row, "abandoned"));
        Assert.Contains("target 80% within 20 s", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("2 available, 1 break", row.QuerySelector("[data-figure=agents-by-presence]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("On target", row.TextContent, StringComparison.Ordinal);
        Assert.Empty(board.FindAll(".wallboard-alarm"));
        Assert.Equal("Every queue is on target.", board.Find("[role=status]").TextContent.Trim());
    }

    [Fact]
    public void Render_NoTargetAgreed_SaysSoAndRaisesNoServiceLevelAlarm()
    {
        using var context = NewContext();
        var queue = Billing with { ServiceLevel = 0.1, ServiceLevelTarget = null, ThresholdIsDefault = true, BelowTarget = false };

        var board = Render(context, new WallboardView([queue], [], Nine), Nine, showAgents: true);

        var cell = board.Find("tr[data-queue=billing] td:nth-of-type(4)");
        Assert.Contains("no target agreed", cell.TextContent, StringComparison.Ordinal);
        Assert.Contains("default 20 s threshold", cell.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("target 80%", board.Markup, StringComparison.Ordinal);
        Assert.Empty(board.FindAll("[data-alarm]"));
    }

    [Fact]
    public void Render_ServiceLevelBelowTargetAndAWaitBeyondTheThreshold_SaysBothInWordsAndMarksThemInColour()
    {
        using var context = NewContext();
        var queue = Billing with { ServiceLevel = 0.5, BelowTarget = true, LongestWaitingSince = Nine.AddSeconds(-45) };

        var board = Render(context, new WallboardView([queue], [], Nine), Nine, showAgents: true);

        var alarms = board.FindAll("[data-alarm]");
        Assert.Equal(["Service level below the 80% target", "Longest wait beyond the 20 s threshold"], alarms.Select(a => a.TextContent.Trim()));
        Assert.All(alarms, a => Assert.Contains("wallboard-alarm", a.ClassList));
        Assert.Contains("queue-at-risk", board.Find("tr[data-queue=billing]").ClassList);
        Assert.Contains("wallboard-alarm", board.Find("tr[data-queue=billing] td:nth-of-type(4)").ClassList);
        var summary = board.Find("[role=status]");
        Assert.Equal("polite", summary.GetAttribute("aria-live"));
        Assert.Contains("1 queue at risk: Billing: service level below the 80% target, longest wait beyond the 20 s threshold.", summary.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_TheLongestWaitGrows_RaisesTheAlarmOnceItPassesTheThreshold()
    {
        using var context = NewContext();
        var view = new WallboardView([Billing with { LongestWaitingSince = Nine }], [], Nine);

        var within = Render(context, view, Nine.AddSeconds(20), showAgents: false);
        var beyond = Render(context, view, Nine.AddSeconds(21), showAgents: false);

        Assert.Empty(within.FindAll("[data-alarm]"));
        Assert.Equal(QueueAlarmKind.LongestWaitBeyondThreshold.ToString(), beyond.Find("[data-alarm]").GetAttribute("data-alarm"));
    }

    [Fact]
    public void Render_ForStaff_ShowsEachAgentsNamePresenceTimeAndContacts()
    {
        using var context = NewContext();
        var onBreak = new AgentBoard("bob", "Bob Ray", "acme", Presence.Break, "training", Nine.AddHours(-1).AddMinutes(-3), 0, []);

        var board = Render(context, new WallboardView([Billing], [onBreak, Ann], Nine), Nine, showAgents: true);

        var rows = board.FindAll(".wallboard-agents tbody tr");
        Assert.Equal(["Ann Lee", "Bob Ray"], rows.Select(r => r.QuerySelector("th")!.TextContent));
        Assert.Equal(("Busy", "2 min 05 s", "chat in Billing (connected)"), (Figure(rows[0], "presence"), Figure(rows[0], "time-in-presence"), Figure(rows[0], "current-contacts")));
        Assert.Equal(("Break (training)", "1 h 03 min", "none"), (Figure(rows[1], "presence"), Figure(rows[1], "time-in-presence"), Figure(rows[1], "current-contacts")));
        Assert.Equal("Agents", board.Find(".wallboard-agents caption").TextContent);
    }

    [Fact]
    public void Render_ForAClientViewer_ShowsNoAgentSectionAndNoAgentCounts()
    {
        using var context = NewContext();
        var viewed = WallboardFeed.ForViewer(Billing);

        var board = Render(context, new WallboardView([viewed], [], Nine), Nine, showAgents: false);

        Assert.Empty(board.FindAll(".wallboard-agents"));
        Assert.Empty(board.FindAll("[data-figure=agents-by-presence]"));
        Assert.DoesNotContain(">Agents<", board.Markup, StringComparison.Ordinal);
        Assert.Equal("3", Figure(board.Find("tr[data-queue=billing]"), "waiting"));
    }

    [Fact]
    public void Render_NoArrivalYetAndNoAgentStaffed_SaysSoInsteadOfAFigure()
    {
        using var context = NewContext();
        var never = Billing with { Queue = "never", ExpectedWait = null, LongestWaitingSince = null, ServiceLevel = null };
        var unstaffed = Billing with { Queue = "unstaffed", ExpectedWait = new AnnouncedWait(null, null, null, 4, Nine) };

        var board = Render(context, new WallboardView([never, unstaffed], [], Nine), Nine, showAgents: false);

        Assert.Contains("no arrival yet", board.Find("tr[data-queue=never]").TextContent, StringComparison.Ordinal);
        Assert.Equal(("none", "none yet"), (Figure(board.Find("tr[data-queue=never]"), "longest-wait"), Figure(board.Find("tr[data-queue=never]"), "service-level")));
        Assert.Equal("unknown", Figure(board.Find("tr[data-queue=unstaffed]"), "expected-wait"));
        Assert.Contains("no agent staffed", board.Find("tr[data-queue=unstaffed]").TextContent, StringComparison.Ordinal);
    }

    private static BunitContext NewContext()
    {
        var context = new BunitContext();
        context.Services.AddMudServices();
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        return context;
    }

    private static IRenderedComponent<WallboardBoard> Render(BunitContext context, WallboardView view, DateTimeOffset now, bool showAgents) =>
        context.Render<WallboardBoard>(p => p.Add(b => b.Board, view).Add(b => b.Now, now).Add(b => b.ShowAgents, showAgents));

    private static string Figure(AngleSharp.Dom.IElement row, string figure) => row.QuerySelector($"[data-figure={figure}]")!.TextContent.Trim();
}
