using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using BenchmarkDotNet.Running;
using Switchboard.Benchmarks;

// Quick modes print one JSON object (with --json) or a short text summary; anything else goes to BenchmarkDotNet.
if (args.Length > 0 && args[0] == "forecast")
{
    return ForecastRun.Run(args[1..]);
}

if (args.Length > 0 && args[0] == "routing")
{
    return RunRouting(args[1..]);
}

if (args.Length > 0 && args[0] == "simulate")
{
    return RunSimulation(args[1..]);
}

if (args.Length > 0 && args[0] == "deadlines")
{
    return DeadlineRun.Run(args[1..]);
}

if (args.Length > 0 && args[0] == "kpis")
{
    return KpiRun.Run(args[1..]);
}

if (args.Length > 0 && args[0] == "staffing")
{
    var path = args.SkipWhile(a => a != "--workload").Skip(1).FirstOrDefault() ?? StaffingRun.DefaultWorkload;
    var runs = int.Parse(args.SkipWhile(a => a != "--runs").Skip(1).FirstOrDefault() ?? "21", CultureInfo.InvariantCulture);
    var staffing = StaffingRun.Run(path, runs);
    Console.WriteLine(args.Contains("--json") ? JsonSerializer.Serialize(staffing) : string.Join(Environment.NewLine, staffing.Select(p => $"{p.Key,-42} {p.Value}")));
    return 0;
}

if (args.Length > 0 && args[0] == "staffing-workload")
{
    // Writes the staffing workload CSV (bench/workloads/plan-4800.csv is this with the default seed).
    var output = args.Length > 2 && args[1] == "--output" ? args[2] : "bench/workloads/plan-4800.csv";
    File.WriteAllText(output, StaffingWorkload.Generate());
    return 0;
}

BenchmarkSwitcher.FromAssembly(typeof(RoutingBenchmarks).Assembly).Run(args);
return 0;

// Simulated days of a scenario file: one warm-up day (JIT), then timed days; medians of contacts per CPU-second.
static int RunSimulation(string[] args)
{
    string? Text(string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    var path = Text("--scenario") ?? throw new ArgumentException("simulate needs --scenario FILE");
    var runs = int.Parse(Text("--runs") ?? "5", CultureInfo.InvariantCulture);
    Switchboard.Planning.Simulation.Scenario scenario;
    using (var file = File.OpenRead(path))
    {
        scenario = Switchboard.Planning.Simulation.ScenarioLoader.Load(file);
    }

    Switchboard.Planning.Simulation.Simulator.Run(scenario, seed: 0);
    var perCpuSecond = new List<double>();
    var perWallSecond = new List<double>();
    long contacts = 0;
    var process = Process.GetCurrentProcess();
    for (var run = 1; run <= runs; run++)
    {
        GC.Collect();
        var cpu = process.TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        var result = Switchboard.Planning.Simulation.Simulator.Run(scenario, seed: run);
        wall.Stop();
        process.Refresh();
        var cpuSeconds = (process.TotalProcessorTime - cpu).TotalSeconds;
        contacts = result.Statistics.ContactsSimulated;
        perCpuSecond.Add(contacts / cpuSeconds);
        perWallSecond.Add(contacts / wall.Elapsed.TotalSeconds);
    }

    perCpuSecond.Sort();
    perWallSecond.Sort();
    process.Refresh();
    var summary = new Dictionary<string, object>
    {
        ["scenario"] = scenario.Name,
        ["runs"] = runs,
        ["contacts_per_run"] = contacts,
        ["median_contacts_per_cpu_second"] = Math.Round(perCpuSecond[runs / 2]),
        ["median_contacts_per_wall_second"] = Math.Round(perWallSecond[runs / 2]),
        ["peak_working_set_megabytes"] = Math.Round(process.PeakWorkingSet64 / 1048576.0, 1),
    };
    Console.WriteLine(args.Contains("--json") ? JsonSerializer.Serialize(summary) : string.Join(Environment.NewLine, summary.Select(p => $"{p.Key,-34} {p.Value}")));
    return 0;
}

static int RunRouting(string[] args)
{
    int Option(string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }

    var scale = new RoutingScale(Option("--agents", 10_000), Option("--queues", 1_000), Option("--skills", 200), Option("--waiting", 50_000), Option("--seed", 42));
    var turns = Option("--turns", 1_000_000);
    var json = args.Contains("--json");

    var setup = Stopwatch.StartNew();
    var workload = new RoutingWorkload(scale);
    setup.Stop();

    // Warm up (tiered JIT, heaps at their working size), then measure.
    for (var i = 0; i < Math.Min(200_000, turns); i++)
    {
        workload.Step();
    }

    // Throughput over every turn; latency sampled on one turn in 16, so the clock reads barely weigh on throughput.
    const int SampleEvery = 16;
    var latencies = new long[((turns / SampleEvery) + 1) * 2];
    var count = 0;
    var decisionsBefore = workload.Decisions;
    GC.Collect();
    var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
    var gcBefore = GC.CollectionCount(0);
    var clock = Stopwatch.StartNew();
    for (var i = 0; i < turns; i++)
    {
        if (i % SampleEvery != 0)
        {
            workload.Step();
            continue;
        }

        var (finish, arrival) = workload.StepTimed();
        if (finish > 0)
        {
            latencies[count++] = finish;
        }

        latencies[count++] = arrival;
    }

    clock.Stop();
    var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
    var decisions = workload.Decisions - decisionsBefore;
    Array.Sort(latencies, 0, count);
    double Micros(long ticks) => ticks * 1_000_000.0 / Stopwatch.Frequency;
    var result = new Dictionary<string, object>
    {
        ["agents"] = scale.Agents,
        ["queues"] = scale.Queues,
        ["skills"] = scale.Skills,
        ["waiting"] = scale.Waiting,
        ["turns"] = turns,
        ["turns_per_second"] = Math.Round(turns / clock.Elapsed.TotalSeconds),
        ["decisions"] = decisions,
        ["seconds"] = Math.Round(clock.Elapsed.TotalSeconds, 3),
        ["decisions_per_second"] = Math.Round(decisions / clock.Elapsed.TotalSeconds),
        ["p50_decision_microseconds"] = Math.Round(Micros(latencies[count / 2]), 3),
        ["p99_decision_microseconds"] = Math.Round(Micros(latencies[(int)(count * 0.99)]), 3),
        ["max_decision_microseconds"] = Math.Round(Micros(latencies[count - 1]), 3),
        ["allocated_bytes_per_decision"] = Math.Round((double)allocated / decisions, 3),
        ["gen0_collections"] = GC.CollectionCount(0) - gcBefore,
        ["busy_agents"] = workload.BusyAgents,
        ["setup_seconds"] = Math.Round(setup.Elapsed.TotalSeconds, 3),
    };

    if (json)
    {
        Console.WriteLine(JsonSerializer.Serialize(result));
    }
    else
    {
        foreach (var (key, value) in result)
        {
            Console.WriteLine($"{key,-30} {value}");
        }
    }

    return 0;
}
