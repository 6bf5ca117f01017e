using Switchboard.Planning.Forecasting;

namespace Switchboard.Tests.Forecasting;

public class SeasonalGridTests
{
    [Fact]
    public void For_TuesdayAfternoonAtUtcPlusTwo_PlacesTheFirstIntervalInTheLocalWeek()
    {
        // 2024-01-02 is a Tuesday; 13:30 UTC is 15:30 local at UTC+02:00: half-hour 31 of Tuesday.
        var start = new DateTimeOffset(2024, 1, 2, 13, 30, 0, TimeSpan.Zero);

        var grid = SeasonalGrid.For(start, TimeSpan.FromMinutes(30), TimeSpan.FromHours(2));

        Assert.Equal(48 + 31, grid.FirstSlotOfWeek);
        Assert.Equal(31, grid.SlotOfDay(0));
        Assert.Equal(1, grid.Weekday(0));
        Assert.Equal(-31, grid.DayStart(0));
        Assert.Equal(1, grid.Day(17));
        Assert.Equal(0, grid.SlotOfDay(17));
        Assert.Equal(2, grid.Weekday(grid.Day(17)));
    }

    [Fact]
    public void For_StartOffTheIntervalGrid_Throws()
    {
        var start = new DateTimeOffset(2024, 1, 2, 13, 10, 0, TimeSpan.Zero);

        Assert.Throws<ArgumentException>(() => SeasonalGrid.For(start, TimeSpan.FromMinutes(30), TimeSpan.Zero));
    }

    [Fact]
    public void Shift_ByAWeek_IsTheSameGrid()
    {
        var grid = SeasonalGrid.For(new DateTimeOffset(2024, 1, 5, 7, 0, 0, TimeSpan.Zero), TimeSpan.FromHours(1), TimeSpan.Zero);

        Assert.Equal(grid, grid.Shift(7 * 24));
        Assert.Equal(grid.SlotOfWeek(5), grid.Shift(5).FirstSlotOfWeek);
    }
}
