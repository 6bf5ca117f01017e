using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Switchboard.Calendars;
using Switchboard.Complaints;
using Switchboard.Contacts;
using Switchboard.Kpis;
using Switchboard.Persistence;
using Switchboard.Persistence.Complaints;
using Switchboard.ServiceLevels;

namespace Switchboard.Server.Complaints;

/// <summary>
/// Feeds the KPI catalogue's complaint KPIs: each complaint received in a report's period, rebuilt from its log on its
/// client's business hours as at the report's instant, becomes one <see cref="ComplaintFacts"/> for the core to count.
/// </summary>
internal static class ComplaintKpis
{
    private const int Batch = 500;

    /// <summary>Counts the complaints received in [<paramref name="from"/>, <paramref name="to"/>) (one client's, or all
    /// when <paramref name="client"/> is null) into <paramref name="builder"/>, as at <paramref name="now"/>.</summary>
    public static async Task AddAsync(SwitchboardDb db, KpiReportBuilder builder, DateTimeOffset from, DateTimeOffset to, string? client, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var ids = await db.Complaints.AsNoTracking()
            .Where(c => c.Received >= from && c.Received < to && (client == null || c.Client == client))
            .Select(c => c.Id).OrderBy(id => id).ToListAsync(cancellationToken);
        var clients = new Dictionary<string, (BusinessCalendars Calendars, string? Calendar)>(StringComparer.Ordinal);
        foreach (var chunk in ids.Chunk(Batch))
        {
            var rows = await db.Complaints.AsNoTracking().Where(c => chunk.Contains(c.Id)).ToListAsync(cancellationToken);
            var logs = await ComplaintLog.LogsAsync(db, chunk, cancellationToken);
            var invited = await db.SurveyInvitations.AsNoTracking().Where(i => i.Complaint != null && chunk.Contains(i.Complaint.Value))
                .Select(i => i.Complaint!.Value).ToListAsync(cancellationToken);
            var answers = await db.SurveyAnswers.AsNoTracking().Where(a => a.Complaint != null && chunk.Contains(a.Complaint.Value))
                .ToDictionaryAsync(a => a.Complaint!.Value, a => a.Satisfaction, cancellationToken);
            var raisedFrom = rows.ToDictionary(r => r.Id, r => FirstLinkedContact(logs[r.Id]));
            var contacts = raisedFrom.Values.OfType<Guid>().Distinct().ToList();
            var channels = await db.Contacts.AsNoTracking().Where(c => contacts.Contains(c.Id))
                .Select(c => new { c.Id, c.Channel }).ToDictionaryAsync(c => c.Id, c => (Channel)c.Channel, cancellationToken);
            foreach (var row in rows)
            {
                var log = logs[row.Id];
                var (complaint, clock) = await ComplaintLog.RebuildAsync(db, row, log, clients, cancellationToken);
                var (calendars, calendar) = clients[row.Client];
                builder.ApplyComplaint(Facts(row, log, complaint, clock, calendars.For(calendar), now) with
                {
                    Channel = raisedFrom[row.Id] is { } contact && channels.TryGetValue(contact, out var channel) ? channel : null,
                    SurveyInvited = invited.Contains(row.Id),
                    Satisfaction = answers.TryGetValue(row.Id, out var satisfaction) ? satisfaction : null,
                });
            }
        }
    }

    /// <summary>What the KPIs read of one complaint rebuilt from its log, as at <paramref name="now"/>; the time to the
    /// final response in the business time of <paramref name="hours"/>.</summary>
    public static ComplaintFacts Facts(ComplaintRecord row, IReadOnlyList<ComplaintEventRecord> log, Complaint complaint, ServiceClock clock, BusinessTimeline hours, DateTimeOffset now)
    {
        var firstResponse = log.FirstOrDefault(e => e.Kind == "send-response");
        return new ComplaintFacts
        {
            Client = row.Client,
            Received = complaint.ReceivedAt,
            AcknowledgedOnTime = OnTime(clock.Read(complaint.Profile.Acknowledgement.Id, now)),
            FinalResponseOnTime = OnTime(clock.Read(complaint.Profile.FinalResponse.Id, now)),
            TimeToFinalResponse = firstResponse is null ? null : hours.OpenTimeBetween(complaint.ReceivedAt, firstResponse.At),
            Escalated = log.Any(e => e.Kind == "escalate"),
            Closed = log.Any(e => e.Kind is "close-accepted" or "close-unaccepted"),
            Reopened = complaint.Reopens > 0,
        };
    }

    // Late once the due instant has passed, met or not; on time once met before it; undecided while it still runs in time.
    private static bool? OnTime(ClockReading reading) =>
        reading.Breached ? false : reading.Status == TargetStatus.Met ? true : null;

    private static Guid? FirstLinkedContact(List<ComplaintEventRecord> log) =>
        log.Count > 0 && log[0].Kind == ComplaintLog.Received
            ? JsonSerializer.Deserialize<ReceivedPayload>(log[0].Payload, ComplaintLog.Json)?.LinkedContacts is [var first, ..] ? first : null
            : null;
}
