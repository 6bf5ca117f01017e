using System.CommandLine;
using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Switchboard.Persistence;
using Switchboard.Persistence.Directory;
using Switchboard.Persistence.Events;
using Switchboard.Persistence.Security;
using Switchboard.Server.Audit;
using Switchboard.Server.Contracts;
using Switchboard.Server.Hosting;
using Switchboard.Server.Queues;
using Switchboard.Server.Wallboard;

namespace Switchboard.Server.Demo;

/// <summary>
/// <c>switchboard demo [--month 2026-11] [--seed N]</c>: fills a fresh install with the client <c>demo</c>, its
/// contract, queues and agents and a month of simulated history stored through the event log (issue #6, section 5),
/// so every screen and report has something to show. Refuses (exit 2) when the demo, or anything of its names, exists.
/// </summary>
internal static class DemoCommand
{
    /// <summary>The seed used when none is given: the same demo on every machine.</summary>
    public const int DefaultSeed = 2026;

    public static Command Create(TextWriter output, TextWriter error)
    {
        var month = new Option<string?>("--month") { Description = "The month to fill, such as 2026-11 (London dates). Default: the previous full month (UTC)." };
        var seed = new Option<int>("--seed") { Description = "Seed of every random draw (default 2026): the same seed gives the same history.", DefaultValueFactory = _ => DefaultSeed };
        // For tests and quick looks: only the month's first days.
        var days = new Option<int?>("--days") { Description = "Fill only the month's first N days.", Hidden = true };
        var command = new Command("demo", "Fill a fresh install with a demo client and a month of simulated history through the real engine and event log.")
        {
            month, seed, days, ServeCommand.Database, ServeCommand.ConnectionString, ServeCommand.DataFolder,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(
            ServeCommand.ArgumentsFrom(parse), parse.GetValue(month), parse.GetValue(seed), parse.GetValue(days), output, error, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(string[] args, string? monthText, int seed, int? dayCount, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        DateOnly? chosen = null;
        if (monthText is not null)
        {
            if (!DateTime.TryParseExact(monthText, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed) || parsed.Year < 2000)
            {
                await error.WriteLineAsync("switchboard: --month: A month, such as 2026-11.");
                return 2;
            }

            chosen = DateOnly.FromDateTime(parsed);
        }

        if (dayCount is < 1 or > 31)
        {
            await error.WriteLineAsync("switchboard: --days: between 1 and 31.");
            return 2;
        }

        return await CommandHost.WithServicesAsync(args, error, async services =>
        {
            var time = services.GetRequiredService<TimeProvider>();
            var now = time.GetUtcNow();
            var first = chosen ?? new DateOnly(now.Year, now.Month, 1).AddMonths(-1);
            var last = first.AddMonths(1);
            var dates = Enumerable.Range(0, last.DayNumber - first.DayNumber).Select(first.AddDays).Take(dayCount ?? 31).ToList();
            var db = services.GetRequiredService<SwitchboardDb>();
            if (await ExistingAsync(db, cancellationToken) is { } existing)
            {
                await error.WriteLineAsync($"switchboard: the demo needs a fresh install, but {existing} exists already; nothing was changed.");
                return 2;
            }

            await output.WriteLineAsync($"Simulating {DemoCentre.ClientName} ({DemoCentre.Client}) for {first:yyyy-MM}, {dates.Count} days, seed {seed}...");
            var history = new DemoHistory(
                services.GetRequiredService<IDbContextFactory<SwitchboardDb>>(), services.GetRequiredService<EventAppender>(),
                services.GetRequiredService<IOptions<ServerSettings>>().Value.Routing);
            var summary = await history.WriteAsync(dates, seed, (day, sofar) =>
                output.WriteLine($"  {day:yyyy-MM-dd}: {sofar.Contacts,7:N0} contacts, {sofar.Events,9:N0} events ({sofar.Elapsed.TotalSeconds:F1} s)"), cancellationToken);

            var monthStart = new DateTimeOffset(first.ToDateTime(TimeOnly.MinValue), DemoCentre.Zone.GetUtcOffset(first.ToDateTime(TimeOnly.MinValue))).ToUniversalTime();
            await DirectoryAsync(services, db, monthStart, cancellationToken);
            var refusal = await ContractAsync(services, db, first, monthStart, cancellationToken);
            if (refusal is not null)
            {
                await error.WriteLineAsync("switchboard: the demo contract was refused: " + refusal);
                return 1;
            }

            await services.GetRequiredService<AuditTrail>().RecordAsync(
                "command line", "demo.created", "client/" + DemoCentre.Client, DemoCentre.Client, $"{first:yyyy-MM}, {dates.Count} days, seed {seed}");
            await output.WriteLineAsync(
                $"Stored {summary.Contacts:N0} contacts, {summary.Events:N0} events, {summary.Surveys:N0} survey answers, {summary.Customers:N0} customer keys in {summary.Elapsed.TotalSeconds:F1} s.");
            await output.WriteLineAsync($"Now run 'switchboard serve' and sign in as a user made with 'switchboard admin create-user' (role supervisor or administrator); "
                + $"'switchboard report client --client {DemoCentre.Client} --month {first:yyyy-MM}' prints the month's report.");
            return 0;
        }, cancellationToken);
    }

    /// <summary>What of the demo's names is taken already, or null when the install is fresh enough for it.</summary>
    private static async Task<string?> ExistingAsync(SwitchboardDb db, CancellationToken cancellationToken)
    {
        if (await db.Clients.IgnoreQueryFilters().AnyAsync(c => c.Id == DemoCentre.Client || c.Domain == DemoCentre.Client, cancellationToken))
        {
            return $"client '{DemoCentre.Client}'";
        }

        if (await db.Events.AnyAsync(e => e.Domain == DemoCentre.Client, cancellationToken))
        {
            return $"the history of routing domain '{DemoCentre.Client}'";
        }

        var queues = DemoCentre.QueueNames.Select(q => q.Id).ToList();
        if (await db.Queues.IgnoreQueryFilters().Where(q => queues.Contains(q.Id)).Select(q => q.Id).FirstOrDefaultAsync(cancellationToken) is { } queue)
        {
            return $"queue '{queue}'";
        }

        var agents = DemoCentre.AgentIds.Select(a => a.Id).ToList();
        return await db.Agents.IgnoreQueryFilters().Where(a => agents.Contains(a.Id)).Select(a => a.Id).FirstOrDefaultAsync(cancellationToken) is { } agent
            ? $"agent '{agent}'"
            : null;
    }

    /// <summary>The client, queue and agent rows, as the administration API stores them, dated the month's start.</summary>
    private static async Task DirectoryAsync(IServiceProvider services, SwitchboardDb db, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var json = services.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        db.Clients.Add(new ClientRecord { Id = DemoCentre.Client, Name = DemoCentre.ClientName, Domain = DemoCentre.Client, Created = at, Version = 1 });
        foreach (var (id, name) in DemoCentre.QueueNames)
        {
            db.Queues.Add(new QueueRecord
            {
                Id = id,
                Client = DemoCentre.Client,
                Domain = DemoCentre.Client,
                Name = name,
                Definition = JsonSerializer.Serialize(DemoCentre.QueueSettingsOf(id), json),
                Created = at,
                Updated = at,
                Version = 1,
            });
        }

        foreach (var (id, team) in DemoCentre.AgentIds)
        {
            db.Agents.Add(new AgentRecord
            {
                Id = id,
                Domain = DemoCentre.Client,
                Name = $"{CultureInfo.InvariantCulture.TextInfo.ToTitleCase(team.Replace("demo-", "", StringComparison.Ordinal).Replace('-', ' '))} {id[^3..]}",
                Profile = JsonSerializer.Serialize(DemoCentre.AgentSettingsOf(team), json),
                Created = at,
                Updated = at,
                Version = 1,
            });
        }

        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
    }

    /// <summary>The contract and the information the client supplied, through the contracts API's own handlers (so they
    /// are checked, stored and audited as an administrator's would be) at the instants they happened.</summary>
    private static async Task<string?> ContractAsync(IServiceProvider services, SwitchboardDb db, DateOnly first, DateTimeOffset monthStart, CancellationToken cancellationToken)
    {
        var staff = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "command line"), new Claim(ClaimTypes.Role, Roles.Administrator)], "command-line"));
        var audit = services.GetRequiredService<AuditTrail>();
        var signed = new FixedClock(monthStart - TimeSpan.FromDays(30));
        var put = await ContractsApi.Put(
            DemoCentre.Client, new ContractsApi.PutContract(DemoCentre.Contract(first), 0), staff, db, signed, audit,
            services.GetRequiredService<WallboardFeed>(), services.GetRequiredService<QueueDirectory>(), cancellationToken);
        if (put.Result is not Ok<ContractsApi.ContractView>)
        {
            return Describe(put.Result);
        }

        foreach (var (supplied, effective, kind, summary) in DemoCentre.Information)
        {
            var created = await ContractsApi.Supply(
                DemoCentre.Client, new ContractsApi.SupplyInformation(kind, monthStart + effective, summary), staff, db,
                new FixedClock(monthStart + supplied), audit, cancellationToken);
            if (created.Result is not Created<ContractsApi.InformationView>)
            {
                return Describe(created.Result);
            }
        }

        return null;
    }

    private static string Describe(IResult refusal) => refusal switch
    {
        ValidationProblem invalid => string.Join(" ", invalid.ProblemDetails.Errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")),
        ProblemHttpResult problem => problem.ProblemDetails.Detail ?? problem.ProblemDetails.Title ?? "refused.",
        _ => "refused.",
    };

    /// <summary>A clock stopped at one instant: the contract and the supplied information are dated when they happened in
    /// the demo's month, not when the command runs.</summary>
    private sealed class FixedClock(DateTimeOffset at) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => at;
    }
}
