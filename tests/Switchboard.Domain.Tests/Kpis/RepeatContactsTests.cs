using Switchboard.Agents;
using Switchboard.Contacts;
using Switchboard.Kpis;
using Switchboard.Queues;

namespace Switchboard.Tests.Kpis;

/// <summary>Operational first contact resolution over hand-made contact histories (default window 7 days, same reason).</summary>
public class RepeatContactsTests
{
    private static readonly DateTimeOffset Monday = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset LongAfter = Monday.AddDays(60);
    private static readonly QueueId Billing = new("billing");

    [Fact]
    public void Verdict_SameReasonWithinTheWindow_IsRepeated()
    {
        var first = Handled(Monday, "phone:+33100000001", "billing");

        var verdicts = Verdicts([first, Handled(Monday.AddDays(3), "phone:+33100000001", "billing")]);

        Assert.Equal(ResolutionVerdict.Repeated, verdicts[first.Contact].Verdict);
    }

    [Fact]
    public void Verdict_DifferentReasonWithinTheWindow_IsResolved()
    {
        var first = Handled(Monday, "phone:+33100000001", "billing");

        var verdicts = Verdicts([first, Handled(Monday.AddDays(3), "phone:+33100000001", "delivery")]);

        Assert.Equal(ResolutionVerdict.Resolved, verdicts[first.Contact].Verdict);
    }

    [Fact]
    public void Verdict_DifferentReasonWhenTheMethodDoesNotRequireTheSame_IsRepeated()
    {
        var first = Handled(Monday, "phone:+33100000001", "billing");

        var verdicts = Verdicts([first, Handled(Monday.AddDays(3), "phone:+33100000001", "delivery")], new KpiParameters { RepeatNeedsSameReason = false });

        Assert.Equal(ResolutionVerdict.Repeated, verdicts[first.Contact].Verdict);
    }

    [Theory]
    [InlineData(7 * 24 * 60, ResolutionVerdict.Repeated)]
    [InlineData((7 * 24 * 60) + 1, ResolutionVerdict.Resolved)]
    public void Verdict_RepeatAtOrAfterTheWindow_IsRepeatedOnlyWithinIt(int minutesLater, ResolutionVerdict expected)
    {
        var first = Handled(Monday, "phone:+33100000001", "billing");

        var verdicts = Verdicts([first, Handled(Monday.AddMinutes(minutesLater), "phone:+33100000001", "billing")]);

        Assert.Equal(expected, verdicts[first.Contact].Verdict);
    }

    [Fact]
    public void Verdict_ShorterWindowMethod_TurnsTheRepeatIntoAResolution()
    {
        ContactHistoryEntry[] history = [Handled(Monday, "phone:+33100000001", "billing"), Handled(Monday.AddDays(3), "phone:+33100000001", "billing")];

        var byDefault = Verdicts(history);
        var byTwoDays = Verdicts(history, new KpiParameters { RepeatWindow = TimeSpan.FromDays(2) });

        Assert.Equal(ResolutionVerdict.Repeated, byDefault[history[0].Contact].Verdict);
        Assert.Equal(ResolutionVerdict.Resolved, byTwoDays[history[0].Contact].Verdict);
    }

    [Fact]
    public void Verdict_RepeatOnAnotherChannelThroughAnotherKey_IsRepeated()
    {
        // A call known by phone and email, then an email known by email alone.
        var call = Handled(Monday, "phone:+33100000001", "billing") with { CustomerKeys = ["phone:+33100000001", "email:ann@example.org"] };
        var email = Handled(Monday.AddDays(1), "email:ann@example.org", "billing") with { Channel = Channel.Email };

        var verdicts = Verdicts([call, email]);

        Assert.Equal(ResolutionVerdict.Repeated, verdicts[call.Contact].Verdict);
        Assert.Equal(ResolutionVerdict.Resolved, verdicts[email.Contact].Verdict);
    }

    [Fact]
    public void Verdict_SameKeyOfAnotherClient_IsNotARepeat()
    {
        var first = Handled(Monday, "phone:+33100000001", "billing");

        var verdicts = Verdicts([first, Handled(Monday.AddDays(1), "phone:+33100000001", "billing") with { Client = "other" }]);

        Assert.Equal(ResolutionVerdict.Resolved, verdicts[first.Contact].Verdict);
    }

    [Fact]
    public void Verdict_NoCustomerKeyOrNoReason_IsNotAssessable()
    {
        var anonymous = Handled(Monday, "phone:+33100000001", "billing") with { CustomerKeys = [] };
        var noReason = Handled(Monday, "phone:+33100000002", null);

        var verdicts = Verdicts([anonymous, noReason]);

        Assert.Equal(ResolutionVerdict.NotAssessable, verdicts[anonymous.Contact].Verdict);
        Assert.Equal(ResolutionVerdict.NotAssessable, verdicts[noReason.Contact].Verdict);
    }

    [Fact]
    public void Verdict_UnhandledContacts_AreNotAssessedButCanBeRepeats()
    {
        var first = Handled(Monday, "phone:+33100000001", "billing");
        var abandoned = Handled(Monday.AddDays(1), "phone:+33100000001", null) with { Handled = false };

        var verdicts = Verdicts([first, abandoned], new KpiParameters { RepeatNeedsSameReason = false });

        Assert.Equal(ResolutionVerdict.Repeated, verdicts[first.Contact].Verdict);
        Assert.False(verdicts.ContainsKey(abandoned.Contact));
    }

    [Fact]
    public void Verdict_WindowNotElapsedWhenRead_IsProvisionallyResolved()
    {
        var early = Handled(Monday, "phone:+33100000001", "billing");
        var recent = Handled(Monday.AddDays(5), "phone:+33100000002", "billing");

        var verdicts = Verdicts([early, recent], asOf: Monday.AddDays(8));

        Assert.Equal(new ContactResolution(early, ResolutionVerdict.Resolved, false), verdicts[early.Contact]);
        Assert.Equal(new ContactResolution(recent, ResolutionVerdict.Resolved, true), verdicts[recent.Contact]);
    }

    [Fact]
    public void Add_OutOfArrivalOrder_IsRefused()
    {
        var reader = new RepeatContacts(new KpiParameters(), _ => { });
        reader.Add(Handled(Monday, "phone:+33100000001", "billing"));

        Assert.Throws<ArgumentException>(() => reader.Add(Handled(Monday.AddMinutes(-1), "phone:+33100000001", "billing")));
    }

    [Fact]
    public void Build_Resolutions_GiveTheFigureInTheArrivalCellAndFlagItProvisional()
    {
        // Three handled contacts on Monday 2 November: one repeated, one resolved, one not assessable; a fourth (the
        // repeat, on Wednesday) resolved, but its window is still open when read on Tuesday 10 November.
        ContactHistoryEntry[] history =
        [
            Handled(Monday, "phone:+33100000001", "billing"),
            Handled(Monday.AddHours(1), "phone:+33100000002", "billing"),
            Handled(Monday.AddHours(2), "phone:+33100000003", "billing") with { CustomerKeys = [] },
            Handled(Monday.AddDays(2), "phone:+33100000001", "billing"),
        ];
        var builder = new KpiReportBuilder(new KpiReportRequest(Monday.AddHours(-9), Monday.AddDays(5), ReportInterval.Day, TimeZoneInfo.Utc, KpiBreakdown.None, KpiMethodSet.Defaults));
        var reader = new RepeatContacts(KpiMethodSet.Defaults[KpiCatalogue.FirstContactResolution].Parameters, r => builder.ApplyResolution(r));
        foreach (var contact in history)
        {
            reader.Add(contact);
        }

        reader.Finish(Monday.AddDays(8));
        var report = builder.Build();

        var summary = Assert.Single(report.Summary).Figures.Single(f => f.Kpi == KpiCatalogue.FirstContactResolution);
        Assert.Equal(2.0 / 3, summary.Value!.Value, 9);
        Assert.True(summary.Provisional);
        var monday = report.Rows.Single(r => r.Start == Monday.AddHours(-9)).Figures.Single(f => f.Kpi == KpiCatalogue.FirstContactResolution);
        Assert.Equal(0.5, monday.Value);
        Assert.False(monday.Provisional);
        var wednesday = report.Rows.Single(r => r.Start == Monday.AddHours(39)).Figures.Single(f => f.Kpi == KpiCatalogue.FirstContactResolution);
        Assert.Equal(1, wednesday.Value);
        Assert.True(wednesday.Provisional);
    }

    private static Dictionary<Guid, ContactResolution> Verdicts(IEnumerable<ContactHistoryEntry> history, KpiParameters? method = null, DateTimeOffset? asOf = null)
    {
        var verdicts = new Dictionary<Guid, ContactResolution>();
        var reader = new RepeatContacts(method ?? new KpiParameters(), r => verdicts.Add(r.Contact.Contact, r));
        foreach (var contact in history)
        {
            reader.Add(contact);
        }

        reader.Finish(asOf ?? LongAfter);
        return verdicts;
    }

    private static ContactHistoryEntry Handled(DateTimeOffset arrived, string key, string? reason) => new()
    {
        Contact = Guid.NewGuid(),
        Arrived = arrived,
        Client = "acme",
        CustomerKeys = [key],
        Reason = reason,
        Handled = true,
        Queue = Billing,
        Channel = Channel.Voice,
        Agent = new AgentId("ann"),
    };
}
