using System.Globalization;

namespace Switchboard.Contracts;

/// <summary>
/// One period a client is reported on, in the client's local dates: an ISO week (Monday to Sunday), a calendar month
/// or a calendar quarter, [<see cref="First"/>, <see cref="End"/>). Its <see cref="Label"/> names it in reports and
/// URLs: <c>2026-W45</c>, <c>2026-11</c>, <c>2026-Q4</c>.
/// </summary>
public readonly record struct ReportingPeriod
{
    private ReportingPeriod(ReportingCadence cadence, DateOnly first, DateOnly end) => (Cadence, First, End) = (cadence, first, end);

    public ReportingCadence Cadence { get; }

    /// <summary>The period's first local date.</summary>
    public DateOnly First { get; }

    /// <summary>The local date after the period's last.</summary>
    public DateOnly End { get; }

    public string Label => Cadence switch
    {
        ReportingCadence.Weekly => string.Create(CultureInfo.InvariantCulture, $"{ISOWeek.GetYear(First.ToDateTime(TimeOnly.MinValue))}-W{ISOWeek.GetWeekOfYear(First.ToDateTime(TimeOnly.MinValue)):00}"),
        ReportingCadence.Quarterly => string.Create(CultureInfo.InvariantCulture, $"{First.Year}-Q{((First.Month - 1) / 3) + 1}"),
        _ => First.ToString("yyyy-MM", CultureInfo.InvariantCulture),
    };

    /// <summary>The period of <paramref name="cadence"/> that holds <paramref name="day"/>.</summary>
    public static ReportingPeriod Containing(ReportingCadence cadence, DateOnly day)
    {
        switch (cadence)
        {
            case ReportingCadence.Weekly:
                var monday = day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
                return new(cadence, monday, monday.AddDays(7));
            case ReportingCadence.Quarterly:
                var quarter = new DateOnly(day.Year, (((day.Month - 1) / 3) * 3) + 1, 1);
                return new(cadence, quarter, quarter.AddMonths(3));
            case ReportingCadence.Monthly:
                var month = new DateOnly(day.Year, day.Month, 1);
                return new(cadence, month, month.AddMonths(1));
            default:
                throw new ArgumentOutOfRangeException(nameof(cadence), cadence, "Not a reporting cadence.");
        }
    }

    /// <summary>The last whole period before <paramref name="today"/>: the one a report is due for.</summary>
    public static ReportingPeriod LastEnded(ReportingCadence cadence, DateOnly today) => Containing(cadence, Containing(cadence, today).First.AddDays(-1));

    /// <summary>Reads a label (<c>2026-W45</c>, <c>2026-11</c> or <c>2026-Q4</c>); false for anything else or a year outside 2000–2200.</summary>
    public static bool TryParse(string? label, out ReportingPeriod period)
    {
        period = default;
        if (string.IsNullOrEmpty(label) || label.Length < 7 || label[4] != '-'
            || !int.TryParse(label.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year) || year is < 2000 or > 2200)
        {
            return false;
        }

        var rest = label.AsSpan(5);
        if (rest.Length == 3 && rest[0] == 'W' && int.TryParse(rest[1..], NumberStyles.None, CultureInfo.InvariantCulture, out var week)
            && week >= 1 && week <= ISOWeek.GetWeeksInYear(year))
        {
            period = Containing(ReportingCadence.Weekly, DateOnly.FromDateTime(ISOWeek.ToDateTime(year, week, DayOfWeek.Monday)));
            return true;
        }

        if (rest.Length == 2 && rest[0] == 'Q' && rest[1] is >= '1' and <= '4')
        {
            period = Containing(ReportingCadence.Quarterly, new DateOnly(year, ((rest[1] - '1') * 3) + 1, 1));
            return true;
        }

        if (rest.Length == 2 && int.TryParse(rest, NumberStyles.None, CultureInfo.InvariantCulture, out var month) && month is >= 1 and <= 12)
        {
            period = Containing(ReportingCadence.Monthly, new DateOnly(year, month, 1));
            return true;
        }

        return false;
    }

    public override string ToString() => Label;
}
