using System.Text.Encodings.Web;

namespace Switchboard.Server.Chat;

/// <summary>
/// The hosted chat page, <c>/chat/{widget}</c>: for a client without a website of its own to embed the widget in (or a
/// link in an email or an app). A plain HTML page that runs the same widget script, inline, so the customer gets the
/// same chat either way.
/// </summary>
internal static class ChatPage
{
    public static void Map(WebApplication app) =>
        app.MapGet("/chat/{widget}", ShowAsync).AllowAnonymous().ExcludeFromDescription();

    private static async Task<IResult> ShowAsync(string widget, ChatWidgets widgets, CancellationToken cancellationToken)
    {
        var entry = await widgets.FindAsync(widget, cancellationToken);
        var html = HtmlEncoder.Default;
        if (entry is null)
        {
            return Results.Content(
                Page("Chat not found", "<h1>Chat not found</h1><p>There is no chat at this address. Check the link you were given.</p>"),
                "text/html; charset=utf-8", statusCode: StatusCodes.Status404NotFound);
        }

        var name = html.Encode(entry.DisplayName);
        return Results.Content(Page(entry.DisplayName + " · chat",
            $"""
            <h1 class="chat-title">{name}</h1>
            <div id="switchboard-chat"></div>
            <script src="/chat/widget.js" data-widget="{html.Encode(entry.Id)}" data-mode="inline" data-target="switchboard-chat"></script>
            """), "text/html; charset=utf-8");
    }

    private static string Page(string title, string body) =>
        $"""
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{HtmlEncoder.Default.Encode(title)}</title>
        <link rel="stylesheet" href="/chat/page.css">
        </head>
        <body>
        <main>
        {body}
        </main>
        </body>
        </html>
        """;
}
