using Switchboard.ServiceLevels;

namespace Switchboard.Complaints;

/// <summary>
/// The time limits a regulator or a client sets for complaints, as data: the acknowledgement, the final response,
/// and what the resolution clock does when a complaint is reopened.
/// </summary>
public sealed record ComplaintProfile(string Name, ServiceTarget Acknowledgement, ServiceTarget FinalResponse, ReopenRule OnReopen)
{
    /// <summary>One business day, as the built-in profiles count it: a whole business date (<see cref="Timekeeping.BusinessDays"/>),
    /// whatever the client's opening hours that day.</summary>
    public static readonly TimeSpan BusinessDay = TimeSpan.FromDays(1);

    /// <summary>A final response within eight weeks of calendar time (as UK financial services require), acknowledged
    /// within one business day; a reopened complaint carries on from the time already used.</summary>
    public static ComplaintProfile EightWeeks { get; } = new(
        "eight-weeks",
        new ServiceTarget(ClockTargetId.Acknowledgement, BusinessDay, Timekeeping.BusinessDays),
        new ServiceTarget(ClockTargetId.Resolution, TimeSpan.FromDays(56), Timekeeping.CalendarTime),
        ReopenRule.Resume);

    /// <summary>A final response within fifteen business days (as for UK payment services), acknowledged within one
    /// business day; a reopened complaint carries on from the time already used.</summary>
    public static ComplaintProfile FifteenBusinessDays { get; } = new(
        "fifteen-business-days",
        new ServiceTarget(ClockTargetId.Acknowledgement, BusinessDay, Timekeeping.BusinessDays),
        new ServiceTarget(ClockTargetId.Resolution, BusinessDay * 15, Timekeeping.BusinessDays),
        ReopenRule.Resume);

    /// <summary>A final response within ten business days, acknowledged within one; a reopened complaint starts its
    /// resolution clock again.</summary>
    public static ComplaintProfile TenBusinessDays { get; } = new(
        "ten-business-days",
        new ServiceTarget(ClockTargetId.Acknowledgement, BusinessDay, Timekeeping.BusinessDays),
        new ServiceTarget(ClockTargetId.Resolution, BusinessDay * 10, Timekeeping.BusinessDays),
        ReopenRule.Restart);

    /// <summary>The built-in profiles.</summary>
    public static IReadOnlyList<ComplaintProfile> Catalogue { get; } = [EightWeeks, FifteenBusinessDays, TenBusinessDays];
}

/// <summary>Who handles a complaint, from the first line to outside the centre (ISO 18295-2 puts the client on it).</summary>
public enum EscalationLevel
{
    Agent = 1,
    TeamLeader = 2,
    ComplaintsTeam = 3,
    Client = 4,
    ExternalBody = 5,
}

/// <summary>One rung of a contract's escalation ladder and the time it has to deal with the complaint.</summary>
public sealed record EscalationStep(EscalationLevel Level, TimeSpan Limit, Timekeeping Timekeeping)
{
    /// <summary>The clock target timing this step: "escalation-team-leader" and so on.</summary>
    public ClockTargetId Target => new("escalation-" + Level switch
    {
        EscalationLevel.Agent => "agent",
        EscalationLevel.TeamLeader => "team-leader",
        EscalationLevel.ComplaintsTeam => "complaints-team",
        EscalationLevel.Client => "client",
        _ => "external-body",
    });
}

/// <summary>
/// How a contract handles complaints: the regulatory profile by name (the built-in catalogue or the contract's own
/// profiles) and the escalation ladder, first rung first. The default is the eight-week profile and a five-rung ladder.
/// </summary>
public sealed record ComplaintHandling
{
    public static ComplaintHandling Default { get; } = new();

    /// <summary>The name of the profile in force (default "eight-weeks").</summary>
    public string Profile { get; init; } = ComplaintProfile.EightWeeks.Name;

    /// <summary>Profiles the contract defines besides the catalogue; one with a catalogue name replaces it.</summary>
    public IReadOnlyList<ComplaintProfile> OwnProfiles { get; init; } = [];

    /// <summary>The escalation ladder: agent (2 business hours), team leader (1 business day), complaints team (5), the
    /// client (5), the external body (8 weeks of calendar time) unless the contract says otherwise.</summary>
    public IReadOnlyList<EscalationStep> Ladder { get; init; } =
    [
        new(EscalationLevel.Agent, TimeSpan.FromHours(2), Timekeeping.BusinessTime),
        new(EscalationLevel.TeamLeader, ComplaintProfile.BusinessDay, Timekeeping.BusinessDays),
        new(EscalationLevel.ComplaintsTeam, ComplaintProfile.BusinessDay * 5, Timekeeping.BusinessDays),
        new(EscalationLevel.Client, ComplaintProfile.BusinessDay * 5, Timekeeping.BusinessDays),
        new(EscalationLevel.ExternalBody, TimeSpan.FromDays(56), Timekeeping.CalendarTime),
    ];

    /// <summary>The profile in force, or null when no profile has that name.</summary>
    public ComplaintProfile? ProfileInForce() =>
        OwnProfiles.FirstOrDefault(p => p.Name == Profile) ?? ComplaintProfile.Catalogue.FirstOrDefault(p => p.Name == Profile);

    /// <summary>The clock policy of a complaint: the profile's two targets and one per rung, on the named business
    /// calendar (null: always open).</summary>
    public ClockPolicy ClockPolicy(string? calendar)
    {
        var profile = ProfileInForce() ?? throw new InvalidOperationException($"No complaint profile is named '{Profile}'.");
        return new ClockPolicy(calendar, [profile.Acknowledgement, profile.FinalResponse, .. Ladder.Select(s => new ServiceTarget(s.Target, s.Limit, s.Timekeeping))]);
    }
}
