using Switchboard.Contracts;
using Switchboard.ServiceLevels;

namespace Switchboard.Cases;

/// <summary>
/// The service-level targets a case's clock runs against: the first response (from receipt), the next response
/// (from each customer message that finds the first one already answered) and the resolution (from receipt to
/// solved, resumed when the case reopens).
/// </summary>
public sealed record CaseTargets(ServiceTarget FirstResponse, ServiceTarget NextResponse, ServiceTarget Resolution)
{
    /// <summary>
    /// What a contract that says nothing gets: a first and a next response within one business day, a resolution
    /// within five, counted as whole business dates (<see cref="Timekeeping.BusinessDays"/>) whatever the daily hours.
    /// </summary>
    public static CaseTargets Default { get; } = new(
        new ServiceTarget(ClockTargetId.FirstResponse, TimeSpan.FromDays(1), Timekeeping.BusinessDays),
        new ServiceTarget(ClockTargetId.NextResponse, TimeSpan.FromDays(1), Timekeeping.BusinessDays),
        new ServiceTarget(ClockTargetId.Resolution, TimeSpan.FromDays(5), Timekeeping.BusinessDays));

    /// <summary>
    /// The targets a client's contract sets, each missing one from <see cref="Default"/>: the email response promised
    /// to customers (<see cref="ClientContract.EmailResponse"/>, calendar time as the acknowledgement tells it), and
    /// the next-response and resolution targets in business time.
    /// </summary>
    public static CaseTargets For(ClientContract? contract) => new(
        contract?.EmailResponse is { } promise ? new ServiceTarget(ClockTargetId.FirstResponse, promise, Timekeeping.CalendarTime) : Default.FirstResponse,
        contract?.CaseNextResponse is { } next ? new ServiceTarget(ClockTargetId.NextResponse, next, Timekeeping.BusinessTime) : Default.NextResponse,
        contract?.CaseResolution is { } resolution ? new ServiceTarget(ClockTargetId.Resolution, resolution, Timekeeping.BusinessTime) : Default.Resolution);

    /// <summary>The clock policy of these targets on the named business calendar (null: always open).</summary>
    public ClockPolicy ClockPolicy(string? calendar) => new(calendar, [FirstResponse, NextResponse, Resolution]);
}
