using Switchboard.Complaints;
using Switchboard.Contracts;
using Switchboard.Kpis;
using Switchboard.ServiceLevels;

namespace Switchboard.Tests.Contracts;

public class ClientContractTests
{
    private static readonly DateOnly November = new(2026, 11, 1);

    private static ClientContract Contract(params KpiTarget[] targets) => new("acme", TimeZoneInfo.Utc) { Targets = targets };

    [Fact]
    public void TargetOn_TwoTargetsOverTime_TheLatestInForceOnTheDate()
    {
        var contract = Contract(
            new KpiTarget(KpiCatalogue.ServiceLevel, 1, 0.8, November),
            new KpiTarget(KpiCatalogue.ServiceLevel, 2, 0.9, November.AddDays(15)));

        Assert.Null(contract.TargetOn(KpiCatalogue.ServiceLevel, November.AddDays(-1)));
        Assert.Equal(0.8, contract.TargetOn(KpiCatalogue.ServiceLevel, November.AddDays(14))!.Target);
        Assert.Equal(0.9, contract.TargetOn(KpiCatalogue.ServiceLevel, November.AddDays(15))!.Target);
        Assert.Null(contract.TargetOn(KpiCatalogue.AbandonmentRate, November.AddDays(20)));
    }

    [Fact]
    public void MethodsOn_TargetWithAnOlderVersion_MeasuresWithThatVersion()
    {
        var version2 = new KpiMethod(KpiCatalogue.ServiceLevel, 2, new KpiParameters { AnswerThreshold = TimeSpan.FromSeconds(30) });
        var latest = KpiMethodSet.Defaults.With(new KpiMethod(KpiCatalogue.ServiceLevel, 3, new KpiParameters { AnswerThreshold = TimeSpan.FromSeconds(60) }));
        var contract = Contract(new KpiTarget(KpiCatalogue.ServiceLevel, 2, 0.8, November));

        var methods = contract.MethodsOn(November, latest, (kpi, version) => version == 2 ? version2 : null);

        Assert.Equal(version2, methods[KpiCatalogue.ServiceLevel]);
        Assert.Equal(1, methods[KpiCatalogue.AbandonmentRate].Version);
    }

    [Theory]
    [InlineData(-1.0, "targets[0].target")]
    [InlineData(1.5, "targets[0].target")]
    public void Problem_RatioOutOfRange_NamesTheField(double target, string field) =>
        Assert.Equal(field, Contract(new KpiTarget(KpiCatalogue.ServiceLevel, 1, target, November)).Problem()?.Field);

    [Fact]
    public void Problem_VolumeKpi_TakesNoTarget() =>
        Assert.Equal("targets[0].kpi", Contract(new KpiTarget(KpiCatalogue.Offered, 1, 100, November)).Problem()?.Field);

    [Fact]
    public void Problem_TwoTargetsSameKpiSameDay_IsRefused() =>
        Assert.Equal("targets[1].effectiveFrom", Contract(new KpiTarget(KpiCatalogue.ServiceLevel, 1, 0.8, November), new KpiTarget(KpiCatalogue.ServiceLevel, 1, 0.9, November)).Problem()?.Field);

    [Theory]
    [InlineData(0, "emailResponse")]
    [InlineData(-60, "emailResponse")]
    [InlineData(91 * 86400, "emailResponse")]
    [InlineData(86400, null)]
    public void Problem_EmailResponsePromise_BetweenASecondAnd90Days(int seconds, string? field) =>
        Assert.Equal(field, (Contract() with { EmailResponse = TimeSpan.FromSeconds(seconds) }).Problem()?.Field);

    [Fact]
    public void Problem_SoundContract_IsNull() =>
        Assert.Null(Contract(new KpiTarget(KpiCatalogue.ServiceLevel, 1, 0.8, November), new KpiTarget(KpiCatalogue.AverageSpeedOfAnswer, 1, 30, November)).Problem());

    [Fact]
    public void Problem_ComplaintProfileNamedButNowhereDefined_NamesTheField() =>
        Assert.Equal("complaints.profile", (Contract() with { Complaints = new ComplaintHandling { Profile = "nine-days" } }).Problem()?.Field);

    [Fact]
    public void Complaints_ContractsOwnProfile_ReplacesTheCataloguesOfThatName()
    {
        var own = ComplaintProfile.EightWeeks with { FinalResponse = new ServiceTarget(ClockTargetId.Resolution, TimeSpan.FromDays(30), Timekeeping.CalendarTime) };
        var contract = Contract() with { Complaints = new ComplaintHandling { OwnProfiles = [own] } };

        var policy = contract.Complaints.ClockPolicy("acme");

        Assert.Null(contract.Problem());
        Assert.Equal(own, contract.Complaints.ProfileInForce());
        Assert.Equal(TimeSpan.FromDays(30), policy.Targets.Single(t => t.Id == ClockTargetId.Resolution).Limit);
        Assert.Equal(2 + ComplaintHandling.Default.Ladder.Count, policy.Targets.Count);
        Assert.Equal(ComplaintProfile.EightWeeks, Contract().Complaints.ProfileInForce());
    }

    [Fact]
    public void OnTime_ByTheLeadTime_AndNullWhenNothingWasOwed()
    {
        var contract = new ClientContract("acme", TimeZoneInfo.Utc) { Duties = [new InformationDuty(InformationKind.PriceChange, TimeSpan.FromDays(14))] };
        var effective = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

        Assert.True(contract.OnTime(new SuppliedInformation(InformationKind.PriceChange, effective.AddDays(-14), effective, "new tariffs")));
        Assert.False(contract.OnTime(new SuppliedInformation(InformationKind.PriceChange, effective.AddDays(-13), effective, "new tariffs")));
        Assert.Null(contract.OnTime(new SuppliedInformation(InformationKind.Campaign, effective.AddDays(-1), effective, "winter campaign")));
    }
}
