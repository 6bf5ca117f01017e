using System.CommandLine;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Switchboard.Persistence.Security;
using Switchboard.Server.Security;

namespace Switchboard.Server.Hosting;

/// <summary><c>switchboard serve</c> (and <c>switchboard</c> alone): run the contact-centre server.</summary>
internal static class ServeCommand
{
    public static Option<string?> Urls { get; } = new("--urls") { Description = "Where to listen (default http://localhost:5000)." };

    public static Option<string?> Database { get; } = new("--database") { Description = "sqlite (default: a file in the data folder) or postgres." };

    public static Option<string?> ConnectionString { get; } = new("--connection-string") { Description = "The database connection string." };

    public static Option<string?> DataFolder { get; } = new("--data") { Description = "The data folder (default ./data)." };

    public static Command Create(TextWriter output, TextWriter error)
    {
        var command = new Command("serve", "Run the contact-centre server (the default command).") { Urls, Database, ConnectionString, DataFolder };
        command.SetAction((parse, cancellationToken) => RunAsync(ArgumentsFrom(parse), output, error, cancellationToken));
        return command;
    }

    /// <summary>Turns the command's options into configuration arguments (they win over appsettings and the environment).</summary>
    public static string[] ArgumentsFrom(ParseResult parse)
    {
        var args = new List<string>();
        if (parse.GetValue(Urls) is { } urls)
        {
            args.Add("--urls=" + urls);
        }

        if (parse.GetValue(Database) is { } database)
        {
            args.Add("--Switchboard:Database:Provider=" + database);
        }

        if (parse.GetValue(ConnectionString) is { } connection)
        {
            args.Add("--Switchboard:Database:ConnectionString=" + connection);
        }

        if (parse.GetValue(DataFolder) is { } data)
        {
            args.Add("--Switchboard:DataFolder=" + data);
        }

        return [.. args];
    }

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        WebApplication app;
        try
        {
            app = ServerHost.Create(args);
            await Storage.MigrateAsync(app.Services, cancellationToken);
        }
        catch (Exception failure) when (failure is InvalidOperationException or ArgumentException or System.Data.Common.DbException)
        {
            await error.WriteLineAsync($"switchboard: cannot start the server: {failure.Message}");
            return 1;
        }

        await using (app)
        {
            var firstSignIn = await BootstrapAsync(app.Services);
            await app.StartAsync(cancellationToken);
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            foreach (var address in addresses)
            {
                await output.WriteLineAsync($"Switchboard is listening on {address} (API reference: {address}/reference)");
            }

            if (firstSignIn is { } first)
            {
                await output.WriteLineAsync($"First start: sign in as {first.Email} with the password {first.Password} (shown once; change it).");
                await output.WriteLineAsync("Or make your own: switchboard admin create-user --email E --password P --role administrator");
            }

            await app.WaitForShutdownAsync(cancellationToken);
        }

        return 0;
    }

    /// <summary>On the very first start (no users at all), creates an administrator with a random password.</summary>
    private static async Task<(string Email, string Password)?> BootstrapAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<SwitchboardUser>>();
        // Named in full: .NET 10's System.Linq.AsyncEnumerable also offers an AnyAsync here.
        if (await EntityFrameworkQueryableExtensions.AnyAsync(users.Users))
        {
            return null;
        }

        await Accounts.EnsureRolesAsync(scope.ServiceProvider);
        var password = Convert.ToBase64String(RandomNumberGenerator.GetBytes(15)).Replace('+', 'x').Replace('/', 'y');
        const string email = "admin@switchboard.local";
        var created = await Accounts.CreateUserAsync(scope.ServiceProvider, email, password, [Roles.Administrator], client: null, agent: null);
        return created.Succeeded ? (email, password) : null;
    }
}
