namespace Switchboard.Planning.Forecasting;

/// <summary>
/// Where each interval of a series falls in the centre's local week: interval <c>i</c> is slot
/// <c>(FirstSlotOfWeek + i) mod IntervalsPerWeek</c> of the week, slot 0 being Monday's first interval after local midnight.
/// Local day 0 is the day holding interval 0.
/// </summary>
internal readonly record struct SeasonalGrid(int IntervalsPerDay, int FirstSlotOfWeek)
{
    public int IntervalsPerWeek => 7 * IntervalsPerDay;

    /// <summary>The slot of the day of interval 0 (how many intervals of day 0 precede the series).</summary>
    public int FirstSlotOfDay => FirstSlotOfWeek % IntervalsPerDay;

    public static SeasonalGrid For(DateTimeOffset start, TimeSpan intervalLength, TimeSpan utcOffset)
    {
        var local = start.UtcDateTime + utcOffset;
        if (local.TimeOfDay.Ticks % intervalLength.Ticks != 0)
        {
            throw new ArgumentException("Intervals start on the local day's interval grid: the start and the UTC offset are whole numbers of intervals.", nameof(start));
        }

        var perDay = (int)(TimeSpan.TicksPerDay / intervalLength.Ticks);
        var weekday = ((int)local.DayOfWeek + 6) % 7;
        return new SeasonalGrid(perDay, (weekday * perDay) + (int)(local.TimeOfDay.Ticks / intervalLength.Ticks));
    }

    public int SlotOfWeek(int index) => (FirstSlotOfWeek + index) % IntervalsPerWeek;

    public int SlotOfDay(int index) => (FirstSlotOfDay + index) % IntervalsPerDay;

    /// <summary>The local day of interval <paramref name="index"/> (≥ 0).</summary>
    public int Day(int index) => (FirstSlotOfDay + index) / IntervalsPerDay;

    /// <summary>The index of local day <paramref name="day"/>'s first interval (negative for day 0 when the series starts mid-day).</summary>
    public int DayStart(int day) => (day * IntervalsPerDay) - FirstSlotOfDay;

    /// <summary>The weekday of local day <paramref name="day"/>, 0 for Monday.</summary>
    public int Weekday(int day) => ((FirstSlotOfWeek / IntervalsPerDay) + day) % 7;

    /// <summary>The same grid for a series that starts <paramref name="offset"/> intervals later.</summary>
    public SeasonalGrid Shift(int offset) => this with { FirstSlotOfWeek = SlotOfWeek(offset) };

    public static int MondayBased(DayOfWeek weekday) => ((int)weekday + 6) % 7;
}
