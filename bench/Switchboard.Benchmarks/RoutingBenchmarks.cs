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

    /// <summary>One turn: a contact completed, the freed agent given the next one, an arrival, a stage reached (about three decisions).</summary>
    [Benchmark(OperationsPerInvoke = TurnsPerInvoke)]
    public long Turn()
    {
        for (var i = 0; i < TurnsPerInvoke; i++)
        {
            workload.Step();
        }

        return workload.Decisions;
    }
}
