using Switchboard.Kpis;

namespace Switchboard.Contracts;

/// <summary>
/// A target agreed with a client for one KPI, measured by one method version, from a date on (the client's local date).
/// A later target for the same KPI takes over from its own date; earlier figures keep being judged by the target in force
/// when they were made.
/// </summary>
/// <param name="Kpi">The KPI of the catalogue.</param>
/// <param name="MethodVersion">The method version the target is measured with.</param>
/// <param name="Target">The value to reach, in the KPI's unit (a floor or a ceiling, as the catalogue says).</param>
/// <param name="EffectiveFrom">The first local date it applies to.</param>
public sealed record KpiTarget(KpiId Kpi, int MethodVersion, double Target, DateOnly EffectiveFrom);

/// <summary>What a client organisation must tell the centre (ISO 18295-2), and how far ahead.</summary>
public enum InformationKind
{
    ProductChange = 1,
    PriceChange = 2,
    Campaign = 3,
    VolumeForecast = 4,
    EscalationContacts = 5,
    GoodwillLimits = 6,
}

/// <summary>One duty of the client to inform the centre: what, and at least how long before it takes effect.</summary>
public sealed record InformationDuty(InformationKind Kind, TimeSpan LeadTime);

/// <summary>Information the client supplied: what, when it reached the centre and when the change it announces takes effect.</summary>
public sealed record SuppliedInformation(InformationKind Kind, DateTimeOffset Supplied, DateTimeOffset EffectiveAt, string Summary);
