using System.Text.Json;
using System.Text.Json.Serialization;
using Switchboard.Server.Security;
using Switchboard.Server.Wallboard;

namespace Switchboard.Server.Realtime;

/// <summary>Registers and maps the live hubs and the dispatcher that feeds them.</summary>
internal static class RealtimeSetup
{
    public static IServiceCollection AddSwitchboardRealtime(this IServiceCollection services)
    {
        // Enums travel as camelCase names, as in the HTTP API.
        services.AddSignalR().AddJsonProtocol(options =>
            options.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase)));
        services.AddSingleton<RealtimeDispatcher>();
        services.AddHostedService(provider => provider.GetRequiredService<RealtimeDispatcher>());
        services.AddSingleton<WallboardFeed>();
        services.AddHostedService(provider => provider.GetRequiredService<WallboardFeed>());
        return services;
    }

    public static void Map(WebApplication app)
    {
        app.MapHub<AgentHub>("/hubs/agent").RequireAuthorization(Policies.AgentWork);
        app.MapHub<SupervisorHub>("/hubs/supervisor").RequireAuthorization(Policies.Wallboard);
    }
}
