using CsCheck;
using Switchboard.Contacts;
using Switchboard.Kpis;
using Switchboard.Tests.Builders;

namespace Switchboard.Tests.Kpis;

/// <summary>
/// Complaint KPIs of one day worked out by hand. Four complaints of client acme received on Monday:
/// K1 09:00 by chat, acknowledged on time, answered on time after 4 h of business time, escalated, closed, surveyed 5;
/// K2 10:00 by email, acknowledged late, answered late after 20 h, closed then reopened, surveyed 2;
/// K3 11:00 by chat, acknowledged on time, final response still running (not yet due), invited but silent;
/// K4 12:00 with no linked contact, acknowledgement still running, nothing else.
/// One more, K0, was received on Sunday and is outside the day.
/// </summary>
public class ComplaintKpisTests
{
    private static readonly DateTimeOffset Nine = At.Nine;

    private static readonly ComplaintFacts K1 = new()
    {
        Client = "acme", Channel = Channel.Chat, Received = Nine, AcknowledgedOnTime = true, FinalResponseOnTime = true,
        TimeToFinalResponse = TimeSpan.FromHours(4), Escalated = true, Closed = true, SurveyInvited = true, Satisfaction = 5,
    };

    private static readonly ComplaintFacts K2 = new()
    {
        Client = "acme", Channel = Channel.Email, Received = Nine.AddHours(1), AcknowledgedOnTime = false, FinalResponseOnTime = false,
        TimeToFinalResponse = TimeSpan.FromHours(20), Closed = true, Reopened = true, SurveyInvited = true, Satisfaction = 2,
    };

    private static readonly ComplaintFacts K3 = new()
    {
        Client = "acme", Channel = Channel.Chat, Received = Nine.AddHours(2), AcknowledgedOnTime = true, SurveyInvited = true,
    };

    private static readonly ComplaintFacts K4 = new() { Client = "acme", Received = Nine.AddHours(3) };

    private static readonly ComplaintFacts K0 = K1 with { Received = Nine.AddDays(-1) };

    [Fact]
    public void Build_OneDaysComplaints_GivesTheHandWorkedFigures()
    {
        var report = Report(KpiBreakdown.None, KpiMethodSet.Defaults, K0, K1, K2, K3, K4);

        var figures = Figures(Assert.Single(report.Summary));
        Assert.Equal(4, figures[KpiCatalogue.ComplaintsReceived].Value);
        Assert.Equal(2.0 / 3, figures[KpiCatalogue.ComplaintsAcknowledgedOnTime].Value!.Value, 9);
        Assert.Equal(0.5, figures[KpiCatalogue.ComplaintsRespondedOnTime].Value);
        Assert.Equal(12 * 3600, figures[KpiCatalogue.ComplaintTimeToFinalResponse].Value);
        Assert.Equal(0.25, figures[KpiCatalogue.ComplaintsEscalated].Value);
        Assert.Equal(0.5, figures[KpiCatalogue.ComplaintsReopened].Value);
        Assert.Equal(2.0 / 3, figures[KpiCatalogue.ComplaintSurveyResponseRate].Value!.Value, 9);
        Assert.Equal(0.5, figures[KpiCatalogue.ComplaintHandlingSatisfaction].Value);
        // No contact was handled in the day: no rate per 1,000 to give.
        Assert.Null(figures[KpiCatalogue.ComplaintsPerThousandContacts].Value);
    }

    [Fact]
    public void Build_ComplaintsStillRunning_MarkTheirFiguresProvisional()
    {
        var report = Report(KpiBreakdown.None, KpiMethodSet.Defaults, K1, K2, K3, K4);

        var figures = Figures(Assert.Single(report.Summary));
        Assert.True(figures[KpiCatalogue.ComplaintsAcknowledgedOnTime].Provisional);
        Assert.True(figures[KpiCatalogue.ComplaintsRespondedOnTime].Provisional);
        Assert.False(figures[KpiCatalogue.ComplaintsEscalated].Provisional);
        Assert.False(Figures(Assert.Single(Report(KpiBreakdown.None, KpiMethodSet.Defaults, K1, K2).Summary))[KpiCatalogue.ComplaintsRespondedOnTime].Provisional);
    }

    [Fact]
    public void Build_ByChannel_CountsOnlyComplaintsRaisedFromAContact()
    {
        var report = Report(KpiBreakdown.Channel, KpiMethodSet.Defaults, K1, K2, K3, K4);

        var received = report.Summary.ToDictionary(r => r.Key!, r => Figures(r)[KpiCatalogue.ComplaintsReceived].Value);
        Assert.Equal(new Dictionary<string, double?> { ["chat"] = 2, ["email"] = 1 }, received);
    }

    [Theory]
    [InlineData(KpiBreakdown.Queue)]
    [InlineData(KpiBreakdown.Language)]
    [InlineData(KpiBreakdown.Agent)]
    public void Build_ByWhatAComplaintHasNot_CountsNoComplaint(KpiBreakdown by) =>
        Assert.Empty(Report(by, KpiMethodSet.Defaults, K1, K2).Summary);

    [Fact]
    public void Build_HourlyIntervals_CountEachComplaintInTheIntervalOfItsReceipt()
    {
        var builder = new KpiReportBuilder(new KpiReportRequest(Nine.AddHours(-9), Nine.AddHours(15), ReportInterval.Hour, TimeZoneInfo.Utc, KpiBreakdown.Client, KpiMethodSet.Defaults));
        builder.ApplyComplaint(K2);
        builder.ApplyComplaint(K1);

        var rows = builder.Build().Rows;

        Assert.Equal([Nine, Nine.AddHours(1)], rows.Select(r => r.Start));
        Assert.All(rows, r => Assert.Equal("acme", r.Key));
        Assert.Equal([1.0, 0.0], rows.Select(r => Figures(r)[KpiCatalogue.ComplaintsAcknowledgedOnTime].Value!.Value));
    }

    [Fact]
    public void Build_SatisfiedFromTwo_CountsAnswersOfTwoAndAbove()
    {
        var method = new KpiMethod(KpiCatalogue.ComplaintHandlingSatisfaction, 2, new KpiParameters { SatisfiedFrom = 2 });

        var figure = Figures(Assert.Single(Report(KpiBreakdown.None, KpiMethodSet.Defaults.With(method), K1, K2).Summary))[KpiCatalogue.ComplaintHandlingSatisfaction];

        Assert.Equal(1.0, figure.Value);
        Assert.Equal(2, figure.MethodVersion);
    }

    [Fact]
    public void Value_ComplaintsPerThousand_DividesByTheCellsHandledContacts()
    {
        var builder = new KpiReportBuilder(new KpiReportRequest(Nine.AddHours(-9), Nine.AddHours(15), ReportInterval.Day, TimeZoneInfo.Utc, KpiBreakdown.None, KpiMethodSet.Defaults));
        // The morning of KpiReportBuilderTests: three contacts handled.
        foreach (var e in KpiReportBuilderTests.Morning())
        {
            builder.Apply(e);
        }

        builder.ApplyComplaint(K1);

        Assert.Equal(1000.0 / 3, Figures(Assert.Single(builder.Build().Summary))[KpiCatalogue.ComplaintsPerThousandContacts].Value!.Value, 9);
    }

    [Fact]
    public void Shares_AnyComplaints_StayBetweenZeroAndOneAndSplitIntoTheirParts() =>
        Gen.Select(Gen.Bool, Gen.Bool, Gen.Bool, Gen.Int[0, 5], Gen.Int[0, 23])
            .Select((ack, late, reopened, score, hour) => new ComplaintFacts
            {
                Client = hour % 2 == 0 ? "a" : "b",
                Received = Nine.AddHours(hour - 9),
                AcknowledgedOnTime = hour % 3 == 0 ? null : ack,
                FinalResponseOnTime = hour % 4 == 0 ? null : !late,
                Escalated = late,
                Closed = score > 0,
                Reopened = reopened && score > 0,
                SurveyInvited = score > 0,
                Satisfaction = score > 0 ? score : null,
            })
            .Array[1, 40]
            .Sample(complaints =>
            {
                var whole = Figures(Assert.Single(Report(KpiBreakdown.None, KpiMethodSet.Defaults, complaints).Summary));
                var parts = Report(KpiBreakdown.Client, KpiMethodSet.Defaults, complaints).Summary.Select(Figures).ToList();

                foreach (var kpi in new[] { KpiCatalogue.ComplaintsAcknowledgedOnTime, KpiCatalogue.ComplaintsRespondedOnTime, KpiCatalogue.ComplaintsEscalated, KpiCatalogue.ComplaintsReopened, KpiCatalogue.ComplaintHandlingSatisfaction })
                {
                    Assert.InRange(whole[kpi].Value ?? 0, 0, 1);
                }

                Assert.Equal(complaints.Length, whole[KpiCatalogue.ComplaintsReceived].Value);
                Assert.Equal(complaints.Length, parts.Sum(p => p[KpiCatalogue.ComplaintsReceived].Value));
                Assert.Equal(complaints.Count(c => c.Escalated), whole[KpiCatalogue.ComplaintsEscalated].Value!.Value * complaints.Length, 6);
            });

    private static KpiReport Report(KpiBreakdown by, KpiMethodSet methods, params ComplaintFacts[] complaints)
    {
        var builder = new KpiReportBuilder(new KpiReportRequest(Nine.AddHours(-9), Nine.AddHours(15), ReportInterval.Day, TimeZoneInfo.Utc, by, methods));
        foreach (var complaint in complaints)
        {
            builder.ApplyComplaint(complaint);
        }

        return builder.Build();
    }

    private static Dictionary<KpiId, KpiFigure> Figures(KpiReportRow row) => row.Figures.ToDictionary(f => f.Kpi);
}
