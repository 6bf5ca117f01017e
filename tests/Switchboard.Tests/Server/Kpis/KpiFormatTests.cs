using CsCheck;
using Switchboard.Kpis;
using Switchboard.Server.Kpis;

namespace Switchboard.Tests.Server.Kpis;

/// <summary>Figures read in their unit: ratios as percentages, seconds as m:ss, counts whole; targets say their direction
/// and met or not met is said in words.</summary>
public class KpiFormatTests
{
    [Theory]
    [InlineData(KpiUnit.Ratio, 0.8531, "85.3%")]
    [InlineData(KpiUnit.Ratio, 1.0, "100.0%")]
    [InlineData(KpiUnit.Seconds, 5.4, "0:05")]
    [InlineData(KpiUnit.Seconds, 65.5, "1:06")]
    [InlineData(KpiUnit.Seconds, 3725, "1:02:05")]
    [InlineData(KpiUnit.Count, 1234, "1,234")]
    [InlineData(KpiUnit.Count, 2.5, "2.5")]
    public void Value_InItsUnit_ReadsAsPeopleWriteIt(KpiUnit unit, double value, string expected)
    {
        var text = KpiFormat.Value(unit, value);

        Assert.Equal(expected, text);
    }

    [Fact]
    public void Value_Missing_ReadsAsADash()
    {
        var text = KpiFormat.Value(KpiUnit.Ratio, null);

        Assert.Equal(KpiFormat.NoValue, text);
    }

    [Fact]
    public void Value_Seconds_ReadBackToTheRoundedSecond() =>
        Gen.Double[0, 86_399].Sample(seconds =>
        {
            var parts = KpiFormat.Value(KpiUnit.Seconds, seconds).Split(':').Select(int.Parse).ToArray();

            var read = parts.Aggregate(0, (total, part) => (total * 60) + part);

            Assert.Equal(Math.Round(seconds, MidpointRounding.AwayFromZero), read);
            Assert.All(parts.Skip(1), p => Assert.InRange(p, 0, 59));
        });

    [Fact]
    public void Target_FloorAndCeiling_SayTheirDirection()
    {
        var floor = KpiFormat.Target(KpiCatalogue.ServiceLevel.Name, 0.8);
        var ceiling = KpiFormat.Target(KpiCatalogue.AverageSpeedOfAnswer.Name, 30);

        Assert.Equal("at least 80.0%", floor);
        Assert.Equal("at most 0:30", ceiling);
    }

    [Theory]
    [InlineData(true, "met")]
    [InlineData(false, "not met")]
    [InlineData(null, "")]
    public void Met_InWords(bool? met, string expected) => Assert.Equal(expected, KpiFormat.Met(met));
}
