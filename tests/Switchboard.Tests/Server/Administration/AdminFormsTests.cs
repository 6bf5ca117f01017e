using AngleSharp.Dom;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.EntityFrameworkCore;
using MudBlazor.Services;
using Switchboard.Persistence;
using Switchboard.Queues;
using Switchboard.Server.Administration;
using Switchboard.Server.Queues;

namespace Switchboard.Tests.Server.Administration;

/// <summary>The administration forms, rendered with bUnit and saving through the real screens of a real server: the
/// API's messages appear beside the field they name, and a valid form saves and says so.</summary>
public class AdminFormsTests
{
    [Fact]
    public async Task ClientForm_BlankName_ShowsTheApisMessageBesideTheName()
    {
        await using var app = await TestApp.StartAsync();
        await using var context = Context();
        var saved = false;
        var form = context.Render<ClientForm>(p => p
            .Add(f => f.Draft, new ClientDraft { Id = "acme", Name = "" })
            .Add(f => f.Save, d => Screens(app).SaveClientAsync(Administrators.Administrator, d))
            .Add(f => f.OnSaved, () => saved = true));

        await ClickAsync(form, "Save");

        form.WaitForAssertion(() => Assert.Contains("required", Field(form, "Name").TextContent, StringComparison.OrdinalIgnoreCase));
        Assert.False(saved);
        Assert.Empty((await Screens(app).ClientsAsync(Administrators.Administrator)).Value!);
    }

    [Fact]
    public async Task ClientForm_Valid_SavesThroughTheApiHandler()
    {
        await using var app = await TestApp.StartAsync();
        await using var context = Context();
        var saved = false;
        var form = context.Render<ClientForm>(p => p
            .Add(f => f.Draft, new ClientDraft())
            .Add(f => f.Save, d => Screens(app).SaveClientAsync(Administrators.Administrator, d))
            .Add(f => f.OnSaved, () => saved = true));

        await form.InvokeAsync(() => Input(form, "Client id").Change("acme"));
        await form.InvokeAsync(() => Input(form, "Name").Change("Acme"));
        await ClickAsync(form, "Save");

        form.WaitForAssertion(() => Assert.True(saved));
        Assert.Equal("Acme", (await Screens(app).ClientsAsync(Administrators.Administrator)).Value!.Single(c => c.Id == "acme").Name);
    }

    [Fact]
    public async Task QueueForm_UnreadableWaitAndBadZone_ShowEachBesideItsField()
    {
        await using var app = await TestApp.StartAsync();
        await Screens(app).SaveClientAsync(Administrators.Administrator, new ClientDraft { Id = "acme", Name = "Acme" });
        await using var context = Context();
        var draft = new QueueDraft { Id = "billing", Client = "acme", Name = "Billing", Stages = [new StageDraft { After = "soon" }] };
        var form = context.Render<QueueForm>(p => p
            .Add(f => f.Draft, draft)
            .Add(f => f.Save, d => Screens(app).SaveQueueAsync(Administrators.Administrator, d)));

        await ClickAsync(form, "Save");
        form.WaitForAssertion(() => Assert.Contains("A duration as hh:mm:ss", Field(form, "Stage 1: after waiting (hh:mm:ss)").TextContent, StringComparison.Ordinal));
        await form.InvokeAsync(() => Input(form, "Stage 1: after waiting (hh:mm:ss)").Change("00:00:00"));
        await form.InvokeAsync(() => Input(form, "Time zone (IANA, e.g. Europe/Paris; blank: always open)").Change("Mars/Olympus"));
        await ClickAsync(form, "Save");

        form.WaitForAssertion(() => Assert.Contains("An IANA time zone id", Field(form, "Time zone (IANA, e.g. Europe/Paris; blank: always open)").TextContent, StringComparison.Ordinal));
        Assert.DoesNotContain("A duration", form.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task QueueForm_EverySettingOfTheApi_IsEditedAndSavedAndAudited()
    {
        await using var app = await TestApp.StartAsync();
        await Screens(app).SaveClientAsync(Administrators.Administrator, new ClientDraft { Id = "acme", Name = "Acme" });
        await using var context = Context();
        var saved = false;
        var draft = new QueueDraft { Id = "billing", Client = "acme", Name = "Billing", Stages = [new StageDraft { Skills = [new SkillNeedDraft { Skill = "billing" }] }] };
        var form = context.Render<QueueForm>(p => p
            .Add(f => f.Draft, draft)
            .Add(f => f.Save, d => Screens(app).SaveQueueAsync(Administrators.Administrator, d))
            .Add(f => f.OnSaved, () => saved = true));

        await form.InvokeAsync(() => form.Find("select#queue-selection").Change("MostProficient"));
        await form.InvokeAsync(() => Input(form, "Most contacts waiting at once (blank: no limit)").Change("40"));
        await form.InvokeAsync(() => Input(form, "Wrap-up limit (hh:mm:ss; blank: no limit)").Change(""));
        await form.InvokeAsync(() => Input(form, "Expected handle time for wait estimates (hh:mm:ss)").Change("00:07:30"));
        await form.InvokeAsync(() => Input(form, "Scheduled callback priority (0-1000)").Change("250"));
        await form.InvokeAsync(() => Input(form, "Abandonment alarm above (% of today's offered contacts; blank: none)").Change("8"));
        await ClickAsync(form, "Save");

        form.WaitForAssertion(() => Assert.True(saved));
        var settings = (await Screens(app).QueuesAsync(Administrators.Administrator)).Value!.Single().Settings;
        Assert.Equal((AgentSelection.MostProficient, 40, (TimeSpan?)null, TimeSpan.FromSeconds(450), 250),
            (settings.Selection, settings.MaximumWaiting, settings.WrapUpLimit, settings.ExpectedHandleTime, settings.ScheduledCallbackPriority));
        Assert.Equal(0.08, settings.AbandonmentLimit!.Value, 6);
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<SwitchboardDb>>().CreateDbContextAsync();
        Assert.True(await db.AuditEntries.AnyAsync(e => e.Action == "queue.created" && e.Resource == "queue/billing"));
    }

    [Fact]
    public void QueueForm_ReadBack_ShowsTheStoredSettingsAndBlankForNoLimit()
    {
        var settings = new QueueSettings { MaximumWaiting = int.MaxValue, WrapUpLimit = TimeSpan.FromMinutes(3), AbandonmentLimit = 0.1, Selection = AgentSelection.LeastOccupied };
        var view = new QueuesApi.QueueView("billing", "acme", "acme", "Billing", settings, true, null, TestApp.Start, TestApp.Start, 3);

        var draft = QueueDraft.From(view);

        Assert.Equal((null, "00:03:00", 10.0, AgentSelection.LeastOccupied, "00:05:00", 100),
            (draft.MaximumWaiting, draft.WrapUpLimit, draft.AbandonmentLimitPercent, draft.Selection, draft.ExpectedHandleTime, draft.ScheduledCallbackPriority));
    }

    [Fact]
    public async Task QueueForm_PriorityAndAbandonmentOutOfRange_ShowTheApisMessagesBesideThem()
    {
        await using var app = await TestApp.StartAsync();
        await Screens(app).SaveClientAsync(Administrators.Administrator, new ClientDraft { Id = "acme", Name = "Acme" });
        await using var context = Context();
        var draft = new QueueDraft { Id = "billing", Client = "acme", Name = "Billing", Stages = [new StageDraft { Skills = [new SkillNeedDraft { Skill = "billing" }] }] };
        var form = context.Render<QueueForm>(p => p
            .Add(f => f.Draft, draft)
            .Add(f => f.Save, d => Screens(app).SaveQueueAsync(Administrators.Administrator, d)));

        await form.InvokeAsync(() => Input(form, "Scheduled callback priority (0-1000)").Change("5000"));
        await form.InvokeAsync(() => Input(form, "Wrap-up limit (hh:mm:ss; blank: no limit)").Change("later"));
        await ClickAsync(form, "Save");
        form.WaitForAssertion(() => Assert.Contains("A duration as hh:mm:ss", Field(form, "Wrap-up limit (hh:mm:ss; blank: no limit)").TextContent, StringComparison.Ordinal));
        await form.InvokeAsync(() => Input(form, "Wrap-up limit (hh:mm:ss; blank: no limit)").Change("00:01:00"));
        await ClickAsync(form, "Save");

        form.WaitForAssertion(() => Assert.Contains("1000", Field(form, "Scheduled callback priority (0-1000)").TextContent, StringComparison.Ordinal));
        Assert.Empty((await Screens(app).QueuesAsync(Administrators.Administrator)).Value!);
    }

    [Fact]
    public async Task AgentForm_ProficiencyOutOfRange_ShowsTheApisRangeBesideIt()
    {
        await using var app = await TestApp.StartAsync();
        await Screens(app).SaveClientAsync(Administrators.Administrator, new ClientDraft { Id = "acme", Name = "Acme" });
        await using var context = Context();
        var draft = new AgentDraft { Id = "ada", RoutingDomain = "acme", Name = "Ada", Skills = [new AgentSkillDraft { Skill = "billing", Proficiency = 7 }] };
        var form = context.Render<AgentForm>(p => p
            .Add(f => f.Draft, draft)
            .Add(f => f.Save, d => Screens(app).SaveAgentAsync(Administrators.Administrator, d)));

        await ClickAsync(form, "Save");

        form.WaitForAssertion(() => Assert.Contains("between 1 and 5", Field(form, "Skill 1: proficiency (1-5)").TextContent, StringComparison.Ordinal));
        Assert.Empty((await Screens(app).AgentsAsync(Administrators.Administrator)).Value!);
    }

    private static BunitContext Context()
    {
        var context = new BunitContext();
        context.Services.AddMudServices();
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        return context;
    }

    private static AdminScreens Screens(TestApp app) => app.Services.GetRequiredService<AdminScreens>();

    private static Task ClickAsync<T>(IRenderedComponent<T> form, string text)
        where T : IComponent =>
        form.FindAll("button").Single(b => b.TextContent.Trim() == text).ClickAsync(new MouseEventArgs());

    /// <summary>The input control (label, input, helper or error text) labelled <paramref name="label"/>.</summary>
    private static IElement Field<T>(IRenderedComponent<T> form, string label)
        where T : IComponent =>
        form.FindAll(".mud-input-control").Single(c => c.QuerySelector("label")?.TextContent.Trim() == label);

    private static IElement Input<T>(IRenderedComponent<T> form, string label)
        where T : IComponent =>
        Field(form, label).QuerySelector("input")!;
}
