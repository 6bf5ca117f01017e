using BenchmarkDotNet.Attributes;

namespace Switchboard.Benchmarks;

/// <summary>The steady-overload routing turn under BenchmarkDotNet, with allocations measured.</summary>
[MemoryDiagnoser]
public class RoutingBenchmarks
{
    private const int TurnsPerInvoke = 1_000;
    private RoutingWorkload workload = null!;

    [Params(1_000, 10_000)]
    public int Agents { get; set; }

    [GlobalSetup]
    public void Setup() => workload = new RoutingWorkload(new RoutingScale(Agents, Agents / 10, 200, Agents * 5));

    /// <summary>One turn holds two routing decisions (an agent freed, a contact arriving).</summary>
    [Benchmark(OperationsPerInvoke = TurnsPerInvoke * 2)]
    public long Decision()
    {
        for (var i = 0; i < TurnsPerInvoke; i++)
        {
            workload.Step();
        }

        return workload.Decisions;
    }
}
