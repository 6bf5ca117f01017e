using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Switchboard.Contracts;
using Switchboard.Kpis;
using Switchboard.Persistence;
using Switchboard.Persistence.Contracts;
using Switchboard.Server.Audit;
using Switchboard.Server.Contracts;
using Switchboard.Server.Hosting;

namespace Switchboard.Server.ClientReports;

/// <summary>
/// Issues each client's report on its contract's reporting cadence (weekly, monthly or quarterly, on the client's
/// clock): once the last period has ended (plus <see cref="ReportSettings.IssueAfter"/>), its report is built from the
/// log as the on-demand report is, and stored as issued (<c>issued_reports</c>), once. Only the latest ended period is
/// issued: a new contract does not produce a back catalogue of reports for periods nobody agreed to be sent; those
/// remain available on demand. A period that ended before the client existed is never issued.
/// </summary>
internal sealed partial class ScheduledReports(
    IDbContextFactory<SwitchboardDb> databases,
    AuditTrail audit,
    TimeProvider time,
    IOptions<ServerSettings> settings,
    IOptions<JsonOptions> json,
    ILogger<ScheduledReports> logger) : BackgroundService
{
    /// <summary>How often the server looks for reports due: a quarter of an hour, small beside a week.</summary>
    public static readonly TimeSpan CheckInterval = TimeSpan.FromMinutes(15);

    /// <summary>The actor written in the audit trail for a report nobody asked for at that moment.</summary>
    public const string Actor = "switchboard (reporting schedule)";

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Recurring.RunAsync(CheckInterval, time, IssueDueAsync, error => LogIssueFailed(logger, error), stoppingToken);

    /// <summary>Issues every report due now that has not been issued; returns the ones this call issued (client, period).</summary>
    public async Task<IReadOnlyList<(string Client, string Period)>> IssueDueAsync(CancellationToken cancellationToken)
    {
        var issued = new List<(string, string)>();
        var now = time.GetUtcNow();
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var clients = await db.Contracts.AsNoTracking()
            .Join(db.Clients.AsNoTracking(), c => c.Client, c => c.Id, (contract, client) => new { client.Id, client.Created })
            .OrderBy(c => c.Id)
            .ToListAsync(cancellationToken);
        foreach (var client in clients)
        {
            if (await ContractsApi.ContractAsync(db, client.Id, cancellationToken) is not { } contract)
            {
                continue;
            }

            var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now - settings.Value.Reports.IssueAfter, contract.TimeZone).DateTime);
            var period = ReportingPeriod.LastEnded(contract.Reporting, today);
            var label = period.Label;
            if (ReportIntervals.LocalMidnight(period.End, contract.TimeZone) <= client.Created
                || await db.IssuedReports.AnyAsync(r => r.Client == client.Id && r.Period == label, cancellationToken))
            {
                continue;
            }

            var (report, refusal) = await MonthlyReports.BuildAsync(ReportCommand.Staff, db, time, client.Id, period, cancellationToken);
            if (report is null)
            {
                throw new InvalidOperationException($"The {label} report of client {client.Id} was refused: {ReportCommand.Describe(refusal)}");
            }

            db.IssuedReports.Add(new IssuedReport
            {
                Client = client.Id,
                Period = label,
                From = report.From,
                To = report.To,
                Issued = report.Generated,
                Json = JsonSerializer.Serialize(report, json.Value.SerializerOptions),
                Html = MonthlyReportHtml.Render(report),
                Pdf = MonthlyReportPdf.Render(report),
            });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // Another check (or node) issued it first: one issued report per period is the point.
                db.ChangeTracker.Clear();
                continue;
            }

            await audit.RecordAsync(Actor, "client.report.issued", $"client/{client.Id}/reports/{label}", client.Id, $"{contract.Reporting} report");
            issued.Add((client.Id, label));
        }

        return issued;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Issuing scheduled client reports failed; the next check tries again.")]
    private static partial void LogIssueFailed(ILogger logger, Exception error);
}
