using CsCheck;
using Switchboard.Planning.Staffing;

namespace Switchboard.Tests.Staffing;

public class QueuePerformanceTests
{
    private static readonly TimeSpan ThreeMinutes = TimeSpan.FromMinutes(3);

    [Fact]
    public void ServiceLevel_Definitions_OrderedFromStrictestToMostLenient()
    {
        Gen.Select(Gen.Int[1, 500], Gen.Double[0.5, 1.4], Gen.Double[0.2, 5], Gen.Int[0, 60]).Sample((agents, utilisation, patienceRate, seconds) =>
        {
            var performance = ErlangA.Evaluate(agents, new IntervalTraffic(agents * utilisation, ThreeMinutes, ThreeMinutes), ThreeMinutes / patienceRate, TimeSpan.FromSeconds(seconds));
            double Level(ServiceLevelDefinition d) => performance.ServiceLevel(d);

            return Level(ServiceLevelDefinition.AllArrivals) <= Level(ServiceLevelDefinition.ExcludingAbandonsWithinThreshold) + 1e-15
                && Level(ServiceLevelDefinition.ExcludingAbandonsWithinThreshold) <= Level(ServiceLevelDefinition.Answered) + 1e-15
                && Level(ServiceLevelDefinition.Answered) == Level(ServiceLevelDefinition.ExcludingAbandons)
                && Level(ServiceLevelDefinition.AllArrivals) <= Level(ServiceLevelDefinition.AbandonsWithinThresholdMet) + 1e-15;
        });
    }

    [Fact]
    public void ServiceLevel_ErlangC_EveryDefinitionIsTheSame()
    {
        var performance = ErlangC.Evaluate(12, new IntervalTraffic(10, ThreeMinutes, ThreeMinutes), TimeSpan.FromSeconds(20));

        var levels = Enum.GetValues<ServiceLevelDefinition>().Select(performance.ServiceLevel).Distinct();

        Assert.Equal([performance.AnsweredWithinThreshold], levels);
    }
}
