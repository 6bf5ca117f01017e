using System.Security.Claims;
using Switchboard.Contracts;
using Switchboard.Persistence.Security;
using Switchboard.Server.Administration;
using Switchboard.Server.Contracts;
using Switchboard.Server.Security;
using Switchboard.Tests.Server.Administration;

namespace Switchboard.Tests.Server.Contracts;

/// <summary>The contract screen's calls go through the API's handlers: the same refusals by field, versions and data
/// scope; targets are typed in the KPI's unit as people write it (percent) and stored as the API takes them.</summary>
public class ContractScreensTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task SaveContract_PercentTarget_IsStoredAsAShareAndTheDraftTakesTheNewVersion(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        await Seed.ClientAsync(await app.AdministratorAsync(), "acme");
        var draft = new ContractDraft { Client = "acme", TimeZone = "Europe/Paris", Targets = { new TargetDraft { Kpi = "service-level", Target = 85, EffectiveFrom = "2026-11-01" } } };

        var saved = await Screens(app).SaveContractAsync(Administrators.Administrator, draft);
        var (contract, problem) = await Screens(app).ContractAsync(Administrators.Administrator, "acme");

        Assert.True(saved.Succeeded, saved.Problem);
        Assert.Null(problem);
        Assert.Equal(1, draft.Version);
        var target = Assert.Single(contract!.Contract.Targets);
        Assert.Equal(0.85, target.Target, 10);
        Assert.Equal(85, ContractDraft.From(contract).Targets[0].Target, 10);
    }

    [Fact]
    public async Task SaveContract_ComplaintProfile_IsStored_AndALadderSetThroughTheApiSurvivesAScreenSave()
    {
        await using var app = await TestApp.StartAsync();
        var admin = await app.AdministratorAsync();
        await Seed.ClientAsync(admin, "acme");
        var ladder = new[] { new { level = "teamLeader", limit = "04:00:00", timekeeping = "businessTime" }, new { level = "externalBody", limit = "56.00:00:00", timekeeping = "calendarTime" } };
        Assert.Equal(System.Net.HttpStatusCode.OK, (await admin.PutAsJsonAsync("/api/clients/acme/contract", new { contract = new { timeZone = "Etc/UTC", complaints = new { ladder } }, version = 0 })).StatusCode);

        var (before, _) = await Screens(app).ContractAsync(Administrators.Administrator, "acme");
        var draft = ContractDraft.From(before!);
        draft.ComplaintProfile = "fifteen-business-days";
        var saved = await Screens(app).SaveContractAsync(Administrators.Administrator, draft);
        var (after, _) = await Screens(app).ContractAsync(Administrators.Administrator, "acme");

        Assert.True(saved.Succeeded, saved.Problem);
        Assert.Equal("eight-weeks", before!.Contract.Complaints!.Profile);
        Assert.Equal("fifteen-business-days", after!.Contract.Complaints!.Profile);
        Assert.Equal([Switchboard.Complaints.EscalationLevel.TeamLeader, Switchboard.Complaints.EscalationLevel.ExternalBody], after.Contract.Complaints.Ladder!.Select(s => s.Level));
    }

    [Fact]
    public async Task SaveContract_SurveyPolicy_IsStoredInTheApisTermsAndReadBack()
    {
        await using var app = await TestApp.StartAsync();
        await Seed.ClientAsync(await app.AdministratorAsync(), "acme");
        var draft = new ContractDraft { Client = "acme", SurveySharePercent = 20, SurveyCapDays = 14, SurveyAsksEffort = true };

        var saved = await Screens(app).SaveContractAsync(Administrators.Administrator, draft);
        var (contract, _) = await Screens(app).ContractAsync(Administrators.Administrator, "acme");
        var read = ContractDraft.From(contract!);

        Assert.True(saved.Succeeded, saved.Problem);
        var surveys = contract!.Contract.Surveys!;
        Assert.Equal((0.2, TimeSpan.FromDays(14)), (surveys.Share, surveys.FrequencyCap));
        Assert.Equal([SurveyQuestions.Effort], surveys.Questions);
        Assert.Equal((20.0, 14.0, false, true), (read.SurveySharePercent, read.SurveyCapDays, read.SurveyAsksRecommend, read.SurveyAsksEffort));
    }

    [Fact]
    public async Task SaveContract_CaseTargetsAndEscalationLadder_AreStoredInTheApisTermsAndReadBack()
    {
        await using var app = await TestApp.StartAsync();
        await Seed.ClientAsync(await app.AdministratorAsync(), "acme");
        var draft = new ContractDraft
        {
            Client = "acme",
            EmailResponseHours = 24,
            CaseNextResponseHours = 4,
            CaseResolutionHours = 40,
            ComplaintLadder =
            {
                new EscalationDraft { Level = Switchboard.Complaints.EscalationLevel.TeamLeader, LimitHours = 8, Timekeeping = Switchboard.ServiceLevels.Timekeeping.BusinessTime },
                new EscalationDraft { Level = Switchboard.Complaints.EscalationLevel.ExternalBody, LimitHours = 24 * 56, Timekeeping = Switchboard.ServiceLevels.Timekeeping.CalendarTime },
            },
        };

        var saved = await Screens(app).SaveContractAsync(Administrators.Administrator, draft);
        var (contract, _) = await Screens(app).ContractAsync(Administrators.Administrator, "acme");
        var read = ContractDraft.From(contract!);

        Assert.True(saved.Succeeded, saved.Problem);
        var stored = contract!.Contract;
        Assert.Equal((TimeSpan.FromDays(1), TimeSpan.FromHours(4), TimeSpan.FromHours(40)), (stored.EmailResponse, stored.CaseNextResponse, stored.CaseResolution));
        Switchboard.Server.Complaints.EscalationStepSettings[] ladder =
        [
            new(Switchboard.Complaints.EscalationLevel.TeamLeader, TimeSpan.FromHours(8), Switchboard.ServiceLevels.Timekeeping.BusinessTime),
            new(Switchboard.Complaints.EscalationLevel.ExternalBody, TimeSpan.FromDays(56), Switchboard.ServiceLevels.Timekeeping.CalendarTime),
        ];
        Assert.Equal(ladder, stored.Complaints!.Ladder!);
        Assert.Equal((24.0, 4.0, 40.0), (read.EmailResponseHours, read.CaseNextResponseHours, read.CaseResolutionHours));
        Assert.Equal([8.0, 24.0 * 56], read.ComplaintLadder.Select(r => r.LimitHours));
    }

    [Theory]
    [InlineData(0, 8, "contract.caseNextResponse")]
    [InlineData(4, 1e12, "contract.complaints.ladder[0].limit")]
    public Task SaveContract_CaseTargetOrRungOutOfRange_NamesTheField(double nextResponseHours, double rungHours, string field) =>
        RefusedAsync(new ContractDraft { Client = "acme", CaseNextResponseHours = nextResponseHours, ComplaintLadder = { new EscalationDraft { LimitHours = rungHours } } }, field);

    [Theory]
    [InlineData(150, 30, "contract.surveys.share")]
    [InlineData(50, 1e12, "contract.surveys.frequencyCap")]
    public Task SaveContract_SurveyPolicyOutOfRange_NamesTheField(double percent, double days, string field) =>
        RefusedAsync(new ContractDraft { Client = "acme", SurveySharePercent = percent, SurveyCapDays = days }, field);

    // Saves a draft of client acme that the API refuses, and checks the refusal names the field.
    private static async Task RefusedAsync(ContractDraft draft, string field)
    {
        await using var app = await TestApp.StartAsync();
        await Seed.ClientAsync(await app.AdministratorAsync(), "acme");

        var saved = await Screens(app).SaveContractAsync(Administrators.Administrator, draft);

        Assert.False(saved.Succeeded);
        Assert.NotNull(saved.ErrorOf(field));
    }

    [Theory]
    [InlineData("Mars/Olympus", "", "contract.timeZone")]
    [InlineData("Europe/Paris", "!!", "contract.languages[0]")]
    [InlineData("Europe/Paris", "", "contract.targets[0].effectiveFrom")]
    public async Task SaveContract_Refused_NamesTheField(string zone, string languages, string field)
    {
        await using var app = await TestApp.StartAsync();
        await Seed.ClientAsync(await app.AdministratorAsync(), "acme");
        var target = new TargetDraft { EffectiveFrom = field.EndsWith("effectiveFrom", StringComparison.Ordinal) ? "1 Nov" : "2026-11-01" };
        var draft = new ContractDraft { Client = "acme", TimeZone = zone, Languages = languages, Targets = { target } };

        var saved = await Screens(app).SaveContractAsync(Administrators.Administrator, draft);

        Assert.False(saved.Succeeded);
        Assert.NotNull(saved.ErrorOf(field));
        Assert.Null((await Screens(app).ContractAsync(Administrators.Administrator, "acme")).Contract);
    }

    [Fact]
    public async Task SaveContract_BySupervisor_IsRefused()
    {
        await using var app = await TestApp.StartAsync();
        await Seed.ClientAsync(await app.AdministratorAsync(), "acme");

        var saved = await Screens(app).SaveContractAsync(Administrators.Person("sue@centre.example", Roles.Supervisor), new ContractDraft { Client = "acme" });

        Assert.Equal(AdminOutcome.NotAdministrator, saved.Problem);
    }

    [Fact]
    public async Task SupplyInformation_ByTheClientsViewer_IsJudgedAgainstTheLeadTime_AndAnotherClientIsHidden()
    {
        await using var app = await TestApp.StartAsync();
        var admin = await app.AdministratorAsync();
        await Seed.TwoClientsAsync(admin);
        var draft = new ContractDraft { Client = "acme", TimeZone = "Etc/UTC", Duties = { new DutyDraft { Kind = InformationKind.Campaign, LeadTimeDays = 7 } } };
        Assert.True((await Screens(app).SaveContractAsync(Administrators.Administrator, draft)).Succeeded);
        var viewer = Viewer("acme");
        var today = DateOnly.FromDateTime(app.Time.GetUtcNow().UtcDateTime);

        var early = await Screens(app).SupplyInformationAsync(viewer, "acme", new InformationDraft { Kind = InformationKind.Campaign, EffectiveOn = today.AddDays(10), Summary = "Black Friday" });
        var late = await Screens(app).SupplyInformationAsync(viewer, "acme", new InformationDraft { Kind = InformationKind.Campaign, EffectiveOn = today.AddDays(2), Summary = "Flash sale" });
        var elsewhere = await Screens(app).SupplyInformationAsync(Viewer("globex"), "acme", new InformationDraft { Kind = InformationKind.Campaign, EffectiveOn = today, Summary = "x" });
        var listed = await Screens(app).InformationAsync(viewer, "acme");

        Assert.True(early.Succeeded && late.Succeeded);
        Assert.Equal([true, false], listed.Select(i => i.OnTime));
        Assert.False(elsewhere.Succeeded);
        Assert.Empty(await Screens(app).InformationAsync(Viewer("globex"), "acme"));
    }

    private static ClaimsPrincipal Viewer(string client)
    {
        var person = Administrators.Person($"viewer@{client}.example", Roles.ClientViewer);
        ((ClaimsIdentity)person.Identity!).AddClaim(new Claim(SwitchboardClaims.Client, client));
        return person;
    }

    private static ContractScreens Screens(TestApp app) => app.Services.GetRequiredService<ContractScreens>();
}
