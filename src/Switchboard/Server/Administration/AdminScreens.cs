using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Validation;
using Switchboard.Persistence;
using Switchboard.Persistence.Security;
using Switchboard.Server.Agents;
using Switchboard.Server.Audit;
using Switchboard.Server.Clients;
using Switchboard.Server.Queues;
using Switchboard.Server.RoutingDomains;
using Switchboard.Server.Security;
using Switchboard.Server.Users;

namespace Switchboard.Server.Administration;

/// <summary>
/// What the administration screens do, through the same handlers as the API: each call checks the request against the
/// API's validation rules (the DataAnnotations the endpoint validates, same field names), then runs the handler, which
/// refuses, versions and audits exactly as over HTTP. Each call gets a DI scope of its own, so a long-lived circuit never
/// reads through a stale change tracker (which would hide another administrator's change from the version check).
/// </summary>
internal sealed class AdminScreens(IServiceScopeFactory scopes)
{
    public Task<AdminOutcome<ClientsApi.ClientView[]>> ClientsAsync(ClaimsPrincipal user) =>
        ReadAsync(user, async s => (await ClientsApi.List(Db(s, user), CancellationToken.None)).Value!);

    public Task<AdminOutcome<ClientsApi.ClientView>> CreateClientAsync(ClaimsPrincipal user, ClientsApi.CreateClient request) =>
        ChangeAsync<ClientsApi.ClientView>(user, request, async s => (await ClientsApi.Create(
            request, user, Db(s, user), s.GetRequiredService<RoutingDomainHost>(), s.GetRequiredService<TimeProvider>(), s.GetRequiredService<AuditTrail>(),
            CancellationToken.None)).Result);

    public Task<AdminOutcome<ClientsApi.ClientView>> RenameClientAsync(ClaimsPrincipal user, string id, ClientsApi.UpdateClient request) =>
        ChangeAsync<ClientsApi.ClientView>(user, request, async s => (await ClientsApi.Update(
            id, request, user, Db(s, user), s.GetRequiredService<AuditTrail>(), CancellationToken.None)).Result);

    public Task<AdminOutcome<QueuesApi.QueueView[]>> QueuesAsync(ClaimsPrincipal user, string? client = null) =>
        ReadAsync(user, async s => (await QueuesApi.List(Db(s, user), Json(s), s.GetRequiredService<TimeProvider>(), client, CancellationToken.None)).Value!);

    public Task<AdminOutcome<QueuesApi.QueueView>> CreateQueueAsync(ClaimsPrincipal user, QueuesApi.CreateQueue request) =>
        ChangeAsync<QueuesApi.QueueView>(user, request, async s => (await QueuesApi.Create(
            request, user, Db(s, user), s.GetRequiredService<RoutingDomainHost>(), s.GetRequiredService<TimeProvider>(), s.GetRequiredService<AuditTrail>(),
            Json(s), CancellationToken.None)).Result);

    public Task<AdminOutcome<QueuesApi.QueueView>> ChangeQueueAsync(ClaimsPrincipal user, string id, QueuesApi.UpdateQueue request) =>
        ChangeAsync<QueuesApi.QueueView>(user, request, async s => (await QueuesApi.Update(
            id, request, user, Db(s, user), s.GetRequiredService<RoutingDomainHost>(), s.GetRequiredService<DirectoryChanges>(),
            s.GetRequiredService<QueueDirectory>(), s.GetRequiredService<TimeProvider>(), s.GetRequiredService<AuditTrail>(), Json(s),
            CancellationToken.None)).Result);

    public Task<AdminOutcome<AgentsApi.AgentView[]>> AgentsAsync(ClaimsPrincipal user) =>
        ReadAsync(user, async s => (await AgentsApi.List(Db(s, user), Json(s), null, CancellationToken.None)).Value!);

    public Task<AdminOutcome<AgentsApi.AgentView>> CreateAgentAsync(ClaimsPrincipal user, AgentsApi.CreateAgent request) =>
        ChangeAsync<AgentsApi.AgentView>(user, request, async s => (await AgentsApi.Create(
            request, user, Db(s, user), s.GetRequiredService<RoutingDomainHost>(), s.GetRequiredService<TimeProvider>(), s.GetRequiredService<AuditTrail>(),
            Json(s), CancellationToken.None)).Result);

    public Task<AdminOutcome<AgentsApi.AgentView>> ChangeAgentAsync(ClaimsPrincipal user, string id, AgentsApi.UpdateAgent request) =>
        ChangeAsync<AgentsApi.AgentView>(user, request, async s => (await AgentsApi.Update(
            id, request, user, Db(s, user), s.GetRequiredService<RoutingDomainHost>(), s.GetRequiredService<DirectoryChanges>(),
            s.GetRequiredService<TimeProvider>(), s.GetRequiredService<AuditTrail>(), Json(s), CancellationToken.None)).Result);

    public Task<AdminOutcome<UsersApi.UserView[]>> UsersAsync(ClaimsPrincipal user) =>
        ReadAsync(user, async s => (await UsersApi.List(Users(s, user), CancellationToken.None)).Value!);

    public Task<AdminOutcome<UsersApi.UserView>> CreateUserAsync(ClaimsPrincipal user, UsersApi.CreateUser request) =>
        ChangeAsync<UsersApi.UserView>(user, request, async s => (await UsersApi.Create(
            request, user, s, Users(s, user), Db(s, user), s.GetRequiredService<AuditTrail>())).Result);

    public Task<AdminOutcome<UsersApi.UserView>> ChangeUserAsync(ClaimsPrincipal user, Guid id, UsersApi.UpdateUser request) =>
        ChangeAsync<UsersApi.UserView>(user, request, async s => (await UsersApi.Update(
            id, request, user, Users(s, user), Db(s, user), s.GetRequiredService<AuditTrail>(), s.GetRequiredService<ApiTokens>())).Result);

    /// <summary>Locks a user out (<paramref name="locked"/>) or lets them in again; audited as the API's lock and unlock.</summary>
    public Task<AdminOutcome<UsersApi.UserView>> LockUserAsync(ClaimsPrincipal user, Guid id, bool locked) =>
        ChangeAsync<UsersApi.UserView>(user, null, async s =>
        {
            var users = Users(s, user);
            var (audit, tokens) = (s.GetRequiredService<AuditTrail>(), s.GetRequiredService<ApiTokens>());
            return locked
                ? (await UsersApi.Lock(id, user, users, audit, tokens, s.GetRequiredService<TimeProvider>())).Result
                : (await UsersApi.Unlock(id, user, users, audit, tokens)).Result;
        });

    /// <summary>Creates or renames the client a form edited.</summary>
    public async Task<AdminOutcome> SaveClientAsync(ClaimsPrincipal user, ClientDraft draft) =>
        draft.IsNew ? await CreateClientAsync(user, draft.ToCreate()) : await RenameClientAsync(user, draft.Id, draft.ToUpdate());

    /// <summary>Creates or changes the queue a form edited (text that cannot be read is refused first, per field).</summary>
    public async Task<AdminOutcome> SaveQueueAsync(ClaimsPrincipal user, QueueDraft draft)
    {
        var (settings, errors) = draft.ToSettings();
        return settings is null ? AdminOutcome.Invalid<QueuesApi.QueueView>(errors)
            : draft.IsNew ? await CreateQueueAsync(user, new QueuesApi.CreateQueue(draft.Id.Trim(), draft.Client.Trim(), draft.Name, settings))
            : await ChangeQueueAsync(user, draft.Id, new QueuesApi.UpdateQueue(draft.Name, settings, draft.Version));
    }

    /// <summary>Creates or changes the agent a form edited.</summary>
    public async Task<AdminOutcome> SaveAgentAsync(ClaimsPrincipal user, AgentDraft draft)
    {
        var (settings, errors) = draft.ToSettings();
        return settings is null ? AdminOutcome.Invalid<AgentsApi.AgentView>(errors)
            : draft.IsNew ? await CreateAgentAsync(user, new AgentsApi.CreateAgent(draft.Id.Trim(), draft.RoutingDomain.Trim(), draft.Name, settings))
            : await ChangeAgentAsync(user, draft.Id, new AgentsApi.UpdateAgent(draft.Name, settings, draft.Version));
    }

    /// <summary>Creates the user a form edited, or changes their roles and links.</summary>
    public async Task<AdminOutcome> SaveUserAsync(ClaimsPrincipal user, UserDraft draft) =>
        draft.IsNew ? await CreateUserAsync(user, draft.ToCreate()) : await ChangeUserAsync(user, draft.Id, draft.ToUpdate());

    private async Task<AdminOutcome<T>> ReadAsync<T>(ClaimsPrincipal user, Func<IServiceProvider, Task<T>> read)
        where T : class
    {
        if (!user.IsInRole(Roles.Administrator))
        {
            return AdminOutcome.Refused<T>(AdminOutcome.NotAdministrator);
        }

        await using var scope = scopes.CreateAsyncScope();
        return AdminOutcome.Success(await read(scope.ServiceProvider));
    }

    private async Task<AdminOutcome<T>> ChangeAsync<T>(ClaimsPrincipal user, object? request, Func<IServiceProvider, Task<IResult>> change)
        where T : class
    {
        if (!user.IsInRole(Roles.Administrator))
        {
            return AdminOutcome.Refused<T>(AdminOutcome.NotAdministrator);
        }

        return await RunAsync<T>(scopes, request, change);
    }

    /// <summary>
    /// What every screen's change does once the user may make it: in a DI scope of its own, the endpoint's validation of
    /// <paramref name="request"/> (its 400 errors, keyed alike), then the endpoint's own handler, read as the HTTP
    /// client would read its answer.
    /// </summary>
    internal static async Task<AdminOutcome<T>> RunAsync<T>(IServiceScopeFactory scopes, object? request, Func<IServiceProvider, Task<IResult>> change)
        where T : class
    {
        await using var scope = scopes.CreateAsyncScope();
        if (request is not null && await ValidateAsync(request, scope.ServiceProvider) is { Count: > 0 } invalid)
        {
            return AdminOutcome.Invalid<T>(invalid);
        }

        return AdminOutcome.From<T>(await change(scope.ServiceProvider));
    }

    /// <summary>The errors the endpoint's validation (<c>AddValidation()</c>) would answer 400 with, keyed alike.</summary>
    // ASP0029: the validation resolver is marked experimental in .NET 10; it is the very code the endpoints run, so
    // the screens cannot drift from the API's rules. If it changes, this one method changes with it.
#pragma warning disable ASP0029
    internal static async Task<IReadOnlyDictionary<string, string[]>> ValidateAsync(object request, IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<ValidationOptions>>().Value;
        if (!options.TryGetValidatableTypeInfo(request.GetType(), out var info))
        {
            throw new InvalidOperationException($"{request.GetType().Name} is not a validated API request.");
        }

        var context = new ValidateContext { ValidationOptions = options, ValidationContext = new ValidationContext(request, services, null) };
        await info.ValidateAsync(request, context, CancellationToken.None);
        return context.ValidationErrors ?? new Dictionary<string, string[]>();
    }
#pragma warning restore ASP0029

    // A screen's context sees what its user may, as a request's does (an administrator: every client).
    internal static SwitchboardDb Db(IServiceProvider services, ClaimsPrincipal user)
    {
        var db = services.GetRequiredService<SwitchboardDb>();
        db.ScopeFrom(user.DataScope);
        return db;
    }

    private static UserManager<SwitchboardUser> Users(IServiceProvider services, ClaimsPrincipal user)
    {
        Db(services, user);
        return services.GetRequiredService<UserManager<SwitchboardUser>>();
    }

    private static IOptions<JsonOptions> Json(IServiceProvider services) => services.GetRequiredService<IOptions<JsonOptions>>();
}

/// <summary>
/// What a screen's call came to: success, or the API's refusal as errors per field (keys as in the API's 400 answer,
/// e.g. <c>settings.stages[0].after</c>, compared ignoring case) or one <see cref="Problem"/> in words.
/// <see cref="ChangedMeanwhile"/> is a 409: someone else changed it (or it exists), so the screen offers to reload.
/// </summary>
public abstract record AdminOutcome(IReadOnlyDictionary<string, string[]> Errors, string? Problem, bool ChangedMeanwhile)
{
    public const string NotAdministrator = "Only administrators may do this.";

    private static readonly IReadOnlyDictionary<string, string[]> None = new Dictionary<string, string[]>();

    public abstract bool Succeeded { get; }

    /// <summary>The messages for one field, joined for display; null when it has none.</summary>
    public string? ErrorOf(string field) => Errors.TryGetValue(field, out var messages) ? string.Join(" ", messages) : null;

    public static AdminOutcome<T> Success<T>(T value)
        where T : class => new(value, None, null, false);

    public static AdminOutcome<T> Invalid<T>(IReadOnlyDictionary<string, string[]> errors)
        where T : class => new(null, new Dictionary<string, string[]>(errors, StringComparer.OrdinalIgnoreCase), null, false);

    public static AdminOutcome<T> Refused<T>(string problem, bool changedMeanwhile = false)
        where T : class => new(null, None, problem, changedMeanwhile);

    /// <summary>Reads a handler's typed result as the HTTP client would read its response.</summary>
    public static AdminOutcome<T> From<T>(IResult result)
        where T : class => result switch
        {
            INestedHttpResult nested => From<T>(nested.Result),
            IValueHttpResult<T> { Value: { } value } => Success(value),
            ValidationProblem invalid => Invalid<T>(invalid.ProblemDetails.Errors.ToDictionary(e => e.Key, e => e.Value, StringComparer.OrdinalIgnoreCase)),
            ProblemHttpResult problem => Refused<T>(problem.ProblemDetails.Detail ?? problem.ProblemDetails.Title ?? "Refused.",
                problem.StatusCode == StatusCodes.Status409Conflict),
            _ => throw new InvalidOperationException($"Unexpected result {result.GetType().Name}."),
        };
}

/// <summary>An <see cref="AdminOutcome"/> with the handler's answer, <see cref="Value"/>, when it worked.</summary>
public sealed record AdminOutcome<T>(T? Value, IReadOnlyDictionary<string, string[]> Errors, string? Problem, bool ChangedMeanwhile)
    : AdminOutcome(Errors, Problem, ChangedMeanwhile)
    where T : class
{
    public override bool Succeeded => Value is not null;
}
