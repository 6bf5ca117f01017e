using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OpenTelemetry.Metrics;
using Microsoft.AspNetCore.DataProtection;
using Scalar.AspNetCore;
using Switchboard.Server.Agents;
using Switchboard.Server.Audit;
using Switchboard.Server.Callbacks;
using Switchboard.Server.ClientReports;
using Switchboard.Server.Chat;
using Switchboard.Server.Email;
using Switchboard.Server.Queues;
using Switchboard.Server.Realtime;
using Switchboard.Persistence;
using Switchboard.Server.RoutingDomains;
using Switchboard.Server.Security;
using Switchboard.Server.Web;

namespace Switchboard.Server.Hosting;

/// <summary>Builds the server: the composition of storage, routing domains, security, the API and telemetry.</summary>
internal static class ServerHost
{
    /// <summary>Creates the application. <paramref name="customize"/> lets tests swap the clock or the server.</summary>
    public static WebApplication Create(string[] args, Action<WebApplicationBuilder>? customize = null)
    {
        // The application's name is the executable's, whoever hosts it (tests do too): it names the static asset manifests.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory,
            ApplicationName = typeof(ServerHost).Assembly.GetName().Name,
        });
        // The screens' files come from the build's manifest when running from a build rather than a publish (the README's
        // `dotnet run`), in every environment; a publish carries them in wwwroot and this finds no manifest.
        Microsoft.AspNetCore.Hosting.StaticWebAssets.StaticWebAssetsLoader.UseStaticWebAssets(builder.Environment, builder.Configuration);
        var settings = builder.Configuration.GetSection("Switchboard").Get<ServerSettings>() ?? new ServerSettings();
        settings.Validate();
        builder.Services.Configure<ServerSettings>(builder.Configuration.GetSection("Switchboard"));
        builder.Services.Configure<SnapshotSettings>(builder.Configuration.GetSection("Switchboard:Routing"));
        builder.Services.AddSingleton(TimeProvider.System);
        // The request lines the host logs at Information carry query strings, and a browser's hub token travels in one.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning);
        customize?.Invoke(builder);

        builder.Services.AddSwitchboardStorage(settings);
        builder.Services.AddSingleton<EventFeed>();
        builder.Services.AddSingleton<RoutingDomainHost>();
        builder.Services.AddHostedService(provider => provider.GetRequiredService<RoutingDomainHost>());
        builder.Services.AddSwitchboardSecurity();
        builder.Services.AddSingleton<AuditTrail>();
        builder.Services.AddHostedService(provider => provider.GetRequiredService<AuditTrail>());
        builder.Services.AddSingleton<CallbackRetention>();
        builder.Services.AddHostedService(provider => provider.GetRequiredService<CallbackRetention>());
        builder.Services.AddSingleton<ScheduledReports>();
        builder.Services.AddHostedService(provider => provider.GetRequiredService<ScheduledReports>());
        builder.Services.AddSingleton<Complaints.ComplaintSurveyMail>();
        builder.Services.AddHostedService(provider => provider.GetRequiredService<Complaints.ComplaintSurveyMail>());
        builder.Services.AddSingleton<Complaints.ComplaintClocks>();
        builder.Services.AddHostedService(provider => provider.GetRequiredService<Complaints.ComplaintClocks>());
        builder.Services.AddSingleton<AgentDirectory>();
        builder.Services.AddSingleton<DirectoryChanges>();
        builder.Services.AddSingleton<QueueDirectory>();
        builder.Services.AddSingleton<Administration.AdminScreens>();
        builder.Services.AddSingleton<Contracts.ContractScreens>();
        builder.Services.AddSingleton<Complaints.ComplaintScreens>();
        builder.Services.AddSingleton<ContactDirectory>();
        builder.Services.AddSwitchboardRealtime();
        builder.Services.AddSwitchboardChat(builder.Configuration);
        builder.Services.AddSwitchboardEmail(builder.Configuration);
        builder.Services.AddSwitchboardWeb();
        builder.Services.AddSwitchboardRateLimits(builder.Configuration.GetSection("Switchboard:RateLimits").Get<RateLimitSettings>() ?? new RateLimitSettings());
        // Cookie and token-protection keys live with the data, so sign-ins survive a restart.
        builder.Services.AddDataProtection().SetApplicationName("switchboard")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(settings.DataFolder, "keys")));

        builder.Services.ConfigureHttpJsonOptions(options =>
        {
            options.SerializerOptions.Converters.Add(new JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase));
            options.SerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        });
        // Malformed bodies reach ProblemExceptionHandler, which says what was wrong and where (never a stack trace).
        builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<ProblemExceptionHandler>();
        builder.Services.AddValidation();
        builder.Services.AddOpenApi("v1");
        builder.Services.AddHealthChecks()
            .AddDbContextCheck<SwitchboardDb>("database", tags: ["ready"])
            .AddCheck<RoutingReadiness>("routing", tags: ["ready"]);
        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(ServerMetrics.FrameworkMeters)
            .AddMeter(ServerMetrics.MeterName)
            .AddPrometheusExporter());
        builder.Services.AddSingleton<ServerMetrics>();

        var app = builder.Build();
        var routing = app.Services.GetRequiredService<RoutingDomainHost>();
        app.Services.GetRequiredService<ServerMetrics>().ObserveQueues(
            () => routing.Started.SelectMany(d => d.QueueSizes.Select(q => (d.Id, q.Key, q.Value.Waiting, q.Value.LongestWaitingSince))),
            app.Services.GetRequiredService<TimeProvider>());
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseHsts();
        app.UseMiddleware<SecurityHeaders>();
        app.UseMiddleware<BodySizeLimit>();
        app.UseCors();
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseMiddleware<CsrfProtection>();
        app.UseMiddleware<OriginCheck>();
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapHealthChecks("/health", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") }).AllowAnonymous();
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.MapScalarApiReference("/reference", options => options.WithOpenApiRoutePattern("/openapi/{documentName}.json")).AllowAnonymous();
        app.MapPrometheusScrapingEndpoint("/metrics").AllowAnonymous();
        ServerApi.Map(app);
        RealtimeSetup.Map(app);
        app.MapSwitchboardWeb();
        ChatPage.Map(app);
        return app;
    }
}

/// <summary>Ready once every routing domain has been rebuilt from its log.</summary>
internal sealed class RoutingReadiness(RoutingDomainHost domains) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(domains.Ready ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("Routing domains are still loading."));
}
