using System.Globalization;
using Switchboard.Agents;
using Switchboard.Contacts;

namespace Switchboard.Server.Desk;

/// <summary>How the desk says durations, presences and channels in words (English, invariant digits).</summary>
internal static class DeskText
{
    /// <summary>A duration as "1 h 02 min", "4 min 05 s" or "12 s"; negative durations read as zero.</summary>
    public static string Duration(TimeSpan span)
    {
        if (span < TimeSpan.Zero)
        {
            span = TimeSpan.Zero;
        }

        return span.TotalHours >= 1
            ? string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalHours} h {span.Minutes:00} min")
            : span.TotalMinutes >= 1
                ? string.Create(CultureInfo.InvariantCulture, $"{span.Minutes} min {span.Seconds:00} s")
                : string.Create(CultureInfo.InvariantCulture, $"{span.Seconds} s");
    }

    public static string PresenceName(Presence presence) => presence switch
    {
        Presence.Offline => "Offline",
        Presence.Available => "Available",
        Presence.Busy => "Busy",
        Presence.WrapUp => "Wrap-up",
        Presence.Break => "On break",
        Presence.NotResponding => "Not responding",
        _ => presence.ToString(),
    };

    public static string ChannelName(Channel channel) => channel switch
    {
        Channel.Voice => "Voice call",
        Channel.Chat => "Chat",
        Channel.Email => "Email",
        Channel.Sms => "SMS",
        Channel.Messaging => "Messaging",
        Channel.Callback => "Callback",
        _ => channel.ToString(),
    };

    public static string StateName(ContactState state) => state switch
    {
        ContactState.Connected => "Connected",
        ContactState.WrapUp => "Wrap-up",
        ContactState.CallbackPending => "Callback pending",
        _ => state.ToString(),
    };

    public static string CustomerKeyName(CustomerKeyKind kind) => kind switch
    {
        CustomerKeyKind.Phone => "phone",
        CustomerKeyKind.Email => "email",
        _ => "reference",
    };
}
