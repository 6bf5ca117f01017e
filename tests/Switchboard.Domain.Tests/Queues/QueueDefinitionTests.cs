using Switchboard.Queues;

namespace Switchboard.Tests.Queues;

public class QueueDefinitionTests
{
    private static readonly QueueId Billing = new("billing");

    private static RoutingStage Stage(int afterSeconds) => new(TimeSpan.FromSeconds(afterSeconds), []);

    [Fact]
    public void Constructor_NoStages_Throws()
    {
        Action build = () => _ = new QueueDefinition(Billing, []);

        Assert.Throws<ArgumentException>("stages", build);
    }

    [Fact]
    public void Constructor_FirstStageLater_Throws()
    {
        Action build = () => _ = new QueueDefinition(Billing, [Stage(5)]);

        Assert.Throws<ArgumentException>("stages", build);
    }

    [Theory]
    [InlineData(30, 30)]
    [InlineData(30, 10)]
    public void Constructor_StagesNotStrictlyLater_Throws(int second, int third)
    {
        Action build = () => _ = new QueueDefinition(Billing, [Stage(0), Stage(second), Stage(third)]);

        Assert.Throws<ArgumentException>("stages", build);
    }

    [Fact]
    public void Constructor_MoreThanMaximumStages_Throws()
    {
        var stages = Enumerable.Range(0, QueueDefinition.MaximumStages + 1).Select(Stage).ToArray();

        Action build = () => _ = new QueueDefinition(Billing, stages);

        Assert.Throws<ArgumentException>("stages", build);
    }

    [Fact]
    public void Constructor_MaximumStages_IsAccepted()
    {
        var stages = Enumerable.Range(0, QueueDefinition.MaximumStages).Select(Stage).ToArray();

        var queue = new QueueDefinition(Billing, stages);

        Assert.Equal(QueueDefinition.MaximumStages, queue.Stages.Count);
    }

    [Fact]
    public void Defaults_AreTheDocumentedOnes()
    {
        var queue = new QueueDefinition(Billing, [Stage(0)]);

        Assert.Equal(AgentSelection.LongestIdle, queue.Selection);
        Assert.Equal(int.MaxValue, queue.MaximumWaiting);
        Assert.Equal(TimeSpan.FromSeconds(20), queue.OfferTimeout);
        Assert.Equal(TimeSpan.FromMinutes(2), queue.WrapUpLimit);
        Assert.Null(queue.CallbackOfferThreshold);
        Assert.Equal(TimeSpan.FromMinutes(5), queue.ExpectedHandleTime);
        Assert.Equal(100, queue.ScheduledCallbackPriority);
    }

    [Fact]
    public void RoutingStage_NegativeAfter_Throws()
    {
        Action build = () => _ = new RoutingStage(TimeSpan.FromSeconds(-1), []);

        Assert.Throws<ArgumentOutOfRangeException>("after", build);
    }

    [Fact]
    public void RoutingStage_Overflow_NamesTheOtherQueueAndNoSkills()
    {
        var stage = RoutingStage.Overflow(TimeSpan.FromMinutes(1), new QueueId("sales"));

        Assert.Equal(new QueueId("sales"), stage.OverflowTo);
        Assert.Empty(stage.Skills);
        Assert.Equal(LanguageRule.CustomerLanguage, stage.Language);
    }

    [Fact]
    public void QueueId_Blank_Throws()
    {
        Action build = () => _ = new QueueId(" ");

        Assert.ThrowsAny<ArgumentException>(build);
    }
}
