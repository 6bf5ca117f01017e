using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Switchboard.Persistence.Security;
using Switchboard.Server.Administration;
using Switchboard.Server.Audit;

namespace Switchboard.Server.Contracts;

/// <summary>
/// What the contract screen does, through the same handlers as <c>/api/clients/{id}/contract</c> and
/// <c>/information</c>: the same validation, refusals, versions and audit. Each call gets a DI scope of its own and
/// the user's data scope, so a client viewer reaches only its own client, as over HTTP.
/// </summary>
internal sealed class ContractScreens(IServiceScopeFactory scopes)
{
    /// <summary>The client's contract, null when it has none yet; or the refusal (no such client, for this user).</summary>
    public async Task<(ContractsApi.ContractView? Contract, string? Problem)> ContractAsync(ClaimsPrincipal user, string client)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = AdminScreens.Db(scope.ServiceProvider, user);
        if (!await db.Clients.AnyAsync(c => c.Id == client))
        {
            return (null, $"No client '{client}'.");
        }

        // The client exists, so a refusal here is the handler's 404 for a client with no contract yet.
        return (AdminOutcome.From<ContractsApi.ContractView>((await ContractsApi.Get(client, db, CancellationToken.None)).Result).Value, null);
    }

    /// <summary>Sets the contract the form edited (administrators only, as <c>PUT</c>); the draft takes the new version.</summary>
    public async Task<AdminOutcome> SaveContractAsync(ClaimsPrincipal user, ContractDraft draft)
    {
        if (!user.IsInRole(Roles.Administrator))
        {
            return AdminOutcome.Refused<ContractsApi.ContractView>(AdminOutcome.NotAdministrator);
        }

        var (request, errors) = draft.ToRequest();
        if (request is null)
        {
            return AdminOutcome.Invalid<ContractsApi.ContractView>(errors);
        }

        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        if (await AdminScreens.ValidateAsync(request, services) is { Count: > 0 } invalid)
        {
            return AdminOutcome.Invalid<ContractsApi.ContractView>(invalid);
        }

        var outcome = AdminOutcome.From<ContractsApi.ContractView>((await ContractsApi.Put(
            draft.Client, request, user, AdminScreens.Db(services, user), services.GetRequiredService<TimeProvider>(), services.GetRequiredService<AuditTrail>(),
            services.GetRequiredService<Wallboard.WallboardFeed>(), services.GetRequiredService<Queues.QueueDirectory>(), CancellationToken.None)).Result);
        if (outcome.Value is { } saved)
        {
            draft.Version = saved.Version;
        }

        return outcome;
    }

    /// <summary>The information the client supplied, each judged on time or late (empty when the client is not the user's to see).</summary>
    public async Task<IReadOnlyList<ContractsApi.InformationView>> InformationAsync(ClaimsPrincipal user, string client)
    {
        await using var scope = scopes.CreateAsyncScope();
        return AdminOutcome.From<ContractsApi.InformationView[]>((await ContractsApi.Information(client, AdminScreens.Db(scope.ServiceProvider, user), CancellationToken.None)).Result).Value ?? [];
    }

    /// <summary>Records information the client supplied now, effective at the local date's midnight in the contract's zone
    /// (UTC without a contract); supervisors and the client's own viewers may, as the API's policy says.</summary>
    public async Task<AdminOutcome> SupplyInformationAsync(ClaimsPrincipal user, string client, InformationDraft draft)
    {
        if (!(user.IsInRole(Roles.Administrator) || user.IsInRole(Roles.Supervisor) || user.IsInRole(Roles.ClientViewer)))
        {
            return AdminOutcome.Refused<ContractsApi.InformationView>("Only the centre's supervisors and the client's viewers may record what the client supplied.");
        }

        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = AdminScreens.Db(services, user);
        var zone = (await ContractsApi.ContractAsync(db, client, CancellationToken.None))?.TimeZone ?? TimeZoneInfo.Utc;
        var (request, errors) = draft.ToRequest(zone);
        if (request is null)
        {
            return AdminOutcome.Invalid<ContractsApi.InformationView>(errors);
        }

        if (await AdminScreens.ValidateAsync(request, services) is { Count: > 0 } invalid)
        {
            return AdminOutcome.Invalid<ContractsApi.InformationView>(invalid);
        }

        return AdminOutcome.From<ContractsApi.InformationView>((await ContractsApi.Supply(
            client, request, user, db, services.GetRequiredService<TimeProvider>(), services.GetRequiredService<AuditTrail>(), CancellationToken.None)).Result);
    }
}
