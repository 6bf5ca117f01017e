using System.Text.Json.Serialization;
using Switchboard.Contacts;
using Switchboard.Queues;

namespace Switchboard.Planning.Simulation;

/// <summary>
/// A day (or any period) of a contact centre to simulate: its queues, the traffic they receive and the agents who serve it.
/// </summary>
/// <remarks>
/// Every duration is a <see cref="TimeSpan"/>; in JSON it is a number of seconds. Build one in code, or read one with
/// <see cref="ScenarioLoader"/>, which checks every field and names the first one that is wrong.
/// </remarks>
public sealed record Scenario
{
    /// <summary>A name for reports.</summary>
    public required string Name { get; init; }

    /// <summary>When the simulated period starts (UTC).</summary>
    public required DateTimeOffset Start { get; init; }

    /// <summary>How long the simulated period lasts; a whole number of <see cref="IntervalLength"/>s.
    /// Arrivals stop at the end, and contacts still waiting then are reported as waiting at end.</summary>
    public required TimeSpan Duration { get; init; }

    /// <summary>The length of a reporting interval, and of the periods over which arrival rates are constant. Default 15 minutes.</summary>
    public TimeSpan IntervalLength { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>Customers who abandon sooner than this after arriving are short abandons, left out of the service level. Default 5 s.</summary>
    public TimeSpan ShortAbandonThreshold { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The queues, in the order they are defined to the routing engine: a stage may overflow only to a queue listed before its own.</summary>
    public required IReadOnlyList<QueueScenario> Queues { get; init; }

    public required IReadOnlyList<AgentGroupScenario> AgentGroups { get; init; }

    /// <summary>The number of reporting intervals in the period.</summary>
    [JsonIgnore]
    public int IntervalCount => (int)(Duration.Ticks / IntervalLength.Ticks);
}

/// <summary>A queue: how the routing engine treats its contacts, and how its customers behave.</summary>
public sealed record QueueScenario
{
    /// <summary>The queue's id, unique in the scenario.</summary>
    public required string Id { get; init; }

    /// <summary>The contacts' channel. Default voice; callbacks are possible for voice only.</summary>
    public Channel Channel { get; init; } = Channel.Voice;

    /// <summary>The routing stages, as the engine's <see cref="RoutingStage"/>: the first applies from arrival (after = 0), later ones strictly later.</summary>
    public required IReadOnlyList<StageScenario> Stages { get; init; }

    public AgentSelection Selection { get; init; } = AgentSelection.LongestIdle;

    /// <summary>How long an agent has to answer an offer. Default 20 s.</summary>
    public TimeSpan OfferTimeout { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>The engine ends wrap-up after this long. Null: no limit. Default 2 minutes.</summary>
    public TimeSpan? WrapUpLimit { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>When the announced expected wait exceeds this, the engine offers a callback. Null: never.</summary>
    public TimeSpan? CallbackThreshold { get; init; }

    /// <summary>The handle time the engine assumes for wait estimates until it has measured its own. Default 5 minutes.</summary>
    public TimeSpan ExpectedHandleTime { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The service level counts contacts answered within this wait. Default 20 s.</summary>
    public TimeSpan ServiceLevelThreshold { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>The service level the plan must reach (0 to 1, e.g. 0.8 for "80% within the threshold"), agreed with the client.
    /// Null: no target; replications then report the level reached without a verdict.</summary>
    public double? ServiceLevelTarget { get; init; }

    /// <summary>Expected arrivals in each reporting interval (one value per interval, calls per interval; arrivals are Poisson).</summary>
    [JsonConverter(typeof(CompactNumbersConverter))]
    public required IReadOnlyList<double> ArrivalsPerInterval { get; init; }

    /// <summary>The customers' languages with their shares (relative weights; they need not sum to 1).</summary>
    public required IReadOnlyList<LanguageShare> Languages { get; init; }

    /// <summary>Talk time, from the agent's accept to the end of the conversation.</summary>
    public required Distribution HandleTime { get; init; }

    /// <summary>After-contact work, from the end of the conversation to the agent's disposition. Default none (fixed 0).</summary>
    public Distribution WrapUpTime { get; init; } = Distribution.Fixed(TimeSpan.Zero);

    /// <summary>How long a customer waits before hanging up. Null: customers never abandon.</summary>
    public Distribution? Patience { get; init; }

    /// <summary>The probability that a customer takes a callback when the engine offers one (0 to 1). Default 0.</summary>
    public double CallbackAcceptance { get; init; }
}

/// <summary>One routing stage of a queue.</summary>
/// <param name="After">How long a contact must have waited before the stage applies.</param>
/// <param name="Skills">Skills the agent needs, each with a minimum proficiency (1 to 5). Empty for an overflow stage.</param>
/// <param name="OverflowTo">When set, the stage offers the contact to the first-stage agents of this queue instead.</param>
public sealed record StageScenario(TimeSpan After, IReadOnlyList<SkillLevel> Skills, string? OverflowTo = null)
{
    /// <summary>Whether the stage may use agents who do not speak the customer's language (an interpreter joins). Default false.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool Interpreter { get; init; }

    /// <summary>The agent's minimum proficiency (1 to 5) in the customer's language, when the stage needs the language. Null: any.</summary>
    public int? MinimumLanguageProficiency { get; init; }
}

/// <summary>A skill and a proficiency from 1 (novice) to 5 (expert): held by an agent, or the minimum a stage needs.</summary>
public sealed record SkillLevel(string Skill, int Proficiency);

/// <summary>A language an agent speaks (BCP 47 tag) and how well, from 1 to 5. In JSON a plain tag (<c>"en"</c>) means
/// proficiency 5; otherwise <c>{ "language": "es", "proficiency": 3 }</c>.</summary>
[JsonConverter(typeof(LanguageLevelConverter))]
public sealed record LanguageLevel(string Language, int Proficiency = Skills.Proficiency.Highest)
{
    /// <summary>A language spoken at the highest proficiency, so lists can be written <c>["en", "es"]</c>.</summary>
    public static implicit operator LanguageLevel(string language) => FromString(language);

    /// <inheritdoc cref="op_Implicit(string)"/>
    public static LanguageLevel FromString(string language) => new(language);
}

/// <summary>A customer language (BCP 47 tag) and its relative weight among a queue's customers.</summary>
public sealed record LanguageShare(string Language, double Share);

/// <summary>The kinds of random duration.</summary>
public enum DistributionKind
{
    /// <summary>Always the mean.</summary>
    Fixed = 1,

    /// <summary>Exponential with the given mean (memoryless; what Erlang C assumes for handle times and patience).</summary>
    Exponential = 2,

    /// <summary>Log-normal with the given mean and standard deviation (a realistic handle time: skewed, never negative).</summary>
    LogNormal = 3,
}

/// <summary>A random duration: <see cref="Kind"/>, its <see cref="Mean"/> and, for log-normal, its <see cref="StandardDeviation"/>.</summary>
public sealed record Distribution(DistributionKind Kind, TimeSpan Mean, TimeSpan? StandardDeviation = null)
{
    public static Distribution Fixed(TimeSpan value) => new(DistributionKind.Fixed, value);

    public static Distribution Exponential(TimeSpan mean) => new(DistributionKind.Exponential, mean);

    public static Distribution LogNormal(TimeSpan mean, TimeSpan standardDeviation) => new(DistributionKind.LogNormal, mean, standardDeviation);
}

/// <summary>Agents alike in skills, languages, capacity and shift.</summary>
public sealed record AgentGroupScenario
{
    /// <summary>The group's name, unique in the scenario; agents are named <c>name-001</c>, <c>name-002</c>, ...</summary>
    public required string Name { get; init; }

    /// <summary>How many agents the group has (at least 1).</summary>
    public required int Count { get; init; }

    public required IReadOnlyList<SkillLevel> Skills { get; init; }

    /// <summary>Languages the agents speak, each with a proficiency.</summary>
    public required IReadOnlyList<LanguageLevel> Languages { get; init; }

    /// <summary>How many contacts of each channel an agent holds at once. Default one call.</summary>
    public AgentCapacity Capacity { get; init; } = new();

    /// <summary>When the shift starts, as a time of day on the scenario's start date (may exceed 24:00 for the next day).
    /// In JSON <c>"08:00"</c>. The agent becomes available then.</summary>
    [JsonConverter(typeof(TimeOfDayConverter))]
    public required TimeSpan ShiftStart { get; init; }

    /// <summary>When the shift ends, likewise. The agent takes no new work from then and signs off once free.</summary>
    [JsonConverter(typeof(TimeOfDayConverter))]
    public required TimeSpan ShiftEnd { get; init; }

    /// <summary>How long an agent takes to answer an offer. Default fixed 2 s.</summary>
    public Distribution AnswerDelay { get; init; } = Distribution.Fixed(TimeSpan.FromSeconds(2));

    /// <summary>The probability that an agent rejects an offer (0 to 1). Default 0.</summary>
    public double RejectProbability { get; init; }
}

/// <summary>Contacts of each channel an agent may hold at once (voice at most 1).</summary>
public sealed record AgentCapacity(int Voice = 1, int Chat = 0, int Email = 0, int Sms = 0, int Messaging = 0);
