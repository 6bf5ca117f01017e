namespace Switchboard.Calendars;

/// <summary>
/// The business calendars service-level clocks may name, each as one shared <see cref="BusinessTimeline"/>: a client's
/// or a queue's opening hours under a name the host chooses (for example the client's id).
/// </summary>
public sealed class BusinessCalendars
{
    readonly Dictionary<string, (BusinessTimeline Hours, BusinessTimeline Dates)> byName = new(StringComparer.Ordinal);

    /// <summary>Names <paramref name="hours"/> (replacing any calendar of that name) and returns its timeline.</summary>
    public BusinessTimeline Add(string name, OpeningHours hours)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var timeline = new BusinessTimeline(hours);
        byName[name] = (timeline, BusinessTimeline.BusinessDates(hours));
        return timeline;
    }

    /// <summary>The timeline of a named calendar; null names a calendar that is always open.</summary>
    /// <exception cref="KeyNotFoundException">No calendar has that name.</exception>
    public BusinessTimeline For(string? name) => Find(name).Hours;

    /// <summary>The whole-business-date timeline of a named calendar (<see cref="BusinessTimeline.BusinessDates"/>);
    /// null names a calendar that is always open, whose every day counts.</summary>
    /// <exception cref="KeyNotFoundException">No calendar has that name.</exception>
    public BusinessTimeline DatesFor(string? name) => Find(name).Dates;

    (BusinessTimeline Hours, BusinessTimeline Dates) Find(string? name) =>
        name is null ? (BusinessTimeline.AlwaysOpen, BusinessTimeline.AlwaysOpen)
        : byName.TryGetValue(name, out var timelines) ? timelines
        : throw new KeyNotFoundException($"No business calendar is named '{name}'.");
}
