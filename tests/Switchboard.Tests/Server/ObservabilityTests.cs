using System.Net;
using System.Text.Json;

namespace Switchboard.Tests.Server;

public class ObservabilityTests
{
    [Fact]
    public async Task HealthAndReadiness_AnswerWithoutSigningIn()
    {
        await using var app = await TestApp.StartAsync();
        var anonymous = app.Client();

        var health = await anonymous.GetAsync("/health");
        var ready = await anonymous.GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
    }

    [Fact]
    public async Task Metrics_ShowStoredEventsAndQueueSizes()
    {
        await using var app = await TestApp.StartAsync();
        var admin = await app.AdministratorAsync();
        await Seed.ClientAsync(admin, "acme");
        await Seed.QueueAsync(admin, "billing", "acme");
        await admin.PostAsJsonAsync("/api/contacts", new { queue = "billing", language = "en" });
        await admin.PostAsJsonAsync("/api/contacts", new { queue = "billing", language = "en" });

        var metrics = await app.Client().GetStringAsync("/metrics");

        Assert.Contains("switchboard_routing_events_total", metrics, StringComparison.Ordinal);
        Assert.Matches("switchboard_queue_waiting[^\\n]*queue=\"billing\"[^\\n]*\\} 2", metrics);
    }

    [Fact]
    public async Task Metrics_ShowApiLatencyButNotTheFrameworksPerRequestCounters()
    {
        await using var app = await TestApp.StartAsync();
        var admin = await app.AdministratorAsync();
        await Seed.ClientAsync(admin, "acme");

        var metrics = await app.Client().GetStringAsync("/metrics");

        Assert.Matches("http_server_request_duration_seconds_count[^\\n]*http_route=\"/api/clients/?\"", metrics);
        Assert.DoesNotContain("aspnetcore_routing_match_attempts", metrics, StringComparison.Ordinal);
        Assert.DoesNotContain("aspnetcore_authorization_attempts", metrics, StringComparison.Ordinal);
        Assert.DoesNotContain("aspnetcore_rate_limiting", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenApiDocument_DescribesTheContactsApi()
    {
        await using var app = await TestApp.StartAsync();

        var document = await app.Client().GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        Assert.True(document.GetProperty("paths").TryGetProperty("/api/contacts", out _));
    }
}
