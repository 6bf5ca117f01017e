using System.Net;

namespace Switchboard.Browser.Tests;

/// <summary>Client contracts set through the real API (<c>PUT /api/clients/{id}/contract</c>), beside <see cref="ApiSeed"/>.</summary>
public static class ContractSeed
{
    /// <summary>A first contract for <paramref name="client"/> in <paramref name="timeZone"/>, with targets as (KPI, value as
    /// the API takes it, effective from yyyy-MM-dd), measured with each KPI's latest method.</summary>
    public static async Task ContractAsync(this ApiSeed seed, string client, string timeZone, params (string Kpi, double Target, string EffectiveFrom)[] targets)
    {
        ArgumentNullException.ThrowIfNull(seed);
        var response = await seed.Api.PutAsJsonAsync($"/api/clients/{client}/contract", new
        {
            contract = new
            {
                timeZone,
                channels = new[] { "voice" },
                languages = new[] { "en" },
                targets = targets.Select(t => new { kpi = t.Kpi, target = t.Target, effectiveFrom = t.EffectiveFrom }).ToArray(),
                reporting = "monthly",
                duties = Array.Empty<object>(),
            },
            version = 0,
        });
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }
}
