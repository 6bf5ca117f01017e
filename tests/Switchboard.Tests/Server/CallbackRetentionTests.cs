using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Switchboard.Persistence;
using Switchboard.Server.Callbacks;

namespace Switchboard.Tests.Server;

/// <summary>A callback's number is erased a set time after the callback finished, on the audit trail; a pending one keeps it.</summary>
public class CallbackRetentionTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Sweep_ThirtyDaysAfterACallbackFinished_ErasesItsNumberAndAuditsIt_ButAPendingOneKeepsIt(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = await app.AdministratorAsync();
        await Seed.ClientAsync(admin, "acme");
        await Seed.QueueAsync(admin, "billing", "acme");
        await Seed.AgentAsync(admin, "ann", "acme");
        // Completed: booked for now, offered to ann at once, answered and wrapped up.
        var completed = await BookAsync(admin, TestApp.Start, "+441632960001");
        var offer = completed.GetProperty("offer").GetProperty("id").GetInt64();
        var id = completed.GetProperty("id").GetString();
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/agents/ann/offers/{offer}/accept", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync($"/api/contacts/{id}/end", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsJsonAsync($"/api/contacts/{id}/wrap-up", new { disposition = "resolved" })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PutAsJsonAsync("/api/agents/ann/presence", new { presence = "offline" })).StatusCode);
        // Lapsed: nobody is there when its window (ending at 12:00 today) comes and goes.
        var lapsed = (await BookAsync(admin, TestApp.Start.AddHours(2), "+441632960002")).GetProperty("id").GetGuid();
        // Pending: booked for sixty days ahead.
        var pending = (await BookAsync(admin, TestApp.Start.AddDays(60), "+441632960003")).GetProperty("id").GetGuid();
        var retention = app.Services.GetRequiredService<CallbackRetention>();

        app.Time.Advance(TimeSpan.FromDays(29));
        await retention.SweptAsync(app.Time.GetUtcNow(), TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(20));
        var kept = await NumbersAsync(app);
        app.Time.Advance(TimeSpan.FromDays(2));
        await retention.SweptAsync(app.Time.GetUtcNow(), TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(20));
        var left = await NumbersAsync(app);
        string[] audited;
        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<SwitchboardDb>>().CreateDbContextAsync())
        {
            audited = [.. (await db.AuditEntries.Where(e => e.Action == "callback.customer.erased").ToListAsync())
                .Select(e => $"{e.Resource} {e.Actor} {e.Client}").Order(StringComparer.Ordinal)];
        }

        var lapsedState = (await admin.GetFromJsonAsync<JsonElement>($"/api/contacts/{lapsed}")).GetProperty("state").GetString();
        Assert.Equal(["+441632960001", "+441632960002", "+441632960003"], kept);
        Assert.Equal(["+441632960003"], left);
        Assert.Equal(
            new[] { $"contact/{id} {CallbackRetention.Actor} acme", $"contact/{lapsed} {CallbackRetention.Actor} acme" }.Order(StringComparer.Ordinal),
            audited);
        // Neither completed nor abandoned: erased because its window ended, whatever became of it.
        Assert.Equal("waiting", lapsedState);
        Assert.NotEqual(Guid.Empty, pending);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Sweep_WithARetentionOfOneDay_ErasesAfterOneDay(string provider)
    {
        await using var app = await TestApp.StartAsync(provider, configuration: ["--Switchboard:Retention:CallbackNumbers=1.00:00:00"]);
        var admin = await app.AdministratorAsync();
        await Seed.ClientAsync(admin, "acme");
        await Seed.QueueAsync(admin, "billing", "acme");
        await BookAsync(admin, TestApp.Start, "+441632960004");
        var retention = app.Services.GetRequiredService<CallbackRetention>();

        app.Time.Advance(TimeSpan.FromHours(23));
        await retention.SweptAsync(app.Time.GetUtcNow(), TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(20));
        var kept = await NumbersAsync(app);
        app.Time.Advance(TimeSpan.FromHours(2));
        await retention.SweptAsync(app.Time.GetUtcNow(), TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(20));
        var left = await NumbersAsync(app);

        // The window ended at 10:00 on the first day: still there at 08:00 the next, gone by 10:00.
        Assert.Equal(["+441632960004"], kept);
        Assert.Empty(left);
    }

    /// <summary>Books a one-hour callback window from <paramref name="from"/> with a number to call.</summary>
    private static async Task<JsonElement> BookAsync(HttpClient admin, DateTimeOffset from, string number)
    {
        var booked = await admin.PostAsJsonAsync("/api/callbacks", new { queue = "billing", language = "en", windowStart = from, windowEnd = from.AddHours(1), phoneNumber = number });
        Assert.True(booked.StatusCode == HttpStatusCode.Created, await booked.Content.ReadAsStringAsync());
        return await booked.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task<string[]> NumbersAsync(TestApp app)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<SwitchboardDb>>().CreateDbContextAsync();
        return [.. (await db.CallbackCustomers.Select(c => c.PhoneNumber!).ToListAsync()).Order(StringComparer.Ordinal)];
    }

}
