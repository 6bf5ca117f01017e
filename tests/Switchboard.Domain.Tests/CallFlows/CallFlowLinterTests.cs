using CsCheck;
using Switchboard.CallFlows;
using Switchboard.Skills;

namespace Switchboard.Domain.Tests.CallFlows;

public class CallFlowLinterTests
{
    private static IReadOnlyList<FlowFinding> Lint(FlowBuilder flow, CallFlowRules? rules = null) =>
        CallFlowLinter.Lint(flow.Build(), rules ?? CallFlowRules.Default);

    private static FlowFinding Single(IReadOnlyList<FlowFinding> findings, string rule)
    {
        var found = Assert.Single(findings, f => f.Rule == rule);
        return found;
    }

    [Fact]
    public void AShortMenuWithAPersonBehindZero_HasNoFinding()
    {
        Assert.Empty(Lint(FlowBuilder.Simple()));
    }

    [Fact]
    public void FourChoicesPlusZero_Pass_FiveFail_AndTheLimitComesFromTheRules()
    {
        var four = new FlowBuilder().Menu("main", "agent", ('1', "q"), ('2', "q"), ('3', "q"), ('4', "q"), ('0', "agent")).Queue("q").Queue("agent");
        var five = new FlowBuilder().Menu("main", "agent", ('1', "q"), ('2', "q"), ('3', "q"), ('4', "q"), ('5', "q"), ('0', "agent")).Queue("q").Queue("agent");

        Assert.Empty(Lint(four));
        var finding = Single(Lint(five), "too-many-options");
        Assert.Equal("main", finding.Node);
        Assert.Equal(FindingSeverity.Error, finding.Severity);
        Assert.Empty(Lint(five, new CallFlowRules { MaxOptions = 5 }));
        Assert.Equal("main", Single(Lint(four, new CallFlowRules { MaxOptions = 3 }), "too-many-options").Node);
    }

    [Fact]
    public void AMenuWithoutTheHumanKey_IsNamed()
    {
        var flow = new FlowBuilder().Menu("main", "agent", ('1', "sub"), ('0', "agent"))
            .Menu("sub", "agent", ('1', "agent"), ('2', "agent"))
            .Queue("agent");

        var finding = Single(Lint(flow), "no-human-key");

        Assert.Equal("sub", finding.Node);
        Assert.Contains("0", finding.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Lint(flow, new CallFlowRules { HumanDigit = '1' }), f => f.Rule == "no-human-key" && f.Node == "sub");
    }

    [Fact]
    public void TheHumanKeyLeadingToAnotherMenu_OrOnlyToAClosedMessage_DoesNotCount()
    {
        var toMenu = new FlowBuilder().Menu("main", "agent", ('1', "agent"), ('0', "sub"))
            .Menu("sub", "agent", ('1', "agent"), ('0', "agent")).Queue("agent");
        var closedOnly = new FlowBuilder().Menu("main", "agent", ('1', "agent"), ('0', "check"))
            .Hours("check", "sorry", "agent").Final("sorry", "web form").Queue("agent");

        Assert.Equal("main", Single(Lint(toMenu), "human-key-not-human").Node);
        Assert.Equal("main", Single(Lint(closedOnly), "human-key-not-human").Node);
    }

    [Fact]
    public void TheHumanKeyThroughAnHoursCheckAndMessages_ReachesAPerson()
    {
        var flow = new FlowBuilder().Menu("main", "check", ('1', "agent"), ('0', "check"))
            .Hours("check", "hold", "closed").Message("hold", "agent").Final("closed", "opening hours").Queue("agent");

        Assert.Empty(Lint(flow));
    }

    [Fact]
    public void MoreThanTwoFailedInputs_OrAFallbackThatIsNotAPerson_AreErrors()
    {
        var patient = FlowBuilder.Simple().Node(new MenuNode("main", "main-prompt", [new('1', "", "billing"), new('0', "", "agent")], 3, "agent"));
        var hangsUp = FlowBuilder.Simple().Node(new MenuNode("main", "main-prompt", [new('1', "", "billing"), new('0', "", "agent")], 2, "bye")).Final("bye", "web form");

        Assert.Equal("main", Single(Lint(patient), "attempts").Node);
        Assert.DoesNotContain(Lint(patient, new CallFlowRules { MaxFailedInputs = 3 }), f => f.Severity == FindingSeverity.Error);
        Assert.Equal("main", Single(Lint(hangsUp), "fallback-not-human").Node);
    }

    [Fact]
    public void AFourthMenuLevel_IsNamedWithItsChain_AndABackKeyDoesNotDeepen()
    {
        var flow = new FlowBuilder()
            .Menu("main", "agent", ('1', "two"), ('0', "agent"))
            .Menu("two", "agent", ('1', "three"), ('9', "main"), ('0', "agent"))
            .Menu("three", "agent", ('1', "four"), ('9', "main"), ('0', "agent"))
            .Menu("four", "agent", ('1', "agent"), ('9', "main"), ('0', "agent"))
            .Queue("agent");

        var finding = Single(Lint(flow), "too-deep");

        Assert.Equal("four", finding.Node);
        Assert.Contains("main > two > three > four", finding.Message, StringComparison.Ordinal);
        Assert.Empty(Lint(flow, new CallFlowRules { MaxMenuLevels = 4 }));
    }

    [Fact]
    public void TheLongestOfTwoPathsToAMenu_GivesItsLevel()
    {
        // "deep" is level 2 straight from main, but level 3 through "two": callers taking the long way face three menus.
        var flow = new FlowBuilder()
            .Menu("main", "agent", ('1', "two"), ('2', "deep"), ('0', "agent"))
            .Menu("two", "agent", ('1', "deep"), ('0', "agent"))
            .Menu("deep", "agent", ('1', "agent"), ('0', "agent"))
            .Queue("agent");

        Assert.Empty(Lint(flow));
        Assert.Equal("deep", Single(Lint(flow, new CallFlowRules { MaxMenuLevels = 2 }), "too-deep").Node);
    }

    [Fact]
    public void AMessageLoop_IsALoopWithoutInput_AndADeadEnd()
    {
        var flow = FlowBuilder.Simple().Menu("main", "agent", ('1', "a"), ('0', "agent")).Message("a", "b").Message("b", "a");

        var findings = Lint(flow);

        Assert.Contains(findings, f => f.Rule == "loop-without-input" && f.Node is "a" or "b");
        Assert.Equal(["a", "b"], findings.Where(f => f.Rule == "dead-end").Select(f => f.Node).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void ALoopThroughAMenu_IsTheCallersChoice()
    {
        var flow = new FlowBuilder().Menu("main", "agent", ('1', "info"), ('0', "agent")).Message("info", "main").Queue("agent");

        Assert.Empty(Lint(flow));
    }

    [Fact]
    public void UnknownTargetsStartAndPrompts_AreErrors_AndUnreachableNodesWarnings()
    {
        var flow = FlowBuilder.Simple().Menu("main", "agent", ('1', "nowhere"), ('0', "agent")).Queue("spare");
        var findings = Lint(flow);
        Assert.Equal("main", Single(findings, "unknown-node").Node);
        var unreachable = findings.Where(f => f.Rule == "unreachable").ToList();
        Assert.Contains(unreachable, f => f.Node == "spare" && f.Severity == FindingSeverity.Warning);

        var noStart = FlowBuilder.Simple();
        noStart.Start = "welcome";
        Assert.Equal(CallFlowLinter.FlowLevel, Single(Lint(noStart), "unknown-start").Node);

        var built = FlowBuilder.Simple().Build();
        var withoutPrompt = built with { Prompts = new Dictionary<string, Prompt>(StringComparer.Ordinal) };
        Assert.Equal("main", Assert.Single(CallFlowLinter.Lint(withoutPrompt, CallFlowRules.Default)).Node);
    }

    [Fact]
    public void APromptMissingInOneLanguage_IsAnError()
    {
        var flow = FlowBuilder.Simple().Languages("en-GB", "cy-GB").Unrecorded("main-prompt");

        var finding = Single(Lint(flow), "missing-translation");

        Assert.Equal("main", finding.Node);
        Assert.Contains("cy-GB", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnEndingWithoutAlternatives_DuplicateAndBadKeys_AndAnUnknownLanguage_AreErrors()
    {
        var flow = new FlowBuilder()
            .Node(new MenuNode("main", "main-prompt", [new('1', "", "bye"), new('1', "", "agent"), new('A', "", "agent"), new('2', "", "agent", new Language("de")), new('0', "", "agent")], 2, "agent"))
            .Final("bye").Queue("agent");

        var findings = Lint(flow);

        Assert.Equal("bye", Single(findings, "end-without-alternative").Node);
        Assert.Equal("main", Single(findings, "duplicate-key").Node);
        Assert.Equal("main", Single(findings, "bad-key").Node);
        Assert.Equal("main", Single(findings, "unknown-language").Node);
    }

    /// <summary>Menus up to three deep, up to four choices each, 0 and the fallback to a person: the shape the rules allow.</summary>
    private static Gen<CallFlow> Conforming()
    {
        return Gen.Select(Gen.Int[1, 4], Gen.Int[0, 4].Array[1, 4], Gen.Int[0, 4].Array[1, 4], Gen.Bool).Select((choices, second, third, viaHours) =>
        {
            var builder = new FlowBuilder();
            var counter = 0;
            string MenuAt(int level, int width)
            {
                var id = $"m{counter++}";
                var options = new List<(char, string)> { ('0', viaHours ? "person" : "agent") };
                for (var i = 0; i < width; i++)
                {
                    var next = level < 3 && i < (level == 1 ? second : third).Length && (level == 1 ? second : third)[i] > 0
                        ? MenuAt(level + 1, (level == 1 ? second : third)[i])
                        : $"q{counter++}";
                    if (next.StartsWith('q'))
                    {
                        builder.Queue(next);
                    }

                    options.Add(((char)('1' + i), next));
                }

                builder.Menu(id, viaHours ? "person" : "agent", [.. options]);
                return id;
            }

            builder.Start = MenuAt(1, choices);
            builder.Queue("agent").Hours("person", "agent", "closed").Final("closed", "opening hours");
            return builder.Build();
        });
    }

    [Fact]
    public void FlowsShapedByTheRules_Pass()
    {
        Conforming().Sample(flow => Assert.True(CallFlowLinter.Passes(CallFlowLinter.Lint(flow, CallFlowRules.Default)),
            string.Join("; ", CallFlowLinter.Lint(flow, CallFlowRules.Default))));
    }

    [Fact]
    public void RemovingTheHumanKeyFromAnyMenu_IsFoundAtThatMenu()
    {
        Gen.Select(Conforming(), Gen.Int[0, 1000]).Sample((flow, pick) =>
        {
            var menus = flow.Nodes.Values.OfType<MenuNode>().OrderBy(m => m.Id, StringComparer.Ordinal).ToList();
            var menu = menus[pick % menus.Count];
            var nodes = new Dictionary<string, FlowNode>(flow.Nodes, StringComparer.Ordinal) { [menu.Id] = menu with { Options = [.. menu.Options.Where(o => o.Digit != '0')] } };

            var findings = CallFlowLinter.Lint(flow with { Nodes = nodes }, CallFlowRules.Default);

            Assert.Contains(findings, f => f.Rule == "no-human-key" && f.Node == menu.Id);
        });
    }

    [Fact]
    public void InAPassingFlow_PressingZeroAtAnyMenuWhileOpen_ReachesAQueue()
    {
        Gen.Select(Conforming(), Gen.Int[1, 4].Array[0, 3]).Sample((flow, keys) =>
        {
            var run = new CallFlowRun(flow);
            var step = run.Begin(CallConditions.OpenNoIncident);
            foreach (var key in keys)
            {
                if (step is not CallStep.AwaitKey)
                {
                    break;
                }

                step = run.Key((char)('0' + key), CallConditions.OpenNoIncident);
            }

            if (step is CallStep.AwaitKey)
            {
                step = run.Key('0', CallConditions.OpenNoIncident);
            }

            Assert.IsType<CallStep.EnterQueue>(step);
        });
    }

    [Fact]
    public void TheExampleShapeWithSkills_KeepsItsSkillsInTheQueueStep()
    {
        var flow = FlowBuilder.Simple().Node(new QueueNode("billing", "billing", [new SkillRequirement("billing", 3)])).Build();
        var run = new CallFlowRun(flow);
        run.Begin(CallConditions.OpenNoIncident);

        var step = Assert.IsType<CallStep.EnterQueue>(run.Key('1', CallConditions.OpenNoIncident));

        Assert.Equal("billing", step.Queue);
        Assert.Equal([new SkillRequirement("billing", 3)], step.Skills);
    }
}
