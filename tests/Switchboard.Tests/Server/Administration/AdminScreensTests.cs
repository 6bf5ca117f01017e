using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Switchboard.Persistence;
using Switchboard.Persistence.Audit;
using Switchboard.Persistence.Security;
using Switchboard.Server.Administration;
using Switchboard.Server.Clients;

namespace Switchboard.Tests.Server.Administration;

/// <summary>The screens go through the API's handlers: the same validation (and field names), versions and audit.</summary>
public class AdminScreensTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task SaveClient_NewThenRenamed_IsAuditedTwice(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var screens = app.Services.GetRequiredService<AdminScreens>();

        var created = await screens.SaveClientAsync(Administrators.Administrator, new ClientDraft { Id = "acme", Name = "Acme" });
        var draft = ClientDraft.From((await screens.ClientsAsync(Administrators.Administrator)).Value!.Single());
        draft.Name = "Acme Ltd";
        var renamed = await screens.SaveClientAsync(Administrators.Administrator, draft);

        Assert.True(created.Succeeded);
        Assert.True(renamed.Succeeded);
        var trail = await TrailAsync(app);
        Assert.Contains(trail, e => e.Action == "client.created" && e.Resource == "client/acme" && e.Actor == "admin@centre.example");
        Assert.Contains(trail, e => e.Action == "client.changed" && e.Resource == "client/acme");
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task SaveClient_ChangedByAnotherSinceRead_SaysChangedMeanwhile(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var screens = app.Services.GetRequiredService<AdminScreens>();
        await screens.SaveClientAsync(Administrators.Administrator, new ClientDraft { Id = "acme", Name = "Acme" });
        var read = ClientDraft.From((await screens.ClientsAsync(Administrators.Administrator)).Value!.Single());
        var admin = await app.AdministratorAsync();
        (await admin.PutAsJsonAsync("/api/clients/acme", new { name = "Acme by API", version = 1 })).EnsureSuccessStatusCode();

        read.Name = "Acme by screen";
        var outcome = await screens.SaveClientAsync(Administrators.Administrator, read);

        Assert.False(outcome.Succeeded);
        Assert.True(outcome.ChangedMeanwhile);
        Assert.Equal("Acme by API", (await screens.ClientsAsync(Administrators.Administrator)).Value!.Single().Name);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task SaveQueue_BlankNameAndUnknownZone_GivesTheApisMessagesPerField(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var screens = app.Services.GetRequiredService<AdminScreens>();
        await screens.SaveClientAsync(Administrators.Administrator, new ClientDraft { Id = "acme", Name = "Acme" });
        var draft = new QueueDraft { Id = "billing", Client = "acme", Name = "", TimeZone = "Mars/Olympus", Stages = [new StageDraft { Skills = [new SkillNeedDraft { Skill = "billing" }] }] };

        var blankName = await screens.SaveQueueAsync(Administrators.Administrator, draft);
        draft.Name = "Billing";
        var badZone = await screens.SaveQueueAsync(Administrators.Administrator, draft);

        Assert.NotNull(blankName.ErrorOf("name"));
        Assert.Equal("An IANA time zone id, such as Europe/Paris.", badZone.ErrorOf("settings.openingHours.timeZone"));
        Assert.Empty((await screens.QueuesAsync(Administrators.Administrator)).Value!);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task SaveQueue_WithHoursAndAHoliday_IsStoredAsTheApiReadsItAndAudited(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var screens = app.Services.GetRequiredService<AdminScreens>();
        await screens.SaveClientAsync(Administrators.Administrator, new ClientDraft { Id = "acme", Name = "Acme" });
        var draft = new QueueDraft
        {
            Id = "billing", Client = "acme", Name = "Billing", TimeZone = "Europe/Paris",
            Stages = [new StageDraft { Skills = [new SkillNeedDraft { Skill = "billing", Minimum = 3 }] }, new StageDraft { After = "00:02:00", Skills = [new SkillNeedDraft { Skill = "billing", Minimum = 1 }] }],
            Weekly = [new WeeklyDraft { Day = DayOfWeek.Monday, From = "08:00", To = "18:00" }],
            Holidays = [new HolidayDraft { Date = "2026-12-25" }, new HolidayDraft { Date = "2026-12-24", Closed = false, Periods = [new PeriodDraft { From = "09:00", To = "12:00" }] }],
            ServiceLevelTargetPercent = 80, ServiceLevelThreshold = "00:00:20", CallbackOfferThreshold = "00:05:00",
        };

        var outcome = await screens.SaveQueueAsync(Administrators.Administrator, draft);

        Assert.True(outcome.Succeeded, string.Join("; ", outcome.Errors.SelectMany(e => e.Value)) + outcome.Problem);
        var admin = await app.AdministratorAsync();
        var queue = await admin.GetFromJsonAsync<JsonElement>("/api/queues/billing");
        var settings = queue.GetProperty("settings");
        Assert.Equal(3, settings.GetProperty("stages")[0].GetProperty("skills")[0].GetProperty("minimum").GetInt32());
        Assert.Equal(TimeSpan.FromMinutes(2), TimeSpan.Parse(settings.GetProperty("stages")[1].GetProperty("after").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(0.8, settings.GetProperty("serviceLevelTarget").GetDouble(), 6);
        Assert.Equal(2, settings.GetProperty("openingHours").GetProperty("holidays").GetArrayLength());
        Assert.Contains(await TrailAsync(app), e => e.Action == "queue.created" && e.Resource == "queue/billing" && e.Client == "acme");
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task SaveUser_ThenLock_IsAuditedAsTheApiDoes(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var screens = app.Services.GetRequiredService<AdminScreens>();
        var draft = new UserDraft { Email = "lead@centre.example", Password = "Lead-Password-123", Roles = [Roles.Supervisor] };

        var created = await screens.SaveUserAsync(Administrators.Administrator, draft);
        var user = (await screens.UsersAsync(Administrators.Administrator)).Value!.Single(u => u.Email == "lead@centre.example");
        var locked = await screens.LockUserAsync(Administrators.Administrator, user.Id, locked: true);

        Assert.True(created.Succeeded);
        Assert.NotNull(locked.Value!.LockedUntil);
        var trail = await TrailAsync(app);
        Assert.Contains(trail, e => e.Action == "user.created" && e.Resource == "user/" + user.Id);
        Assert.Contains(trail, e => e.Action == "user.locked" && e.Resource == "user/" + user.Id);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task AnyCall_ByASupervisor_IsRefusedAndChangesNothing(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var screens = app.Services.GetRequiredService<AdminScreens>();
        var supervisor = Administrators.Person("lead@centre.example", Roles.Supervisor);

        var outcome = await screens.SaveClientAsync(supervisor, new ClientDraft { Id = "acme", Name = "Acme" });

        Assert.Equal(AdminOutcome.NotAdministrator, outcome.Problem);
        Assert.Empty((await screens.ClientsAsync(Administrators.Administrator)).Value!);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ClientCreatedThroughTheApi_IsAuditedByTheSameHandler(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = await app.AdministratorAsync();

        (await admin.PostAsJsonAsync("/api/clients", new ClientsApi.CreateClient("acme", "Acme", null))).EnsureSuccessStatusCode();

        Assert.Contains(await TrailAsync(app), e => e.Action == "client.created" && e.Resource == "client/acme");
    }

    private static async Task<AuditEntry[]> TrailAsync(TestApp app)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<SwitchboardDb>>().CreateDbContextAsync();
        return await db.AuditEntries.AsNoTracking().OrderBy(e => e.Id).ToArrayAsync();
    }
}
