using System.ComponentModel.DataAnnotations;
using Switchboard.Complaints;
using Switchboard.ServiceLevels;

namespace Switchboard.Server.Complaints;

/// <summary>
/// How a contract handles complaints, as the API takes and gives it: the regulatory profile by name (see
/// <see cref="ComplaintProfile.Catalogue"/>) and, optionally, the contract's own escalation ladder, first rung first.
/// </summary>
public sealed record ComplaintSettings
{
    [StringLength(64)]
    public string Profile { get; init; } = ComplaintHandling.Default.Profile;

    /// <summary>The ladder; absent: the default five rungs (agent, team leader, complaints team, client, external body).</summary>
    [MaxLength(5)]
    public IReadOnlyList<EscalationStepSettings>? Ladder { get; init; }

    /// <summary>The settings with the default ladder written out, as stored.</summary>
    internal ComplaintSettings Settled() => this with
    {
        Ladder = Ladder ?? [.. ComplaintHandling.Default.Ladder.Select(s => new EscalationStepSettings(s.Level, s.Limit, s.Timekeeping))],
    };

    /// <summary>The core's complaint handling, or the field at fault.</summary>
    internal (ComplaintHandling? Handling, string? Field, string? Error) ToHandling()
    {
        var ladder = Ladder ?? [.. ComplaintHandling.Default.Ladder.Select(s => new EscalationStepSettings(s.Level, s.Limit, s.Timekeeping))];
        if (ladder.Count == 0)
        {
            return (null, "complaints.ladder", "At least one rung.");
        }

        var steps = new List<EscalationStep>(ladder.Count);
        for (var i = 0; i < ladder.Count; i++)
        {
            var step = ladder[i];
            if (!Enum.IsDefined(step.Level))
            {
                return (null, $"complaints.ladder[{i}].level", "agent, teamLeader, complaintsTeam, client or externalBody.");
            }

            if (i > 0 && step.Level <= ladder[i - 1].Level)
            {
                return (null, $"complaints.ladder[{i}].level", "Each rung is higher than the one before it.");
            }

            if (step.Limit <= TimeSpan.Zero || step.Limit > TimeSpan.FromDays(366))
            {
                return (null, $"complaints.ladder[{i}].limit", "Longer than zero and at most a year.");
            }

            if (!Enum.IsDefined(step.Timekeeping))
            {
                return (null, $"complaints.ladder[{i}].timekeeping", "businessTime, businessDays or calendarTime.");
            }

            steps.Add(new EscalationStep(step.Level, step.Limit, step.Timekeeping));
        }

        var handling = new ComplaintHandling { Profile = Profile, Ladder = steps };
        return handling.ProfileInForce() is null
            ? (null, "complaints.profile", $"One of {string.Join(", ", ComplaintProfile.Catalogue.Select(p => p.Name))}.")
            : (handling, null, null);
    }
}

/// <summary>One rung: who handles the complaint and how long they have, in business or calendar time.</summary>
public sealed record EscalationStepSettings(EscalationLevel Level, TimeSpan Limit, Timekeeping Timekeeping);
