namespace Switchboard.Kpis;

/// <summary>How abandoned contacts enter the service level.</summary>
public enum AbandonRule
{
    /// <summary>Answered within the threshold over answered: abandons are left out altogether.</summary>
    AbandonsExcluded = 1,

    /// <summary>Answered within the threshold over answered plus the abandons after the short-abandon threshold: short
    /// abandons are left out, later ones are failures.</summary>
    LateAbandonsFail = 2,

    /// <summary>Answered within the threshold plus short abandons, over answered plus every abandon: a customer who left
    /// within the short-abandon threshold counts as served in time.</summary>
    ShortAbandonsSucceed = 3,
}

/// <summary>How a waiting customer who swapped to a callback (keeping their place) enters the service level.</summary>
public enum CallbackRule
{
    /// <summary>Left out of the service level.</summary>
    Excluded = 1,

    /// <summary>Answered when the callback was accepted: within the threshold when the swap came within it.</summary>
    AnsweredAtRequest = 2,

    /// <summary>Answered when the callback was connected (its wait runs until then); a cancelled one is a late abandon.</summary>
    AnsweredAtConnection = 3,
}

/// <summary>Which queue a transferred contact counts in for the wait KPIs (offered, answered, abandoned, service level,
/// speed of answer). Handling is always counted where it happened.</summary>
public enum TransferRule
{
    /// <summary>Each queue the contact enters counts it, with its own wait from entering that queue.</summary>
    EachQueue = 1,

    /// <summary>Only the queue the customer first entered counts it; later queues count only its handling.</summary>
    FirstQueueOnly = 2,
}

/// <summary>
/// The agreed parameters of a KPI method. One record for all KPIs: each KPI reads the parameters its entry in the
/// catalogue names (docs/kpi-catalogue.md) and ignores the rest, so a method stores as one small JSON object.
/// </summary>
public sealed record KpiParameters
{
    /// <summary>Service level: answered within this wait counts as in time. Default 20 s.</summary>
    public TimeSpan AnswerThreshold { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Service level and abandonment: an abandon within this wait is a short abandon. Default 5 s.</summary>
    public TimeSpan ShortAbandonThreshold { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Service level: how abandons count. Default <see cref="AbandonRule.LateAbandonsFail"/>.</summary>
    public AbandonRule Abandons { get; init; } = AbandonRule.LateAbandonsFail;

    /// <summary>Service level: how swapped callbacks count. Default <see cref="CallbackRule.Excluded"/>.</summary>
    public CallbackRule Callbacks { get; init; } = CallbackRule.Excluded;

    /// <summary>Offered (and so every wait KPI): which queue a transfer counts in. Default <see cref="TransferRule.EachQueue"/>.</summary>
    public TransferRule Transfers { get; init; } = TransferRule.EachQueue;

    /// <summary>Abandonment rate: whether short abandons are left out of both sides. Default false.</summary>
    public bool ExcludeShortAbandons { get; init; }

    /// <summary>CSAT and complaint-handling satisfaction: the lowest satisfaction score (1-5) that counts as satisfied. Default 4 (top-two-box).</summary>
    public int SatisfiedFrom { get; init; } = 4;

    /// <summary>Operational first contact resolution: a later contact of the same customer at most this long after a
    /// handled one makes it a repeat. Default 7 days.</summary>
    public TimeSpan RepeatWindow { get; init; } = TimeSpan.FromDays(7);

    /// <summary>Operational first contact resolution: whether a repeat must carry the same contact reason. Default true.</summary>
    public bool RepeatNeedsSameReason { get; init; } = true;

    /// <summary>
    /// The parameters (by their JSON names, in the catalogue's order) that a KPI's method reads; the others are stored
    /// with the method but change nothing, so a screen showing a method names only these.
    /// </summary>
    public static IReadOnlyList<string> ReadBy(KpiId kpi) => kpi.Name switch
    {
        "offered" => ["transfers"],
        "service-level" => ["answerThreshold", "shortAbandonThreshold", "abandons", "callbacks"],
        "abandonment-rate" => ["shortAbandonThreshold", "excludeShortAbandons"],
        "customer-satisfaction" or "complaint-handling-satisfaction" => ["satisfiedFrom"],
        "first-contact-resolution" => ["repeatWindow", "repeatNeedsSameReason"],
        _ => [],
    };

    /// <summary>The parameters' own refusal: the field that is wrong and why, or null when they are sound.</summary>
    public (string Field, string Error)? Problem() =>
        AnswerThreshold < TimeSpan.Zero || AnswerThreshold > TimeSpan.FromHours(24) ? ("answerThreshold", "Between 0 and 24 hours.")
        : ShortAbandonThreshold < TimeSpan.Zero || ShortAbandonThreshold > TimeSpan.FromHours(1) ? ("shortAbandonThreshold", "Between 0 and 1 hour.")
        : !Enum.IsDefined(Abandons) ? ("abandons", "One of abandonsExcluded, lateAbandonsFail, shortAbandonsSucceed.")
        : !Enum.IsDefined(Callbacks) ? ("callbacks", "One of excluded, answeredAtRequest, answeredAtConnection.")
        : !Enum.IsDefined(Transfers) ? ("transfers", "One of eachQueue, firstQueueOnly.")
        : SatisfiedFrom is < 1 or > 5 ? ("satisfiedFrom", "A score from 1 to 5.")
        : RepeatWindow < TimeSpan.FromHours(1) || RepeatWindow > TimeSpan.FromDays(90) ? ("repeatWindow", "Between 1 hour and 90 days.")
        : null;
}

/// <summary>
/// One version of the way a KPI is computed. A method never changes: revising it makes the next version, and every
/// figure names the version it was computed with, so history can be recomputed under any of them.
/// </summary>
/// <param name="Kpi">The KPI this is a method for.</param>
/// <param name="Version">1 for the catalogue's default, then counting up per KPI.</param>
/// <param name="Parameters">The agreed parameters.</param>
public sealed record KpiMethod(KpiId Kpi, int Version, KpiParameters Parameters)
{
    public int Version { get; } = Version >= 1 ? Version : throw new ArgumentOutOfRangeException(nameof(Version), Version, "Versions count from 1.");

    /// <summary>"service-level@2".</summary>
    public override string ToString() => Kpi.Name + "@" + Version.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
