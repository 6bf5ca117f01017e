using BenchmarkDotNet.Attributes;
using Switchboard.Planning.Simulation;

namespace Switchboard.Benchmarks;

/// <summary>A simulated day of the sample centre, and of a centre ten times its size, through the real routing engine.</summary>
[MemoryDiagnoser]
public class SimulatorBenchmarks
{
    private Scenario scenario = SampleCentre.Scenario;

    /// <summary>1: the sample centre (51 agents, about 2,300 contacts); 10: ten times the agents and the traffic.</summary>
    [Params(1, 10)]
    public int Scale { get; set; }

    [GlobalSetup]
    public void Setup() => scenario = Scaled(SampleCentre.Scenario, Scale);

    [Benchmark]
    public long SimulateDay() => Simulator.Run(scenario, seed: 1).Statistics.ContactsSimulated;

    private static Scenario Scaled(Scenario scenario, int factor)
    {
        var queues = new List<QueueScenario>();
        foreach (var queue in scenario.Queues)
        {
            var rates = new double[queue.ArrivalsPerInterval.Count];
            for (var i = 0; i < rates.Length; i++)
            {
                rates[i] = queue.ArrivalsPerInterval[i] * factor;
            }

            queues.Add(queue with { ArrivalsPerInterval = rates });
        }

        var groups = new List<AgentGroupScenario>();
        foreach (var group in scenario.AgentGroups)
        {
            groups.Add(group with { Count = group.Count * factor });
        }

        return scenario with { Queues = queues, AgentGroups = groups };
    }
}
