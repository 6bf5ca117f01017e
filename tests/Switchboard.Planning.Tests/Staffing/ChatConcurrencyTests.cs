using CsCheck;
using Switchboard.Planning.Staffing;

namespace Switchboard.Tests.Staffing;

public class ChatConcurrencyTests
{
    private static readonly StaffingTarget EightyTwenty = new StaffingTarget.ServiceLevel(new ServiceLevelTarget(0.8, TimeSpan.FromSeconds(20)));

    [Fact]
    public void Staff_OneChatAtATime_IsOrdinaryStaffing()
    {
        var traffic = new IntervalTraffic(300, TimeSpan.FromMinutes(30), TimeSpan.FromMinutes(6));

        var (agents, slots) = ChatConcurrency.Staff(QueueModel.ErlangC.Instance, traffic, 1, EightyTwenty);

        Assert.Equal(StaffingCalculator.RequiredAgents(QueueModel.ErlangC.Instance, traffic, EightyTwenty), agents);
        Assert.Equal(agents, slots.Agents);
    }

    [Fact]
    public void Staff_ThreeChatsEach_AgentsHoldTheSlotsTheQueueNeeds()
    {
        // 300 chats per 30 minutes taking 9 minutes each when run three at a time: 90 Erlangs of slot load.
        var traffic = new IntervalTraffic(300, TimeSpan.FromMinutes(30), TimeSpan.FromMinutes(9));
        var slotsNeeded = StaffingCalculator.RequiredAgents(QueueModel.ErlangC.Instance, traffic, EightyTwenty);

        var (agents, slots) = ChatConcurrency.Staff(QueueModel.ErlangC.Instance, traffic, 3, EightyTwenty);

        Assert.Equal((slotsNeeded + 2) / 3, agents);
        Assert.Equal(agents * 3, slots.Agents);
        Assert.True(slots.ServiceLevel(ServiceLevelDefinition.AllArrivals) >= 0.8);
    }

    [Fact]
    public void Staff_MoreConcurrencyAtTheSameHandleTime_NeverNeedsMoreAgents()
    {
        Gen.Select(Gen.Double[1, 2000], Gen.Int[1, 5]).Sample((chats, concurrency) =>
        {
            var traffic = new IntervalTraffic(chats, TimeSpan.FromMinutes(30), TimeSpan.FromMinutes(8));
            return ChatConcurrency.Staff(QueueModel.ErlangC.Instance, traffic, concurrency + 1, EightyTwenty).Agents
                <= ChatConcurrency.Staff(QueueModel.ErlangC.Instance, traffic, concurrency, EightyTwenty).Agents;
        });
    }
}
