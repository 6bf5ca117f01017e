using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Switchboard.Persistence;
using Switchboard.Server.Administration;
using Switchboard.Server.Audit;
using Switchboard.Server.Security;
using Switchboard.ServiceLevels;

namespace Switchboard.Server.Complaints;

/// <summary>
/// What the complaint screens (the desk's "Register complaint", <c>/complaints</c>, <c>/complaints/{reference}</c>) do,
/// through the same handlers as <c>/api/complaints</c>: the same policies, validation (the endpoint's DataAnnotations,
/// same field names), decisions, refusals and audit. Each call gets a DI scope of its own and the user's data scope, so a
/// client viewer reaches only its own client's complaints, as over HTTP.
/// </summary>
internal sealed class ComplaintScreens(IServiceScopeFactory scopes, IAuthorizationService authorization)
{
    public const string MayNotRead = "You may not see complaints.";
    public const string MayNotWrite = "You may not register or handle complaints.";

    /// <summary>Registers a complaint, as <c>POST /api/complaints</c>.</summary>
    public Task<AdminOutcome<ComplaintsApi.ComplaintView>> RegisterAsync(ClaimsPrincipal user, ComplaintsApi.RegisterComplaint request) =>
        ChangeAsync(user, request, async s => (await ComplaintsApi.Register(
            request, user, AdminScreens.Db(s, user), s.GetRequiredService<TimeProvider>(), s.GetRequiredService<AuditTrail>(), CancellationToken.None)).Result);

    /// <summary>Takes one step of a complaint's handling, as <c>POST /api/complaints/{reference}/actions</c>.</summary>
    public Task<AdminOutcome<ComplaintsApi.ComplaintView>> ActAsync(ClaimsPrincipal user, string reference, ComplaintAction action) =>
        ChangeAsync(user, action, async s => (await ComplaintsApi.Act(
            reference, action, user, AdminScreens.Db(s, user), s.GetRequiredService<TimeProvider>(), s.GetRequiredService<AuditTrail>(),
            s.GetRequiredService<ComplaintSurveyMail>(), CancellationToken.None)).Result);

    /// <summary>The complaints the filters pick, as <c>GET /api/complaints</c> lists them (and audited so), each with its
    /// clocks read now; or the refusal.</summary>
    public async Task<(IReadOnlyList<ComplaintLine> Lines, string? Problem)> ListAsync(ClaimsPrincipal user, string? client, string? status, bool? open)
    {
        if (!await MayAsync(user, Policies.ComplaintsRead))
        {
            return ([], MayNotRead);
        }

        await using var scope = scopes.CreateAsyncScope();
        var s = scope.ServiceProvider;
        var db = AdminScreens.Db(s, user);
        var outcome = AdminOutcome.From<ComplaintsApi.ComplaintSummary[]>((await ComplaintsApi.List(db, client, status, open, CancellationToken.None)).Result);
        if (outcome.Value is not { } listed)
        {
            return ([], outcome.Problem ?? string.Join(" ", outcome.Errors.SelectMany(e => e.Value)));
        }

        var query = string.Join("&", new[] { ("client", client), ("status", status), ("open", open?.ToString().ToLowerInvariant()) }
            .Where(q => !string.IsNullOrEmpty(q.Item2)).Select(q => $"{q.Item1}={q.Item2}"));
        await s.GetRequiredService<AuditTrail>().RecordAsync(user, "complaint.list", "/api/complaints", user.DataScope().Client, query.Length == 0 ? null : "query ?" + query);
        var clocks = await ClocksAsync(db, listed, s.GetRequiredService<TimeProvider>().GetUtcNow());
        return ([.. listed.Select(c => new ComplaintLine(c, clocks[c.Reference]))], null);
    }

    /// <summary>The ids of the clients the user may see, for a filter.</summary>
    public async Task<IReadOnlyList<string>> ClientsAsync(ClaimsPrincipal user)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await AdminScreens.Db(scope.ServiceProvider, user).Clients.AsNoTracking().OrderBy(c => c.Id).Select(c => c.Id).ToListAsync();
    }

    // Each complaint's clocks rebuilt from its log and read at now, as its detail shows them (one client's calendar built once).
    private static async Task<Dictionary<string, ClockSummary>> ClocksAsync(SwitchboardDb db, IReadOnlyList<ComplaintsApi.ComplaintSummary> listed, DateTimeOffset now)
    {
        var references = listed.Select(c => c.Reference).ToList();
        var rows = await db.Complaints.AsNoTracking().Where(c => references.Contains(c.Reference)).ToListAsync();
        var logs = await ComplaintLog.LogsAsync(db, [.. rows.Select(r => r.Id)], CancellationToken.None);
        var clients = new Dictionary<string, (Switchboard.Calendars.BusinessCalendars Calendars, string? Calendar)>(StringComparer.Ordinal);
        var clocks = new Dictionary<string, ClockSummary>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            var (_, clock) = await ComplaintLog.RebuildAsync(db, row, logs[row.Id], clients, CancellationToken.None);
            var readings = new ClockReading[clock.Policy.Targets.Count];
            clock.Evaluate(now, readings, []);
            var running = readings.Where(r => r.Status == TargetStatus.Running && r.DueAt is not null).OrderBy(r => r.DueAt).Take(1).ToList();
            clocks[row.Reference] = new ClockSummary(
                running.Count == 0 ? null : running[0].DueAt, running.Count == 0 ? null : running[0].Remaining, readings.Any(r => r.Status == TargetStatus.Running && r.WarningsPassed > 0 && !r.Breached), readings.Any(r => r.Breached));
        }

        return clocks;
    }

    /// <summary>One complaint as <c>GET /api/complaints/{reference}</c> shows it (and audited so), with the steps its
    /// state allows now; or the refusal.</summary>
    public async Task<(ComplaintsApi.ComplaintView? View, AllowedSteps Steps, string? Problem)> ReadAsync(ClaimsPrincipal user, string reference)
    {
        var none = new AllowedSteps([], []);
        if (!await MayAsync(user, Policies.ComplaintsRead))
        {
            return (null, none, MayNotRead);
        }

        await using var scope = scopes.CreateAsyncScope();
        var s = scope.ServiceProvider;
        var now = s.GetRequiredService<TimeProvider>().GetUtcNow();
        if (await ComplaintsApi.ReadAsync(reference, AdminScreens.Db(s, user), now, CancellationToken.None) is not { } read)
        {
            return (null, none, $"No complaint '{reference}'.");
        }

        await s.GetRequiredService<AuditTrail>().RecordAsync(user, "complaint.read", "/api/complaints/" + read.View.Reference, user.DataScope().Client);
        var steps = await MayAsync(user, Policies.ComplaintsWrite) ? ComplaintLog.Allowed(read.Complaint, now) : none;
        return (read.View, steps, null);
    }

    /// <summary>Whether the user may read complaints and this one is within their data scope (not an audited read: it
    /// says only that the reference exists for them).</summary>
    public async Task<bool> VisibleAsync(ClaimsPrincipal user, string reference)
    {
        if (!await MayAsync(user, Policies.ComplaintsRead))
        {
            return false;
        }

        if (!Switchboard.Complaints.ComplaintReference.TryParse(reference, out var parsed))
        {
            return false;
        }

        await using var scope = scopes.CreateAsyncScope();
        return await AdminScreens.Db(scope.ServiceProvider, user).Complaints.AsNoTracking().AnyAsync(c => c.Id == parsed.Number);
    }

    /// <summary>The root-cause trend, as <c>GET /api/complaints/root-causes</c>.</summary>
    public async Task<AdminOutcome<RootCauseTrend>> TrendAsync(ClaimsPrincipal user, string? client, DateOnly from, DateOnly to, string interval)
    {
        if (!await MayAsync(user, Policies.ComplaintsRead))
        {
            return AdminOutcome.Refused<RootCauseTrend>(MayNotRead);
        }

        await using var scope = scopes.CreateAsyncScope();
        var day = System.Globalization.CultureInfo.InvariantCulture;
        return AdminOutcome.From<RootCauseTrend>((await RootCauseTrend.Read(
            client, from.ToString("yyyy-MM-dd", day), to.ToString("yyyy-MM-dd", day), interval, AdminScreens.Db(scope.ServiceProvider, user), CancellationToken.None)).Result);
    }

    /// <summary>Whether <paramref name="user"/> holds the policy the endpoint requires.</summary>
    public async Task<bool> MayAsync(ClaimsPrincipal user, string policy) => (await authorization.AuthorizeAsync(user, policy)).Succeeded;

    private async Task<AdminOutcome<ComplaintsApi.ComplaintView>> ChangeAsync(ClaimsPrincipal user, object request, Func<IServiceProvider, Task<IResult>> change)
    {
        if (!await MayAsync(user, Policies.ComplaintsWrite))
        {
            return AdminOutcome.Refused<ComplaintsApi.ComplaintView>(MayNotWrite);
        }

        return await AdminScreens.RunAsync<ComplaintsApi.ComplaintView>(scopes, request, change);
    }
}

/// <summary>A complaint's clocks read now, for a list: the earliest deadline of a running target and the time left to it
/// (negative when passed), whether a running target passed a pre-breach warning, and whether any target is breached.</summary>
internal sealed record ClockSummary(DateTimeOffset? NextDue, TimeSpan? Remaining, bool AtRisk, bool Breached);

/// <summary>A line of the complaints list: the complaint as the API lists it and its clocks.</summary>
internal sealed record ComplaintLine(ComplaintsApi.ComplaintSummary Complaint, ClockSummary Clock);
