namespace Switchboard;

/// <summary>Temporary.</summary>
public static class Placeholder
{
    /// <summary>Temporary.</summary>
    public static int Two => 2;
}
