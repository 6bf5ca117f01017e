using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Switchboard.Browser.Tests;

/// <summary>
/// A client's own website on another loopback port (so another origin): one page that embeds the chat widget with
/// the single script tag a client is told to add, as a real shop's page would.
/// </summary>
public sealed class ShopSite : IAsyncDisposable
{
    private readonly WebApplication app;

    private ShopSite(WebApplication app, Uri address)
    {
        this.app = app;
        Address = address;
    }

    public Uri Address { get; }

    /// <summary>The site's origin as a widget's allowed origins name it, e.g. <c>http://127.0.0.1:40123</c>.</summary>
    public string Origin => Address.GetLeftPart(UriPartial.Authority);

    public static async Task<ShopSite> StartAsync(LiveServer centre, string widget = "acme-web")
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var script = new Uri(centre.Address, "/chat/widget.js");
        app.MapGet("/", () => Results.Content($"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>ACME shop</title></head>
            <body><main><h1>ACME shop</h1><p>Everything for your home.</p></main>
            <script src="{script}" data-widget="{widget}" async></script></body></html>
            """, "text/html; charset=utf-8"));
        await app.StartAsync();
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new ShopSite(app, new Uri(bound.EndsWith('/') ? bound : bound + "/"));
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
