using System.Globalization;
using System.Text.RegularExpressions;
using Switchboard.Planning.Staffing;

namespace Switchboard.Staffing;

/// <summary>How the staffing commands read durations, targets, models and definitions from the command line and CSV files.</summary>
internal static partial class StaffingArguments
{
    /// <summary>Exit code for input the command cannot use.</summary>
    public const int InvalidInput = 2;

    /// <summary>The service-level definitions by their command-line names.</summary>
    public static IReadOnlyDictionary<string, ServiceLevelDefinition> Definitions { get; } = new Dictionary<string, ServiceLevelDefinition>(StringComparer.Ordinal)
    {
        ["all-arrivals"] = ServiceLevelDefinition.AllArrivals,
        ["answered"] = ServiceLevelDefinition.Answered,
        ["excluding-abandons"] = ServiceLevelDefinition.ExcludingAbandons,
        ["excluding-abandons-within-threshold"] = ServiceLevelDefinition.ExcludingAbandonsWithinThreshold,
        ["abandons-within-threshold-met"] = ServiceLevelDefinition.AbandonsWithinThresholdMet,
    };

    public static string NameOf(ServiceLevelDefinition definition) => Definitions.First(d => d.Value == definition).Key;

    /// <summary>A duration: a non-negative number with an optional unit, <c>ms</c>, <c>s</c> (the default), <c>m</c> or <c>h</c>: 30m, 180s, 1h, 90.</summary>
    public static bool TryParseDuration(string? text, out TimeSpan duration, out string problem)
    {
        duration = TimeSpan.Zero;
        var match = DurationPattern().Match(text ?? "");
        if (!match.Success)
        {
            problem = $"'{text}' is not a duration: write a number with an optional unit ms, s, m or h (30m, 180s, 1h; plain numbers are seconds)";
            return false;
        }

        var amount = double.Parse(match.Groups["amount"].Value, CultureInfo.InvariantCulture);
        var seconds = match.Groups["unit"].Value switch
        {
            "ms" => amount / 1000,
            "" or "s" => amount,
            "m" => amount * 60,
            _ => amount * 3600,
        };
        if (seconds > TimeSpan.FromDays(365).TotalSeconds)
        {
            problem = $"'{text}' is longer than a year";
            return false;
        }

        duration = TimeSpan.FromSeconds(seconds);
        problem = "";
        return true;
    }

    /// <summary>A service-level target, percent/threshold: <c>80/20s</c>, <c>90/30</c> (seconds by default), <c>95.5/1m</c>.</summary>
    public static bool TryParseTarget(string? text, out ServiceLevelTarget target, out string problem)
    {
        target = default;
        var parts = (text ?? "").Split('/');
        if (parts.Length != 2 || !double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var percent))
        {
            problem = $"'{text}' is not a target: write percent/threshold, e.g. 80/20s";
            return false;
        }

        if (!TryParseDuration(parts[1], out var threshold, out problem))
        {
            return false;
        }

        return TryTarget(percent, threshold, out target, out problem);
    }

    /// <summary>A target from a percent (0 up to, not including, 100) and a threshold.</summary>
    public static bool TryTarget(double percent, TimeSpan threshold, out ServiceLevelTarget target, out string problem)
    {
        target = default;
        if (!(percent is >= 0 and < 100))
        {
            problem = $"the target percent must be from 0 up to (not including) 100, not {percent.ToString(CultureInfo.InvariantCulture)}";
            return false;
        }

        target = new ServiceLevelTarget(percent / 100, threshold);
        problem = "";
        return true;
    }

    public static bool TryParseDefinition(string? text, out ServiceLevelDefinition definition, out string problem)
    {
        if (Definitions.TryGetValue(text ?? "", out definition))
        {
            problem = "";
            return true;
        }

        problem = $"'{text}' is not a service-level definition: use one of {string.Join(", ", Definitions.Keys)}";
        return false;
    }

    [GeneratedRegex(@"^\s*(?<amount>\d+(\.\d+)?)\s*(?<unit>ms|s|m|h)?\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex DurationPattern();
}
