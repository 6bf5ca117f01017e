namespace Switchboard.Planning.Forecasting;

/// <summary>
/// A day the client announced as unlike its weekday: a holiday, a day that behaves like another weekday, a campaign.
/// In the forecast period it changes the forecast; in the history it is left out of fitting (see docs/forecasting.md).
/// </summary>
/// <remarks>
/// <see cref="Date"/> is a day of the centre's own calendar: it runs from local midnight to local midnight at
/// <see cref="ForecastOptions.UtcOffset"/>.
/// </remarks>
public abstract record SpecialDay
{
    private SpecialDay(DateOnly date) => Date = date;

    /// <summary>The local day this applies to.</summary>
    public DateOnly Date { get; }

    /// <summary>The centre is closed: the forecast is zero all day.</summary>
    public sealed record Closed(DateOnly Day) : SpecialDay(Day);

    /// <summary>The day follows another weekday's pattern (a bank holiday that looks like a Sunday, say).</summary>
    public sealed record LikeWeekday(DateOnly Day, DayOfWeek Weekday) : SpecialDay(Day);

    /// <summary>A campaign: the day's forecast volume is multiplied by <see cref="Factor"/> (finite, at least 0; 1.3 means 30% more).</summary>
    public sealed record Campaign : SpecialDay
    {
        public Campaign(DateOnly day, double factor)
            : base(day)
        {
            if (!double.IsFinite(factor) || factor < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(factor), factor, "A campaign factor is finite and at least 0.");
            }

            Factor = factor;
        }

        public double Factor { get; }
    }
}
