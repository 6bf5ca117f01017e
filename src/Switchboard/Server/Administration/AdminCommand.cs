using System.CommandLine;
using Microsoft.AspNetCore.Identity;
using Switchboard.Persistence.Security;
using Switchboard.Server.Audit;
using Switchboard.Server.Hosting;
using Switchboard.Server.Security;

namespace Switchboard.Server.Administration;

/// <summary><c>switchboard admin …</c>: bootstrap users and API tokens from the command line, before or while the
/// server runs (the database is created and migrated first, as <c>serve</c> would).</summary>
internal static class AdminCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var email = new Option<string>("--email") { Description = "The user's e-mail address (their sign-in name).", Required = true };
        var password = new Option<string>("--password") { Description = "At least 12 characters, with upper and lower case letters and a digit.", Required = true };
        var role = new Option<string[]>("--role") { Description = "A role: " + string.Join(", ", Roles.All) + ". Repeat for several.", Required = true, AllowMultipleArgumentsPerToken = true };
        var client = new Option<string?>("--client") { Description = "For a client viewer: the client whose data they see." };
        var agent = new Option<string?>("--agent") { Description = "For an agent: the agent id they work as." };
        var createUser = new Command("create-user", "Create a user with roles.")
        {
            email, password, role, client, agent, ServeCommand.Database, ServeCommand.ConnectionString, ServeCommand.DataFolder,
        };
        createUser.SetAction((parse, cancellationToken) => CreateUserAsync(
            ServeCommand.ArgumentsFrom(parse), parse.GetValue(email)!, parse.GetValue(password)!, parse.GetValue(role)!, parse.GetValue(client), parse.GetValue(agent), output, error,
            cancellationToken));

        var tokenEmail = new Option<string>("--email") { Description = "The user the token acts as.", Required = true };
        var name = new Option<string>("--name") { Description = "A name for the token (shown in the audit trail).", Required = true };
        var scope = new Option<string[]>("--scope") { Description = "Limit the token to these policies: " + string.Join(", ", Policies.All) + ". Default: all the user's rights.", AllowMultipleArgumentsPerToken = true };
        var createToken = new Command("create-token", "Create an API token for a user; prints the secret as the last line (it is not stored).")
        {
            tokenEmail, name, scope, ServeCommand.Database, ServeCommand.ConnectionString, ServeCommand.DataFolder,
        };
        createToken.SetAction((parse, cancellationToken) => CreateTokenAsync(
            ServeCommand.ArgumentsFrom(parse), parse.GetValue(tokenEmail)!, parse.GetValue(name)!, parse.GetValue(scope) ?? [], output, error, cancellationToken));

        return new Command("admin", "Administer users and API tokens.") { createUser, createToken };
    }

    private static async Task<int> CreateUserAsync(string[] args, string email, string password, string[] roles, string? client, string? agent, TextWriter output, TextWriter error,
        CancellationToken cancellationToken)
    {
        var unknown = roles.Where(r => !Roles.All.Contains(r, StringComparer.Ordinal)).ToList();
        if (unknown.Count > 0)
        {
            await error.WriteLineAsync($"switchboard: unknown role {string.Join(", ", unknown)}; roles are {string.Join(", ", Roles.All)}.");
            return 2;
        }

        if (roles.Contains(Roles.ClientViewer) && string.IsNullOrWhiteSpace(client))
        {
            await error.WriteLineAsync("switchboard: a client viewer needs --client.");
            return 2;
        }

        return await CommandHost.WithServicesAsync(args, error, async services =>
        {
            var result = await Accounts.CreateUserAsync(services, email, password, roles, client, agent);
            if (!result.Succeeded)
            {
                await error.WriteLineAsync("switchboard: " + string.Join(" ", result.Errors.Select(e => e.Description)));
                return 2;
            }

            await services.GetRequiredService<AuditTrail>().RecordAsync("command line", "user.created", "user/" + email, client, "roles " + string.Join(",", roles));
            await output.WriteLineAsync($"Created {email} ({string.Join(", ", roles)}).");
            return 0;
        }, cancellationToken);
    }

    private static async Task<int> CreateTokenAsync(string[] args, string email, string name, string[] scopes, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var unknown = scopes.Where(s => !Policies.All.Contains(s, StringComparer.Ordinal)).ToList();
        if (unknown.Count > 0)
        {
            await error.WriteLineAsync($"switchboard: unknown scope {string.Join(", ", unknown)}; scopes are {string.Join(", ", Policies.All)}.");
            return 2;
        }

        return await CommandHost.WithServicesAsync(args, error, async services =>
        {
            var users = services.GetRequiredService<UserManager<SwitchboardUser>>();
            var user = await users.FindByEmailAsync(email);
            if (user is null)
            {
                await error.WriteLineAsync($"switchboard: no user {email}.");
                return 2;
            }

            var (token, secret) = await services.GetRequiredService<ApiTokens>().CreateAsync(user.Id, name, scopes, expires: null, cancellationToken);
            await services.GetRequiredService<AuditTrail>().RecordAsync("command line", "token.created", "token/" + token.Id, null, $"for {email}, scopes '{token.Scopes}'");
            await output.WriteLineAsync($"Token '{token.Name}' for {email} (id {token.Id}). Keep the secret below: it is shown only once.");
            await output.WriteLineAsync(secret);
            return 0;
        }, cancellationToken);
    }
}
