using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Switchboard.Persistence;

/// <summary>Stores an instant as UTC ticks: SQLite cannot order <see cref="DateTimeOffset"/> text, and a long sorts the
/// same on every provider. Reads come back with offset zero (every stored instant is UTC).</summary>
internal sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
    value => value.UtcTicks,
    ticks => new DateTimeOffset(ticks, TimeSpan.Zero));
