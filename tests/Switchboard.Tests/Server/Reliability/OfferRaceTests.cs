using System.Net;
using System.Text.Json;

namespace Switchboard.Tests.Server.Reliability;

/// <summary>Issue 4, section 5: 50 simultaneous accepts of one offer, 1,000 times: exactly one wins each time.</summary>
public class OfferRaceTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task FiftySimultaneousAccepts_ThousandOffers_ExactlyOneWinsEachTime(string provider)
    {
        // The race is the subject, not the per-user rate limit: one agent's 50,000 answers in well under a minute
        // (a real clock refills the limiter) would otherwise be refused with 429 once the server is fast enough.
        await using var app = await TestApp.StartAsync(provider, configuration: ["--Switchboard:RateLimits:RequestsPerSecond=1000000"]);
        var admin = await app.AdministratorAsync();
        await Seed.ClientAsync(admin, "acme");
        await Seed.QueueAsync(admin, "billing", "acme");
        await Seed.AgentAsync(admin, "ann", "acme");
        var token = await app.TokenAsync("ann@test.example", ["agent"], agent: "ann");
        var agents = Enumerable.Range(0, 50).Select(_ => app.Client(token)).ToArray();
        var outcomes = new List<(int Winners, int Conflicts)>();

        for (var round = 0; round < 1000; round++)
        {
            var created = await (await admin.PostAsJsonAsync("/api/contacts", new { queue = "billing", language = "en" })).Content.ReadFromJsonAsync<JsonElement>();
            var offer = created.GetProperty("offer").GetProperty("id").GetInt64();
            using var start = new ManualResetEventSlim();
            var answers = await Task.WhenAll(agents.Select(client => Task.Run(async () =>
            {
                start.Wait();
                return (await client.PostAsync($"/api/agents/ann/offers/{offer}/accept", null)).StatusCode;
            })).ToArray().Also(start.Set));
            outcomes.Add((answers.Count(s => s == HttpStatusCode.OK), answers.Count(s => s == HttpStatusCode.Conflict)));
            var id = created.GetProperty("id").GetString();
            Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync($"/api/contacts/{id}/end", null)).StatusCode);
            Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsJsonAsync($"/api/contacts/{id}/wrap-up", new { disposition = "resolved" })).StatusCode);
        }

        Assert.All(outcomes, o => Assert.Equal((1, 49), o));
    }
}

internal static class TaskArrays
{
    /// <summary>Runs <paramref name="then"/> once every task has been started, so they all wait on the same gate.</summary>
    public static Task<T>[] Also<T>(this Task<T>[] tasks, Action then)
    {
        then();
        return tasks;
    }
}
