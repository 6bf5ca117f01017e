using System.Globalization;
using Switchboard.Queues;
using Switchboard.Server.Agents;
using Switchboard.Server.Clients;
using Switchboard.Server.Queues;
using Switchboard.Server.Users;

namespace Switchboard.Server.Administration;

// Drafts: what an administration form edits, as text where a person types it (durations, times, dates). Each turns
// into the API's own request; what cannot even be read is reported under the field's API key, so the form shows it
// where the API's own messages go.

/// <summary>Reads typed text into values, collecting what cannot be read under the API's field keys.</summary>
internal sealed class DraftReader
{
    public Dictionary<string, string[]> Errors { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>A duration as <c>hh:mm:ss</c> (or <c>d.hh:mm:ss</c>); blank is none.</summary>
    public TimeSpan? Duration(string? text, string field)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (TimeSpan.TryParse(text.Trim(), CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        Errors[field] = ["A duration as hh:mm:ss, such as 00:00:30."];
        return null;
    }

    /// <summary>A time of day as <c>HH:mm</c>.</summary>
    public TimeOnly Time(string? text, string field)
    {
        if (TimeOnly.TryParse(text?.Trim(), CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        Errors[field] = ["A time of day as HH:mm, such as 09:00."];
        return TimeOnly.MinValue;
    }

    /// <summary>A date as <c>yyyy-MM-dd</c>; blank is none unless <paramref name="required"/>.</summary>
    public DateOnly? Date(string? text, string field, bool required)
    {
        if (string.IsNullOrWhiteSpace(text) && !required)
        {
            return null;
        }

        if (DateOnly.TryParseExact(text?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var value))
        {
            return value;
        }

        Errors[field] = ["A date as yyyy-mm-dd."];
        return null;
    }

    /// <summary>Opening hours in <paramref name="timeZone"/> from weekly periods and holidays as typed; <paramref name="key"/>
    /// is the API's key of the opening hours (such as <c>settings.openingHours</c>).</summary>
    public OpeningHoursSettings OpeningHours(string timeZone, IEnumerable<WeeklyDraft> weekly, IEnumerable<HolidayDraft> holidays, string key) => new()
    {
        TimeZone = timeZone,
        Weekly = [.. weekly.Select((w, i) => new WeeklyHours(w.Day, Time(w.From, $"{key}.weekly[{i}].from"), Time(w.To, $"{key}.weekly[{i}].to")))],
        Holidays = [.. holidays.Select((h, i) => h.ToSettings(this, $"{key}.holidays[{i}]"))],
    };

    public static string Text(TimeSpan? value) => value?.ToString("c", CultureInfo.InvariantCulture) ?? "";

    public static string Text(TimeOnly value) => value.ToString("HH:mm", CultureInfo.InvariantCulture);

    public static string Text(DateOnly value) => value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

/// <summary>A client being created (id, name, routing domain) or renamed.</summary>
public sealed class ClientDraft
{
    public bool IsNew { get; init; } = true;

    public string Id { get; set; } = "";

    public string Name { get; set; } = "";

    /// <summary>Blank: a routing domain of its own, named as the client.</summary>
    public string RoutingDomain { get; set; } = "";

    public int Version { get; init; }

    internal static ClientDraft From(ClientsApi.ClientView client) =>
        new() { IsNew = false, Id = client.Id, Name = client.Name, RoutingDomain = client.RoutingDomain, Version = client.Version };

    internal ClientsApi.CreateClient ToCreate() => new(Id.Trim(), Name, string.IsNullOrWhiteSpace(RoutingDomain) ? null : RoutingDomain.Trim());

    internal ClientsApi.UpdateClient ToUpdate() => new(Name, Version);
}

/// <summary>A queue being created or changed: the settings the screen shows, over those it keeps as they were.</summary>
public sealed class QueueDraft
{
    public bool IsNew { get; init; } = true;

    public string Id { get; set; } = "";

    public string Client { get; set; } = "";

    public string Name { get; set; } = "";

    public int Version { get; init; }

    public List<StageDraft> Stages { get; init; } = [new StageDraft()];

    /// <summary>Blank: always open (weekly hours and holidays are then ignored).</summary>
    public string TimeZone { get; set; } = "";

    public List<WeeklyDraft> Weekly { get; init; } = [];

    public List<HolidayDraft> Holidays { get; init; } = [];

    /// <summary>The share answered within the threshold, in percent (0-100); blank for none.</summary>
    public double? ServiceLevelTargetPercent { get; set; }

    public string ServiceLevelThreshold { get; set; } = "";

    public string CallbackOfferThreshold { get; set; } = "";

    public string OfferTimeout { get; set; } = DraftReader.Text(TimeSpan.FromSeconds(20));

    /// <summary>Which of the qualified idle agents gets an offer; longest idle by default.</summary>
    public AgentSelection Selection { get; set; } = AgentSelection.LongestIdle;

    /// <summary>The most contacts that may wait at once; blank (null) for no limit.</summary>
    public int? MaximumWaiting { get; set; }

    /// <summary>How long an agent may stay in wrap-up (hh:mm:ss); blank for no limit.</summary>
    public string WrapUpLimit { get; set; } = DraftReader.Text(TimeSpan.FromMinutes(2));

    /// <summary>The handle time the wait estimate assumes until the queue has its own history (hh:mm:ss).</summary>
    public string ExpectedHandleTime { get; set; } = DraftReader.Text(TimeSpan.FromMinutes(5));

    /// <summary>The priority (0-1000) a scheduled callback gets when its window opens; 100 by default.</summary>
    public int ScheduledCallbackPriority { get; set; } = 100;

    /// <summary>The abandonment share, in percent (0-100), above which the wallboard raises an alarm; blank for none.</summary>
    public double? AbandonmentLimitPercent { get; set; }

    /// <summary>The settings as read (a new queue: the API's defaults); what the screen does not show stays as it was.</summary>
    public QueueSettings Original { get; init; } = new();

    internal static QueueDraft From(QueuesApi.QueueView queue)
    {
        var s = queue.Settings;
        return new QueueDraft
        {
            IsNew = false,
            Id = queue.Id,
            Client = queue.Client,
            Name = queue.Name,
            Version = queue.Version,
            Original = s,
            Stages = [.. s.Stages.Select(StageDraft.From)],
            TimeZone = s.OpeningHours?.TimeZone ?? "",
            Weekly = [.. (s.OpeningHours?.Weekly ?? []).Select(WeeklyDraft.Of)],
            Holidays = [.. (s.OpeningHours?.Holidays ?? []).Select(HolidayDraft.From)],
            ServiceLevelTargetPercent = s.ServiceLevelTarget * 100,
            ServiceLevelThreshold = DraftReader.Text(s.ServiceLevelThreshold),
            CallbackOfferThreshold = DraftReader.Text(s.CallbackOfferThreshold),
            OfferTimeout = DraftReader.Text(s.OfferTimeout),
            Selection = s.Selection,
            MaximumWaiting = s.MaximumWaiting == int.MaxValue ? null : s.MaximumWaiting,
            WrapUpLimit = DraftReader.Text(s.WrapUpLimit),
            ExpectedHandleTime = DraftReader.Text(s.ExpectedHandleTime),
            ScheduledCallbackPriority = s.ScheduledCallbackPriority,
            AbandonmentLimitPercent = s.AbandonmentLimit * 100,
        };
    }

    /// <summary>The API's settings, or (with null) the fields that cannot be read.</summary>
    public (QueueSettings? Settings, IReadOnlyDictionary<string, string[]> Errors) ToSettings()
    {
        var read = new DraftReader();
        var stages = Stages.Select((stage, i) => stage.ToSettings(read, $"settings.stages[{i}]")).ToArray();
        var hours = string.IsNullOrWhiteSpace(TimeZone) ? null : read.OpeningHours(TimeZone.Trim(), Weekly, Holidays, "settings.openingHours");

        var settings = Original with
        {
            Stages = stages,
            OpeningHours = hours,
            ServiceLevelTarget = ServiceLevelTargetPercent / 100,
            ServiceLevelThreshold = read.Duration(ServiceLevelThreshold, "settings.serviceLevelThreshold"),
            CallbackOfferThreshold = read.Duration(CallbackOfferThreshold, "settings.callbackOfferThreshold"),
            OfferTimeout = read.Duration(OfferTimeout, "settings.offerTimeout") ?? TimeSpan.Zero,
            Selection = Selection,
            // The API's "no limit" is the largest number, which the screen shows as blank.
            MaximumWaiting = MaximumWaiting ?? int.MaxValue,
            WrapUpLimit = read.Duration(WrapUpLimit, "settings.wrapUpLimit"),
            ExpectedHandleTime = read.Duration(ExpectedHandleTime, "settings.expectedHandleTime") ?? TimeSpan.Zero,
            ScheduledCallbackPriority = ScheduledCallbackPriority,
            AbandonmentLimit = AbandonmentLimitPercent / 100,
        };
        return (read.Errors.Count == 0 ? settings : null, read.Errors);
    }
}

/// <summary>One routing stage: after how long, which skills (or an overflow queue).</summary>
public sealed class StageDraft
{
    public string After { get; set; } = DraftReader.Text(TimeSpan.Zero);

    public List<SkillNeedDraft> Skills { get; init; } = [];

    public bool Interpreter { get; set; }

    public int MinimumLanguageProficiency { get; set; } = 1;

    /// <summary>Blank: no overflow.</summary>
    public string OverflowTo { get; set; } = "";

    internal static StageDraft From(StageSettings s) => new()
    {
        After = DraftReader.Text(s.After),
        Skills = [.. s.Skills.Select(n => new SkillNeedDraft { Skill = n.Skill, Minimum = n.Minimum })],
        Interpreter = s.Interpreter,
        MinimumLanguageProficiency = s.MinimumLanguageProficiency,
        OverflowTo = s.OverflowTo ?? "",
    };

    internal StageSettings ToSettings(DraftReader read, string key) => new()
    {
        After = read.Duration(After, key + ".after") ?? TimeSpan.Zero,
        Skills = [.. Skills.Select(n => new SkillNeed(n.Skill.Trim(), n.Minimum))],
        Interpreter = Interpreter,
        MinimumLanguageProficiency = MinimumLanguageProficiency,
        OverflowTo = string.IsNullOrWhiteSpace(OverflowTo) ? null : OverflowTo.Trim(),
    };
}

/// <summary>A skill a stage needs and its minimum proficiency (1-5).</summary>
public sealed class SkillNeedDraft
{
    public string Skill { get; set; } = "";

    public int Minimum { get; set; } = 1;
}

/// <summary>Opening hours on one weekday, as <c>HH:mm</c> texts (an end of 00:00 is midnight).</summary>
public sealed class WeeklyDraft
{
    public DayOfWeek Day { get; set; } = DayOfWeek.Monday;

    public string From { get; set; } = "09:00";

    public string To { get; set; } = "17:00";

    internal static WeeklyDraft Of(WeeklyHours hours) => new() { Day = hours.Day, From = DraftReader.Text(hours.From), To = DraftReader.Text(hours.To) };
}

/// <summary>A holiday: closed all day, or open in its own periods.</summary>
public sealed class HolidayDraft
{
    public string Date { get; set; } = "";

    public bool Closed { get; set; } = true;

    public List<PeriodDraft> Periods { get; init; } = [];

    internal static HolidayDraft From(HolidaySettings h) => new()
    {
        Date = DraftReader.Text(h.Date),
        Closed = h.Periods.Count == 0,
        Periods = [.. h.Periods.Select(p => new PeriodDraft { From = DraftReader.Text(p.From), To = DraftReader.Text(p.To) })],
    };

    internal HolidaySettings ToSettings(DraftReader read, string key) => new(
        read.Date(Date, key + ".date", required: true) ?? default,
        Closed ? [] : [.. Periods.Select((p, j) => new PeriodSettings(read.Time(p.From, $"{key}.periods[{j}].from"), read.Time(p.To, $"{key}.periods[{j}].to")))]);
}

/// <summary>A period of a day, as <c>HH:mm</c> texts.</summary>
public sealed class PeriodDraft
{
    public string From { get; set; } = "10:00";

    public string To { get; set; } = "14:00";
}

/// <summary>An agent being created or changed: name, skills with certification expiry, languages, capacity.</summary>
public sealed class AgentDraft
{
    public bool IsNew { get; init; } = true;

    public string Id { get; set; } = "";

    public string RoutingDomain { get; set; } = "";

    public string Name { get; set; } = "";

    public int Version { get; init; }

    public List<AgentSkillDraft> Skills { get; init; } = [];

    public List<AgentLanguageDraft> Languages { get; init; } = [];

    public int Voice { get; set; } = 1;

    public int Chat { get; set; }

    public int Email { get; set; }

    public int Sms { get; set; }

    public int Messaging { get; set; }

    internal static AgentDraft From(AgentsApi.AgentView agent)
    {
        var s = agent.Settings;
        return new AgentDraft
        {
            IsNew = false,
            Id = agent.Id,
            RoutingDomain = agent.RoutingDomain,
            Name = agent.Name,
            Version = agent.Version,
            Skills = [.. s.Skills.Select(k => new AgentSkillDraft
            {
                Skill = k.Skill, Proficiency = k.Proficiency, CertifiedUntil = k.CertifiedUntil is { } until ? DraftReader.Text(DateOnly.FromDateTime(until.UtcDateTime)) : "",
            })],
            Languages = [.. s.Languages.Select(l => new AgentLanguageDraft { Tag = l.Tag, Proficiency = l.Proficiency })],
            Voice = s.Capacity.Voice,
            Chat = s.Capacity.Chat,
            Email = s.Capacity.Email,
            Sms = s.Capacity.Sms,
            Messaging = s.Capacity.Messaging,
        };
    }

    /// <summary>The API's settings, or (with null) the fields that cannot be read.</summary>
    public (AgentSettings? Settings, IReadOnlyDictionary<string, string[]> Errors) ToSettings()
    {
        var read = new DraftReader();
        var settings = new AgentSettings
        {
            // A certification runs until the start (00:00 UTC) of the date given.
            Skills = [.. Skills.Select((k, i) => new AgentSkillSettings(k.Skill.Trim(), k.Proficiency,
                read.Date(k.CertifiedUntil, $"settings.skills[{i}].certifiedUntil", required: false) is { } date
                    ? new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero)
                    : null))],
            Languages = [.. Languages.Select(l => new AgentLanguageSettings(l.Tag.Trim(), l.Proficiency))],
            Capacity = new CapacitySettings(Voice, Chat, Email, Sms, Messaging),
        };
        return (read.Errors.Count == 0 ? settings : null, read.Errors);
    }
}

/// <summary>A skill an agent has, at a proficiency of 1-5, certified until a date (blank: no expiry).</summary>
public sealed class AgentSkillDraft
{
    public string Skill { get; set; } = "";

    public int Proficiency { get; set; } = 3;

    public string CertifiedUntil { get; set; } = "";
}

/// <summary>A language an agent speaks (BCP 47 tag) at a proficiency of 1-5.</summary>
public sealed class AgentLanguageDraft
{
    public string Tag { get; set; } = "";

    public int Proficiency { get; set; } = 5;
}

/// <summary>A user being created (with a first password) or given other roles and links.</summary>
public sealed class UserDraft
{
    public bool IsNew { get; init; } = true;

    public Guid Id { get; init; }

    public string Email { get; set; } = "";

    public string Password { get; set; } = "";

    public HashSet<string> Roles { get; init; } = new(StringComparer.Ordinal);

    /// <summary>Blank: none (needed for client viewers).</summary>
    public string Client { get; set; } = "";

    /// <summary>Blank: none (the agent profile an agent works as).</summary>
    public string Agent { get; set; } = "";

    public string ConcurrencyStamp { get; init; } = "";

    internal static UserDraft From(UsersApi.UserView user) => new()
    {
        IsNew = false,
        Id = user.Id,
        Email = user.Email,
        Roles = new HashSet<string>(user.Roles, StringComparer.Ordinal),
        Client = user.Client ?? "",
        Agent = user.Agent ?? "",
        ConcurrencyStamp = user.ConcurrencyStamp,
    };

    internal UsersApi.CreateUser ToCreate() => new(Email.Trim(), Password, [.. Roles], Blank(Client), Blank(Agent));

    internal UsersApi.UpdateUser ToUpdate() => new([.. Roles], Blank(Client), Blank(Agent), ConcurrencyStamp);

    private static string? Blank(string text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
