using System.Globalization;
using Switchboard.Planning.Forecasting;

namespace Switchboard.Forecast;

/// <summary>
/// Reads special days: <c>date,kind,value[,queue]</c> with date <c>yyyy-MM-dd</c> (a local day), kind <c>closed</c>,
/// <c>like</c> (value: a weekday, e.g. Sunday) or <c>campaign</c> (value: a factor, e.g. 1.3); an empty or missing
/// queue means every queue.
/// </summary>
internal static class SpecialDaysCsv
{
    /// <summary>A special day and the queue it applies to (null: all).</summary>
    public sealed record Entry(SpecialDay Day, string? Queue);

    public static IReadOnlyList<Entry> Read(string path, TextReader text)
    {
        using var reader = HistoryCsv.Open(text);
        var header = reader.Header;
        int Column(string name) => HistoryCsv.RequiredColumn(header, name, path, "date,kind,value[,queue]");

        var dateColumn = Column("date");
        var kindColumn = Column("kind");
        var valueColumn = Column("value");
        var queueColumn = header.TryIndexOf("queue", out var q) ? q : -1;
        var entries = new List<Entry>();
        foreach (var row in reader)
        {
            var line = row.LineNumberFrom;
            var fields = HistoryCsv.Fields(row);
            string Field(int column) => column >= 0 && column < fields.Length ? fields[column] : "";

            var dateText = Field(dateColumn);
            if (!DateOnly.TryParseExact(dateText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                throw new ForecastInputException($"{path}: row {line}, field date: '{dateText}' is not a date (yyyy-MM-dd).");
            }

            var value = Field(valueColumn);
            SpecialDay day = Field(kindColumn).ToLowerInvariant() switch
            {
                "closed" => new SpecialDay.Closed(date),
                "like" => Enum.TryParse<DayOfWeek>(value, ignoreCase: true, out var weekday) && Enum.IsDefined(weekday) && !value.Any(char.IsDigit)
                    ? new SpecialDay.LikeWeekday(date, weekday)
                    : throw new ForecastInputException($"{path}: row {line}, field value: '{value}' is not a weekday (Monday … Sunday)."),
                "campaign" => double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var factor) && double.IsFinite(factor) && factor >= 0
                    ? new SpecialDay.Campaign(date, factor)
                    : throw new ForecastInputException($"{path}: row {line}, field value: '{value}' is not a factor (a number, at least 0)."),
                var other => throw new ForecastInputException($"{path}: row {line}, field kind: '{other}' is not closed, like or campaign."),
            };
            var queue = Field(queueColumn);
            entries.Add(new Entry(day, queue.Length == 0 ? null : queue));
        }

        return entries;
    }
}
