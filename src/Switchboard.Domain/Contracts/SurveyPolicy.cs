using System.Buffers.Binary;

namespace Switchboard.Contracts;

/// <summary>The questions of a post-contact survey. Satisfaction (CSAT) and "was your issue resolved?" are always asked.</summary>
[Flags]
public enum SurveyQuestions
{
    None = 0,

    /// <summary>Satisfaction, 1 (very dissatisfied) to 5 (very satisfied).</summary>
    Satisfaction = 1,

    /// <summary>"Was your issue resolved?", yes or no.</summary>
    Resolved = 2,

    /// <summary>Likelihood to recommend, 0 to 10 (NPS).</summary>
    Recommend = 4,

    /// <summary>Effort, 1 (very easy) to 5 (very difficult).</summary>
    Effort = 8,

    /// <summary>The two questions every survey asks.</summary>
    Core = Satisfaction | Resolved,

    /// <summary>Every question there is.</summary>
    All = Core | Recommend | Effort,
}

/// <summary>
/// Who is invited to the survey after a contact, as agreed with the client: a share of the eligible contacts, at most once
/// per customer within <see cref="FrequencyCap"/>, asked <see cref="Questions"/>.
/// </summary>
/// <remarks>
/// Eligible: the contact reached an agent (it was connected, and ended handled, not abandoned or turned into a callback
/// or an email). Sampling is a fixed function of the contact's id, so the same contact is always decided the same way
/// and a report can be checked against it. A customer is known by their keys (phone, email, client reference): any key
/// shared with an earlier invited contact of the same client makes it the same customer; a customer without keys cannot
/// be recognised, so is never capped.
/// </remarks>
public sealed record SurveyPolicy
{
    /// <summary>The catalogue default: every eligible contact, at most one invitation per customer per 30 days, the core questions.</summary>
    public static SurveyPolicy Default { get; } = new();

    /// <summary>The longest frequency cap a contract may set.</summary>
    public static readonly TimeSpan LongestCap = TimeSpan.FromDays(366);

    /// <summary>The share of eligible contacts invited, from 0 (none) to 1 (all; the default).</summary>
    public double Share { get; init; } = 1;

    /// <summary>At most one invitation per customer within this long (default 30 days); zero: no cap.</summary>
    public TimeSpan FrequencyCap { get; init; } = TimeSpan.FromDays(30);

    /// <summary>What an invited customer is asked: always <see cref="SurveyQuestions.Core"/>, and NPS or effort when agreed (default: the core only).</summary>
    public SurveyQuestions Questions { get; init; } = SurveyQuestions.Core;

    /// <summary>
    /// Whether to invite the customer of a contact that just ended, and why not.
    /// </summary>
    /// <param name="contact">The contact's public id (the sample is drawn from it).</param>
    /// <param name="handledByAgent">Whether the contact reached an agent and ended handled.</param>
    /// <param name="now">When the contact ended (UTC).</param>
    /// <param name="lastInvited">The customer's latest invitation for any contact of the same client; null when none,
    /// or when the customer has no keys.</param>
    public SurveyDecision Decide(Guid contact, bool handledByAgent, DateTimeOffset now, DateTimeOffset? lastInvited)
    {
        if (!handledByAgent)
        {
            return SurveyDecision.NotEligible.Instance;
        }

        if (!Sampled(contact))
        {
            return SurveyDecision.NotSampled.Instance;
        }

        // The cap window is [now - cap, now]: an invitation exactly N days ago no longer blocks one today.
        if (FrequencyCap > TimeSpan.Zero && lastInvited is { } last && now - last < FrequencyCap)
        {
            return new SurveyDecision.Capped(last + FrequencyCap);
        }

        return new SurveyDecision.Invite(Questions);
    }

    /// <summary>Whether the contact falls in the sample: its id's draw (uniform in [0, 1)) is below <see cref="Share"/>.</summary>
    public bool Sampled(Guid contact) => Share >= 1 || Draw(contact) < Share;

    /// <summary>
    /// A number in [0, 1) fixed by the contact's id and evenly spread over ids: the 128 bits folded to 64 and mixed by
    /// SplitMix64's finaliser (Steele, Lea and Flood, "Fast splittable pseudorandom number generators", OOPSLA 2014),
    /// so ids that differ in a few bits (version 7 ids made in the same millisecond) draw far apart.
    /// </summary>
    public static double Draw(Guid contact)
    {
        Span<byte> bytes = stackalloc byte[16];
        contact.TryWriteBytes(bytes);
        var low = BinaryPrimitives.ReadUInt64LittleEndian(bytes[..8]);
        var high = BinaryPrimitives.ReadUInt64LittleEndian(bytes[8..]);
        var z = low ^ (high * 0x9E3779B97F4A7C15UL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        // The top 53 bits, as a double's mantissa holds: exactly representable, never 1.
        return (z >> 11) * (1.0 / (1UL << 53));
    }

    /// <summary>The policy's own refusal: the field that is wrong (under <c>surveys</c>) and why, or null when it is sound.</summary>
    public (string Field, string Error)? Problem()
    {
        if (double.IsNaN(Share) || Share is < 0 or > 1)
        {
            return ("surveys.share", "A share between 0 and 1.");
        }

        if (FrequencyCap < TimeSpan.Zero || FrequencyCap > LongestCap)
        {
            return ("surveys.frequencyCap", "Between 0 (no cap) and 366 days.");
        }

        if ((Questions & ~SurveyQuestions.All) != 0 || (Questions & SurveyQuestions.Core) != SurveyQuestions.Core)
        {
            return ("surveys.questions", "Satisfaction and resolved always, and any of recommend and effort.");
        }

        return null;
    }
}

/// <summary>What becomes of the customer of a contact that ended: invited to the survey, or not and why.</summary>
public abstract record SurveyDecision
{
    private SurveyDecision()
    {
    }

    /// <summary>Invite the customer, asking <paramref name="Questions"/>.</summary>
    public sealed record Invite(SurveyQuestions Questions) : SurveyDecision;

    /// <summary>The contact never reached an agent, or did not end handled.</summary>
    public sealed record NotEligible : SurveyDecision
    {
        public static NotEligible Instance { get; } = new();
    }

    /// <summary>The contact fell outside the policy's share.</summary>
    public sealed record NotSampled : SurveyDecision
    {
        public static NotSampled Instance { get; } = new();
    }

    /// <summary>The customer was invited too recently; not again before <paramref name="Until"/> (UTC).</summary>
    public sealed record Capped(DateTimeOffset Until) : SurveyDecision;
}
