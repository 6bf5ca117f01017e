using Switchboard.CallFlows;
using Switchboard.Skills;

namespace Switchboard.Domain.Tests.CallFlows;

public class CallFlowRunTests
{
    private static readonly CallConditions Open = CallConditions.OpenNoIncident;

    /// <summary>Language menu, hours check, incident message, welcome, main menu (1 billing, 0 person), closed message.</summary>
    private static CallFlow Flow()
    {
        var builder = new FlowBuilder { Start = "language" }.Languages("en-GB", "fr-FR")
            .Node(new MenuNode("language", "language-prompt", [new('1', "", "hours", new Language("en-GB")), new('2', "", "hours", new Language("fr-FR")), new('0', "", "person")], 2, "person"))
            .Hours("hours", "incident", "closed")
            .Node(new IncidentNode("incident", "outage", "outage-prompt", "welcome"))
            .Message("welcome", "main")
            .Menu("main", "person", ('1', "billing"), ('0', "person"))
            .Hours("person", "agent", "closed")
            .Queue("billing").Queue("agent")
            .Final("closed", "web form");
        return builder.Build();
    }

    [Fact]
    public void AFrenchCaller_HearsTheWelcomeAndMenuInFrench_AndQueuesInFrench()
    {
        var run = new CallFlowRun(Flow());

        var first = Assert.IsType<CallStep.AwaitKey>(run.Begin(Open));
        Assert.Equal(["language-prompt"], first.Prompts);
        Assert.Equal(new Language("en-GB"), first.Language);

        var menu = Assert.IsType<CallStep.AwaitKey>(run.Key('2', Open));
        Assert.Equal(["welcome-prompt", "main-prompt"], menu.Prompts);
        Assert.Equal(new Language("fr-FR"), menu.Language);

        var queued = Assert.IsType<CallStep.EnterQueue>(run.Key('1', Open));
        Assert.Equal("billing", queued.Queue);
        Assert.Equal(new Language("fr-FR"), queued.Language);
        Assert.Equal("21", run.Keys);
    }

    [Fact]
    public void TheIncidentMessage_IsPlayedOnlyWhileItsSwitchIsOn()
    {
        var on = new CallConditions(true, new HashSet<string> { "outage" });
        var run = new CallFlowRun(Flow());
        run.Begin(on);

        var step = Assert.IsType<CallStep.AwaitKey>(run.Key('1', on));

        Assert.Equal(["outage-prompt", "welcome-prompt", "main-prompt"], step.Prompts);
        var quiet = new CallFlowRun(Flow());
        quiet.Begin(Open);
        Assert.Equal(["welcome-prompt", "main-prompt"], quiet.Key('1', Open).Prompts);
    }

    [Fact]
    public void TwoFailedInputs_HandTheCallerToAPerson_AfterTheMenuIsRepeatedOnce()
    {
        var run = new CallFlowRun(Flow());
        run.Begin(Open);
        run.Key('1', Open);

        var again = Assert.IsType<CallStep.AwaitKey>(run.Key('7', Open));
        Assert.Equal(["main-prompt"], again.Prompts);
        var queued = Assert.IsType<CallStep.EnterQueue>(run.Key(null, Open));

        Assert.Equal("agent", queued.Queue);
        Assert.Equal("1?-", run.Keys);
    }

    [Fact]
    public void AValidKey_ResetsTheFailedInputs()
    {
        var run = new CallFlowRun(Flow());
        run.Begin(Open);
        Assert.IsType<CallStep.AwaitKey>(run.Key('9', Open));

        Assert.IsType<CallStep.AwaitKey>(run.Key('1', Open));
        Assert.IsType<CallStep.AwaitKey>(run.Key(null, Open));
        Assert.IsType<CallStep.EnterQueue>(run.Key(null, Open));
    }

    [Fact]
    public void WhenClosed_TheCallerHearsTheAlternativesAndTheCallEnds()
    {
        var closed = new CallConditions(false, new HashSet<string>());
        var run = new CallFlowRun(Flow());
        run.Begin(closed);

        var step = Assert.IsType<CallStep.HangUp>(run.Key('0', closed));

        Assert.Equal(["closed-prompt"], step.Prompts);
        Assert.Throws<InvalidOperationException>(() => run.Key('1', closed));
    }

    [Fact]
    public void AFlowThatLoopsWithoutAMenu_IsABugAndThrows()
    {
        var flow = new FlowBuilder { Start = "a" }.Message("a", "b").Message("b", "a").Build();

        Assert.Throws<InvalidOperationException>(() => new CallFlowRun(flow).Begin(Open));
    }

    [Fact]
    public void VoicemailAndAQueueInAnotherLanguage_AreStops()
    {
        var flow = FlowBuilder.Simple().Languages("en-GB", "cy-GB")
            .Node(new VoicemailNode("billing", "billing-box", "leave-message"))
            .Node(new QueueNode("sales", "sales", [], new Language("cy-GB"))).Build();

        var voicemail = new CallFlowRun(flow);
        voicemail.Begin(Open);
        var recorded = Assert.IsType<CallStep.RecordVoicemail>(voicemail.Key('1', Open));
        Assert.Equal("billing-box", recorded.Box);
        Assert.Equal(["leave-message"], recorded.Prompts);

        var welsh = new CallFlowRun(flow);
        welsh.Begin(Open);
        Assert.Equal(new Language("cy-GB"), Assert.IsType<CallStep.EnterQueue>(welsh.Key('2', Open)).Language);
        Assert.Equal(new Language("cy-GB"), welsh.Language);
    }
}
