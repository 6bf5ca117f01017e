using Switchboard.Complaints;
using Switchboard.Persistence.Security;
using Switchboard.Server.Complaints;
using Switchboard.Server.Security;
using Switchboard.Tests.Server.Administration;

namespace Switchboard.Tests.Server.Complaints;

/// <summary>The complaint screens' calls: the clocks a list shows, the steps the core allows, and the API's refusals and scope.</summary>
public class ComplaintScreensTests
{
    private static ComplaintScreens Screens(TestApp app) => app.Services.GetRequiredService<ComplaintScreens>();

    [Fact]
    public async Task List_ReadsEachComplaintsClocksNow_AtRiskOnceAWarningPasses_ThenBreached()
    {
        await using var app = await TestApp.StartAsync();
        var admin = await app.AdministratorAsync();
        await Seed.ClientAsync(admin, "acme");
        await ComplaintsTests.RegisterAsync(admin, ComplaintsTests.Complaint());

        // The agent rung has two hours (no contract: every hour counts); its first warning is at three quarters.
        app.Time.Advance(TimeSpan.FromMinutes(96));
        var (atRisk, problem) = await Screens(app).ListAsync(Administrators.Administrator, "acme", null, true);
        app.Time.Advance(TimeSpan.FromMinutes(60));
        var (late, _) = await Screens(app).ListAsync(Administrators.Administrator, "acme", null, true);

        Assert.Null(problem);
        var first = Assert.Single(atRisk).Clock;
        Assert.Equal(new ClockSummary(TestApp.Start.AddHours(2), TimeSpan.FromMinutes(24), AtRisk: true, Breached: false), first);
        var second = Assert.Single(late).Clock;
        Assert.Equal((TestApp.Start.AddHours(2), TimeSpan.FromMinutes(-36), false, true), (second.NextDue, second.Remaining, second.AtRisk, second.Breached));
    }

    [Fact]
    public async Task Read_OffersOnlyWhatTheStateAllows_AndAStepBadlyGivenStoresNothing()
    {
        await using var app = await TestApp.StartAsync();
        var admin = await app.AdministratorAsync();
        await Seed.TwoClientsAsync(admin);
        var reference = (await ComplaintsTests.RegisterAsync(admin, ComplaintsTests.Complaint())).GetProperty("reference").GetString()!;
        var supervisor = Administrators.Person("sue@centre.example", Roles.Supervisor);
        var viewer = Administrators.Person("viewer@globex.example", Roles.ClientViewer);
        viewer.Identities.First().AddClaim(new System.Security.Claims.Claim(SwitchboardClaims.Client, "globex"));

        var (_, received, _) = await Screens(app).ReadAsync(supervisor, reference);
        var badly = await Screens(app).ActAsync(supervisor, reference, new ComplaintAction { Type = "acknowledge", Template = "ack" });
        var (unchanged, _, _) = await Screens(app).ReadAsync(supervisor, reference);
        var acknowledged = await Screens(app).ActAsync(supervisor, reference, new ComplaintAction { Type = "acknowledge", Template = "ack", ProofOfSending = "<m@test>" });
        var (_, next, _) = await Screens(app).ReadAsync(supervisor, reference);
        var (hidden, none, problem) = await Screens(app).ReadAsync(viewer, reference);
        var refused = await Screens(app).ActAsync(viewer, reference, new ComplaintAction { Type = "note", Text = "Seen." });

        Assert.Equal(["acknowledge", "escalate"], received.Types);
        Assert.Contains(EscalationLevel.TeamLeader, received.EscalateTo);
        Assert.DoesNotContain(EscalationLevel.Agent, received.EscalateTo);
        Assert.NotNull(badly.ErrorOf("proofOfSending"));
        Assert.Single(unchanged!.Events);
        Assert.True(acknowledged.Succeeded, acknowledged.Problem);
        Assert.Equal(["start-investigation", "escalate"], next.Types);
        Assert.Null(hidden);
        Assert.Empty(none.Types);
        Assert.Equal($"No complaint '{reference}'.", problem);
        Assert.Equal(ComplaintScreens.MayNotWrite, refused.Problem);
    }
}
