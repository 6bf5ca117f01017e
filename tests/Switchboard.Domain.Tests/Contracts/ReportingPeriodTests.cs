using CsCheck;
using Switchboard.Contracts;

namespace Switchboard.Tests.Contracts;

public class ReportingPeriodTests
{
    [Theory]
    [InlineData(ReportingCadence.Weekly, "2026-11-29", "2026-W48", "2026-11-23", "2026-11-30")]
    [InlineData(ReportingCadence.Weekly, "2027-01-01", "2026-W53", "2026-12-28", "2027-01-04")]
    [InlineData(ReportingCadence.Monthly, "2026-11-29", "2026-11", "2026-11-01", "2026-12-01")]
    [InlineData(ReportingCadence.Quarterly, "2026-11-29", "2026-Q4", "2026-10-01", "2027-01-01")]
    public void Containing_ADay_ThePeriodAndItsLabel(ReportingCadence cadence, string day, string label, string first, string end)
    {
        var period = ReportingPeriod.Containing(cadence, DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal((label, first, end), (period.Label, period.First.ToString("yyyy-MM-dd", null), period.End.ToString("yyyy-MM-dd", null)));
    }

    [Fact]
    public void LastEnded_OnThePeriodsFirstDay_IsThePeriodBefore()
    {
        Assert.Equal("2026-11", ReportingPeriod.LastEnded(ReportingCadence.Monthly, new DateOnly(2026, 12, 1)).Label);
        Assert.Equal("2026-10", ReportingPeriod.LastEnded(ReportingCadence.Monthly, new DateOnly(2026, 11, 30)).Label);
        Assert.Equal("2026-Q3", ReportingPeriod.LastEnded(ReportingCadence.Quarterly, new DateOnly(2026, 11, 30)).Label);
        Assert.Equal("2026-W47", ReportingPeriod.LastEnded(ReportingCadence.Weekly, new DateOnly(2026, 11, 29)).Label);
    }

    [Theory]
    [InlineData("2026-13")]
    [InlineData("2026-00")]
    [InlineData("2026-Q5")]
    [InlineData("2026-W54")]
    [InlineData("2025-W53")]
    [InlineData("1999-11")]
    [InlineData("2026-1")]
    [InlineData("November")]
    [InlineData("+026-11")]
    [InlineData("")]
    public void TryParse_NotALabel_IsRefused(string label) => Assert.False(ReportingPeriod.TryParse(label, out _));

    [Fact]
    public void Periods_TileTheCalendar_AndTheirLabelsReadBack()
    {
        Gen.Select(Gen.Int[0, 365 * 150], Gen.Int[1, 3].Select(c => (ReportingCadence)c))
            .Sample((offset, cadence) =>
            {
                var day = new DateOnly(2001, 1, 1).AddDays(offset);
                var period = ReportingPeriod.Containing(cadence, day);
                var next = ReportingPeriod.Containing(cadence, period.End);
                return period.First <= day && day < period.End
                    && next.First == period.End
                    && ReportingPeriod.LastEnded(cadence, period.End) == period
                    && ReportingPeriod.TryParse(period.Label, out var read) && read == period;
            });
    }
}
