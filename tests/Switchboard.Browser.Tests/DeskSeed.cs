namespace Switchboard.Browser.Tests;

/// <summary>Sets a centre up on a <see cref="LiveServer"/> through its real API with an administrator's token, as an
/// administrator's script would: clients, queues, agents, and contacts arriving.</summary>
public sealed class DeskSeed(HttpClient api)
{
    /// <summary>The administrator's API client (bearer token), for anything the helpers do not cover.</summary>
    public HttpClient Api { get; } = api;

    public static async Task<DeskSeed> AdministratorAsync(LiveServer server) => new(await server.AdministratorApiAsync());

    /// <summary>A client with one queue and one agent (<see cref="ClientQueueAndAgentAsync"/>), the agent's user
    /// (<c>{agent}@centre.example</c>) signed in on <paramref name="page"/> and landed on the desk.</summary>
    public static async Task<DeskSeed> AgentAtDeskAsync(LiveServer server, Microsoft.Playwright.IPage page, string client, string queue, string agent)
    {
        ArgumentNullException.ThrowIfNull(server);
        var seed = await AdministratorAsync(server);
        await seed.ClientQueueAndAgentAsync(client, queue, agent);
        await server.UserAsync($"{agent}@centre.example", [Switchboard.Persistence.Security.Roles.Agent], agent: agent);
        await LiveServer.SignInAsync(page, $"{agent}@centre.example", "/desk");
        return seed;
    }

    /// <summary>A client, one queue needing skill <c>general</c>, and an agent with that skill and English who may hold
    /// one call, three chats or five emails, offline.</summary>
    public async Task ClientQueueAndAgentAsync(string client, string queue, string agent)
    {
        await PostAsync("/api/clients", new { id = client, name = client.ToUpperInvariant() });
        await PostAsync("/api/queues", new
        {
            id = queue,
            client,
            name = queue,
            settings = new { stages = new[] { new { after = "00:00:00", skills = new[] { new { skill = "general", minimum = 1 } } } } },
        });
        await PostAsync("/api/agents", new
        {
            id = agent,
            routingDomain = client,
            name = agent,
            settings = new { skills = new[] { new { skill = "general", proficiency = 3 } }, languages = new[] { new { tag = "en", proficiency = 5 } }, capacity = new { voice = 1, chat = 3, email = 5 } },
        });
    }

    /// <summary>A contact arriving in <paramref name="queue"/>; returns its id.</summary>
    public async Task<Guid> ContactAsync(string queue, string channel, bool vulnerable = false)
    {
        var created = await PostAsync("/api/contacts", new { queue, language = "en", channel, vulnerableCustomer = vulnerable });
        return (await created.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("id").GetGuid();
    }

    private async Task<HttpResponseMessage> PostAsync(string path, object body)
    {
        var response = await Api.PostAsJsonAsync(path, body);
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return response;
    }
}
