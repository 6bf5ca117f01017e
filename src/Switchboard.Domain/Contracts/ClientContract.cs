using Switchboard.CallFlows;
using Switchboard.Complaints;
using Switchboard.Contacts;
using Switchboard.Kpis;
using Switchboard.Skills;

namespace Switchboard.Contracts;

/// <summary>How often the centre reports to the client.</summary>
public enum ReportingCadence
{
    Weekly = 1,
    Monthly = 2,
    Quarterly = 3,
}

/// <summary>
/// What a centre and one client organisation agreed (ISO 18295-2): the channels and languages served, when the service
/// is open (with the client's time zone, the clock of every report), the KPI targets with their methods and dates,
/// how often the centre reports, and what the client must tell the centre and how far ahead.
/// </summary>
/// <remarks>The opening hours are the ones published to customers; everything here is one source for the widget,
/// reports and, later, voice prompts.</remarks>
public sealed record ClientContract
{
    public ClientContract(string client, TimeZoneInfo timeZone)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(client);
        ArgumentNullException.ThrowIfNull(timeZone);
        Client = client;
        TimeZone = timeZone;
    }

    public string Client { get; }

    /// <summary>The client's time zone: reports' days and months, and the opening hours, are on its wall clock.</summary>
    public TimeZoneInfo TimeZone { get; }

    public IReadOnlyList<Channel> Channels { get; init; } = [];

    public IReadOnlyList<Language> Languages { get; init; } = [];

    /// <summary>When the service is open to customers; null when the contract sets none (always open).</summary>
    public Calendars.OpeningHours? OpeningHours { get; init; }

    public IReadOnlyList<KpiTarget> Targets { get; init; } = [];

    public ReportingCadence Reporting { get; init; } = ReportingCadence.Monthly;

    public IReadOnlyList<InformationDuty> Duties { get; init; } = [];

    /// <summary>Who is invited to the post-contact survey and what they are asked (default: <see cref="SurveyPolicy.Default"/>).</summary>
    public SurveyPolicy Surveys { get; init; } = SurveyPolicy.Default;

    /// <summary>How complaints are handled: the regulatory profile and the escalation ladder (default: <see cref="ComplaintHandling.Default"/>).</summary>
    public ComplaintHandling Complaints { get; init; } = ComplaintHandling.Default;

    /// <summary>
    /// The first response promised to customers who write by email (calendar time from the message's arrival), told
    /// them in the acknowledgement; null when the contract promises none (the acknowledgement then promises nothing).
    /// </summary>
    public TimeSpan? EmailResponse { get; init; }

    /// <summary>Business time allowed for the centre's next answer after a customer writes again into a case; null: <see cref="Cases.CaseTargets.Default"/>.</summary>
    public TimeSpan? CaseNextResponse { get; init; }

    /// <summary>Business time allowed from a case's receipt to its resolution; null: <see cref="Cases.CaseTargets.Default"/>.</summary>
    public TimeSpan? CaseResolution { get; init; }

    /// <summary>The limits the client's call flows are checked against (default: <see cref="CallFlowRules.Default"/>).</summary>
    public CallFlowRules CallFlows { get; init; } = CallFlowRules.Default;

    /// <summary>The target in force for a KPI on a local date: the one with the latest effective date not after it.</summary>
    public KpiTarget? TargetOn(KpiId kpi, DateOnly date)
    {
        KpiTarget? best = null;
        foreach (var target in Targets)
        {
            if (target.Kpi == kpi && target.EffectiveFrom <= date && (best is null || target.EffectiveFrom > best.EffectiveFrom))
            {
                best = target;
            }
        }

        return best;
    }

    /// <summary>
    /// The methods to measure the contract's targets in force on a date with: the catalogue's latest (<paramref name="latest"/>)
    /// for KPIs without a target, the target's version for the others.
    /// </summary>
    public KpiMethodSet MethodsOn(DateOnly date, KpiMethodSet latest, Func<KpiId, int, KpiMethod?> version)
    {
        ArgumentNullException.ThrowIfNull(latest);
        ArgumentNullException.ThrowIfNull(version);
        var set = latest;
        foreach (var kpi in Targets.Select(t => t.Kpi).Distinct())
        {
            if (TargetOn(kpi, date) is { } target && version(kpi, target.MethodVersion) is { } method)
            {
                set = set.With(method);
            }
        }

        return set;
    }

    /// <summary>
    /// Whether supplied information came in time: at least the duty's lead time before it takes effect. Null when the
    /// contract sets no duty of that kind (nothing was owed).
    /// </summary>
    public bool? OnTime(SuppliedInformation information)
    {
        ArgumentNullException.ThrowIfNull(information);
        var duty = Duties.FirstOrDefault(d => d.Kind == information.Kind);
        // Added to the supply instant (never subtracted from the effective one) so that no date can overflow.
        return duty is null ? null : information.Supplied + duty.LeadTime <= information.EffectiveAt;
    }

    /// <summary>The contract's own refusal: the field that is wrong and why, or null when it is sound.</summary>
    public (string Field, string Error)? Problem()
    {
        for (var i = 0; i < Targets.Count; i++)
        {
            var target = Targets[i];
            if (KpiCatalogue.Find(target.Kpi) is not { } kpi)
            {
                return ($"targets[{i}].kpi", $"'{target.Kpi}' is not a KPI of the catalogue.");
            }

            if (kpi.HigherIsBetter is null)
            {
                return ($"targets[{i}].kpi", $"{kpi.Id} is a volume with no better direction: it takes no target.");
            }

            if (double.IsNaN(target.Target) || double.IsInfinity(target.Target) || target.Target < 0 || (kpi.Unit == KpiUnit.Ratio && target.Target > 1))
            {
                return ($"targets[{i}].target", kpi.Unit == KpiUnit.Ratio ? "A share between 0 and 1." : "Zero or more.");
            }

            if (target.MethodVersion < 1)
            {
                return ($"targets[{i}].methodVersion", "Versions count from 1.");
            }

            for (var j = 0; j < i; j++)
            {
                if (Targets[j].Kpi == target.Kpi && Targets[j].EffectiveFrom == target.EffectiveFrom)
                {
                    return ($"targets[{i}].effectiveFrom", $"{kpi.Id} has two targets from {target.EffectiveFrom:yyyy-MM-dd}.");
                }
            }
        }

        for (var i = 0; i < Duties.Count; i++)
        {
            if (Duties[i].LeadTime < TimeSpan.Zero || Duties[i].LeadTime > TimeSpan.FromDays(366))
            {
                return ($"duties[{i}].leadTime", "Between 0 and 366 days.");
            }

            if (Duties.Take(i).Any(d => d.Kind == Duties[i].Kind))
            {
                return ($"duties[{i}].kind", $"{Duties[i].Kind} is given twice.");
            }
        }

        if (Complaints.ProfileInForce() is null)
        {
            return ("complaints.profile", $"'{Complaints.Profile}' is neither a built-in complaint profile nor one of the contract's own.");
        }

        if (EmailResponse is { } promise && (promise <= TimeSpan.Zero || promise > TimeSpan.FromDays(90)))
        {
            return ("emailResponse", "Between 1 second and 90 days.");
        }

        if (CaseNextResponse is { } next && (next <= TimeSpan.Zero || next > TimeSpan.FromDays(90)))
        {
            return ("caseNextResponse", "Between 1 second and 90 days.");
        }

        if (CaseResolution is { } resolution && (resolution <= TimeSpan.Zero || resolution > TimeSpan.FromDays(365)))
        {
            return ("caseResolution", "Between 1 second and 365 days.");
        }

        if (CallFlows.Problem() is { } flows)
        {
            return ("callFlows." + flows.Field, flows.Error);
        }

        return Surveys.Problem();
    }
}
