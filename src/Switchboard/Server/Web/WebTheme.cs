using MudBlazor;

namespace Switchboard.Server.Web;

/// <summary>The screens' look: MudBlazor's light palette with colours dark enough for WCAG 2.1 AA text contrast, and the
/// system's own fonts (the server loads nothing from elsewhere).</summary>
internal static class WebTheme
{
    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1f4e8c",
            Secondary = "#5b3f8c",
            Success = "#1b6b2f",
            Warning = "#8a5100",
            Error = "#b3261e",
            Info = "#125f8a",
            AppbarBackground = "#1f4e8c",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = ["system-ui", "-apple-system", "Segoe UI", "Roboto", "Helvetica Neue", "Arial", "sans-serif"] },
        },
    };
}
