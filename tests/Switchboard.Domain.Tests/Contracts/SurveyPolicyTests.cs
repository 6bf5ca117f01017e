using CsCheck;
using Switchboard.Contracts;

namespace Switchboard.Tests.Contracts;

public class SurveyPolicyTests
{
    private static readonly DateTimeOffset Nine = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    private static readonly Gen<Guid> Ids = Gen.Guid;

    [Fact]
    public void Decide_DefaultPolicyHandledContactNeverInvited_InvitesToTheCoreQuestions()
    {
        var decision = SurveyPolicy.Default.Decide(Guid.CreateVersion7(Nine), handledByAgent: true, Nine, lastInvited: null);

        Assert.Equal(new SurveyDecision.Invite(SurveyQuestions.Core), decision);
    }

    [Fact]
    public void Decide_NotHandledByAnAgent_NotEligible()
    {
        var decision = SurveyPolicy.Default.Decide(Guid.CreateVersion7(Nine), handledByAgent: false, Nine, lastInvited: null);

        Assert.Same(SurveyDecision.NotEligible.Instance, decision);
    }

    [Fact]
    public void Decide_AskingNpsAndEffort_InvitesToAllFour()
    {
        var policy = new SurveyPolicy { Questions = SurveyQuestions.All };

        var decision = policy.Decide(Guid.CreateVersion7(Nine), handledByAgent: true, Nine, lastInvited: null);

        Assert.Equal(new SurveyDecision.Invite(SurveyQuestions.Satisfaction | SurveyQuestions.Resolved | SurveyQuestions.Recommend | SurveyQuestions.Effort), decision);
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(29, false)]
    [InlineData(30, true)]
    [InlineData(31, true)]
    public void Decide_InvitedDaysAgo_InvitedAgainOnlyAfterTheCap(int daysAgo, bool invited)
    {
        var lastInvited = Nine.AddDays(-daysAgo);

        var decision = SurveyPolicy.Default.Decide(Guid.CreateVersion7(Nine), handledByAgent: true, Nine, lastInvited);

        Assert.Equal(invited ? new SurveyDecision.Invite(SurveyQuestions.Core) : new SurveyDecision.Capped(lastInvited.AddDays(30)), decision);
    }

    [Fact]
    public void Decide_NoCap_InvitesEvenRightAfterAnInvitation()
    {
        var policy = new SurveyPolicy { FrequencyCap = TimeSpan.Zero };

        var decision = policy.Decide(Guid.CreateVersion7(Nine), handledByAgent: true, Nine, lastInvited: Nine);

        Assert.IsType<SurveyDecision.Invite>(decision);
    }

    [Fact]
    public void Decide_AnyContactAndCap_CapHonouredAndCustomerWithoutKeysNeverCapped() =>
        Gen.Select(Ids, Gen.Int[1, 366], Gen.Int[0, 400 * 24]).Sample((id, capDays, hoursAgo) =>
        {
            var policy = new SurveyPolicy { FrequencyCap = TimeSpan.FromDays(capDays) };
            var last = Nine.AddHours(-hoursAgo);

            var known = policy.Decide(id, handledByAgent: true, Nine, last);
            // A customer without keys has no earlier invitation to find: the caller passes none.
            var unknown = policy.Decide(id, handledByAgent: true, Nine, lastInvited: null);

            Assert.Equal(TimeSpan.FromHours(hoursAgo) < policy.FrequencyCap, known is SurveyDecision.Capped);
            Assert.IsType<SurveyDecision.Invite>(unknown);
        });

    [Fact]
    public void Decide_SameContactTwice_SameDecision() =>
        Gen.Select(Ids, Gen.Double[0, 1]).Sample((id, share) =>
        {
            var policy = new SurveyPolicy { Share = share };

            Assert.Equal(policy.Decide(id, true, Nine, null), policy.Decide(id, true, Nine.AddDays(3), null));
        });

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.1)]
    [InlineData(0.25)]
    [InlineData(0.5)]
    [InlineData(0.9)]
    [InlineData(1.0)]
    public void Sampled_ManyVersion7Ids_InvitesAboutTheShare(double share)
    {
        // Ids made close together (same millisecond, then the next ones), as a busy centre makes them.
        var policy = new SurveyPolicy { Share = share };
        const int contacts = 20_000;
        var sampled = 0;
        for (var i = 0; i < contacts; i++)
        {
            sampled += policy.Sampled(Guid.CreateVersion7(Nine.AddMilliseconds(i / 4))) ? 1 : 0;
        }

        // Binomial: five standard deviations either side (at most 0.018 of 20,000 at a share of one half).
        var tolerance = 5 * Math.Sqrt(share * (1 - share) / contacts);
        Assert.InRange((double)sampled / contacts, share - tolerance, share + tolerance);
    }

    [Fact]
    public void Draw_AnyId_InTheUnitInterval() =>
        Ids.Sample(id => Assert.InRange(SurveyPolicy.Draw(id), 0, Math.BitDecrement(1.0)));

    [Fact]
    public void Draw_SequentialIds_AsManyBelowEachHalf()
    {
        // Ids differing in their last byte only: a poor mix would put them all on one side.
        var below = 0;
        for (var i = 0; i < 4096; i++)
        {
            var bytes = new byte[16];
            BitConverter.TryWriteBytes(bytes.AsSpan(12), i);
            below += SurveyPolicy.Draw(new Guid(bytes)) < 0.5 ? 1 : 0;
        }

        Assert.InRange(below, 2048 - 160, 2048 + 160);
    }

    [Theory]
    [InlineData(-0.1, 30, SurveyQuestions.Core, "surveys.share")]
    [InlineData(1.1, 30, SurveyQuestions.Core, "surveys.share")]
    [InlineData(double.NaN, 30, SurveyQuestions.Core, "surveys.share")]
    [InlineData(0.5, -1, SurveyQuestions.Core, "surveys.frequencyCap")]
    [InlineData(0.5, 367, SurveyQuestions.Core, "surveys.frequencyCap")]
    [InlineData(0.5, 30, SurveyQuestions.Recommend, "surveys.questions")]
    [InlineData(0.5, 30, (SurveyQuestions)16 | SurveyQuestions.Core, "surveys.questions")]
    public void Problem_OutOfRange_NamesTheField(double share, int capDays, SurveyQuestions questions, string field)
    {
        var contract = new ClientContract("acme", TimeZoneInfo.Utc) { Surveys = new SurveyPolicy { Share = share, FrequencyCap = TimeSpan.FromDays(capDays), Questions = questions } };

        Assert.Equal(field, contract.Problem()?.Field);
    }

    [Fact]
    public void Problem_DefaultPolicy_None() =>
        Assert.Null(new ClientContract("acme", TimeZoneInfo.Utc).Problem());
}
