using System.Globalization;

namespace Switchboard.Benchmarks;

/// <summary>The quick modes' command-line options: "--name value".</summary>
public static class QuickOptions
{
    /// <summary>The whole number after <paramref name="name"/>, or <paramref name="fallback"/> when it is not given.</summary>
    public static int Number(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
