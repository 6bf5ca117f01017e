using System.ComponentModel.DataAnnotations;
using Switchboard.Calendars;
using Switchboard.Queues;
using Switchboard.Skills;

namespace Switchboard.Server.Queues;

/// <summary>A skill needed, with the minimum proficiency (1-5).</summary>
public sealed record SkillNeed([property: Required, StringLength(64, MinimumLength = 1)] string Skill, [property: Range(1, 5)] int Minimum = 1);

/// <summary>One routing stage: from <see cref="After"/> of waiting, who may take the contact (or where it overflows).</summary>
public sealed record StageSettings
{
    public TimeSpan After { get; init; }

    public IReadOnlyList<SkillNeed> Skills { get; init; } = [];

    /// <summary>Agents who do not speak the customer's language may take it (an interpreter joins).</summary>
    public bool Interpreter { get; init; }

    [Range(1, 5)]
    public int MinimumLanguageProficiency { get; init; } = 1;

    /// <summary>Send the contact to this queue instead (the stage's skills are then ignored).</summary>
    [StringLength(64)]
    public string? OverflowTo { get; init; }
}

/// <summary>How a queue routes: stages, timeouts and limits, as an administrator sets them.</summary>
public sealed record QueueSettings
{
    [Required, MinLength(1), MaxLength(QueueDefinition.MaximumStages)]
    public IReadOnlyList<StageSettings> Stages { get; init; } = [];

    public AgentSelection Selection { get; init; } = AgentSelection.LongestIdle;

    [Range(1, int.MaxValue)]
    public int MaximumWaiting { get; init; } = int.MaxValue;

    public TimeSpan OfferTimeout { get; init; } = TimeSpan.FromSeconds(20);

    public TimeSpan? WrapUpLimit { get; init; } = TimeSpan.FromMinutes(2);

    public TimeSpan? CallbackOfferThreshold { get; init; }

    public TimeSpan ExpectedHandleTime { get; init; } = TimeSpan.FromMinutes(5);

    [Range(0, 1000)]
    public int ScheduledCallbackPriority { get; init; } = 100;

    /// <summary>How long a contact is kept for its preferred agent when the caller names the agent but not the wait: a
    /// customer's reply into a finished email case waits this long for the case's owner before any qualified agent may
    /// take it. Four hours by default, so an owner on a shift finds the reply on their return from a break; between
    /// 1 second and 30 days.</summary>
    public TimeSpan PreferredAgentWait { get; init; } = DefaultPreferredAgentWait;

    /// <summary>The default of <see cref="PreferredAgentWait"/>.</summary>
    public static readonly TimeSpan DefaultPreferredAgentWait = TimeSpan.FromHours(4);

    /// <summary>The longest a contact may be kept for one agent, here and in <c>POST /api/contacts</c>.</summary>
    public static readonly TimeSpan LongestPreferredAgentWait = TimeSpan.FromDays(30);

    /// <summary>The service-level goal agreed with the client, shown on the wallboard: the share (0-1) answered within
    /// <see cref="ServiceLevelThreshold"/>. Not a hard-coded figure: each contract sets its own.</summary>
    [Range(0.0, 1.0)]
    public double? ServiceLevelTarget { get; init; }

    public TimeSpan? ServiceLevelThreshold { get; init; }

    /// <summary>The highest abandonment rate (0-1; abandoned over offered today) before the wallboard
    /// raises an alarm; none means no limit was agreed and no alarm is raised for abandonment.</summary>
    [Range(0.0, 1.0)]
    public double? AbandonmentLimit { get; init; }

    /// <summary>When the queue takes contacts; none means always. Emails may queue while it is closed (deferred work).</summary>
    public OpeningHoursSettings? OpeningHours { get; init; }

    /// <summary>The engine's definition, or the reason these settings make none.</summary>
    public (QueueDefinition? Definition, string? Field, string? Error) ToDefinition(string id)
    {
        if (OfferTimeout <= TimeSpan.Zero || OfferTimeout > TimeSpan.FromHours(1))
        {
            return (null, "offerTimeout", "Between 1 second and 1 hour.");
        }

        if (WrapUpLimit is { } wrap && (wrap < TimeSpan.Zero || wrap > TimeSpan.FromHours(8)))
        {
            return (null, "wrapUpLimit", "Between 0 and 8 hours, or null for no limit.");
        }

        if (ExpectedHandleTime <= TimeSpan.Zero || ExpectedHandleTime > TimeSpan.FromDays(1))
        {
            return (null, "expectedHandleTime", "Between 1 second and 1 day.");
        }

        if (CallbackOfferThreshold is { } callback && callback < TimeSpan.Zero)
        {
            return (null, "callbackOfferThreshold", "Must not be negative.");
        }

        if (PreferredAgentWait < TimeSpan.FromSeconds(1) || PreferredAgentWait > LongestPreferredAgentWait)
        {
            return (null, "preferredAgentWait", "Between 1 second and 30 days.");
        }

        if (OpeningHours?.ToOpeningHours() is (null, var hoursField, var hoursError))
        {
            return (null, hoursField, hoursError);
        }

        if (!Enum.IsDefined(Selection))
        {
            return (null, "selection", "One of longestIdle, mostProficient, leastOccupied.");
        }

        var stages = new List<RoutingStage>(Stages.Count);
        for (var i = 0; i < Stages.Count; i++)
        {
            var s = Stages[i];
            if (s.After < TimeSpan.Zero || s.After > TimeSpan.FromDays(1))
            {
                return (null, $"stages[{i}].after", "Between 0 and 1 day.");
            }

            if (s.OverflowTo is { } target)
            {
                if (!Identifiers.IsValid(target))
                {
                    return (null, $"stages[{i}].overflowTo", Identifiers.Rule);
                }

                stages.Add(RoutingStage.Overflow(s.After, new QueueId(target)));
                continue;
            }

            var needs = new List<SkillRequirement>(s.Skills.Count);
            foreach (var need in s.Skills)
            {
                if (string.IsNullOrWhiteSpace(need.Skill) || need.Minimum is < 1 or > 5)
                {
                    return (null, $"stages[{i}].skills", "Each skill needs a name and a minimum between 1 and 5.");
                }

                needs.Add(new SkillRequirement(new Skill(need.Skill), new Proficiency(need.Minimum)));
            }

            stages.Add(new RoutingStage(s.After, needs)
            {
                Language = s.Interpreter ? LanguageRule.Interpreter : LanguageRule.CustomerLanguage,
                MinimumLanguageProficiency = new Proficiency(Math.Clamp(s.MinimumLanguageProficiency, 1, 5)),
            });
        }

        try
        {
            return (new QueueDefinition(new QueueId(id), stages)
            {
                Selection = Selection,
                MaximumWaiting = MaximumWaiting,
                OfferTimeout = OfferTimeout,
                WrapUpLimit = WrapUpLimit,
                CallbackOfferThreshold = CallbackOfferThreshold,
                ExpectedHandleTime = ExpectedHandleTime,
                ScheduledCallbackPriority = ScheduledCallbackPriority,
            }, null, null);
        }
        catch (ArgumentException invalid)
        {
            // The core's guards hold whatever the caller sends; their message names the rule broken.
            return (null, "stages", invalid.Message.Split(" (Parameter", 2)[0]);
        }
    }
}

/// <summary>
/// When a queue takes contacts, in the local time of an IANA time zone: periods per weekday (several for split shifts;
/// an end of 00:00 is midnight) and holidays (closed, or their own periods). None means always open.
/// </summary>
public sealed record OpeningHoursSettings
{
    /// <summary>An IANA time zone id, such as <c>Europe/Paris</c>.</summary>
    [Required, StringLength(64)]
    public string TimeZone { get; init; } = "";

    [MaxLength(70)]
    public IReadOnlyList<WeeklyHours> Weekly { get; init; } = [];

    [MaxLength(400)]
    public IReadOnlyList<HolidaySettings> Holidays { get; init; } = [];

    /// <summary>The calendar these settings describe, or the field that is wrong and why.</summary>
    public (OpeningHours? Hours, string? Field, string? Error) ToOpeningHours()
    {
        TimeZoneInfo zone;
        try
        {
            // Resolving the zone reads the system's tz database: I/O, so it happens here in the host, not in the domain.
            zone = TimeZoneInfo.FindSystemTimeZoneById(TimeZone);
        }
        catch (Exception error) when (error is TimeZoneNotFoundException or InvalidTimeZoneException or ArgumentException)
        {
            return (null, "openingHours.timeZone", "An IANA time zone id, such as Europe/Paris.");
        }

        var weekly = new List<WeeklyPeriod>(Weekly.Count);
        for (var i = 0; i < Weekly.Count; i++)
        {
            if (!Enum.IsDefined(Weekly[i].Day))
            {
                return (null, $"openingHours.weekly[{i}].day", "A day of the week, such as monday.");
            }

            if (Period(Weekly[i].From, Weekly[i].To) is not { } period)
            {
                return (null, $"openingHours.weekly[{i}].to", "After the start (00:00 as the end means midnight).");
            }

            weekly.Add(new WeeklyPeriod(Weekly[i].Day, period));
        }

        var holidays = new List<HolidayHours>(Holidays.Count);
        for (var i = 0; i < Holidays.Count; i++)
        {
            var periods = new List<OpeningPeriod>();
            for (var j = 0; j < Holidays[i].Periods.Count; j++)
            {
                if (Period(Holidays[i].Periods[j].From, Holidays[i].Periods[j].To) is not { } period)
                {
                    return (null, $"openingHours.holidays[{i}].periods[{j}].to", "After the start (00:00 as the end means midnight).");
                }

                periods.Add(period);
            }

            holidays.Add(new HolidayHours(Holidays[i].Date, periods));
        }

        try
        {
            return (new OpeningHours(zone, weekly, holidays), null, null);
        }
        catch (ArgumentException error)
        {
            // Overlapping periods or a date given twice: the calendar says which.
            return (null, "openingHours", error.Message.Split(" (Parameter", 2)[0]);
        }
    }

    private static OpeningPeriod? Period(TimeOnly from, TimeOnly to) =>
        to == TimeOnly.MinValue || to > from ? new OpeningPeriod(from, to) : null;
}

/// <summary>A period on one weekday, every week.</summary>
public sealed record WeeklyHours(DayOfWeek Day, TimeOnly From, TimeOnly To);

/// <summary>A date with its own hours: no periods means closed all day.</summary>
public sealed record HolidaySettings(DateOnly Date, IReadOnlyList<PeriodSettings> Periods)
{
    public IReadOnlyList<PeriodSettings> Periods { get; init; } = Periods ?? [];
}

public sealed record PeriodSettings(TimeOnly From, TimeOnly To);
