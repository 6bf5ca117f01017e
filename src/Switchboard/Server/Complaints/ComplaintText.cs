using System.Globalization;

namespace Switchboard.Server.Complaints;

/// <summary>The complaint screens' words for the API's names, times and durations.</summary>
internal static class ComplaintText
{
    public static string Status(string status) => status switch
    {
        "received" => "Received",
        "acknowledged" => "Acknowledged",
        "underInvestigation" => "Under investigation",
        "responseProposed" => "Response proposed",
        "responseSent" => "Response sent",
        "closedAccepted" => "Closed, accepted",
        "closedUnaccepted" => "Closed, not accepted",
        _ => status,
    };

    public static string Category(string category) => category switch
    {
        "clientProductOrService" => "Client's product or service",
        "centreConduct" => "Centre's conduct",
        _ => category,
    };

    public static string Utc(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC";

    /// <summary>Time left, or how far past, in days, hours and minutes (in the target's own timekeeping).</summary>
    public static string Remaining(TimeSpan left)
    {
        var span = left.Duration();
        var text = span.TotalDays >= 1
            ? string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalDays} d {span.Hours} h")
            : string.Create(CultureInfo.InvariantCulture, $"{span.Hours} h {span.Minutes:00} min");
        return left < TimeSpan.Zero ? text + " over" : text + " left";
    }
}
