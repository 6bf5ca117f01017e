using Switchboard.Server.Audit;

namespace Switchboard.Server.Hosting;

/// <summary>
/// For commands that work on the server's database without serving (<c>admin</c>, <c>report</c>): the host built from
/// the same settings, the database created and migrated as <c>serve</c> would, and only the audit trail running, so
/// what a command changes is audited like a change through the API.
/// </summary>
internal static class CommandHost
{
    public static async Task<int> WithServicesAsync(string[] args, TextWriter error, Func<IServiceProvider, Task<int>> action, CancellationToken cancellationToken)
    {
        WebApplication app;
        try
        {
            app = ServerHost.Create([.. args, "--Logging:LogLevel:Default=Warning"]);
            await Storage.MigrateAsync(app.Services, cancellationToken);
        }
        catch (Exception failure) when (failure is InvalidOperationException or ArgumentException or System.Data.Common.DbException)
        {
            await error.WriteLineAsync($"switchboard: cannot open the database: {failure.Message}");
            return 1;
        }

        await using (app)
        {
            var audit = app.Services.GetRequiredService<AuditTrail>();
            await audit.StartAsync(cancellationToken);
            try
            {
                await using var scope = app.Services.CreateAsyncScope();
                return await action(scope.ServiceProvider);
            }
            finally
            {
                await audit.StopAsync(CancellationToken.None);
            }
        }
    }
}
