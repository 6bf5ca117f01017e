using System.Globalization;
using Switchboard.Skills;

namespace Switchboard.Planning.Simulation;

/// <summary>Checks a scenario's values and cross-references, naming the first field at fault.</summary>
public static class ScenarioValidator
{
    /// <summary>The most agents in one group: beyond that a scenario is almost certainly a typo.</summary>
    public const int MaximumGroupSize = 100_000;

    /// <exception cref="ScenarioException">The scenario cannot be simulated; the message names the field.</exception>
    public static void Validate(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        Require(!string.IsNullOrWhiteSpace(scenario.Name), "name", "must not be empty");
        Require(scenario.Start.Offset == TimeSpan.Zero, "start", "must be in UTC");
        Require(scenario.IntervalLength > TimeSpan.Zero, "intervalLength", "must be > 0");
        Require(scenario.Duration > TimeSpan.Zero, "duration", "must be > 0");
        Require(scenario.Duration.Ticks % scenario.IntervalLength.Ticks == 0, "duration", "must be a whole number of intervals (intervalLength)");
        Require(scenario.ShortAbandonThreshold >= TimeSpan.Zero, "shortAbandonThreshold", "must be >= 0");
        Require(scenario.Queues is { Count: > 0 }, "queues", "must list at least one queue");
        Require(scenario.AgentGroups is { Count: > 0 }, "agentGroups", "must list at least one agent group");

        var queueIds = new List<string>();
        for (var q = 0; q < scenario.Queues.Count; q++)
        {
            ValidateQueue(scenario, scenario.Queues[q], Path("queues", q), queueIds);
            queueIds.Add(scenario.Queues[q].Id);
        }

        var groupNames = new HashSet<string>(StringComparer.Ordinal);
        for (var g = 0; g < scenario.AgentGroups.Count; g++)
        {
            var path = Path("agentGroups", g);
            var group = scenario.AgentGroups[g];
            Require(!string.IsNullOrWhiteSpace(group.Name), path + ".name", "must not be empty");
            Require(groupNames.Add(group.Name), path + ".name", $"'{group.Name}' is used by another group");
            Require(group.Count >= 1, path + ".count", "must be >= 1");
            Require(group.Count <= MaximumGroupSize, path + ".count", $"must be <= {MaximumGroupSize}");
            ValidateSkills(group.Skills, path + ".skills");
            Require(group.Languages is { Count: > 0 }, path + ".languages", "must list at least one language");
            for (var i = 0; i < group.Languages.Count; i++)
            {
                var languagePath = Path(path + ".languages", i);
                Require(group.Languages[i] is not null, languagePath, "must not be null");
                ValidateLanguage(group.Languages[i].Language, languagePath + ".language");
                Require(group.Languages[i].Proficiency is >= Proficiency.Lowest and <= Proficiency.Highest, languagePath + ".proficiency", "must be between 1 and 5");
            }

            Require(group.Capacity is not null, path + ".capacity", "is required");
            Require(group.Capacity!.Voice is 0 or 1, path + ".capacity.voice", "must be 0 or 1");
            Require(group.Capacity.Chat >= 0, path + ".capacity.chat", "must be >= 0");
            Require(group.Capacity.Email >= 0, path + ".capacity.email", "must be >= 0");
            Require(group.Capacity.Sms >= 0, path + ".capacity.sms", "must be >= 0");
            Require(group.Capacity.Messaging >= 0, path + ".capacity.messaging", "must be >= 0");
            Require(group.ShiftStart >= TimeSpan.Zero, path + ".shiftStart", "must be >= 00:00");
            Require(group.ShiftEnd > group.ShiftStart, path + ".shiftEnd", "must be after shiftStart");
            ValidateDistribution(group.AnswerDelay, path + ".answerDelay", allowZeroMean: true);
            Require(group.RejectProbability is >= 0 and < 1, path + ".rejectProbability", "must be >= 0 and < 1");
        }
    }

    private static void ValidateQueue(Scenario scenario, QueueScenario queue, string path, List<string> earlierQueues)
    {
        Require(queue is not null, path, "must not be null");
        Require(!string.IsNullOrWhiteSpace(queue!.Id), path + ".id", "must not be empty");
        Require(!earlierQueues.Contains(queue.Id), path + ".id", $"'{queue.Id}' is used by another queue");
        Require(Enum.IsDefined(queue.Channel), path + ".channel", "is not a known channel");
        Require(Enum.IsDefined(queue.Selection), path + ".selection", "is not a known selection policy");
        Require(queue.Stages is { Count: > 0 }, path + ".stages", "must list at least one stage");
        Require(queue.Stages.Count <= Queues.QueueDefinition.MaximumStages, path + ".stages", $"must list at most {Queues.QueueDefinition.MaximumStages} stages");
        for (var s = 0; s < queue.Stages.Count; s++)
        {
            var stagePath = Path(path + ".stages", s);
            var stage = queue.Stages[s];
            Require(stage.After >= TimeSpan.Zero, stagePath + ".after", "must be >= 0");
            Require(s > 0 || stage.After == TimeSpan.Zero, stagePath + ".after", "must be 0 for the first stage");
            Require(s == 0 || stage.After > queue.Stages[s - 1].After, stagePath + ".after", "must be later than the previous stage's");
            Require(stage.Skills is not null, stagePath + ".skills", "is required");
            Require(
                stage.MinimumLanguageProficiency is null or (>= Proficiency.Lowest and <= Proficiency.Highest),
                stagePath + ".minimumLanguageProficiency",
                "must be between 1 and 5");
            ValidateSkills(stage.Skills!, stagePath + ".skills");
            if (stage.OverflowTo is { } target)
            {
                Require(target != queue.Id, stagePath + ".overflowTo", "must name another queue");
                Require(
                    earlierQueues.Contains(target),
                    stagePath + ".overflowTo",
                    ContainsQueue(scenario, target)
                        ? $"queue '{target}' must be listed before '{queue.Id}' (overflow targets are defined first)"
                        : $"unknown queue '{target}'");
                Require(stage.Skills!.Count == 0, stagePath + ".skills", "must be empty on an overflow stage");
            }
        }

        Require(queue.OfferTimeout > TimeSpan.Zero, path + ".offerTimeout", "must be > 0");
        Require(queue.WrapUpLimit is not { } limit || limit > TimeSpan.Zero, path + ".wrapUpLimit", "must be > 0 (or null for no limit)");
        Require(queue.CallbackThreshold is not { } threshold || threshold >= TimeSpan.Zero, path + ".callbackThreshold", "must be >= 0");
        Require(queue.ExpectedHandleTime > TimeSpan.Zero, path + ".expectedHandleTime", "must be > 0");
        Require(queue.ServiceLevelThreshold >= TimeSpan.Zero, path + ".serviceLevelThreshold", "must be >= 0");
        Require(queue.ServiceLevelTarget is not { } share || share is > 0 and <= 1, path + ".serviceLevelTarget", "must be > 0 and <= 1 (a share: 0.8 for 80%)");
        Require(queue.ArrivalsPerInterval is not null, path + ".arrivalsPerInterval", "is required");
        Require(
            queue.ArrivalsPerInterval!.Count == scenario.IntervalCount,
            path + ".arrivalsPerInterval",
            string.Create(CultureInfo.InvariantCulture, $"has {queue.ArrivalsPerInterval.Count} values; needs {scenario.IntervalCount}, one per interval of the duration"));
        for (var i = 0; i < queue.ArrivalsPerInterval.Count; i++)
        {
            var rate = queue.ArrivalsPerInterval[i];
            Require(double.IsFinite(rate) && rate >= 0, Path(path + ".arrivalsPerInterval", i), "must be >= 0");
        }

        Require(queue.Languages is { Count: > 0 }, path + ".languages", "must list at least one language");
        var total = 0.0;
        for (var i = 0; i < queue.Languages.Count; i++)
        {
            var languagePath = Path(path + ".languages", i);
            ValidateLanguage(queue.Languages[i].Language, languagePath + ".language");
            Require(double.IsFinite(queue.Languages[i].Share) && queue.Languages[i].Share >= 0, languagePath + ".share", "must be >= 0");
            total += queue.Languages[i].Share;
        }

        Require(total > 0, path + ".languages", "shares must not all be 0");
        ValidateDistribution(queue.HandleTime, path + ".handleTime", allowZeroMean: false);
        ValidateDistribution(queue.WrapUpTime, path + ".wrapUpTime", allowZeroMean: true);
        if (queue.Patience is { } patience)
        {
            ValidateDistribution(patience, path + ".patience", allowZeroMean: false);
        }

        Require(queue.CallbackAcceptance is >= 0 and <= 1, path + ".callbackAcceptance", "must be between 0 and 1");
    }

    private static bool ContainsQueue(Scenario scenario, string id)
    {
        foreach (var queue in scenario.Queues)
        {
            if (queue?.Id == id)
            {
                return true;
            }
        }

        return false;
    }

    private static void ValidateSkills(IReadOnlyList<SkillLevel> skills, string path)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < skills.Count; i++)
        {
            var skillPath = Path(path, i);
            Require(!string.IsNullOrWhiteSpace(skills[i].Skill), skillPath + ".skill", "must not be empty");
            Require(seen.Add(skills[i].Skill.Trim()), skillPath + ".skill", $"'{skills[i].Skill}' is listed twice");
            Require(skills[i].Proficiency is >= Proficiency.Lowest and <= Proficiency.Highest, skillPath + ".proficiency", "must be between 1 and 5");
        }
    }

    private static void ValidateLanguage(string tag, string path)
    {
        try
        {
            _ = new Language(tag);
        }
        catch (ArgumentException)
        {
            throw new ScenarioException($"{path}: '{tag}' is not a BCP 47 language tag");
        }
    }

    private static void ValidateDistribution(Distribution distribution, string path, bool allowZeroMean)
    {
        Require(distribution is not null, path, "is required");
        Require(Enum.IsDefined(distribution!.Kind), path + ".kind", "is not a known distribution");
        Require(allowZeroMean ? distribution.Mean >= TimeSpan.Zero : distribution.Mean > TimeSpan.Zero, path + ".mean", allowZeroMean ? "must be >= 0" : "must be > 0");
        if (distribution.Kind == DistributionKind.LogNormal)
        {
            Require(distribution.StandardDeviation is not null, path + ".standardDeviation", "is required for a log-normal distribution");
            Require(distribution.StandardDeviation >= TimeSpan.Zero, path + ".standardDeviation", "must be >= 0");
            Require(distribution.Mean > TimeSpan.Zero, path + ".mean", "must be > 0 for a log-normal distribution");
        }
        else
        {
            Require(distribution.StandardDeviation is null, path + ".standardDeviation", "applies to log-normal distributions only");
        }

        Require(distribution.Kind != DistributionKind.Exponential || distribution.Mean > TimeSpan.Zero, path + ".mean", "must be > 0 for an exponential distribution");
    }

    private static string Path(string list, int index) => string.Create(CultureInfo.InvariantCulture, $"{list}[{index}]");

    private static void Require(bool condition, string path, string problem)
    {
        if (!condition)
        {
            throw new ScenarioException($"{path}: {problem}");
        }
    }
}
