using Switchboard.Kpis;

namespace Switchboard.Server.Wallboard;

/// <summary>
/// One queue's counts on one local day, kept by the KPI catalogue's own <see cref="KpiTally"/> (the wallboard has no
/// formulas of its own): contacts count in the day they entered the queue, as in the reports. The tally counts with the
/// queue's methods; when they change, the wallboard recounts the day from the log.
/// </summary>
internal sealed class QueueDay(DateOnly day, KpiMethodSet methods)
{
    public DateOnly Day { get; } = day;

    public KpiMethodSet Methods { get; } = methods;

    public KpiTally Tally { get; } = new(methods);

    /// <summary>One KPI's value by the methods the day was counted with.</summary>
    public double? Figure(KpiId kpi) => KpiFigures.Value(Methods[kpi], Tally);
}
