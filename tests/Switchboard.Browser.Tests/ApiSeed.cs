using System.Net;

namespace Switchboard.Browser.Tests;

/// <summary>
/// Sets a centre up on a <see cref="LiveServer"/> through its real HTTP API with an administrator's API token, as an
/// administrator's script would: what the browser then shows came the way a centre's data comes.
/// </summary>
public sealed class ApiSeed : IDisposable
{
    private ApiSeed(HttpClient api) => Api = api;

    /// <summary>The administrator's client (bearer token, base address of the server).</summary>
    public HttpClient Api { get; }

    public static async Task<ApiSeed> AdministratorAsync(LiveServer server)
    {
        ArgumentNullException.ThrowIfNull(server);
        return new ApiSeed(await server.AdministratorApiAsync());
    }

    public Task ClientAsync(string id, string? domain = null) =>
        ExpectAsync(Api.PostAsJsonAsync("/api/clients", new { id, name = id.ToUpperInvariant(), routingDomain = domain }), HttpStatusCode.Created);

    /// <summary>A queue needing skill <c>general</c>, with the service-level target and threshold and abandonment limit given (none when null).</summary>
    public Task QueueAsync(string id, string client, string name, double? serviceLevelTarget = null, TimeSpan? serviceLevelThreshold = null, double? abandonmentLimit = null) =>
        ExpectAsync(Api.PostAsJsonAsync("/api/queues", new
        {
            id,
            client,
            name,
            settings = new
            {
                stages = new[] { new { after = "00:00:00", skills = new[] { new { skill = "general", minimum = 1 } } } },
                serviceLevelTarget,
                serviceLevelThreshold,
                abandonmentLimit,
            },
        }), HttpStatusCode.Created);

    public Task AgentAsync(string id, string domain, string name) =>
        ExpectAsync(Api.PostAsJsonAsync("/api/agents", new
        {
            id,
            routingDomain = domain,
            name,
            settings = new { skills = new[] { new { skill = "general", proficiency = 3 } }, languages = new[] { new { tag = "en", proficiency = 5 } } },
        }), HttpStatusCode.Created);

    public Task PresenceAsync(string agent, string presence, string? reason = null) =>
        ExpectAsync(Api.PutAsJsonAsync($"/api/agents/{agent}/presence", new { presence, reason }), HttpStatusCode.NoContent);

    /// <summary>A customer's contact in <paramref name="queue"/>; its public id.</summary>
    public async Task<Guid> ContactAsync(string queue)
    {
        var response = await ExpectAsync(Api.PostAsJsonAsync("/api/contacts", new { queue, language = "en" }), HttpStatusCode.Created);
        return (await response.Content.ReadFromJsonAsync<Created>())!.Id;
    }

    public Task AbandonAsync(Guid contact) => ExpectAsync(Api.PostAsync($"/api/contacts/{contact}/abandon", null), HttpStatusCode.NoContent);

    public void Dispose() => Api.Dispose();

    private static async Task<HttpResponseMessage> ExpectAsync(Task<HttpResponseMessage> sending, HttpStatusCode expected)
    {
        var response = await sending;
        Assert.True(response.StatusCode == expected, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return response;
    }

    private sealed record Created(Guid Id);
}
