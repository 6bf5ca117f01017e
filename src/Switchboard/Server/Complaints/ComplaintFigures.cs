using Microsoft.EntityFrameworkCore;
using Switchboard.Complaints;
using Switchboard.Persistence;

namespace Switchboard.Server.Complaints;

/// <summary>
/// What complaints' logs show for a period [from, to): received (about the centre's own conduct, from vulnerable
/// customers), acknowledgements and final responses and how many came within their targets, escalations, breaches the
/// monitor recorded, closures (accepted by the customer) and their root causes, reopenings.
/// </summary>
internal sealed record ComplaintFigures(
    int Received, int AboutTheCentre, int Vulnerable, int Acknowledged, int AcknowledgedOnTime, int Responded, int RespondedOnTime,
    int Escalations, int Breaches, int Closed, int ClosedAccepted, int Reopened, IReadOnlyList<(string Cause, int Count)> RootCauses)
{
    private const int Batch = 500;

    /// <summary>
    /// Reads the figures from the logs of every complaint with an entry in the period (one client's, or all when
    /// <paramref name="client"/> is null). Whether a step came in time is read from the complaint's clock rebuilt from its
    /// whole log, as at <paramref name="now"/>.
    /// </summary>
    public static async Task<ComplaintFigures> ReadAsync(SwitchboardDb db, DateTimeOffset from, DateTimeOffset to, string? client, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var ids = await db.ComplaintEvents.AsNoTracking()
            .Where(e => e.At >= from && e.At < to && (client == null || e.Client == client))
            .Select(e => e.Complaint).Distinct().OrderBy(id => id).ToListAsync(cancellationToken);
        int received = 0, centre = 0, vulnerable = 0, acknowledged = 0, acknowledgedOnTime = 0, responded = 0, respondedOnTime = 0;
        int escalations = 0, breaches = 0, closed = 0, accepted = 0, reopened = 0;
        var causes = new Dictionary<string, int>(StringComparer.Ordinal);
        var clients = new Dictionary<string, (Switchboard.Calendars.BusinessCalendars Calendars, string? Calendar)>(StringComparer.Ordinal);
        foreach (var chunk in ids.Chunk(Batch))
        {
            var rows = await db.Complaints.AsNoTracking().Where(c => chunk.Contains(c.Id)).ToListAsync(cancellationToken);
            var logs = await ComplaintLog.LogsAsync(db, chunk, cancellationToken);
            foreach (var row in rows)
            {
                var log = logs[row.Id];
                var (complaint, clock) = await ComplaintLog.RebuildAsync(db, row, log, clients, cancellationToken);
                // A target met late reads as breached; a final response reopened and sent again is judged by its latest run.
                var acknowledgementLate = clock.Read(complaint.Profile.Acknowledgement.Id, now).Breached;
                var responseLate = clock.Read(complaint.Profile.FinalResponse.Id, now).Breached;
                foreach (var entry in log.Where(e => e.At >= from && e.At < to))
                {
                    switch (entry.Kind)
                    {
                        case ComplaintLog.Received:
                            received++;
                            centre += row.Category == ComplaintLog.Name(ComplaintCategory.CentreConduct) ? 1 : 0;
                            vulnerable += row.VulnerableCustomer ? 1 : 0;
                            break;
                        case "acknowledge":
                            acknowledged++;
                            acknowledgedOnTime += acknowledgementLate ? 0 : 1;
                            break;
                        case "send-response":
                            responded++;
                            respondedOnTime += responseLate ? 0 : 1;
                            break;
                        case "escalate":
                            escalations++;
                            break;
                        case ComplaintLog.Breached:
                            breaches++;
                            break;
                        case "close-accepted" or "close-unaccepted":
                            closed++;
                            accepted += entry.Kind == "close-accepted" ? 1 : 0;
                            var cause = System.Text.Json.JsonSerializer.Deserialize<ComplaintAction>(entry.Payload, ComplaintLog.Json)!.RootCause ?? "other";
                            causes[cause] = causes.GetValueOrDefault(cause) + 1;
                            break;
                        case "reopen":
                            reopened++;
                            break;
                    }
                }
            }
        }

        return new(received, centre, vulnerable, acknowledged, acknowledgedOnTime, responded, respondedOnTime, escalations, breaches, closed, accepted, reopened,
            [.. causes.OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal).Select(c => (c.Key, c.Value))]);
    }
}
