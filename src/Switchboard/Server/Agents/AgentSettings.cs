using System.ComponentModel.DataAnnotations;
using Switchboard.Agents;
using Switchboard.Skills;

namespace Switchboard.Server.Agents;

public sealed record AgentSkillSettings(
    [property: Required, StringLength(64, MinimumLength = 1)] string Skill,
    [property: Range(1, 5)] int Proficiency,
    DateTimeOffset? CertifiedUntil = null);

public sealed record AgentLanguageSettings([property: Required, StringLength(35, MinimumLength = 2)] string Tag, [property: Range(1, 5)] int Proficiency = 5);

/// <summary>How many contacts of each channel an agent may hold at once (voice is 0 or 1, and excludes other work).</summary>
public sealed record CapacitySettings(
    [property: Range(0, 1)] int Voice = 1,
    [property: Range(0, 20)] int Chat = 0,
    [property: Range(0, 50)] int Email = 0,
    [property: Range(0, 20)] int Sms = 0,
    [property: Range(0, 20)] int Messaging = 0);

/// <summary>What an agent can take: skills (with certification expiry), languages and capacity per channel.</summary>
public sealed record AgentSettings
{
    [MaxLength(100)]
    public IReadOnlyList<AgentSkillSettings> Skills { get; init; } = [];

    [MaxLength(20)]
    public IReadOnlyList<AgentLanguageSettings> Languages { get; init; } = [];

    public CapacitySettings Capacity { get; init; } = new();

    public (AgentProfile? Profile, string? Field, string? Error) ToProfile(string id)
    {
        var skills = new List<AgentSkill>(Skills.Count);
        for (var i = 0; i < Skills.Count; i++)
        {
            var s = Skills[i];
            if (string.IsNullOrWhiteSpace(s.Skill) || s.Proficiency is < 1 or > 5)
            {
                return (null, $"skills[{i}]", "A skill needs a name and a proficiency between 1 and 5.");
            }

            if (s.CertifiedUntil is { Offset.Ticks: not 0 })
            {
                return (null, $"skills[{i}].certifiedUntil", "Give instants in UTC (ending in Z).");
            }

            skills.Add(new AgentSkill(new Skill(s.Skill), new Proficiency(s.Proficiency), s.CertifiedUntil));
        }

        var languages = new List<AgentLanguage>(Languages.Count);
        for (var i = 0; i < Languages.Count; i++)
        {
            var l = Languages[i];
            try
            {
                languages.Add(new AgentLanguage(new Language(l.Tag), new Proficiency(Math.Clamp(l.Proficiency, 1, 5))));
            }
            catch (ArgumentException)
            {
                return (null, $"languages[{i}].tag", "Not a language tag (BCP 47, e.g. 'en', 'fr-CA', 'zh-Hant').");
            }
        }

        var c = Capacity;
        if (c.Voice is < 0 or > 1 || c.Chat < 0 || c.Email < 0 || c.Sms < 0 || c.Messaging < 0)
        {
            return (null, "capacity", "Voice is 0 or 1; other channels 0 or more.");
        }

        try
        {
            return (new AgentProfile(new AgentId(id), skills, languages, new ChannelCapacity(c.Voice, c.Chat, c.Email, c.Sms, c.Messaging)), null, null);
        }
        catch (ArgumentException invalid)
        {
            return (null, "skills", invalid.Message.Split(" (Parameter", 2)[0]);
        }
    }
}
