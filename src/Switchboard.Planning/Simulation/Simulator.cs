using System.Diagnostics;
using Switchboard.Routing;

namespace Switchboard.Planning.Simulation;

/// <summary>
/// A discrete-event simulator that drives the real <see cref="RoutingEngine"/> through a <see cref="Scenario"/>:
/// it plays the customers and agents, and the engine decides who is offered what.
/// </summary>
/// <remarks>
/// Simulated time only; the engine sees it as its <c>now</c>. All randomness comes from one <see cref="Random"/>
/// seeded with the run's seed, so the same scenario and seed give the same report.
/// </remarks>
public static class Simulator
{
    /// <summary>Runs the scenario once.</summary>
    /// <param name="seed">Seed for every random draw of the run.</param>
    /// <param name="routing">The engine's domain-wide options; default <see cref="RoutingOptions"/>.</param>
    /// <param name="progress">Told the share of simulated time done (0 to 1), now and then.</param>
    /// <param name="observer">Told every event the engine records, configuration included, in log order; null: none.</param>
    /// <exception cref="ScenarioException">The scenario is invalid.</exception>
    public static SimulationResult Run(Scenario scenario, int seed, RoutingOptions? routing = null, IProgress<double>? progress = null, RoutingEventObserver? observer = null)
    {
        ScenarioValidator.Validate(scenario);
        var started = Stopwatch.GetTimestamp();
        var run = new SimulationRun(scenario, seed, routing ?? new RoutingOptions(), progress) { Observer = observer };
        var report = run.Execute();
        var wall = Stopwatch.GetElapsedTime(started);
        var statistics = new SimulationStatistics(
            run.ContactsSimulated,
            run.EventsProcessed,
            wall,
            wall > TimeSpan.Zero ? run.ContactsSimulated / wall.TotalSeconds : 0);
        return new SimulationResult(report, statistics);
    }
}

/// <summary>
/// Receives one event the routing engine recorded during a simulation, before the simulator reacts to it. The event is
/// read in place in the engine's buffer: copy it to keep it.
/// </summary>
public delegate void RoutingEventObserver(in RoutingEvent e);
