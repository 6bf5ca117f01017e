using Switchboard.Planning.Staffing;

namespace Switchboard.Tests.Staffing;

/// <summary>
/// Issue #3: figures that other people published for Erlang C, Erlang A and Erlang B, each checked to the tolerance its printed
/// rounding implies (a figure printed as 0.245 holds to ±0.0005). Where a figure is a duration, our value is a
/// <see cref="TimeSpan"/> held in 100 ns ticks, so the tolerance also allows one tick (scaled by any rate the figure was
/// multiplied by); nothing else is loosened. Every case states where its numbers were read and when.
/// </summary>
/// <remarks>
/// Queue lengths (Lq) are not an output of <see cref="QueuePerformance"/>; by Little's law Lq = λ·Wq, and Wq is our
/// average speed of answer, so the published Lq is checked as λ times it. In Erlang C every arrival is answered, so all
/// service-level definitions coincide and the published "service level" is <see cref="QueuePerformance.AnsweredWithinThreshold"/>.
/// </remarks>
public class PublishedCasesTests
{
    private static readonly TimeSpan Tick = TimeSpan.FromTicks(1);

    /// <summary>
    /// Call Centre Helper's worked example (100 calls per 30 minutes, AHT 180 s, target 20 s), the whole search table printed
    /// by the R package ErlangC 0.1.0 (Damonsoul, CRAN 2024-12-05), README, <c>calculate_agents</c> example, <c>$process</c>
    /// rows 1–4; read 2026 from the package's GitHub README (Damonsoul/ErlangC) and its CRAN copy.
    /// R prints 7 significant digits and drops trailing zeros (0.640158 is 0.6401580), so probabilities hold to ±5e-8;
    /// ASA is printed to 1e-11 s, finer than a tick, so it holds to one tick.
    /// </summary>
    [Theory]
    [InlineData(11, 0.6821182, 0.3896138, 122.78127684408, 0.9090909)]
    [InlineData(12, 0.4493882, 0.6401580, 40.4449401868444, 0.8333333)]
    [InlineData(13, 0.2852705, 0.7955948, 17.1162271821896, 0.7692308)]
    [InlineData(14, 0.1741319, 0.8883500, 7.83593701177724, 0.7142857)]
    public void ErlangC_CallCentreHelperSearchTableOfRPackageErlangC_MatchesEveryRow(int agents, double waiting, double serviceLevel, double asaSeconds, double occupancy)
    {
        var traffic = new IntervalTraffic(100, TimeSpan.FromMinutes(30), TimeSpan.FromSeconds(180));

        var performance = ErlangC.Evaluate(agents, traffic, TimeSpan.FromSeconds(20));

        AssertPublished(waiting, 7, performance.ProbabilityOfWaiting, "P(W > 0)");
        AssertPublished(serviceLevel, 7, performance.AnsweredWithinThreshold, "service level 20 s");
        AssertPublished(asaSeconds, 11, performance.AverageSpeedOfAnswer.TotalSeconds, "ASA (s)", Tick.TotalSeconds);
        AssertPublished(occupancy, 7, performance.Occupancy, "occupancy");
    }

    /// <summary>
    /// M/M/1 with λ = 1/4 and μ = 1/3 per minute: S. Ríos Insua et al., "Investigación Operativa" (2004), example 10.3, as
    /// run in the R package queueing 0.2.12 (P. Cañadilla), help page <c>print.summary.o_MM1</c>, "Example output"
    /// (rdrr.io/cran/queueing/man/print.summary.o_MM1.html, built 2019-12-09; read 2026): RO = 0.75, Lq = 2.25, Wq = 9,
    /// Wqq = 12 (the mean wait of those who wait). With one server P(W &gt; 0) = RO.
    /// </summary>
    [Fact]
    public void ErlangC_SingleServerExampleOfRPackageQueueing_MatchesPrintedSummary()
    {
        var traffic = new IntervalTraffic(15, TimeSpan.FromHours(1), TimeSpan.FromMinutes(3));

        var performance = ErlangC.Evaluate(1, traffic, TimeSpan.Zero);

        var asaMinutes = performance.AverageSpeedOfAnswer.TotalMinutes;
        var tickMinutes = Tick.TotalMinutes;
        AssertPublished(0.75, 2, performance.ProbabilityOfWaiting, "RO = P(W > 0)");
        AssertPublished(9, 0, asaMinutes, "Wq (min)", tickMinutes);
        AssertPublished(12, 0, asaMinutes / performance.ProbabilityOfWaiting, "Wqq (min)", 2 * tickMinutes);
        AssertPublished(2.25, 2, 0.25 * asaMinutes, "Lq = λ·Wq", 0.25 * tickMinutes);
    }

    /// <summary>
    /// Cengage Learning's "Multiple Server Queueing Model" spreadsheet (the Excel template of Anderson, Sweeney, Williams,
    /// "An Introduction to Management Science"), as published filled in with λ = 10 and μ = 12 per hour on Scribd,
    /// document 820718700 "Multiple Server Queue" (read 2026): for 2 to 5 servers, "Probability arrival has to wait",
    /// "Average time waiting for service" (hours) and "Average number waiting for service", all to 3 decimals.
    /// </summary>
    [Theory]
    [InlineData(2, 0.245, 0.018, 0.175)]
    [InlineData(3, 0.058, 0.002, 0.022)]
    [InlineData(4, 0.011, 0.000, 0.003)]
    [InlineData(5, 0.002, 0.000, 0.000)]
    public void ErlangC_CengageMultipleServerTemplateLambdaTenMuTwelve_MatchesEveryColumn(int servers, double waiting, double wqHours, double lq)
    {
        var traffic = new IntervalTraffic(10, TimeSpan.FromHours(1), TimeSpan.FromMinutes(5));

        var performance = ErlangC.Evaluate(servers, traffic, TimeSpan.Zero);

        var wq = performance.AverageSpeedOfAnswer.TotalHours;
        AssertPublished(waiting, 3, performance.ProbabilityOfWaiting, "P(wait)");
        AssertPublished(wqHours, 3, wq, "Wq (h)", Tick.TotalHours);
        AssertPublished(lq, 3, 10 * wq, "Lq = λ·Wq", 10 * Tick.TotalHours);
    }

    /// <summary>
    /// Hillier and Lieberman's "Template for the M/M/s Queueing Model" (Excel companion of "Introduction to Operations
    /// Research"), as published filled in on Scribd, document 383524540 "Mms" (read 2026): λ = 60, μ = 30 per hour, s = 3
    /// give Lq = 0.8888888889 and Wq = 0.0148148148 h (C = 4/9 exactly, so Wq = 1/67.5 h).
    /// </summary>
    [Fact]
    public void ErlangC_HillierTemplateSixtyPerHourOnThreeServers_MatchesPrintedQueue()
    {
        var traffic = new IntervalTraffic(60, TimeSpan.FromHours(1), TimeSpan.FromMinutes(2));

        var performance = ErlangC.Evaluate(3, traffic, TimeSpan.Zero);

        var wq = performance.AverageSpeedOfAnswer.TotalHours;
        AssertPublished(0.0148148148, 10, wq, "Wq (h)", Tick.TotalHours);
        AssertPublished(0.8888888889, 10, 60 * wq, "Lq = λ·Wq", 60 * Tick.TotalHours);
    }

    /// <summary>
    /// The same Hillier and Lieberman template as published filled in on Scribd, document 536311111 "Mms" (read 2026):
    /// λ = 3.84, μ = 1.3333 per hour, s = 4 give r = 0.720018, Lq = 1.183547991, Wq = 0.308215623 h and
    /// Prob(Wq &gt; 3 h) = 0.005218, the complement of our service level at a 3-hour threshold. μ is the printed 1.3333,
    /// not 4/3 (r = λ/(sμ) confirms it).
    /// </summary>
    [Fact]
    public void ErlangC_HillierTemplateFourServersAtSeventyTwoPercent_MatchesPrintedQueueAndTail()
    {
        var traffic = new IntervalTraffic(3.84, TimeSpan.FromHours(1), TimeSpan.FromHours(1 / 1.3333));

        var performance = ErlangC.Evaluate(4, traffic, TimeSpan.FromHours(3));

        var wq = performance.AverageSpeedOfAnswer.TotalHours;
        AssertPublished(0.720018, 6, performance.Occupancy, "r");
        AssertPublished(0.308215623, 9, wq, "Wq (h)", Tick.TotalHours);
        AssertPublished(1.183547991, 9, 3.84 * wq, "Lq = λ·Wq", 3.84 * Tick.TotalHours);
        AssertPublished(0.005218, 6, 1 - performance.AnsweredWithinThreshold, "Prob(Wq > 3 h)");
    }

    /// <summary>
    /// A. Mandelbaum, S. Zeltyn, "Service engineering in action: the Palm/Erlang-A queue, with applications to call
    /// centers" (2007), §4.3, the 4CallCenters example comparing Erlang C and Erlang A: 50 agents, 48 calls per minute,
    /// AHT 1 minute, average patience 2 minutes; Erlang A gives 3.1% abandoning, ASA 3.7 s, occupancy 93%. The paper's text
    /// could not be read here: the figures are as quoted, with the paper named as their source, in the public repository
    /// "shiftmesh" (test <c>test_erlang_a_reproduces_the_published_comparison</c>; read 2026).
    /// Mandelbaum and Zeltyn's E[W] is the mean wait of all arrivals, abandoning ones until they hang up (our
    /// <see cref="QueuePerformance.AverageWait"/>); the exact value 3.7095 s rounds to it. The mean wait of answered calls
    /// only (our <see cref="QueuePerformance.AverageSpeedOfAnswer"/>) is 3.616 s, which would print as 3.6 (answered calls
    /// wait less, since the long waits end in abandonment), so the test also pins which of the two the published ASA is.
    /// </summary>
    [Fact]
    public void ErlangA_MandelbaumZeltynFiftyAgentsExample_MatchesPublishedFigures()
    {
        var traffic = new IntervalTraffic(48, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));

        var performance = ErlangA.Evaluate(50, traffic, TimeSpan.FromMinutes(2), TimeSpan.FromSeconds(20));

        AssertPublished(0.031, 3, performance.ProbabilityOfAbandoning, "P(Ab)");
        AssertPublished(3.7, 1, performance.AverageWait.TotalSeconds, "E[W] (s)", Tick.TotalSeconds);
        AssertNotPublished(3.7, 1, performance.AverageSpeedOfAnswer.TotalSeconds, "answered-only ASA (s)");
        AssertPublished(0.93, 2, performance.Occupancy, "occupancy");
    }

    /// <summary>
    /// The Erlang A example of the Python package pyworkforce (R. Arenas), 100 contacts per 30 minutes, AHT 3 minutes,
    /// average patience 5 minutes, threshold 20 s, in two places read 2026 from its GitHub repository
    /// (rodrigo-arenas/pyworkforce, commit ca48925, 2026-06-28; released as 0.5.4):
    /// <list type="bullet">
    /// <item>13 positions: the guide <c>docs/guide/erlanga.md</c> (online as
    /// pyworkforce.rodrigo-arenas.com/stable/guide/erlanga), "Basic usage" output: service_level 0.858…, occupancy 0.750…,
    /// abandonment_probability 0.025…, waiting_probability 0.226…, average_speed_of_answer 0.125… (minutes).</item>
    /// <item>14 positions: the test <c>pyworkforce/queuing/tests/test_abandonment.py</c>,
    /// <c>test_erlanga_regression_metrics</c>: waiting_probability 0.14526 (5 decimals), abandonment_probability 0.013984,
    /// occupancy 0.704297, average_speed_of_answer 0.069919 (minutes), service level 0.916792 (6 decimals).</item>
    /// </list>
    /// pyworkforce computes these from its own truncated birth–death chain and, for the service level, uniformisation of
    /// the tagged customer's chain: an implementation independent of ours. Its definitions, read from its source: the
    /// service level is answered within the threshold ÷ all arrivals (our <see cref="ServiceLevelDefinition.AllArrivals"/>,
    /// <see cref="QueuePerformance.AnsweredWithinThreshold"/>), and its "average speed of answer" is the mean queue length
    /// ÷ λ, the mean wait of all arrivals, abandoning ones included (our <see cref="QueuePerformance.AverageWait"/>); the
    /// mean wait of answered contacts only (our ASA, 0.1152 and 0.0646 minutes) would print otherwise, which the test
    /// pins. The guide's "…" figures are rounded to 3 decimals, not cut: waiting 0.2258 and abandonment 0.02496 print as
    /// 0.226 and 0.025, so the tolerance is the rounding's ±0.0005.
    /// </summary>
    [Theory]
    [InlineData(13, 3, 3, 0.226, 0.025, 0.750, 0.125, 0.858)]
    [InlineData(14, 5, 6, 0.14526, 0.013984, 0.704297, 0.069919, 0.916792)]
    public void ErlangA_PyworkforceExampleOfPatienceFiveMinutes_MatchesPrintedMetrics(int positions, int waitingDecimals, int decimals, double waiting, double abandoning, double occupancy, double meanWaitMinutes, double serviceLevel)
    {
        var traffic = new IntervalTraffic(100, TimeSpan.FromMinutes(30), TimeSpan.FromMinutes(3));

        var performance = ErlangA.Evaluate(positions, traffic, TimeSpan.FromMinutes(5), TimeSpan.FromSeconds(20));

        AssertPublished(waiting, waitingDecimals, performance.ProbabilityOfWaiting, "waiting_probability");
        AssertPublished(abandoning, decimals, performance.ProbabilityOfAbandoning, "abandonment_probability");
        AssertPublished(occupancy, decimals, performance.Occupancy, "occupancy");
        AssertPublished(meanWaitMinutes, decimals, performance.AverageWait.TotalMinutes, "average_speed_of_answer (min)", Tick.TotalMinutes);
        AssertNotPublished(meanWaitMinutes, decimals, performance.AverageSpeedOfAnswer.TotalMinutes, "answered-only ASA (min)");
        AssertPublished(serviceLevel, decimals, performance.ServiceLevel(ServiceLevelDefinition.AllArrivals), "service_level");
    }

    /// <summary>
    /// The staffing answer of the same pyworkforce guide (see above): <c>required_positions(service_level=0.8,
    /// max_occupancy=0.85, max_abandonment=0.05)</c> with 30% shrinkage gives raw_positions 13 and positions 19. Our
    /// calculator takes one target and an occupancy limit, so the abandonment limit is checked as its own requirement, met
    /// at or below 13; scheduled staff is ⌈13 ÷ 0.7⌉.
    /// </summary>
    [Fact]
    public void ErlangA_PyworkforceRequiredPositions_ThirteenRequiredNineteenScheduled()
    {
        var traffic = new IntervalTraffic(100, TimeSpan.FromMinutes(30), TimeSpan.FromMinutes(3));
        var model = new QueueModel.ErlangA(TimeSpan.FromMinutes(5));
        var eightyTwenty = new StaffingTarget.ServiceLevel(new ServiceLevelTarget(0.8, TimeSpan.FromSeconds(20)));

        var required = StaffingCalculator.RequiredAgents(model, traffic, eightyTwenty, maximumOccupancy: 0.85);
        var forAbandonment = StaffingCalculator.RequiredAgents(model, traffic, new StaffingTarget.Abandonment(0.05));

        Assert.Equal(13, required);
        Assert.True(forAbandonment <= required, $"abandonment at most 5% needs {forAbandonment} positions");
        Assert.Equal(19, StaffingCalculator.Scheduled(required, 0.3));
    }

    /// <summary>
    /// The extended Erlang C (Erlang A) of A. Herzog's Callcenter Simulator (TU Clausthal), test
    /// <c>SimSystem/src/test/java/mathtoolstests/ErlangCTest.java</c>, <c>waitingTimeExt</c> (GitHub A-Herzog/Callcenter-Simulator,
    /// read 2026), whose comment gives the TU Clausthal online Erlang C calculator
    /// (mathematik.tu-clausthal.de/interaktiv/warteschlangentheorie/erlang-c/) as the source of its figures: λ = 3.5 per
    /// minute, AHT 3 minutes, average patience 5 minutes, a system of 100 places or unlimited; mean waiting time 9.91 s with
    /// 13 agents and 56.62 s with 9. That mean is the queue length ÷ the admitted arrival rate, the mean wait of all
    /// arrivals (our <see cref="QueuePerformance.AverageWait"/>); answered contacts alone wait 9.18 s and 56.59 s on average
    /// (our ASA), which the test pins as not the published figure. The source's test checks its 9-agent case against the
    /// 13-agent 9.91 with 56.62 in the tolerance's place, so it tests nothing there; 56.62 is the figure, and it holds to
    /// ±0.005 s here. Limiting the system to 100 places changes neither figure in its printed decimals.
    /// </summary>
    [Theory]
    [InlineData(13, 9.91)]
    [InlineData(9, 56.62)]
    public void ErlangA_HerzogExtendedErlangCExample_MatchesPrintedMeanWait(int agents, double meanWaitSeconds)
    {
        var traffic = new IntervalTraffic(3.5, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(3));

        var performance = ErlangA.Evaluate(agents, traffic, TimeSpan.FromMinutes(5), TimeSpan.Zero);

        AssertPublished(meanWaitSeconds, 2, performance.AverageWait.TotalSeconds, "mean waiting time (s)", Tick.TotalSeconds);
        AssertNotPublished(meanWaitSeconds, 2, performance.AverageSpeedOfAnswer.TotalSeconds, "answered-only ASA (s)");
    }

    /// <summary>
    /// An Erlang B capacity table at 2% blocking, "Voice Channels Needed to Serve Offered Traffic Load for 2% Blocking"
    /// (channels 1 to 89, odd numbers, load in Erlangs to 3 decimals), in G. Wagoner's WirelessU training module "Read an
    /// Erlang Table", which credits it to Lucent Technologies (garywagoner.tripod.com/traffic/ERLANG.HTML, read 2026).
    /// Each printed load A holds when B(N, A) = 2% falls between the loads half a printed unit either side (B rises with
    /// the load). These 38 of its 45 rows do; the other 7 are misprinted (see the next test).
    /// </summary>
    [Theory]
    [MemberData(nameof(TwoPercentTable))]
    public void ErlangB_LucentTwoPercentCapacityTable_EveryRowThatIsRightHolds(int channels, double load)
    {
        AssertLoadAtBlocking(channels, load, 3, 0.02);
    }

    /// <summary>
    /// The 7 rows of the same table (above) that do not hold, with the load at which blocking is exactly 2%, rounded to
    /// the table's 3 decimals. At each printed load the blocking is not 2% to the table's precision: 45 channels at the
    /// printed 35.507 Erlangs block 1.94%, 61 at 50.389 block 1.91%. Four are one mistyped digit (35.507 for 35.607, 50.389
    /// for 50.589, 52.461 for 52.481, 58.117 for 58.177); three are off in the last digit (24.628 for 24.626, 31.915 for
    /// 31.916, 44.938 for 44.936). The table's own neighbours show it: two more channels add 1.83 to 1.86 Erlangs from 37
    /// to 49 channels, but the printed rows step 1.749 into 45 and 1.955 out of it; around 61 the steps are about 1.9, but
    /// 1.689 into 61 and 2.072 out of it.
    /// </summary>
    [Theory]
    [InlineData(33, 24.628, 24.626)]
    [InlineData(41, 31.915, 31.916)]
    [InlineData(45, 35.507, 35.607)]
    [InlineData(55, 44.938, 44.936)]
    [InlineData(61, 50.389, 50.589)]
    [InlineData(63, 52.461, 52.481)]
    [InlineData(69, 58.117, 58.177)]
    public void ErlangB_LucentTwoPercentCapacityTable_MisprintedRowsAreOffAndTheExactLoadHolds(int channels, double printed, double exact)
    {
        var half = 0.5e-3;

        var atPrinted = ErlangB.Blocking(channels, printed);

        Assert.True(
            ErlangB.Blocking(channels, printed + half) < 0.02 || ErlangB.Blocking(channels, printed - half) > 0.02,
            $"{channels} channels: the printed {printed} Erlangs block {atPrinted:P3}, which would make the row right");
        AssertLoadAtBlocking(channels, exact, 3, 0.02);
    }

    /// <summary>The rows of the 2% capacity table that hold: channels, Erlangs.</summary>
    public static TheoryData<int, double> TwoPercentTable => new()
    {
        { 1, 0.020 }, { 3, 0.602 }, { 5, 1.657 }, { 7, 2.935 }, { 9, 4.345 }, { 11, 5.842 }, { 13, 7.402 }, { 15, 9.010 },
        { 17, 10.656 }, { 19, 12.333 }, { 21, 14.036 }, { 23, 15.761 }, { 25, 17.505 }, { 27, 19.265 }, { 29, 21.039 },
        { 31, 22.827 }, { 35, 26.435 }, { 37, 28.254 }, { 39, 30.081 }, { 43, 33.758 }, { 47, 37.462 }, { 49, 39.323 },
        { 51, 41.189 }, { 53, 43.060 }, { 57, 46.816 }, { 59, 48.700 }, { 65, 54.376 }, { 67, 56.275 }, { 71, 60.082 },
        { 73, 61.990 }, { 75, 63.900 }, { 77, 65.814 }, { 79, 67.729 }, { 81, 69.647 }, { 83, 71.568 }, { 85, 73.490 },
        { 87, 75.415 }, { 89, 77.342 },
    };

    /// <summary>
    /// Asserts that blocking equals <paramref name="blocking"/> at a load that prints as <paramref name="load"/>: B is
    /// at most the target half a printed unit below it and at least the target half a unit above.
    /// </summary>
    private static void AssertLoadAtBlocking(int channels, double load, int decimals, double blocking)
    {
        var half = 0.5 * Math.Pow(10, -decimals);
        var below = ErlangB.Blocking(channels, load - half);
        var above = ErlangB.Blocking(channels, load + half);
        Assert.True(
            below <= blocking && blocking <= above,
            $"{channels} channels at {load} Erlangs: blocking runs from {below:R} to {above:R} over the printed rounding, not through {blocking}");
    }

    /// <summary>
    /// Asserts <paramref name="computed"/> lies within half a unit of the published figure's last printed decimal, plus
    /// <paramref name="resolution"/> (the resolution of our type, e.g. a tick for durations) and 1e-15 for the binary
    /// representation of the printed decimal itself.
    /// </summary>
    private static void AssertPublished(double published, int decimals, double computed, string what, double resolution = 0)
    {
        var tolerance = (0.5 * Math.Pow(10, -decimals)) + resolution + 1e-15;
        Assert.True(
            Math.Abs(computed - published) <= tolerance,
            $"{what}: published {published} (±{tolerance:G3}), computed {computed:R}");
    }

    /// <summary>
    /// Asserts <paramref name="computed"/> would not print as the published figure: where a source's words allow two
    /// quantities (the mean wait of all arrivals or of answered contacts only), this pins which one it printed.
    /// </summary>
    private static void AssertNotPublished(double published, int decimals, double computed, string what)
    {
        var tolerance = 0.5 * Math.Pow(10, -decimals);
        Assert.True(
            Math.Abs(computed - published) > tolerance,
            $"{what}: {computed:R} would also print as the published {published}, so the figure does not tell the two apart");
    }
}
