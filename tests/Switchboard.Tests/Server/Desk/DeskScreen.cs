using Bunit;
using MudBlazor.Services;

namespace Switchboard.Tests.Server.Desk;

/// <summary>What the desk's component tests share: the instant they happen at, and a bUnit context with the component library.</summary>
internal static class DeskScreen
{
    /// <summary>Monday 2026-11-02 09:00 UTC, as in the server tests.</summary>
    public static readonly DateTimeOffset Nine = TestApp.Start;

    public static BunitContext Context()
    {
        var context = new BunitContext();
        context.Services.AddMudServices();
        // The panel's forms call the server's screen services only when used; rendering needs them to exist.
        context.Services.AddAuthorizationCore();
        context.Services.AddSingleton<Switchboard.Server.Complaints.ComplaintScreens>();
        context.Services.AddSingleton<Switchboard.Server.Email.CaseScreens>();
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        return context;
    }
}
