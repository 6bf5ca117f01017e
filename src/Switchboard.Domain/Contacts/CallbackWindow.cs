namespace Switchboard.Contacts;

/// <summary>The period a customer chose for a scheduled callback: from <see cref="Start"/> (included) to <see cref="End"/> (excluded), UTC.</summary>
public readonly record struct CallbackWindow
{
    public CallbackWindow(DateTimeOffset start, DateTimeOffset end)
    {
        if (start.Offset != TimeSpan.Zero || end.Offset != TimeSpan.Zero)
        {
            throw new ArgumentException("Callback windows are given in UTC.", nameof(start));
        }

        if (end <= start)
        {
            throw new ArgumentException("A callback window ends after it starts.", nameof(end));
        }

        Start = start;
        End = end;
    }

    public DateTimeOffset Start { get; }

    public DateTimeOffset End { get; }

    public bool Contains(DateTimeOffset instant) => instant >= Start && instant < End;
}
