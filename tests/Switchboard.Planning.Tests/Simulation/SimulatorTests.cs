using CsCheck;
using Switchboard.Contacts;
using Switchboard.Planning.Simulation;
using Switchboard.Planning.Staffing;
using Switchboard.Routing;

namespace Switchboard.Tests.Simulation;

public class SimulatorTests
{

    [Fact]
    public void Run_SameSeed_GivesIdenticalReport()
    {
        var first = Simulator.Run(SampleCentre.Scenario, seed: 42);

        var second = Simulator.Run(SampleCentre.Scenario, seed: 42);

        Assert.Equal(SimulationJson.Serialize(first.Report), SimulationJson.Serialize(second.Report));
    }

    [Fact]
    public void Run_DifferentSeeds_GiveDifferentReports()
    {
        var first = Simulator.Run(SampleCentre.Scenario, seed: 1);

        var second = Simulator.Run(SampleCentre.Scenario, seed: 2);

        Assert.NotEqual(SimulationJson.Serialize(first.Report), SimulationJson.Serialize(second.Report));
        Assert.Equal(2, second.Report.Seed);
    }

    [Fact]
    public void Run_WithObserver_SeesTheWholeLogInOrderAndItReplays()
    {
        var observed = new List<RoutingEvent>();

        Simulator.Run(SampleCentre.Scenario, seed: 3, observer: (in RoutingEvent e) => observed.Add(e));

        Assert.True(observed.Count > 10_000);
        for (var i = 0; i < observed.Count; i++)
        {
            Assert.Equal(i + 1, observed[i].Sequence);
        }

        var replayed = RoutingEngine.Replay(new RoutingOptions(), observed);
        Assert.Equal(observed[^1].At, replayed.Now);
    }

    [Fact]
    public void Run_WithObserver_QueuedAndRefusedEventsMatchTheReportPerQueue()
    {
        var queued = new Dictionary<string, int>();
        var refused = new Dictionary<string, int>();
        void Count(in RoutingEvent e)
        {
            var counts = e.Type switch
            {
                RoutingEventType.ContactQueued => queued,
                RoutingEventType.ContactRefused => refused,
                _ => null,
            };
            if (counts is not null)
            {
                var queue = e.Queue!.Value.Value;
                counts[queue] = counts.GetValueOrDefault(queue) + 1;
            }
        }

        var report = Simulator.Run(SampleCentre.Scenario, seed: 5, observer: Count).Report;

        Assert.True(report.Total.Offered > 1000);
        foreach (var queue in report.Queues)
        {
            Assert.Equal(queue.Offered, queued.GetValueOrDefault(queue.Queue));
            Assert.Equal(queue.Refused, refused.GetValueOrDefault(queue.Queue));
        }
    }

    [Fact]
    public void Run_SampleCentre_EveryOfferedContactIsAnsweredAbandonedOrStillWaiting()
    {
        var report = Simulator.Run(SampleCentre.Scenario, seed: 7).Report;

        foreach (var queue in report.Queues)
        {
            Assert.Equal(queue.Offered, queue.Answered + queue.Abandoned + queue.WaitingAtEnd);
        }

        foreach (var interval in report.Intervals)
        {
            foreach (var queue in interval.Queues)
            {
                Assert.Equal(queue.Offered, queue.Answered + queue.Abandoned + queue.WaitingAtEnd);
            }
        }

        Assert.Equal(report.Total.Offered, report.Total.Answered + report.Total.Abandoned + report.Total.WaitingAtEnd);
        Assert.True(report.Total.Offered > 1000);
        Assert.True(report.Total.Abandoned > 0);
    }

    [Fact]
    public void Run_AnySeedAndPatience_ConservesContactsAndKeepsRatiosInRange()
    {
        var cases = Gen.Select(Gen.Int, Gen.Int[20, 600], Gen.Double[0, 1]);

        cases.Sample(
            (seed, patienceSeconds, callbackAcceptance) =>
            {
                var scenario = TestScenarios.OneQueue(agents: 3, callsPerInterval: 20, hours: 2, handleTime: TimeSpan.FromMinutes(4));
                scenario = scenario with
                {
                    Queues =
                    [
                        scenario.Queues[0] with
                        {
                            Patience = Distribution.Exponential(TimeSpan.FromSeconds(patienceSeconds)),
                            CallbackThreshold = TimeSpan.FromMinutes(1),
                            CallbackAcceptance = callbackAcceptance,
                        },
                    ],
                };

                var report = Simulator.Run(scenario, seed).Report;

                var total = report.Total;
                return total.Offered == total.Answered + total.Abandoned + total.WaitingAtEnd
                    && total.CallbacksConnected <= total.CallbacksRequested
                    && total.ServiceLevel is null or (>= 0 and <= 1)
                    && report.AgentGroups[0].Occupancy is null or (>= 0 and <= 1.000001);
            },
            iter: 20);
    }

    [Fact]
    public void Run_OneAgentAlwaysBusy_OccupancyIsNearlyFull()
    {
        var scenario = TestScenarios.OneQueue(agents: 1, callsPerInterval: 30, hours: 2, handleTime: TimeSpan.FromMinutes(5));

        var report = Simulator.Run(scenario, seed: 3).Report;

        Assert.InRange(report.AgentGroups[0].Occupancy!.Value, 0.95, 1.0);
        Assert.Equal(TimeSpan.FromHours(2), report.AgentGroups[0].StaffedTime);
    }

    [Fact]
    public void Run_InvalidScenario_ThrowsNamingTheField()
    {
        var scenario = TestScenarios.OneQueue(agents: 0, callsPerInterval: 10, hours: 1, handleTime: TimeSpan.FromMinutes(3));

        var error = Assert.Throws<ScenarioException>(() => Simulator.Run(scenario, seed: 1));

        Assert.StartsWith("agentGroups[0].count:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_AgentsRejectSomeOffers_ContactsAreStillServed()
    {
        var scenario = TestScenarios.OneQueue(agents: 5, callsPerInterval: 20, hours: 4, handleTime: TimeSpan.FromMinutes(2));
        scenario = scenario with { AgentGroups = [scenario.AgentGroups[0] with { RejectProbability = 0.4, AnswerDelay = Distribution.Fixed(TimeSpan.FromSeconds(3)) }] };

        var total = Simulator.Run(scenario, seed: 1).Report.Total;

        Assert.True(total.Answered >= 0.95 * total.Offered, $"{total.Answered} of {total.Offered} answered");
        Assert.Equal(total.Offered, total.Answered + total.Abandoned + total.WaitingAtEnd);
    }

    [Fact]
    public void Run_AgentsAnswerAfterTheOfferExpires_NobodyIsConnected()
    {
        var scenario = TestScenarios.OneQueue(agents: 5, callsPerInterval: 20, hours: 1, handleTime: TimeSpan.FromMinutes(2));
        scenario = scenario with { AgentGroups = [scenario.AgentGroups[0] with { AnswerDelay = Distribution.Fixed(TimeSpan.FromSeconds(25)) }] };

        var report = Simulator.Run(scenario, seed: 1).Report;

        Assert.Equal(0, report.Total.Answered);
        Assert.Equal(report.Total.Offered, report.Total.WaitingAtEnd);
        Assert.Equal(TimeSpan.Zero, report.AgentGroups[0].BusyTime);
    }

    [Fact]
    public void Run_WrapUpLongerThanTheLimit_EngineEndsItAtTheLimit()
    {
        var scenario = TestScenarios.OneQueue(agents: 5, callsPerInterval: 5, hours: 4, handleTime: TimeSpan.FromMinutes(2));
        scenario = scenario with
        {
            Queues =
            [
                scenario.Queues[0] with
                {
                    HandleTime = Distribution.Fixed(TimeSpan.FromMinutes(2)),
                    WrapUpTime = Distribution.Fixed(TimeSpan.FromMinutes(10)),
                    WrapUpLimit = TimeSpan.FromMinutes(1),
                },
            ],
        };

        var report = Simulator.Run(scenario, seed: 1).Report;

        // Each answered call keeps its agent 2 minutes talking and 1 minute (the limit) wrapping up; calls cut off by the end count less.
        var perCall = TimeSpan.FromMinutes(3);
        var busy = report.AgentGroups[0].BusyTime;
        Assert.InRange(busy, (perCall * report.Total.Answered) - (perCall * 5), perCall * report.Total.Answered);
    }

    [Fact]
    public void Run_ChatQueue_AgentsHoldSeveralChatsAtOnce()
    {
        var scenario = TestScenarios.OneQueue(agents: 2, callsPerInterval: 30, hours: 4, handleTime: TimeSpan.FromMinutes(2));
        scenario = scenario with
        {
            Queues = [scenario.Queues[0] with { Channel = Channel.Chat }],
            AgentGroups = [scenario.AgentGroups[0] with { Capacity = new AgentCapacity(Voice: 0, Chat: 3) }],
        };

        var total = Simulator.Run(scenario, seed: 1).Report.Total;

        // 4 Erlangs of chats on 2 agents is only possible because each holds up to 3 at once.
        Assert.True(total.Answered >= 0.95 * total.Offered, $"{total.Answered} of {total.Offered} answered");
    }

    [Fact]
    public void Run_ShiftInsideThePeriod_AgentsAreStaffedOnlyDuringIt()
    {
        var scenario = TestScenarios.OneQueue(agents: 5, callsPerInterval: 10, hours: 4, handleTime: TimeSpan.FromMinutes(2));
        scenario = scenario with { AgentGroups = [scenario.AgentGroups[0] with { ShiftStart = TimeSpan.FromHours(1), ShiftEnd = TimeSpan.FromHours(3) }] };

        var report = Simulator.Run(scenario, seed: 1).Report;

        Assert.InRange(report.AgentGroups[0].StaffedTime, TimeSpan.FromHours(10), TimeSpan.FromHours(10.5));
        Assert.Equal(TimeSpan.Zero, report.Intervals[3].StaffedTime);
        Assert.Equal(TimeSpan.FromMinutes(75), report.Intervals[4].StaffedTime);
        Assert.Null(report.Intervals[15].Occupancy);
        Assert.True(report.Total.WaitingAtEnd > 0);
    }

    [Fact]
    public void Run_CustomersTakeCallbacks_CallbacksAreConnectedAndLeftOutOfTheServiceLevel()
    {
        var scenario = TestScenarios.OneQueue(agents: 4, callsPerInterval: 30, hours: 4, handleTime: TimeSpan.FromMinutes(2));
        scenario = scenario with
        {
            Queues =
            [
                scenario.Queues[0] with
                {
                    CallbackThreshold = TimeSpan.FromSeconds(30),
                    CallbackAcceptance = 1,
                    Patience = Distribution.Exponential(TimeSpan.FromMinutes(2)),
                },
            ],
        };

        var total = Simulator.Run(scenario, seed: 1).Report.Total;

        Assert.True(total.CallbacksRequested > 0);
        Assert.Equal(total.CallbacksOffered, total.CallbacksRequested);
        Assert.True(total.CallbacksConnected > 0);
        Assert.Equal(total.Answered, total.AnsweredLive + total.CallbacksConnected);
        Assert.Equal((double)total.AnsweredWithinThreshold / (total.AnsweredLive + total.Abandoned - total.ShortAbandoned), total.ServiceLevel);
    }

    /// <summary>
    /// M/M/N with no abandonment, no answer delay and no wrap-up is exactly the Erlang C model, so the simulated
    /// service level and average speed of answer must agree with the formulas within the simulation's own
    /// uncertainty: a 99% confidence interval from batch means over one long run.
    /// </summary>
    [Fact]
    public void Run_ErlangCConditions_ServiceLevelAndSpeedOfAnswerAgreeWithErlangC()
    {
        const int agents = 10;
        const double load = 8;
        var handleTime = TimeSpan.FromMinutes(2);
        var threshold = TimeSpan.FromSeconds(20);
        var callsPerInterval = load / handleTime.TotalMinutes * 15;
        var scenario = TestScenarios.OneQueue(agents, callsPerInterval, hours: 100, handleTime);

        var report = Simulator.Run(scenario, seed: 2026).Report;
        var serviceLevels = BatchMeans(report, q => q.AnsweredWithinThreshold, q => q.AnsweredLive);
        var speeds = BatchMeans(report, q => (q.AverageSpeedOfAnswer ?? TimeSpan.Zero).TotalSeconds * q.AnsweredLive, q => q.AnsweredLive);

        var expectedServiceLevel = ErlangC.ServiceLevel(agents, load, handleTime, threshold);
        var expectedSpeed = ErlangC.AverageSpeedOfAnswer(agents, load, handleTime).TotalSeconds;
        Assert.Equal(0, report.Total.Abandoned);
        AssertInsideConfidenceInterval(serviceLevels, expectedServiceLevel);
        AssertInsideConfidenceInterval(speeds, expectedSpeed);
    }

    /// <summary>
    /// M/M/N+M (exponential patience too) is exactly the Erlang A model: the simulated abandonment and share answered
    /// within 20 s, both per arrival, must agree with it within the simulation's 99% confidence interval.
    /// </summary>
    [Fact]
    public void Run_ErlangAConditions_AbandonmentAndServiceLevelAgreeWithErlangA()
    {
        const int agents = 9;
        const double load = 10;
        var handleTime = TimeSpan.FromMinutes(2);
        var patience = TimeSpan.FromMinutes(1);
        var oneQueue = TestScenarios.OneQueue(agents, load / handleTime.TotalMinutes * 15, hours: 100, handleTime);
        var scenario = oneQueue with { Queues = [oneQueue.Queues[0] with { Patience = Distribution.Exponential(patience) }] };

        var report = Simulator.Run(scenario, seed: 18295).Report;
        var expected = ErlangA.Evaluate(agents, new IntervalTraffic(load, handleTime, handleTime), patience, TimeSpan.FromSeconds(20));

        AssertInsideConfidenceInterval(BatchMeans(report, q => q.Abandoned, q => q.Offered), expected.ProbabilityOfAbandoning);
        AssertInsideConfidenceInterval(BatchMeans(report, q => q.AnsweredWithinThreshold, q => q.Offered), expected.AnsweredWithinThreshold);
    }

    /// <summary>Twelve batch means of a ratio over the run's intervals, skipping half an hour of warm-up (the centre starts
    /// empty) and the last interval (cut off by the end).</summary>
    private static double[] BatchMeans(SimulationReport report, Func<QueueFigures, double> numerator, Func<QueueFigures, double> denominator)
    {
        const int warmUp = 2;
        const int batches = 12;
        var batchLength = (report.Intervals.Count - warmUp - 1) / batches;
        var means = new double[batches];
        for (var b = 0; b < batches; b++)
        {
            double top = 0, bottom = 0;
            for (var i = warmUp + (b * batchLength); i < warmUp + ((b + 1) * batchLength); i++)
            {
                top += numerator(report.Intervals[i].Queues[0]);
                bottom += denominator(report.Intervals[i].Queues[0]);
            }

            means[b] = top / bottom;
        }

        return means;
    }

    /// <summary>Student t quantile for 99% two-sided with 11 degrees of freedom (12 batches).</summary>
    private const double T99With11DegreesOfFreedom = 3.106;

    private static void AssertInsideConfidenceInterval(double[] batchMeans, double expected)
    {
        var mean = 0.0;
        foreach (var x in batchMeans)
        {
            mean += x;
        }

        mean /= batchMeans.Length;
        var variance = 0.0;
        foreach (var x in batchMeans)
        {
            variance += (x - mean) * (x - mean);
        }

        variance /= batchMeans.Length - 1;
        var halfWidth = T99With11DegreesOfFreedom * Math.Sqrt(variance / batchMeans.Length);
        Assert.True(
            Math.Abs(mean - expected) <= halfWidth,
            $"The model's value {expected:0.0000} lies outside the simulation's 99% interval {mean:0.0000} ± {halfWidth:0.0000}.");
    }
}
