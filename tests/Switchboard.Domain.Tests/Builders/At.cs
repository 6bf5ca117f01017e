namespace Switchboard.Tests.Builders;

/// <summary>Fixed UTC instants, so that no test reads the machine clock.</summary>
public static class At
{
    /// <summary>Eight o'clock UTC on a Monday: when centres are configured and agents sign in.</summary>
    public static readonly DateTimeOffset Eight = new(2026, 11, 30, 8, 0, 0, TimeSpan.Zero);

    /// <summary>Nine o'clock UTC on the same Monday: when contacts start arriving.</summary>
    public static readonly DateTimeOffset Nine = Eight.AddHours(1);
}
