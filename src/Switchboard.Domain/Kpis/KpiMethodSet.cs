namespace Switchboard.Kpis;

/// <summary>The method each KPI of a computation uses: version 1 with default parameters unless another is chosen.</summary>
public sealed class KpiMethodSet
{
    private readonly Dictionary<KpiId, KpiMethod> methods;

    private KpiMethodSet(Dictionary<KpiId, KpiMethod> methods) => this.methods = methods;

    /// <summary>Version 1 of every KPI in the catalogue, with default parameters.</summary>
    public static KpiMethodSet Defaults { get; } = new(KpiCatalogue.All.ToDictionary(k => k.Id, k => new KpiMethod(k.Id, 1, new KpiParameters())));

    /// <summary>The method in use for a KPI of the catalogue.</summary>
    public KpiMethod this[KpiId kpi] => methods.TryGetValue(kpi, out var method)
        ? method
        : throw new ArgumentOutOfRangeException(nameof(kpi), kpi, "Not a KPI of the catalogue.");

    /// <summary>Every method, in catalogue order.</summary>
    public IEnumerable<KpiMethod> All => KpiCatalogue.All.Select(k => methods[k.Id]);

    /// <summary>This set with one KPI's method replaced.</summary>
    public KpiMethodSet With(KpiMethod method)
    {
        ArgumentNullException.ThrowIfNull(method);
        if (KpiCatalogue.Find(method.Kpi) is null)
        {
            throw new ArgumentOutOfRangeException(nameof(method), method.Kpi, "Not a KPI of the catalogue.");
        }

        return new KpiMethodSet(new Dictionary<KpiId, KpiMethod>(methods) { [method.Kpi] = method });
    }

    /// <summary>What counting needs from the methods, read once.</summary>
    internal CountingRules Rules()
    {
        var serviceLevel = this[KpiCatalogue.ServiceLevel].Parameters;
        var abandonment = this[KpiCatalogue.AbandonmentRate].Parameters;
        return new CountingRules(
            serviceLevel.AnswerThreshold,
            serviceLevel.ShortAbandonThreshold,
            abandonment.ShortAbandonThreshold,
            this[KpiCatalogue.Offered].Parameters.Transfers,
            this[KpiCatalogue.CustomerSatisfaction].Parameters.SatisfiedFrom,
            this[KpiCatalogue.ComplaintHandlingSatisfaction].Parameters.SatisfiedFrom);
    }
}

/// <summary>The thresholds and rules a <see cref="KpiTally"/> counts with.</summary>
internal readonly record struct CountingRules(TimeSpan AnswerThreshold, TimeSpan ServiceLevelShortAbandon, TimeSpan RateShortAbandon, TransferRule Transfers, int SatisfiedFrom, int ComplaintSatisfiedFrom);
