using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.Extensions.Options;

namespace Switchboard.Server.Chat;

/// <summary>
/// CORS for the customer chat API: each widget's own allowed origins. The widget comes from the route (<c>{widget}</c>,
/// or the widget of conversation <c>{id}</c>); an unknown one allows no origin. Other policy names go to the default provider.
/// </summary>
internal sealed class ChatCors(IOptions<CorsOptions> options, ChatWidgets widgets, ChatConversations conversations) : ICorsPolicyProvider
{
    public const string Policy = "chat-widget";

    private static readonly CorsPolicy None = new CorsPolicyBuilder().Build();

    private readonly DefaultCorsPolicyProvider fallback = new(options);

    public async Task<CorsPolicy?> GetPolicyAsync(HttpContext context, string? policyName)
    {
        if (!string.Equals(policyName, Policy, StringComparison.Ordinal))
        {
            return await fallback.GetPolicyAsync(context, policyName);
        }

        var route = context.Request.RouteValues;
        var cancellationToken = context.RequestAborted;
        var widget = route["widget"] is string id
            ? await widgets.FindAsync(id, cancellationToken)
            : route["id"] is string text && Guid.TryParse(text, out var conversation) && await conversations.FindAsync(conversation, cancellationToken) is { } found
                ? await widgets.FindAsync(found.Widget, cancellationToken)
                : null;
        if (widget is null || widget.Origins.Count == 0)
        {
            return None;
        }

        return new CorsPolicyBuilder()
            .WithOrigins([.. widget.Origins])
            .WithMethods(HttpMethods.Get, HttpMethods.Post)
            .WithHeaders("Authorization", "Content-Type", "Last-Event-ID")
            .SetPreflightMaxAge(TimeSpan.FromMinutes(10))
            .Build();
    }
}
