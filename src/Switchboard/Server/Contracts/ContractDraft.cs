using Switchboard.Contacts;
using Switchboard.Contracts;
using Switchboard.Kpis;
using Switchboard.Server.Administration;

namespace Switchboard.Server.Contracts;

/// <summary>
/// A client's contract as the contract form edits it: targets in the KPI's own unit as people write it (a share in
/// percent, a duration in seconds), lead times in days, opening hours as the queue form edits them (in the contract's
/// zone; none: always open). Turns into the API's <see cref="ContractsApi.PutContract"/>; what cannot be read is
/// reported under the API's field key.
/// </summary>
public sealed class ContractDraft
{
    public string Client { get; init; } = "";

    /// <summary>The contract's version as read (0: none yet).</summary>
    public int Version { get; set; }

    /// <summary>IANA time zone id.</summary>
    public string TimeZone { get; set; } = "Etc/UTC";

    public HashSet<Channel> Channels { get; init; } = [];

    /// <summary>BCP 47 tags separated by commas or spaces.</summary>
    public string Languages { get; set; } = "";

    public List<WeeklyDraft> Weekly { get; init; } = [];

    public List<HolidayDraft> Holidays { get; init; } = [];

    public List<TargetDraft> Targets { get; init; } = [];

    public ReportingCadence Reporting { get; set; } = ReportingCadence.Monthly;

    public List<DutyDraft> Duties { get; init; } = [];

    /// <summary>The share of eligible contacts invited to the survey, in percent (0-100; default 100).</summary>
    public double SurveySharePercent { get; set; } = SurveyPolicy.Default.Share * 100;

    /// <summary>At most one survey invitation per customer within this many days (default 30); 0: no cap.</summary>
    public double SurveyCapDays { get; set; } = SurveyPolicy.Default.FrequencyCap.TotalDays;

    /// <summary>Whether the survey asks likelihood to recommend (NPS, 0-10).</summary>
    public bool SurveyAsksRecommend { get; set; }

    /// <summary>Whether the survey asks effort (1-5).</summary>
    public bool SurveyAsksEffort { get; set; }

    /// <summary>The complaint profile by name (default: eight weeks).</summary>
    public string ComplaintProfile { get; set; } = Switchboard.Complaints.ComplaintHandling.Default.Profile;

    /// <summary>The escalation ladder, first rung first; none: the default ladder.</summary>
    public List<EscalationDraft> ComplaintLadder { get; init; } = [];

    /// <summary>The first response promised to customers who write by email, in hours of calendar time; null: none promised.</summary>
    public double? EmailResponseHours { get; set; }

    /// <summary>A case's next-response target, in open hours; null: <see cref="Switchboard.Cases.CaseTargets.Default"/>.</summary>
    public double? CaseNextResponseHours { get; set; }

    /// <summary>A case's resolution target, in open hours; null: <see cref="Switchboard.Cases.CaseTargets.Default"/>.</summary>
    public double? CaseResolutionHours { get; set; }

    internal static ContractDraft From(ContractsApi.ContractView view)
    {
        var c = view.Contract;
        return new ContractDraft
        {
            Client = view.Client,
            Version = view.Version,
            TimeZone = c.TimeZone,
            Channels = [.. c.Channels],
            Languages = string.Join(", ", c.Languages),
            Weekly = [.. (c.OpeningHours?.Weekly ?? []).Select(WeeklyDraft.Of)],
            Holidays = [.. (c.OpeningHours?.Holidays ?? []).Select(HolidayDraft.From)],
            Targets = [.. c.Targets.Select(TargetDraft.From)],
            Reporting = c.Reporting,
            Duties = [.. c.Duties.Select(d => new DutyDraft { Kind = d.Kind, LeadTimeDays = d.LeadTime.TotalDays })],
            SurveySharePercent = (c.Surveys?.Share ?? SurveyPolicy.Default.Share) * 100,
            SurveyCapDays = (c.Surveys?.FrequencyCap ?? SurveyPolicy.Default.FrequencyCap).TotalDays,
            SurveyAsksRecommend = c.Surveys?.Questions.Contains(SurveyQuestions.Recommend) ?? false,
            SurveyAsksEffort = c.Surveys?.Questions.Contains(SurveyQuestions.Effort) ?? false,
            ComplaintProfile = c.Complaints?.Profile ?? Switchboard.Complaints.ComplaintHandling.Default.Profile,
            ComplaintLadder = [.. (c.Complaints?.Ladder ?? []).Select(EscalationDraft.Of)],
            EmailResponseHours = c.EmailResponse?.TotalHours,
            CaseNextResponseHours = c.CaseNextResponse?.TotalHours,
            CaseResolutionHours = c.CaseResolution?.TotalHours,
        };
    }

    /// <summary>The API's request, or (with null) the fields that cannot be read.</summary>
    internal (ContractsApi.PutContract? Request, IReadOnlyDictionary<string, string[]> Errors) ToRequest()
    {
        var read = new DraftReader();
        var zone = TimeZone.Trim();
        var hours = Weekly.Count + Holidays.Count == 0 ? null : read.OpeningHours(zone, Weekly, Holidays, "contract.openingHours");
        var targets = Targets.Select((t, i) => t.ToSettings(read, $"contract.targets[{i}]")).ToList();
        var settings = new ContractsApi.ContractSettings
        {
            TimeZone = zone,
            Channels = [.. Channels.Order()],
            Languages = [.. Languages.Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)],
            OpeningHours = hours,
            Targets = targets,
            Reporting = Reporting,
            Duties = [.. Duties.Select(d => new ContractsApi.DutySettings(d.Kind, TimeSpan.FromDays(d.LeadTimeDays)))],
            Surveys = new ContractsApi.SurveySettings
            {
                Share = SurveySharePercent / 100,
                // Clamped just outside the allowed range, so a huge number is refused by the API under its field, not overflowed.
                FrequencyCap = TimeSpan.FromDays(double.IsNaN(SurveyCapDays) ? -1 : Math.Clamp(SurveyCapDays, -1, SurveyPolicy.LongestCap.TotalDays + 1)),
                Questions = [.. new[] { (SurveyAsksRecommend, SurveyQuestions.Recommend), (SurveyAsksEffort, SurveyQuestions.Effort) }.Where(q => q.Item1).Select(q => q.Item2)],
            },
            Complaints = new Complaints.ComplaintSettings
            {
                Profile = ComplaintProfile,
                Ladder = ComplaintLadder.Count == 0 ? null : [.. ComplaintLadder.Select(r => new Complaints.EscalationStepSettings(r.Level, Hours(r.LimitHours), r.Timekeeping))],
            },
            EmailResponse = EmailResponseHours is { } promise ? Hours(promise) : null,
            CaseNextResponse = CaseNextResponseHours is { } next ? Hours(next) : null,
            CaseResolution = CaseResolutionHours is { } resolution ? Hours(resolution) : null,
        };
        return read.Errors.Count > 0 ? (null, read.Errors) : (new ContractsApi.PutContract(settings, Version), read.Errors);
    }

    // Clamped just outside every allowed range (at most a year), so a huge or missing number is refused by the API
    // under its field, not overflowed.
    private static TimeSpan Hours(double hours) => TimeSpan.FromHours(double.IsNaN(hours) ? -1 : Math.Clamp(hours, -1, 24 * 400));
}

/// <summary>A rung of the escalation ladder as the form edits it: who handles the complaint, and the time they have in
/// hours, counted as <see cref="Timekeeping"/> says (whole business dates count 24 hours each).</summary>
public sealed class EscalationDraft
{
    public Switchboard.Complaints.EscalationLevel Level { get; set; } = Switchboard.Complaints.EscalationLevel.Agent;

    public double LimitHours { get; set; } = 24;

    public Switchboard.ServiceLevels.Timekeeping Timekeeping { get; set; } = Switchboard.ServiceLevels.Timekeeping.BusinessDays;

    internal static EscalationDraft Of(Complaints.EscalationStepSettings rung) =>
        new() { Level = rung.Level, LimitHours = rung.Limit.TotalHours, Timekeeping = rung.Timekeeping };
}

/// <summary>A target: the KPI, the method version (blank: the latest), the value in the KPI's unit as people write it
/// (percent for a share, seconds for a duration), and the date it applies from.</summary>
public sealed class TargetDraft
{
    public string Kpi { get; set; } = KpiCatalogue.ServiceLevel.Name;

    public int? MethodVersion { get; set; }

    /// <summary>Percent (0-100) for a share, seconds for a duration, a number otherwise.</summary>
    public double Target { get; set; } = 80;

    /// <summary>yyyy-MM-dd.</summary>
    public string EffectiveFrom { get; set; } = "";

    /// <summary>What the target field's label says the number is in.</summary>
    public string UnitWords => KpiCatalogue.Find(Kpi)?.Unit switch
    {
        KpiUnit.Ratio => "%",
        KpiUnit.Seconds => "seconds",
        _ => "count",
    };

    internal static TargetDraft From(ContractsApi.TargetSettings t) => new()
    {
        Kpi = t.Kpi,
        MethodVersion = t.MethodVersion,
        Target = Scale(t.Kpi) * t.Target,
        EffectiveFrom = DraftReader.Text(t.EffectiveFrom),
    };

    internal ContractsApi.TargetSettings ToSettings(DraftReader read, string key) =>
        new(Kpi, MethodVersion, Target / Scale(Kpi), read.Date(EffectiveFrom, key + ".effectiveFrom", required: true) ?? DateOnly.MinValue);

    // A share is stored between 0 and 1 and typed in percent.
    private static double Scale(string kpi) => KpiCatalogue.Find(kpi)?.Unit == KpiUnit.Ratio ? 100 : 1;
}

/// <summary>Information the client must supply, and how many days before it takes effect.</summary>
public sealed class DutyDraft
{
    public InformationKind Kind { get; set; } = InformationKind.ProductChange;

    public double LeadTimeDays { get; set; } = 7;
}

/// <summary>Information the client supplied, as the form records it (effective at a local date and time in the contract's zone).</summary>
public sealed class InformationDraft
{
    public InformationKind Kind { get; set; } = InformationKind.ProductChange;

    /// <summary>The local date it takes effect on; none yet until chosen.</summary>
    public DateOnly? EffectiveOn { get; set; }

    public string Summary { get; set; } = "";

    /// <summary>The API's request, effective at local midnight of <see cref="EffectiveOn"/> in <paramref name="zone"/>, or the fields that cannot be read.</summary>
    internal (ContractsApi.SupplyInformation? Request, IReadOnlyDictionary<string, string[]> Errors) ToRequest(TimeZoneInfo zone)
    {
        if (EffectiveOn is not { } day)
        {
            return (null, new Dictionary<string, string[]> { ["effectiveAt"] = ["The date it takes effect."] });
        }

        var local = day.ToDateTime(TimeOnly.MinValue);
        return (new ContractsApi.SupplyInformation(Kind, new DateTimeOffset(local, zone.GetUtcOffset(local)), Summary), new Dictionary<string, string[]>());
    }
}
