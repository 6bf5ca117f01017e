using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Switchboard.Server.Administration;
using Switchboard.Server.Audit;
using Switchboard.Server.Security;

namespace Switchboard.Server.Email;

/// <summary>
/// What the agent desk's case panel does, through the same handlers as <c>/api/cases</c>: the same policies,
/// validation, decisions, refusals and audit, each call in a DI scope of its own with the user's data scope.
/// </summary>
internal sealed class CaseScreens(IServiceScopeFactory scopes, IAuthorizationService authorization)
{
    public const string MayNotRead = "You may not see cases.";
    public const string MayNotWrite = "You may not answer or change cases.";

    /// <summary>The case a routed email contact brought (the latest contact a case was routed with), or null.</summary>
    public async Task<Guid?> CaseOfAsync(ClaimsPrincipal user, Guid contact)
    {
        if (!await MayAsync(user, Policies.ContactsRead))
        {
            return null;
        }

        await using var scope = scopes.CreateAsyncScope();
        return await AdminScreens.Db(scope.ServiceProvider, user).Cases.AsNoTracking().Where(c => c.Contact == contact).Select(c => (Guid?)c.Id).SingleOrDefaultAsync();
    }

    /// <summary>Cases as <c>GET /api/cases</c> lists them (and audited so), newest first.</summary>
    public async Task<AdminOutcome<CasesApi.CaseSummary[]>> ListAsync(ClaimsPrincipal user, string? client, string? status, string? owner, bool? breached)
    {
        if (!await MayAsync(user, Policies.ContactsRead))
        {
            return AdminOutcome.Refused<CasesApi.CaseSummary[]>(MayNotRead);
        }

        await using var scope = scopes.CreateAsyncScope();
        var s = scope.ServiceProvider;
        var outcome = AdminOutcome.From<CasesApi.CaseSummary[]>((await CasesApi.List(AdminScreens.Db(s, user), client, status, owner, breached, null, CancellationToken.None)).Result);
        if (outcome.Succeeded)
        {
            var query = string.Join("&", new[] { ("client", client), ("status", status), ("owner", owner), ("breached", breached?.ToString().ToLowerInvariant()) }
                .Where(q => !string.IsNullOrEmpty(q.Item2)).Select(q => $"{q.Item1}={q.Item2}"));
            await s.GetRequiredService<AuditTrail>().RecordAsync(user, "case.list", "/api/cases", user.DataScope().Client, query.Length == 0 ? null : "query ?" + query);
        }

        return outcome;
    }

    /// <summary>A case with its messages, clocks and log, as <c>GET /api/cases/{id}</c> shows it (and audited so).</summary>
    public async Task<AdminOutcome<CasesApi.CaseView>> ReadAsync(ClaimsPrincipal user, Guid id)
    {
        if (!await MayAsync(user, Policies.ContactsRead))
        {
            return AdminOutcome.Refused<CasesApi.CaseView>(MayNotRead);
        }

        await using var scope = scopes.CreateAsyncScope();
        var s = scope.ServiceProvider;
        var outcome = AdminOutcome.From<CasesApi.CaseView>((await CasesApi.Get(id, AdminScreens.Db(s, user), s.GetRequiredService<TimeProvider>(), CancellationToken.None)).Result);
        if (outcome.Succeeded)
        {
            await s.GetRequiredService<AuditTrail>().RecordAsync(user, "case.read", "/api/cases/" + id, user.DataScope().Client);
        }

        return outcome;
    }

    /// <summary>Sends the agent's answer to the customer, as <c>POST /api/cases/{id}/replies</c>.</summary>
    public Task<AdminOutcome<CasesApi.MessageView>> ReplyAsync(ClaimsPrincipal user, Guid id, CasesApi.ReplyRequest request) =>
        ChangeAsync<CasesApi.MessageView>(user, request, async s => (await CasesApi.Reply(
            id, request, user, AdminScreens.Db(s, user), s.GetRequiredService<CaseMail>(), s.GetRequiredService<MailIntake>(), s.GetRequiredService<TimeProvider>(), CancellationToken.None)).Result);

    /// <summary>Takes a step on the case (note, solve, …), as <c>POST /api/cases/{id}/actions</c>.</summary>
    public Task<AdminOutcome<CasesApi.CaseView>> ActAsync(ClaimsPrincipal user, Guid id, CasesApi.CaseAction action) =>
        ChangeAsync<CasesApi.CaseView>(user, action, async s => (await CasesApi.Act(
            id, action, user, AdminScreens.Db(s, user), s.GetRequiredService<MailIntake>(), s.GetRequiredService<TimeProvider>(), s.GetRequiredService<AuditTrail>(), CancellationToken.None)).Result);

    private async Task<bool> MayAsync(ClaimsPrincipal user, string policy) => (await authorization.AuthorizeAsync(user, policy)).Succeeded;

    private async Task<AdminOutcome<T>> ChangeAsync<T>(ClaimsPrincipal user, object request, Func<IServiceProvider, Task<IResult>> change)
        where T : class
    {
        if (!await MayAsync(user, Policies.ContactsWrite))
        {
            return AdminOutcome.Refused<T>(MayNotWrite);
        }

        return await AdminScreens.RunAsync<T>(scopes, request, change);
    }
}
